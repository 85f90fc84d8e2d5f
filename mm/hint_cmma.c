// SPDX-License-Identifier: GPL-2.0
/*
 * Strategy "cmma": what Linux 6.1 does on s390 (arch/s390/mm/page-states.c
 * arch_free_page/arch_alloc_page). Every free hints its 2^order pages
 * unused in one call, per-cpu frees and boot included; every allocation
 * hints them stable. No guest-side state is kept.
 */
#include <linux/mm.h>
#include "internal.h"

static void cmma_free_prepare(struct page *page, unsigned int order)
{
	page_set_unused(page, order);
}

static void cmma_post_alloc(struct page *page, unsigned int order)
{
	page_set_stable(page, order);
}

/* Free pages are unused at the host, pages in use stable. */
static const char *cmma_check_page(struct page *page, struct page *head,
				   unsigned int host)
{
	unsigned int usage = host & PAGE_STATE_RES_USAGE_MASK;

	(void)page;
	if (head && usage != PAGE_STATE_RES_UNUSED)
		return "free page not unused at the host under cmma";
	return NULL;
}

const struct hint_strategy_ops hint_cmma_ops = {
	.name = "cmma",
	.free_prepare = cmma_free_prepare,
	.post_alloc = cmma_post_alloc,
	.check_page = cmma_check_page,
};
