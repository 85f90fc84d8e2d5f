// SPDX-License-Identifier: GPL-2.0
/* Finding a program in $PATH (see program.h). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "program.h"

static int executable(const char *path)
{
	struct stat st;

	if (stat(path, &st) < 0)
		return errno;
	if (S_ISDIR(st.st_mode))
		return EACCES;
	return access(path, X_OK) < 0 ? errno : 0;
}

int ps_find_program(const char *name)
{
	const char *path = getenv("PATH"), *p, *colon;
	char buf[PATH_MAX];
	int err = ENOENT, e;
	size_t len;

	if (!*name)
		return ENOENT;
	if (strchr(name, '/'))
		return executable(name);
	if (!path)
		path = "/bin:/usr/bin";
	for (p = path;; p = colon + 1) {
		colon = strchr(p, ':');
		len = colon ? (size_t)(colon - p) : strlen(p);
		/* an empty entry is the current directory */
		if (snprintf(buf, sizeof(buf), "%.*s%s%s", (int)len, p,
			     len ? "/" : "", name) < (int)sizeof(buf)) {
			e = executable(buf);
			if (!e)
				return 0;
			if (e == EACCES)
				err = EACCES;
		}
		if (!colon)
			return err;
	}
}
