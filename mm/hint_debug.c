// SPDX-License-Identifier: GPL-2.0
/*
 * What the debug checker (mm/debug_vm.c) expects of the host state under
 * each strategy. Userspace model only: a kernel cannot see its host.
 */
#include "internal.h"

/* No hints: every page stays stable at the host. */
static const char *none_check_page(unsigned int host)
{
	if ((host & PAGE_STATE_RES_USAGE_MASK) != PAGE_STATE_RES_STABLE)
		return "not stable at the host under strategy none";
	return NULL;
}

/* cmma: free pages are unused at the host, pages in use stable. */
static const char *cmma_check_page(struct page *head, unsigned int host)
{
	unsigned int usage = host & PAGE_STATE_RES_USAGE_MASK;

	if (head && usage != PAGE_STATE_RES_UNUSED)
		return "free page not unused at the host under cmma";
	return NULL;
}

/* spill, aging, report: the guest's record and the host agree. */
static const char *unused_check_page(struct page *page, struct page *head,
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

const char *hint_check_page(struct pglist_data *pgdat, struct page *page,
			    struct page *head, unsigned int host)
{
	switch (page_states_strategy(pgdat)) {
	case HINT_NONE:
		return none_check_page(host);
	case HINT_CMMA:
		return cmma_check_page(head, host);
	case HINT_SPILL:
	case HINT_SPILL_VOLATILE:
	case HINT_AGING:
	case HINT_ADAPTIVE:
		return unused_check_page(page, head, host);
	case HINT_REPORT:
		return page_reporting_check_page(page, head, host) ?:
		       unused_check_page(page, head, host);
	default:
		return NULL;
	}
}
