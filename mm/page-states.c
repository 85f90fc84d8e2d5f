// SPDX-License-Identifier: GPL-2.0
/*
 * Guest page-state hinting: the core.
 *
 * Every hint of every strategy goes through page_set_states(): it hands
 * the batch to the backend of the pages' node and counts the page-state
 * changes (vm event page_states_hints) and the backend calls
 * (page_states_batches). Without a backend, or when its probe failed,
 * nothing is issued and the hooks do nothing.
 */
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/vmstat.h>
#include <linux/page-states.h>
#include "page-states-internal.h"

DEFINE_STATIC_KEY_FALSE(page_states_key);

int page_states_init(const struct page_states_backend *backend)
{
	struct pglist_data *pgdat;
	int ret = -ENODEV;

	if (backend && backend->set_states)
		ret = backend->probe ? backend->probe() : 0;
	if (ret > 0)
		ret = -ENODEV;
	for_each_online_pgdat(pgdat) {
		pgdat->page_states.backend = ret ? NULL : backend;
		if (!ret && pgdat->page_states.strategy != HINT_NONE)
			static_branch_enable(&page_states_key);
	}
	return ret;
}

bool page_states_enabled(void)
{
	return NODE_DATA(numa_node_id())->page_states.backend;
}

enum hint_strategy page_states_strategy(struct pglist_data *pgdat)
{
	return pgdat->page_states.backend ? pgdat->page_states.strategy :
					    HINT_NONE;
}

void page_set_states(struct page_state_req *req, unsigned int nr)
{
	const struct page_states_backend *backend;

	if (!nr)
		return;
	backend = page_pgdat(pfn_to_page(req->pfn))->page_states.backend;
	if (!backend)
		return;
	page_states_point(PAGE_STATES_AT_BATCH);
	count_vm_events(PAGE_STATES_HINTS, backend->set_states(req, nr));
	count_vm_event(PAGE_STATES_BATCHES);
}

static void page_set_block(struct page *page, int order, u8 op)
{
	struct page_state_req req = {
		.pfn = page_to_pfn(page),
			.order = (u8)order,
		.op = op,
	};

	page_set_states(&req, 1);
}

void page_set_unused(struct page *page, int order)
{
	page_set_block(page, order, PAGE_STATE_UNUSED);
}

void page_set_stable(struct page *page, int order)
{
	page_set_block(page, order, PAGE_STATE_STABLE);
}

/*
 * Guest-side tracking for strategies that hint stable only what they had
 * hinted unused: PG_state_unused is set from the moment the unused hint
 * is issued until the stable hint. PG_hint_pending covers the window in
 * which the unused hint is being issued (the debug checker's "handed out
 * before its unused hint landed").
 */
static void mark_range(struct page *page, unsigned long nr)
{
	unsigned long i;

	for (i = 0; i < nr; i++) {
		SetPageHintPending(page + i);
		SetPageStateUnused(page + i);
	}
}

static void hint_landed(struct page *page, unsigned long nr)
{
	unsigned long i;

	for (i = 0; i < nr; i++)
		ClearPageHintPending(page + i);
}

/* The batch's pages, off the per-cpu lists, set unused in one call. */
void batch_set_unused(struct page_states_batch *batch)
{
	unsigned int i;

	page_states_point(PAGE_STATES_AT_SPILL);
	for (i = 0; i < batch->nr; i++) {
		batch->req[i].op = PAGE_STATE_UNUSED;
		mark_range(pfn_to_page(batch->req[i].pfn),
			   1UL << batch->req[i].order);
	}
	page_set_states(batch->req, batch->nr);
	for (i = 0; i < batch->nr; i++)
		hint_landed(pfn_to_page(batch->req[i].pfn),
			    1UL << batch->req[i].order);
}

void pages_mark_unused(struct page *page, unsigned int order)
{
	mark_range(page, 1UL << order);
	page_set_unused(page, order);
	hint_landed(page, 1UL << order);
}

unsigned long pages_count_unused(struct page *page, unsigned long nr)
{
	unsigned long i, unused = 0;

	for (i = 0; i < nr; i++)
		unused += PageStateUnused(page + i);
	return unused;
}

static void clear_unused(struct page *page, unsigned long nr)
{
	unsigned long i;

	for (i = 0; i < nr; i++)
		ClearPageStateUnused(page + i);
}

/*
 * The batch's pages left the buddy lists: the requests of blocks hinted
 * unused become stable requests, in place; the others are dropped. A
 * block hinted only in part gets its own requests.
 */
void batch_set_stable_if_unused(struct page_states_batch *batch)
{
	unsigned long size, unused;
	unsigned int i, nr = 0;
	struct page *page;

	for (i = 0; i < batch->nr; i++) {
		page = pfn_to_page(batch->req[i].pfn);
		size = 1UL << batch->req[i].order;
		unused = size == 1 ? TestClearPageStateUnused(page) :
				     pages_count_unused(page, size);
		if (!unused)
			continue;
		if (unused < size) {
			page_set_stable_if_unused(page, batch->req[i].order);
			continue;
		}
		if (size > 1)
			clear_unused(page, size);
		batch->req[nr] = batch->req[i];
		batch->req[nr++].op = PAGE_STATE_STABLE;
	}
	page_set_states(batch->req, nr);
}

static bool all_unused(struct page *page, unsigned long nr)
{
	return pages_count_unused(page, nr) == nr;
}

/*
 * A block: its pages hinted unused set stable, as few aligned requests as
 * the pattern allows (one for a block hinted whole).
 */
void page_set_stable_if_unused(struct page *page, unsigned int order)
{
	unsigned long i, nr = 1UL << order;
	struct page_states_batch b;
	unsigned int k;

	b.nr = 0;
	for (i = 0; i < nr; i += 1UL << k) {
		k = 0;
		if (!PageStateUnused(page + i))
			continue;
		while (k < order && !(i & ((2UL << k) - 1)) &&
		       all_unused(page + i + (1UL << k), 1UL << k))
			k++;
		clear_unused(page + i, 1UL << k);
		b.req[b.nr++] = (struct page_state_req){
			.pfn = page_to_pfn(page + i),
			.order = (u8)k,
			.op = PAGE_STATE_STABLE,
		};
		if (page_states_batch_full(&b)) {
			page_set_states(b.req, b.nr);
			b.nr = 0;
		}
	}
	page_set_states(b.req, b.nr);
}
