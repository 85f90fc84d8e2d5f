// SPDX-License-Identifier: GPL-2.0
/*
 * The run-time hint strategies (DESIGN.md section 6): names and the ops
 * table of each. "none" hooks nothing.
 */
#include <string.h>
#include <linux/mm.h>
#include "internal.h"

/* No hints: every page stays stable at the host. */
static const char *none_check_page(struct page *page, struct page *head,
				   unsigned int host)
{
	(void)page;
	(void)head;
	if ((host & PAGE_STATE_RES_USAGE_MASK) != PAGE_STATE_RES_STABLE)
		return "not stable at the host under strategy none";
	return NULL;
}

const struct hint_strategy_ops hint_none_ops = {
	.name = "none",
	.check_page = none_check_page,
};

static const struct hint_strategy_ops *const strategies[] = {
	[HINT_NONE] = &hint_none_ops,
	[HINT_CMMA] = &hint_cmma_ops,
	[HINT_SPILL] = &hint_spill_ops,
	[HINT_REPORT] = &hint_report_ops,
	[HINT_SPILL_VOLATILE] = &hint_spill_volatile_ops,
	[HINT_AGING] = &hint_aging_ops,
};

const struct hint_strategy_ops *hint_strategy_ops_get(enum hint_strategy s)
{
	BUILD_BUG_ON(ARRAY_SIZE(strategies) != NR_HINT_STRATEGIES);
	return strategies[s];
}

const char *hint_strategy_name(enum hint_strategy strategy)
{
	if ((unsigned int)strategy >= NR_HINT_STRATEGIES)
		return NULL;
	return strategies[strategy]->name;
}

int hint_strategy_by_name(const char *name)
{
	unsigned int s;

	for (s = 0; s < NR_HINT_STRATEGIES; s++)
		if (!strcmp(strategies[s]->name, name))
			return (int)s;
	return -1;
}

void mm_tick(u64 now_ns)
{
	struct pglist_data *pgdat = current_pgdat;

	if (pgdat->hint_ops->tick)
		pgdat->hint_ops->tick(pgdat, now_ns);
}
