// SPDX-License-Identifier: GPL-2.0
/*
 * The heap of the bare-metal image: from the end of the image to
 * bm_heap_end. malloc is first fit over a free list with a bump pointer
 * behind it; anonymous mmap hands out zeroed, page-aligned blocks from the
 * same heap. Blocks are never split or merged: the image allocates a few
 * long-lived tables and repeats the same sizes.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "baremetal.h"

/* runners give the machine 128 MiB; an image may move it before malloc */
uintptr_t bm_heap_end = 96UL << 20;
#define HDR		16UL		/* keeps 8-byte (and 16) alignment */

struct block {
	size_t size;			/* usable bytes after the header */
	struct block *next_free;
};

extern char _end[];
static uintptr_t heap_top;
static struct block *free_list;

static void *bump(size_t size, size_t align)
{
	uintptr_t p;

	if (!heap_top)
		heap_top = (uintptr_t)_end;
	p = (heap_top + align - 1) & ~(uintptr_t)(align - 1);
	if (p + size > bm_heap_end || p + size < p)
		return NULL;
	heap_top = p + size;
	return (void *)p;
}

void *malloc(size_t size)
{
	struct block **pp, *b;

	size = (size + HDR - 1) & ~(HDR - 1);
	for (pp = &free_list; (b = *pp); pp = &b->next_free) {
		if (b->size >= size && b->size <= 2 * size + 256) {
			*pp = b->next_free;
			return (char *)b + HDR;
		}
	}
	b = bump(HDR + size, HDR);
	if (!b)
		return NULL;
	b->size = size;
	return (char *)b + HDR;
}

void free(void *ptr)
{
	struct block *b;

	if (!ptr)
		return;
	b = (struct block *)((char *)ptr - HDR);
	b->next_free = free_list;
	free_list = b;
}

void *calloc(size_t nmemb, size_t size)
{
	size_t n = nmemb * size;
	void *p;

	if (size && n / size != nmemb)
		return NULL;
	p = malloc(n);
	if (p)
		memset(p, 0, n);
	return p;
}

void *realloc(void *ptr, size_t size)
{
	struct block *b;
	void *p;

	if (!ptr)
		return malloc(size);
	b = (struct block *)((char *)ptr - HDR);
	if (b->size >= size)
		return ptr;
	p = malloc(size);
	if (p) {
		memcpy(p, ptr, b->size);
		free(ptr);
	}
	return p;
}

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off)
{
	void *p;

	(void)addr, (void)prot, (void)off;
	if (!(flags & MAP_ANONYMOUS) || fd != -1)
		return MAP_FAILED;
	p = bump((len + 4095) & ~4095UL, 4096);
	if (!p)
		return MAP_FAILED;
	memset(p, 0, len);
	return p;
}

/* Mappings are not reused: the image maps its tables once. */
int munmap(void *addr, size_t len)
{
	(void)addr, (void)len;
	return 0;
}

/* Dropping a page's content: it reads back as zeroes, as on Linux. */
int madvise(void *addr, size_t len, int advice)
{
	if (advice == MADV_DONTNEED)
		memset(addr, 0, len);
	return 0;
}
