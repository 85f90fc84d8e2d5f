// SPDX-License-Identifier: GPL-2.0
/*
 * The rest of the libc subset: process end, environment and the file
 * calls, which fail (there is no file system). exit() and abort() halt
 * the machine with a disabled-wait PSW the runners recognise.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "baremetal.h"

int errno;

void abort(void)
{
	printf("PAGESTATES-RESULT: FAIL abort\n");
	bm_halt(BM_HALT_ABORT);
}

void exit(int status)
{
	bm_halt(status ? BM_HALT_FAIL : BM_HALT_PASS);
}

void bm_mutex_deadlock(void)
{
	printf("deadlock: a lock taken twice on the only cpu\n");
	abort();
}

char *getenv(const char *name)
{
	(void)name;
	return NULL;
}

unsigned long strtoul(const char *s, char **end, int base)
{
	unsigned long v = 0;

	if (base == 0)
		base = 10;
	for (; *s; s++) {
		int d = *s >= '0' && *s <= '9' ? *s - '0' :
			*s >= 'a' && *s <= 'z' ? *s - 'a' + 10 :
			*s >= 'A' && *s <= 'Z' ? *s - 'A' + 10 : 99;

		if (d >= base)
			break;
		v = v * (unsigned long)base + (unsigned long)d;
	}
	if (end)
		*end = (char *)s;
	return v;
}

static int no_files(void)
{
	errno = ENOSYS;
	return -1;
}

int close(int fd)
{
	(void)fd;
	return no_files();
}

ssize_t pread(int fd, void *buf, size_t n, off_t off)
{
	(void)fd, (void)buf, (void)n, (void)off;
	return no_files();
}

ssize_t pwrite(int fd, const void *buf, size_t n, off_t off)
{
	(void)fd, (void)buf, (void)n, (void)off;
	return no_files();
}

/* Only the console: fd 1 and 2. */
ssize_t write(int fd, const void *buf, size_t n)
{
	if (fd != 1 && fd != 2)
		return no_files();
	printf("%.*s", (int)n, (const char *)buf);
	return (ssize_t)n;
}

int unlink(const char *path)
{
	(void)path;
	return no_files();
}

int mkstemp(char *tmpl)
{
	(void)tmpl;
	return no_files();
}
