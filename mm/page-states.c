// SPDX-License-Identifier: GPL-2.0
/*
 * Guest page-state hinting: the generic core.
 *
 * Every hint of every strategy goes through page_set_states(): it counts
 * hint_ops (page-state changes) and hint_calls (backend calls) for the
 * current guest, split into boot and workload, and hands the batch to the
 * backend the architecture supplied. Without a backend, or when its probe
 * failed, nothing is issued (the strategies still run).
 */
#include <errno.h>
#include <linux/mm.h>
#include <linux/page-states.h>
#include "internal.h"

/* Entries per backend call for the page-array forms (stack buffer). */
#define PAGE_STATES_BATCH_MAX	PCP_BULK_MAX

int page_states_init(const struct page_states_backend *backend)
{
	struct pglist_data *pgdat = current_pgdat;

	pgdat->hint_backend = NULL;
	if (!backend || !backend->set_states)
		return -ENODEV;
	if (backend->probe) {
		int ret = backend->probe();

		if (ret)
			return ret < 0 ? ret : -ENODEV;
	}
	pgdat->hint_backend = backend;
	return 0;
}

bool page_states_enabled(void)
{
	return current_pgdat->hint_backend != NULL;
}

void page_states_boot_done(void)
{
	__atomic_store_n(&current_pgdat->hint_boot_done, true,
			 __ATOMIC_RELEASE);
}

void page_states_get_stats(struct page_states_stats *stats)
{
	struct page_states_stats *s = &current_pgdat->hint_stats;

	stats->hint_ops = __atomic_load_n(&s->hint_ops, __ATOMIC_RELAXED);
	stats->hint_calls = __atomic_load_n(&s->hint_calls, __ATOMIC_RELAXED);
	stats->boot_hint_ops = __atomic_load_n(&s->boot_hint_ops,
					       __ATOMIC_RELAXED);
	stats->boot_hint_calls = __atomic_load_n(&s->boot_hint_calls,
						 __ATOMIC_RELAXED);
}

void page_states_reset_stats(void)
{
	struct page_states_stats *s = &current_pgdat->hint_stats;

	__atomic_store_n(&s->hint_ops, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&s->hint_calls, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&s->boot_hint_ops, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&s->boot_hint_calls, 0, __ATOMIC_RELAXED);
}

static void account_hints(struct pglist_data *pgdat, unsigned long ops)
{
	struct page_states_stats *s = &pgdat->hint_stats;

	if (__atomic_load_n(&pgdat->hint_boot_done, __ATOMIC_ACQUIRE)) {
		__atomic_fetch_add(&s->hint_ops, ops, __ATOMIC_RELAXED);
		__atomic_fetch_add(&s->hint_calls, 1, __ATOMIC_RELAXED);
	} else {
		__atomic_fetch_add(&s->boot_hint_ops, ops, __ATOMIC_RELAXED);
		__atomic_fetch_add(&s->boot_hint_calls, 1, __ATOMIC_RELAXED);
	}
}

void page_set_states(struct page_state_req *req, unsigned int nr)
{
	struct pglist_data *pgdat = current_pgdat;
	const struct page_states_backend *backend = pgdat->hint_backend;

	if (!backend || !nr)
		return;
	account_hints(pgdat, backend->set_states(req, nr));
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

static void page_set_batch(struct page **pages, unsigned int nr, u8 op)
{
	struct page_state_req req[PAGE_STATES_BATCH_MAX];
	unsigned int i, n;

	if (!current_pgdat->hint_backend)
		return;
	while (nr) {
		n = min(nr, PAGE_STATES_BATCH_MAX);
		for (i = 0; i < n; i++)
			req[i] = (struct page_state_req){
				.pfn = page_to_pfn(pages[i]),
				.op = op,
			};
		page_set_states(req, n);
		pages += n;
		nr -= n;
	}
}

void page_set_unused_batch(struct page **pages, unsigned int nr)
{
	page_set_batch(pages, nr, PAGE_STATE_UNUSED);
}

void page_set_stable_batch(struct page **pages, unsigned int nr)
{
	page_set_batch(pages, nr, PAGE_STATE_STABLE);
}

/*
 * Guest-side tracking for strategies that hint stable only what they had
 * hinted unused: PG_state_unused is set from the moment the unused hint
 * is issued until the stable hint. PG_hint_pending covers the window in
 * which the unused hint is being issued (the debug checker's "handed out
 * before its unused hint landed").
 */
static void block_flags_set(struct page *page, unsigned int order)
{
	unsigned long i, nr = 1UL << order;

	for (i = 0; i < nr; i++) {
		SetPageHintPending(page + i);
		SetPageStateUnused(page + i);
	}
}

static void block_pending_clear(struct page *page, unsigned int order)
{
	unsigned long i, nr = 1UL << order;

	for (i = 0; i < nr; i++)
		ClearPageHintPending(page + i);
}

/* Requests of one state, issued in as few backend calls as fit the stack. */
struct req_collector {
	struct page_state_req req[PAGE_STATES_BATCH_MAX];
	unsigned int n;
	u8 op;
};

/* Not zeroed: the buffer is large and filled from the front. */
static void collector_init(struct req_collector *c, u8 op)
{
	c->n = 0;
	c->op = op;
}

static void collector_flush(struct req_collector *c)
{
	page_set_states(c->req, c->n);
	c->n = 0;
}

static void collect(struct req_collector *c, struct page *page,
		    unsigned int order)
{
	c->req[c->n++] = (struct page_state_req){
		.pfn = page_to_pfn(page),
		.order = (u8)order,
		.op = c->op,
	};
	if (c->n == PAGE_STATES_BATCH_MAX)
		collector_flush(c);
}

/* A spill or drain: every block unused, one request per block. */
void blocks_set_unused(const struct pcp_block *blocks, unsigned int nr)
{
	struct req_collector c;
	unsigned int i;

	collector_init(&c, PAGE_STATE_UNUSED);
	for (i = 0; i < nr; i++)
		block_flags_set(blocks[i].page, blocks[i].order);
	for (i = 0; i < nr; i++)
		collect(&c, blocks[i].page, blocks[i].order);
	collector_flush(&c);
	for (i = 0; i < nr; i++)
		block_pending_clear(blocks[i].page, blocks[i].order);
}

void pages_mark_unused(struct page *page, unsigned int order)
{
	block_flags_set(page, order);
	page_set_unused(page, (int)order);
	block_pending_clear(page, order);
}

/*
 * The pages of a block that were hinted unused, made stable: one request
 * when all of it was, else one per such page.
 */
static void collect_stable(struct req_collector *c, struct page *page,
			   unsigned int order)
{
	unsigned long i, nr = 1UL << order, unused = 0;

	for (i = 0; i < nr; i++)
		unused += PageStateUnused(page + i);
	if (!unused)
		return;
	if (unused == nr) {
		for (i = 0; i < nr; i++)
			ClearPageStateUnused(page + i);
		collect(c, page, order);
		return;
	}
	for (i = 0; i < nr; i++)
		if (TestClearPageStateUnused(page + i))
			collect(c, page + i, 0);
}

void blocks_set_stable_if_unused(const struct pcp_block *blocks,
				 unsigned int nr)
{
	struct req_collector c;
	unsigned int i;

	collector_init(&c, PAGE_STATE_STABLE);
	for (i = 0; i < nr; i++)
		collect_stable(&c, blocks[i].page, blocks[i].order);
	collector_flush(&c);
}

void page_set_stable_if_unused(struct page *page, unsigned int order)
{
	struct pcp_block block = { page, order };

	blocks_set_stable_if_unused(&block, 1);
}
