/* SPDX-License-Identifier: GPL-2.0 */
/* Page allocator entry points and allocation flags. */
#ifndef _LINUX_GFP_H
#define _LINUX_GFP_H

#include <linux/types.h>
#include <linux/mmzone.h>

#define __GFP_MOVABLE		0x01u
#define __GFP_RECLAIMABLE	0x02u
#define __GFP_ZERO		0x04u
#define GFP_KERNEL		0x00u
#define GFP_USER		0x00u
#define GFP_HIGHUSER_MOVABLE	__GFP_MOVABLE

struct page *alloc_pages(gfp_t gfp, unsigned int order);
void __free_pages(struct page *page, unsigned int order);

static inline struct page *alloc_page(gfp_t gfp)
{
	return alloc_pages(gfp, 0);
}

static inline void __free_page(struct page *page)
{
	__free_pages(page, 0);
}

void drain_local_pages(struct zone *zone);
void drain_all_pages(struct zone *zone);

#endif
