/* SPDX-License-Identifier: GPL-2.0 */
/*
 * struct page: one per 4 KiB guest page frame. A zero-filled struct page is
 * a valid "never touched, reserved for boot" page, so the memory map can be
 * reserved lazily (a 64 GiB guest only pays for what it touches).
 */
#ifndef _LINUX_MM_TYPES_H
#define _LINUX_MM_TYPES_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/atomic.h>

#define PAGE_SHIFT	12
#define PAGE_SIZE	(1UL << PAGE_SHIFT)

struct address_space;

struct page {
	unsigned long flags;		/* enum pageflags bits, atomic */
	struct list_head lru;		/* free list, per-cpu list or LRU */
	struct address_space *mapping;	/* page cache owner, or NULL */
	pgoff_t index;			/* offset in mapping; free: aging time */
	unsigned long private;		/* buddy: order of a free block */
	atomic_t _refcount;		/* 0 when free */
	atomic_t _mapcount;		/* user mappings (0: unmapped) */
};

#endif
