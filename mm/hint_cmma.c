// SPDX-License-Identifier: GPL-2.0
/*
 * Strategy "cmma": what Linux does on s390 without batching
 * (arch_free_page/arch_alloc_page): every free hints its 2^order pages
 * unused in one request, per-cpu frees and boot included; every
 * allocation hints them stable. No guest-side state is kept.
 */
#include "page-states-internal.h"

void hint_cmma_free(struct page *page, unsigned int order)
{
	if (page_states_strategy(page_pgdat(page)) == HINT_CMMA)
		page_set_unused(page, order);
}

/* op: PAGE_STATE_STABLE, or PAGE_STATE_STABLE_NODAT (s390) */
void hint_cmma_alloc(struct page *page, unsigned int order,
		     enum page_state_op op)
{
	struct page_state_req req = {
		.pfn = page_to_pfn(page),
		.order = (u8)order,
		.op = (u8)op,
	};

	if (page_states_strategy(page_pgdat(page)) == HINT_CMMA)
		page_set_states(&req, 1);
}
