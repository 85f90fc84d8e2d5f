/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Freestanding libc subset for the bare-metal image: sys/mman.h. Only
 * anonymous private mappings exist: zeroed, page-aligned heap memory.
 */
#ifndef _BM_SYS_MMAN_H
#define _BM_SYS_MMAN_H

#include <stddef.h>
#include <sys/types.h>

#define PROT_NONE	0x0
#define PROT_READ	0x1
#define PROT_WRITE	0x2
#define MAP_SHARED	0x01
#define MAP_PRIVATE	0x02
#define MAP_ANONYMOUS	0x20
#define MAP_NORESERVE	0x4000
#define MAP_FAILED	((void *)-1)
#define MADV_DONTNEED	4

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int munmap(void *addr, size_t len);
int madvise(void *addr, size_t len, int advice);

#endif
