// SPDX-License-Identifier: GPL-2.0
/*
 * The file set the workload reads twice. Either a raw disk image (the
 * guest reads it through its block device, so the pages are page cache
 * of the device's inode) or a directory of files f00, f01, ... (the
 * initramfs). Image layout: page 0 a header line "E2EFILES seed nr
 * pages", then the files back to back. Every 8-byte word of a file's
 * page p is e2e_page_word(seed, file, p) + its index in the page, big
 * endian (the host makes the image, native or s390x alike), so a
 * reader checks what it got (a page the host dropped but the guest did
 * not reread would read zeros).
 */
#include <endian.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>

#include "e2e.h"

#define WORDS	(E2E_PAGE / sizeof(uint64_t))
#define CHUNK	16			/* pages per read */

uint64_t e2e_page_word(uint64_t seed, unsigned int file, unsigned long page)
{
	uint64_t s = seed ^ ((uint64_t)file << 40) ^ page;

	return e2e_rand(&s);
}

static void fill(uint64_t *w, uint64_t seed, unsigned int file,
		 unsigned long page)
{
	uint64_t base = e2e_page_word(seed, file, page);
	unsigned long i;

	for (i = 0; i < WORDS; i++)
		w[i] = htobe64(base + i);
}

static int write_all(int fd, const void *buf, size_t len, off_t off)
{
	const char *p = buf;

	while (len) {
		ssize_t n = pwrite(fd, p, len, off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		p += n;
		off += n;
		len -= n;
	}
	return 0;
}

static int write_file(int fd, off_t off, const struct e2e_params *p,
		      unsigned int file)
{
	static uint64_t page[WORDS];
	unsigned long pg;

	for (pg = 0; pg < p->file_pages; pg++) {
		fill(page, p->seed, file, pg);
		if (write_all(fd, page, E2E_PAGE, off + pg * E2E_PAGE))
			return -1;
	}
	return 0;
}

/* path ending in '/': a directory of files; otherwise an image */
int e2e_fileset_write(const char *path, const struct e2e_params *p)
{
	char name[4096], hdr[E2E_PAGE];
	size_t len = strlen(path);
	unsigned int f;
	int fd;

	if (len && path[len - 1] == '/') {
		if (mkdir(path, 0755) && errno != EEXIST)
			return -1;
		for (f = 0; f < p->nr_files; f++) {
			snprintf(name, sizeof(name), "%sf%02u", path, f);
			fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, 0644);
			if (fd < 0 || write_file(fd, 0, p, f) || close(fd))
				return -1;
		}
		return 0;
	}
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return -1;
	memset(hdr, 0, sizeof(hdr));
	snprintf(hdr, sizeof(hdr), "E2EFILES %" PRIu64 " %u %lu\n", p->seed,
		 p->nr_files, p->file_pages);
	if (write_all(fd, hdr, sizeof(hdr), 0))
		goto fail;
	for (f = 0; f < p->nr_files; f++)
		if (write_file(fd, (off_t)(1 + f * p->file_pages) * E2E_PAGE,
			       p, f))
			goto fail;
	return close(fd);
fail:
	close(fd);
	return -1;
}

static int check_pages(const uint64_t *buf, unsigned long n, uint64_t seed,
		       unsigned int file, unsigned long first)
{
	unsigned long i, w;

	for (i = 0; i < n; i++) {
		uint64_t base = e2e_page_word(seed, file, first + i);

		for (w = 0; w < WORDS; w++)
			if (be64toh(buf[i * WORDS + w]) != base + w)
				return -1;
	}
	return 0;
}

static int read_file(int fd, off_t off, const struct e2e_params *p,
		     unsigned int file, unsigned long *pages_read)
{
	static uint64_t buf[CHUNK * WORDS];
	unsigned long pg = 0;

	while (pg < p->file_pages) {
		unsigned long n = p->file_pages - pg;
		ssize_t got;

		if (n > CHUNK)
			n = CHUNK;
		got = pread(fd, buf, n * E2E_PAGE, off + pg * E2E_PAGE);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0 || got % E2E_PAGE)
			return -1;
		n = got / E2E_PAGE;
		if (check_pages(buf, n, p->seed, file, pg))
			return -1;
		pg += n;
		*pages_read += n;
	}
	return 0;
}

/* Reads and checks every file of the set once; -1 at the first error. */
int e2e_fileset_read(const char *path, const struct e2e_params *p,
		     unsigned long *pages_read)
{
	char name[4096], hdr[64];
	struct stat st;
	unsigned int f, nr;
	unsigned long pages;
	uint64_t seed;
	int fd, ret = 0;

	if (stat(path, &st))
		return -1;
	if (S_ISDIR(st.st_mode)) {
		for (f = 0; f < p->nr_files && !ret; f++) {
			snprintf(name, sizeof(name), "%s/f%02u", path, f);
			fd = open(name, O_RDONLY);
			if (fd < 0)
				return -1;
			ret = read_file(fd, 0, p, f, pages_read);
			close(fd);
		}
		return ret;
	}
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	memset(hdr, 0, sizeof(hdr));
	if (pread(fd, hdr, sizeof(hdr) - 1, 0) <= 0 ||
	    sscanf(hdr, "E2EFILES %" SCNu64 " %u %lu", &seed, &nr,
		   &pages) != 3 ||
	    seed != p->seed || nr != p->nr_files || pages != p->file_pages) {
		close(fd);
		errno = EINVAL;
		return -1;
	}
	for (f = 0; f < p->nr_files && !ret; f++)
		ret = read_file(fd, (off_t)(1 + f * p->file_pages) * E2E_PAGE,
				p, f, pages_read);
	close(fd);
	return ret;
}
