// SPDX-License-Identifier: GPL-2.0
/*
 * The run-time strategies: their names and the dispatch of the page
 * allocator's hooks (include/linux/page-states.h) to them. A switch on
 * the node's strategy, behind the page_states_key static branch: no
 * indirect calls on the allocation paths.
 */
#define pr_fmt(fmt) "page_states: " fmt

#include <linux/init.h>
#include <linux/string.h>
#include <linux/printk.h>
#include "page-states-internal.h"

static const char *const strategy_names[] = {
	[HINT_NONE] = "none",
	[HINT_CMMA] = "cmma",
	[HINT_SPILL] = "spill",
	[HINT_REPORT] = "report",
	[HINT_SPILL_VOLATILE] = "spill+volatile",
	[HINT_AGING] = "aging",
	[HINT_ADAPTIVE] = "adaptive",
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

	if (!strcmp(name, "off"))
		return HINT_NONE;
	for (s = 0; s < NR_HINT_STRATEGIES; s++)
		if (!strcmp(strategy_names[s], name))
			return (int)s;
	return -1;
}

/*
 * The strategies a kernel runs: "report" is the userspace model's, a
 * kernel reports free pages with mm/page_reporting.c and a driver;
 * "adaptive" needs CONFIG_PAGE_STATES_ADAPTIVE (page-states-internal.h).
 */
static bool kernel_strategy(int s)
{
	if (s == HINT_REPORT)
		return false;
	if (s == HINT_SPILL_VOLATILE)
		return IS_ENABLED(CONFIG_PAGE_STATES_VOLATILE);
	if (s == HINT_ADAPTIVE)
		return IS_ENABLED(CONFIG_PAGE_STATES_ADAPTIVE);
	return s >= 0;
}

static enum hint_strategy boot_strategy __initdata = HINT_SPILL;

static int __init page_states_param(char *str)
{
	int s = str ? hint_strategy_by_name(str) : -1;

	if (!kernel_strategy(s)) {
		pr_warn("page_states=%s: unknown, using %s\n", str ? str : "",
			strategy_names[boot_strategy]);
		return 0;
	}
	boot_strategy = s;
	return 0;
}
early_param("page_states", page_states_param);

int __init page_states_boot(const struct page_states_backend *backend)
{
	struct pglist_data *pgdat;
	int ret;

	for_each_online_pgdat(pgdat)
		pgdat->page_states.strategy = boot_strategy;
	ret = page_states_init(backend);
	pr_info("strategy %s, backend %s: %s\n",
		strategy_names[boot_strategy],
		backend ? backend->name : "none",
		ret ? "probe failed, no hints" :
		boot_strategy == HINT_NONE ? "probe ok, hints off" :
					     "probe ok, hints on");
	if (!ret && boot_strategy == HINT_NONE)
		ret = -ENODEV;
	return ret;
}

int page_states_node_init(struct pglist_data *pgdat)
{
	switch (pgdat->page_states.strategy) {
	case HINT_AGING:
		return hint_aging_init(pgdat);
	case HINT_ADAPTIVE:
		return hint_adaptive_init(pgdat);
	case HINT_SPILL_VOLATILE:
		return page_volatile_node_init(pgdat);
	default:
		return 0;
	}
}

void page_states_node_exit(struct pglist_data *pgdat)
{
	switch (pgdat->page_states.strategy) {
	case HINT_AGING:
		hint_aging_exit(pgdat);
		break;
	case HINT_ADAPTIVE:
		hint_adaptive_exit(pgdat);
		break;
	case HINT_SPILL_VOLATILE:
		page_volatile_node_exit(pgdat);
		break;
	default:
		break;
	}
}

/* Once the allocators are up: the strategy's state of the hinting nodes. */
static int __init page_states_late_init(void)
{
	struct pglist_data *pgdat;

	for_each_online_pgdat(pgdat)
		if (pgdat->page_states.backend &&
		    page_states_node_init(pgdat))
			pr_err("node %d: strategy %s: out of memory\n",
			       pgdat->node_id,
			       strategy_names[pgdat->page_states.strategy]);
	return 0;
}
core_initcall(page_states_late_init);

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
	case HINT_ADAPTIVE:
		hint_adaptive_free(zone, page, order);
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
	case HINT_ADAPTIVE:
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
	switch (zone_strategy(zone)) {
	case HINT_AGING:
		hint_aging_spilled(zone, batch);
		break;
	case HINT_ADAPTIVE:
		hint_adaptive_spilled(zone, batch);
		break;
	default:
		break;
	}
}

void __page_states_refill(struct zone *zone, struct page_states_batch *batch)
{
	unsigned int i;

	switch (zone_strategy(zone)) {
	case HINT_ADAPTIVE:
		for (i = 0; i < batch->nr; i++)
			hint_adaptive_reused(zone,
					     pfn_to_page(batch->req[i].pfn),
					     batch->req[i].order);
		batch_set_stable_if_unused(batch);
		break;
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
	case HINT_ADAPTIVE:
		hint_adaptive_reused(page_zone(page), page, order);
		page_set_stable_if_unused(page, order);
		break;
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
	enum hint_strategy s = zone_strategy(zone);

	return s == HINT_AGING || s == HINT_ADAPTIVE;
}
