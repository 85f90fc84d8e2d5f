// SPDX-License-Identifier: GPL-2.0
/*
 * The run-time strategies: their names and the dispatch of the page
 * allocator's hooks (include/linux/page-states.h) to them. A switch on
 * the node's strategy, behind the page_states_key static branch: no
 * indirect calls on the allocation paths.
 */
#include <linux/string.h>
#include "page-states-internal.h"

static const char *const strategy_names[] = {
	[HINT_NONE] = "none",
	[HINT_CMMA] = "cmma",
	[HINT_SPILL] = "spill",
	[HINT_REPORT] = "report",
	[HINT_SPILL_VOLATILE] = "spill+volatile",
	[HINT_AGING] = "aging",
};

const char *hint_strategy_name(enum hint_strategy strategy)
{
	BUILD_BUG_ON(ARRAY_SIZE(strategy_names) != NR_HINT_STRATEGIES);
	if ((unsigned int)strategy >= NR_HINT_STRATEGIES)
		return NULL;
	return strategy_names[strategy];
}

int hint_strategy_by_name(const char *name)
{
	unsigned int s;

	for (s = 0; s < NR_HINT_STRATEGIES; s++)
		if (!strcmp(strategy_names[s], name))
			return (int)s;
	return -1;
}

enum hint_strategy page_states_strategy(struct pglist_data *pgdat)
{
	return pgdat->hint_backend ? pgdat->strategy : HINT_NONE;
}

static enum hint_strategy zone_strategy(struct zone *zone)
{
	return page_states_strategy(zone->zone_pgdat);
}

void __page_states_free_pages(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);

	switch (zone_strategy(zone)) {
	case HINT_SPILL:
	case HINT_SPILL_VOLATILE:
		hint_spill_free(page, order);
		break;
	case HINT_AGING:
		hint_aging_free(zone, page, order);
		break;
	default:
		break;
	}
}

bool __page_states_batch_add(struct page_states_batch *batch,
			     struct zone *zone, struct page *page,
			     unsigned int order)
{
	switch (zone_strategy(zone)) {
	case HINT_SPILL:
	case HINT_SPILL_VOLATILE:
	case HINT_AGING:
	case HINT_REPORT:	/* refill: reported pages are set stable */
		batch->req[batch->nr++] = (struct page_state_req){
			.pfn = page_to_pfn(page),
			.order = (u8)order,
		};
		return true;
	default:
		return false;
	}
}

void __page_states_spill(struct zone *zone, struct page_states_batch *batch)
{
	switch (zone_strategy(zone)) {
	case HINT_SPILL:
	case HINT_SPILL_VOLATILE:
		batch_set_unused(batch);
		break;
	default:
		break;
	}
}

void __page_states_spilled(struct zone *zone, struct page_states_batch *batch)
{
	if (zone_strategy(zone) == HINT_AGING)
		hint_aging_spilled(zone, batch);
}

void __page_states_refill(struct zone *zone, struct page_states_batch *batch)
{
	switch (zone_strategy(zone)) {
	case HINT_SPILL:
	case HINT_SPILL_VOLATILE:
	case HINT_AGING:
	case HINT_REPORT:
		batch_set_stable_if_unused(batch);
		break;
	default:
		break;
	}
}

void __page_states_alloc_pages(struct page *page, unsigned int order)
{
	switch (page_states_strategy(page_pgdat(page))) {
	case HINT_SPILL:
	case HINT_SPILL_VOLATILE:
	case HINT_AGING:
	case HINT_REPORT:
		page_set_stable_if_unused(page, order);
		break;
	default:
		break;
	}
}

bool __page_states_prefer_unhinted(struct zone *zone)
{
	return zone_strategy(zone) == HINT_AGING;
}
