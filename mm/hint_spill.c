// SPDX-License-Identifier: GPL-2.0
/*
 * Strategy "spill" (DESIGN.md section 3 without volatile pages): pages on
 * the per-cpu lists are not hinted. They are hinted unused when they spill
 * to the buddy lists (one batch, zone lock held) or are freed there
 * directly, and stable when they leave the buddy lists (one batch per
 * refill, one call per direct allocation). Only pages hinted unused are
 * hinted stable again (PG_state_unused): never used memory is Sz at the
 * host and needs no hint, at boot or at its first allocation.
 *
 * "spill+volatile" frees and allocates the same way; its page cache part
 * is mm/page-states-volatile.c.
 */
#include <linux/mm.h>
#include "internal.h"

static void spill_free_block(struct zone *zone, struct page *page,
			     unsigned int order)
{
	(void)zone;
	pages_mark_unused(page, order);
}

static void spill_spill_batch(struct zone *zone,
			      const struct pcp_block *blocks, unsigned int nr)
{
	(void)zone;
	blocks_set_unused(blocks, nr);
}

static void spill_refill_batch(struct zone *zone,
			       const struct pcp_block *blocks, unsigned int nr)
{
	(void)zone;
	blocks_set_stable_if_unused(blocks, nr);
}

static void spill_alloc_block(struct zone *zone, struct page *page,
			      unsigned int order)
{
	(void)zone;
	page_set_stable_if_unused(page, order);
}

/* The guest's record and the host agree: PG_state_unused <=> unused. */
const char *hint_unused_check_page(struct page *page, struct page *head,
				   unsigned int host)
{
	bool unused = (host & PAGE_STATE_RES_USAGE_MASK) ==
		      PAGE_STATE_RES_UNUSED;

	if (!head)
		return NULL;
	if (PageStateUnused(page) && !unused)
		return "PG_state_unused page not unused at the host";
	if (!PageStateUnused(page) && unused)
		return "free page unused at the host without PG_state_unused";
	return NULL;
}

#define SPILL_OPS(strategy_name)				\
{								\
	.name = strategy_name,					\
	.free_block = spill_free_block,				\
	.spill_batch = spill_spill_batch,			\
	.refill_batch = spill_refill_batch,			\
	.alloc_block = spill_alloc_block,			\
	.check_page = hint_unused_check_page,				\
}

const struct hint_strategy_ops hint_spill_ops = SPILL_OPS("spill");
const struct hint_strategy_ops hint_spill_volatile_ops =
	SPILL_OPS("spill+volatile");
