/* SPDX-License-Identifier: GPL-2.0 */
/* Page allocator entry points and allocation flags. */
#ifndef _LINUX_GFP_H
#define _LINUX_GFP_H

#include <linux/types.h>
#include <linux/mmzone.h>
#include <linux/page-states.h>

#define __GFP_MOVABLE		0x01u
#define __GFP_RECLAIMABLE	0x02u
#define __GFP_ZERO		0x04u
#define GFP_KERNEL		0x00u
#define GFP_USER		0x00u
#define GFP_HIGHUSER_MOVABLE	__GFP_MOVABLE
#define GFP_MOVABLE_MASK	(__GFP_RECLAIMABLE | __GFP_MOVABLE)

/* The free lists an allocation takes its pages from [gfp_migratetype]. */
static inline int gfp_migratetype(gfp_t gfp)
{
	if (gfp & __GFP_MOVABLE)
		return MIGRATE_MOVABLE;
	if (gfp & __GFP_RECLAIMABLE)
		return MIGRATE_RECLAIMABLE;
	return MIGRATE_UNMOVABLE;
}

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

/* Order-0 (per-cpu list) free of a page without references. */
void free_unref_page(struct page *page, unsigned int order);

/*
 * The per-page hints of strategy cmma, where s390 gives them
 * (arch/s390/mm/page-states.c): every free unused, every allocation
 * stable. The model machine does the same for every backend.
 */
static inline void arch_free_page(struct page *page, int order)
{
	if (page_states_active())
		hint_cmma_free(page, (unsigned int)order);
}

static inline void arch_alloc_page(struct page *page, int order)
{
	if (page_states_active())
		hint_cmma_alloc(page, (unsigned int)order, PAGE_STATE_STABLE);
}

void drain_local_pages(struct zone *zone);
void drain_all_pages(struct zone *zone);
int drain_pages_idle(struct zone *zone, int cpu, int max);

#endif
