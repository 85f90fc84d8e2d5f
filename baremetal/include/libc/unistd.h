/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Freestanding libc subset for the bare-metal image: unistd.h. There is
 * no file system: file calls fail with ENOSYS (the host model's swap file
 * is never needed, the image runs its host without a memory limit).
 */
#ifndef _BM_UNISTD_H
#define _BM_UNISTD_H

#include <stddef.h>
#include <sys/types.h>

int close(int fd);
ssize_t pread(int fd, void *buf, size_t n, off_t off);
ssize_t pwrite(int fd, const void *buf, size_t n, off_t off);
ssize_t write(int fd, const void *buf, size_t n);
int unlink(const char *path);
int mkstemp(char *tmpl);

#endif
