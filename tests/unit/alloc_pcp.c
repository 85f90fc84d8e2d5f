// SPDX-License-Identifier: GPL-2.0
/*
 * The Linux 6.1 mechanics of the page allocator, with the counts they
 * determine: which orders the per-cpu lists take (pcp_allowed_order) and
 * on which list, the spill batch growing with free_factor, high-order
 * pages emptying the lists when frees pile up (free_high), a spill
 * emptying one list before the next, a drain list by list in chunks,
 * per-cpu lists bypassed while locked, boot memory at the tail of the
 * free lists, buddy_merge_likely, and the watermarks, pcp->high and
 * pcp->batch 6.1 computes from the guest's size.
 */
#include <asm-generic/page-states-backends.h>
#include <linux/mm.h>
#include <linux/smp.h>
#include "sim.h"
#include "tap.h"

#define NR_PAGES	16384UL		/* 64 MiB */

static struct sim_guest *sg;

static void boot_with(enum hint_strategy s, const char *backend,
		      unsigned long nr_pages, int nr_cpus, int high, int batch)
{
	struct sim_guest_config cfg = {
		.nr_pages = nr_pages,
		.nr_cpus = nr_cpus,
		.strategy = s,
		.backend = backend,
		.pcp_high = high,
		.pcp_batch = batch,
	};

	sg = sim_guest_create(&cfg);
	if (!sg)
		tap_bail("sim_guest_create failed");
}

static void boot(enum hint_strategy s, int high, int batch)
{
	boot_with(s, NULL, NR_PAGES, 1, high, batch);
}

static void done(const char *what)
{
	is(check_guest_pages(), 0, "%s: checker clean", what);
	sim_guest_destroy(sg);
}

static struct zone *zone(void)
{
	return &current_pgdat->node_zones[ZONE_NORMAL];
}

static struct per_cpu_pages *pcp(void)
{
	return &zone()->per_cpu_pageset[0];
}

static unsigned long hint_ops(void)
{
	struct page_states_stats st;

	page_states_get_stats(&st);
	return st.hint_ops;
}

static unsigned long hint_calls(void)
{
	struct page_states_stats st;

	page_states_get_stats(&st);
	return st.hint_calls;
}

static unsigned long list_len(unsigned int pindex)
{
	unsigned long n = 0;
	struct page *page;

	list_for_each_entry(page, &pcp()->lists[pindex], lru)
		n++;
	return n;
}

static struct page *list_head_page(unsigned int pindex)
{
	return list_first_entry_or_null(&pcp()->lists[pindex], struct page,
					lru);
}

/*
 * Every order freed once: the per-cpu lists take orders 0 to 3 and the
 * guest's pageblock order (8 for s390, 9 for x86-64), each on the list of
 * its order and migratetype; the rest goes to the buddy lists.
 */
static void test_allowed_orders(const char *backend, unsigned int pb)
{
	unsigned int order, on_pcp = 0, right_list = 0, buddy = 0;
	struct page *p;

	boot_with(HINT_NONE, backend, NR_PAGES, 1, 4096, 16);
	is(pageblock_order, pb, "%s: pageblock order %u", backend, pb);
	for (order = 0; order < MAX_ORDER; order++) {
		p = alloc_pages(GFP_HIGHUSER_MOVABLE, order);
		if (!p)
			tap_bail("allocation failed");
		__free_pages(p, order);
		if (PagePcp(p) != pcp_allowed_order(order))
			tap_diag("order %u: PG_pcp %d", order, PagePcp(p));
		on_pcp += PagePcp(p);
		buddy += PageBuddy(p);
		if (PagePcp(p) &&
		    list_head_page(order_to_pindex(MIGRATE_MOVABLE, order)) == p)
			right_list++;
	}
	is(on_pcp, 5, "%s: orders 0-3 and %u freed to the per-cpu lists",
	   backend, pb);
	is(right_list, 5, "%s: each at the head of its order's movable list",
	   backend);
	is(buddy, MAX_ORDER - 5, "%s: the other orders to the buddy lists",
	   backend);
	is(order_to_pindex(MIGRATE_UNMOVABLE, pb),
	   order_to_pindex(MIGRATE_RECLAIMABLE, pb),
	   "%s: THP lists: movable and the others", backend);
	done(backend);
}

/* n order-0 pages of gfp, then the lists emptied: a known start. */
static void alloc_n(struct page **pages, unsigned int n, gfp_t gfp,
		    unsigned int order)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		pages[i] = alloc_pages(gfp, order);
		if (!pages[i])
			tap_bail("allocation failed");
	}
	drain_local_pages(NULL);
}

/*
 * Spills without an allocation in between return batch << free_factor
 * pages, free_factor growing by one each time up to PCP_BATCH_SCALE_MAX,
 * within [batch, high - batch]; an allocation halves free_factor.
 */
static void test_free_factor(void)
{
	static struct page *pages[2048];
	unsigned int i, k, nr = 0, want_ok = 0;
	int before, spilled[16];
	/* high 1000, batch 16: 16, 32, ... 512 (factor 5), then 512 again */
	static const int want[] = { 16, 32, 64, 128, 256, 512, 512 };

	boot(HINT_SPILL, 1000, 16);
	alloc_n(pages, 2048, GFP_HIGHUSER_MOVABLE, 0);
	for (i = 0; i < 2048 && nr < ARRAY_SIZE(want); i++) {
		before = pcp()->count;
		__free_page(pages[i]);
		if (pcp()->count < before)
			spilled[nr++] = before + 1 - pcp()->count;
	}
	for (k = 0; k < nr; k++)
		want_ok += spilled[k] == want[k];
	is(want_ok, ARRAY_SIZE(want),
	   "spills of 16, 32, 64, 128, 256, 512 and 512 pages");
	is(pcp()->free_factor, PCP_BATCH_SCALE_MAX,
	   "free_factor stops at PCP_BATCH_SCALE_MAX");
	is(hint_ops(), 16 + 32 + 64 + 128 + 256 + 512 + 512,
	   "spill: every spilled page hinted once");
	/* each spill one batch: calls of up to PAGE_STATES_BATCH requests */
	for (k = 0, want_ok = 0; k < nr; k++)
		want_ok += DIV_ROUND_UP(want[k], PAGE_STATES_BATCH);
	is(hint_calls(), want_ok, "spill: each spill in calls of %d",
	   PAGE_STATES_BATCH);
	pages[0] = alloc_page(GFP_HIGHUSER_MOVABLE);
	is(pcp()->free_factor, PCP_BATCH_SCALE_MAX / 2,
	   "an allocation halves free_factor");
	for (; i < 2048; i++)
		__free_page(pages[i]);
	__free_page(pages[0]);
	done("free_factor");

	/* clamped: at most high - batch */
	boot(HINT_NONE, 64, 16);
	alloc_n(pages, 200, GFP_HIGHUSER_MOVABLE, 0);
	nr = 0;
	for (i = 0; i < 200 && nr < 4; i++) {
		before = pcp()->count;
		__free_page(pages[i]);
		if (pcp()->count < before)
			spilled[nr++] = before + 1 - pcp()->count;
	}
	ok(nr == 4 && spilled[0] == 16 && spilled[1] == 32 &&
	   spilled[2] == 48 && spilled[3] == 48,
	   "high 64: spills of 16, 32, then high - batch = 48");
	for (; i < 200; i++)
		__free_page(pages[i]);
	done("free_factor clamp");
}

/*
 * Orders 1 to 3 freed while frees pile up (free_factor above 0) empty
 * all lists at once; after an allocation they stay.
 */
static void test_free_high(void)
{
	static struct page *pages[64];
	struct page *big, *big2;
	unsigned int i;

	boot(HINT_NONE, 64, 16);
	alloc_n(pages, 64, GFP_HIGHUSER_MOVABLE, 0);
	big = alloc_pages(GFP_HIGHUSER_MOVABLE, 1);
	big2 = alloc_pages(GFP_HIGHUSER_MOVABLE, 1);
	drain_local_pages(NULL);
	for (i = 0; i < 10; i++)
		__free_page(pages[i]);
	__free_pages(big, 1);
	is(pcp()->count, 12, "free_factor 0: the order-1 free stays");
	for (i = 10; i < 64; i++)
		__free_page(pages[i]);
	ok(pcp()->free_factor > 0, "a spill raised free_factor");
	is(pcp()->count, 12 + 54 - 16, "after one spill of 16");
	__free_pages(big2, 1);
	is(pcp()->count, 0, "then an order-1 free empties every list");
	done("free_high");
}

/*
 * A spill starts at the list just freed to, takes its coldest blocks,
 * and only when it is empty goes on to the next list (pindex order).
 */
static void test_spill_list_by_list(void)
{
	static struct page *unmov[40], *mov1[10], *mov0[4];
	unsigned int i;

	boot(HINT_NONE, 64, 16);
	alloc_n(unmov, 40, GFP_KERNEL, 0);
	alloc_n(mov1, 10, GFP_HIGHUSER_MOVABLE, 1);
	alloc_n(mov0, 4, GFP_HIGHUSER_MOVABLE, 0);
	for (i = 0; i < 40; i++)
		__free_page(unmov[i]);
	for (i = 0; i < 10; i++)
		__free_pages(mov1[i], 1);
	for (i = 0; i < 3; i++)
		__free_page(mov0[i]);
	is(pcp()->count, 63, "40 + 10 * 2 + 3 pages on the lists");
	__free_page(mov0[3]);
	is(pcp()->count, 48, "the 64th page spills 16");
	is(list_len(order_to_pindex(MIGRATE_MOVABLE, 0)), 0,
	   "the movable order-0 list it started with is emptied");
	is(list_len(order_to_pindex(MIGRATE_MOVABLE, 1)), 4,
	   "then 6 blocks of the next list with pages (movable order 1)");
	ok(!PagePcp(mov1[0]) && !PagePcp(mov1[5]) && PagePcp(mov1[6]),
	   "its coldest (first freed) blocks");
	is(list_len(order_to_pindex(MIGRATE_UNMOVABLE, 0)), 40,
	   "the unmovable list before it untouched");
	done("spill list by list");
}

/* What a drain hints, in order: one recording in front of essa-direct. */
static struct {
	unsigned int n, calls;
	unsigned long pfn[64];
	u8 order[64];
} rec;

static unsigned long rec_set_states(struct page_state_req *req,
				    unsigned int nr)
{
	unsigned int i;

	rec.calls++;
	for (i = 0; i < nr && rec.n < ARRAY_SIZE(rec.pfn); i++) {
		rec.pfn[rec.n] = req[i].pfn;
		rec.order[rec.n++] = req[i].order;
	}
	return essa_direct_backend.set_states(req, nr);
}

static const struct page_states_backend recorder = {
	.name = "recorder",
	.set_states = rec_set_states,
};

static void test_drain_list_by_list(void)
{
	static struct page *mov1[3], *unmov[2], *mov0[2], *many[200];
	unsigned long want[7];
	unsigned int i, good = 0;

	boot(HINT_SPILL, 128, 16);
	alloc_n(mov1, 3, GFP_HIGHUSER_MOVABLE, 1);
	alloc_n(unmov, 2, GFP_KERNEL, 0);
	alloc_n(mov0, 2, GFP_HIGHUSER_MOVABLE, 0);
	page_states_init(&recorder);
	for (i = 0; i < 3; i++)
		__free_pages(mov1[i], 1);
	for (i = 0; i < 2; i++)
		__free_page(unmov[i]);
	for (i = 0; i < 2; i++)
		__free_page(mov0[i]);
	rec.n = rec.calls = 0;
	drain_local_pages(NULL);
	/* pindex 0 (unmovable 0), 1 (movable 0), 4 (movable 1); coldest first */
	want[0] = page_to_pfn(unmov[0]);
	want[1] = page_to_pfn(unmov[1]);
	want[2] = page_to_pfn(mov0[0]);
	want[3] = page_to_pfn(mov0[1]);
	for (i = 0; i < 3; i++)
		want[4 + i] = page_to_pfn(mov1[i]);
	for (i = 0; i < 7; i++)
		good += rec.pfn[i] == want[i] && rec.order[i] == (i < 4 ? 0 : 1);
	is(rec.n, 7, "drain: seven blocks hinted");
	is(good, 7, "list by list from pindex 0, coldest block first");
	is(rec.calls, 1, "in one call");
	done("drain list by list");

	/*
	 * A drain is held in chunks of batch << PCP_BATCH_SCALE_MAX pages,
	 * each its own spill: batch 3, 200 pages: 96 + 96 + 8, in calls of
	 * 64 requests 2 + 2 + 1 (in one spill it would be 4).
	 */
	boot(HINT_SPILL, 4096, 3);
	alloc_n(many, 200, GFP_HIGHUSER_MOVABLE, 0);
	for (i = 0; i < 200; i++)
		__free_page(many[i]);
	is(pcp()->count, 200, "200 pages on the list");
	i = (unsigned int)hint_calls();
	drain_local_pages(NULL);
	is(hint_calls() - i, 5, "drained as 96 + 96 + 8 pages");
	done("drain chunks");
}

/* A free or allocation that finds its lists locked uses the buddy lists. */
static void test_locked_bypass(void)
{
	struct page *p, *q;
	unsigned long ops;

	boot(HINT_SPILL, 64, 16);
	p = alloc_page(GFP_HIGHUSER_MOVABLE);
	__free_page(p);
	is(pcp()->count, 16, "a refill of 16, one freed back");
	/* this cpu's lists held, as by a drain from another cpu */
	spin_lock(&pcp()->lock);
	q = alloc_page(GFP_HIGHUSER_MOVABLE);
	ok(q && !PagePcp(q), "the allocation is served");
	is(pcp()->count, 16, "from the buddy lists");
	ops = hint_ops();
	__free_page(q);
	ok(!PagePcp(q) && pcp()->count == 16,
	   "the free goes to the buddy lists");
	is(hint_ops() - ops, 1, "spill: hinted unused there, as a direct free");
	spin_unlock(&pcp()->lock);
	is(pcp()->count, 16, "the per-cpu lists untouched");
	done("locked lists");
}

/* Boot frees to the tail: the free lists run in ascending pfn order. */
static void test_boot_tail(void)
{
	struct list_head *list;
	struct page *page, *p;
	unsigned long last = 0, n = 0;
	bool ascending = true;

	boot(HINT_NONE, 0, 0);
	list = &zone()->free_area[MAX_ORDER - 1].free_list[MIGRATE_MOVABLE];
	list_for_each_entry(page, list, lru) {
		if (n++ && page_to_pfn(page) <= last)
			ascending = false;
		last = page_to_pfn(page);
	}
	is(n, NR_PAGES >> (MAX_ORDER - 1), "16 MAX_ORDER-1 blocks");
	ok(ascending, "boot memory freed to the tail: lowest pfn first");
	is(pcp()->count, 0, "boot bypasses the per-cpu lists");
	p = alloc_pages(GFP_HIGHUSER_MOVABLE, MAX_ORDER - 1);
	is(page_to_pfn(p), 0, "the first block allocated is the first booted");
	__free_pages(p, MAX_ORDER - 1);
	done("boot tail");
}

/*
 * A block whose next-higher buddy is free goes to the tail of its list
 * (the merge is likely); otherwise to the head.
 */
static void test_buddy_merge_likely(void)
{
	struct list_head *list4;
	struct page *big, *a, *b, *q, *r;

	boot(HINT_NONE, 0, 0);
	list4 = &zone()->free_area[4].free_list[MIGRATE_MOVABLE];
	/* order 4 and 5: past the per-cpu lists */
	big = alloc_pages(GFP_HIGHUSER_MOVABLE, 5);	/* pfn 0-31 */
	a = alloc_pages(GFP_HIGHUSER_MOVABLE, 4);	/* 32 */
	b = alloc_pages(GFP_HIGHUSER_MOVABLE, 4);	/* 48 */
	q = alloc_pages(GFP_HIGHUSER_MOVABLE, 4);	/* 64; 80 stays free */
	is(page_to_pfn(a), 32, "a at 32");
	is(page_to_pfn(b), 48, "b at 48");
	is(page_to_pfn(q), 64, "q at 64");
	ok(PageBuddy(pfn_to_page(80)), "80 free, alone on the order-4 list");
	__free_pages(big, 5);
	__free_pages(a, 4);
	/* a's buddy b is in use, but 0-31 (a's order-5 buddy) is free */
	is(list_last_entry(list4, struct page, lru), a,
	   "a, likely to merge, goes to the tail");
	is(list_first_entry(list4, struct page, lru), pfn_to_page(80),
	   "behind the block that was there");
	r = alloc_pages(GFP_HIGHUSER_MOVABLE, 4);
	is(page_to_pfn(r), 80, "so the next allocation takes the other one");
	__free_pages(r, 4);
	__free_pages(q, 4);
	__free_pages(b, 4);
	is(nr_free_pages(), NR_PAGES, "all free again");
	is(zone()->free_area[MAX_ORDER - 1].nr_free, NR_PAGES >> 10,
	   "and merged");
	done("buddy_merge_likely");
}

/*
 * Watermarks, pcp->batch and pcp->high as 6.1 computes them, the values
 * worked out by hand from the formulas (mm/mm_init.c cites them).
 */
static void expect_sizes(const char *backend, unsigned long nr_pages,
			 int nr_cpus, unsigned long min, unsigned long low,
			 unsigned long high, int batch, int pcp_high)
{
	const char *what = backend ? backend : "essa-direct";

	boot_with(HINT_NONE, backend, nr_pages, nr_cpus, 0, 0);
	ok(min_wmark_pages(zone()) == min && low_wmark_pages(zone()) == low &&
	   high_wmark_pages(zone()) == high,
	   "%s, %lu MiB: watermarks %lu/%lu/%lu (got %lu/%lu/%lu)", what,
	   nr_pages >> 8, min, low, high, min_wmark_pages(zone()),
	   low_wmark_pages(zone()), high_wmark_pages(zone()));
	is(pcp()->batch, batch, "%s, %lu MiB: batch", what, nr_pages >> 8);
	is(pcp()->high, pcp_high, "%s, %lu MiB, %d cpus: high", what,
	   nr_pages >> 8, nr_cpus);
	sim_guest_destroy(sg);
}

static void test_sizes(void)
{
	/* 1 GiB: min_free_kbytes 4096, raised by THP to 2816 / 5632 pages */
	expect_sizes(NULL, 262144, 2, 2816, 3520, 4224, 63, 1760);
	expect_sizes("pv", 262144, 2, 5632, 7040, 8448, 63, 3520);
	/* 16 MiB: THP's floor capped at 5% of lowmem (195 pages) */
	expect_sizes(NULL, 4096, 1, 195, 243, 291, 1, 243);
}

int main(void)
{
	tap_plan(2 * 6 + 8 + 5 + 7 + 7 + 7 + 5 + 10 + 9);
	test_allowed_orders("essa-direct", PAGEBLOCK_ORDER_S390);
	test_allowed_orders("pv", PAGEBLOCK_ORDER_X86);
	test_free_factor();
	test_free_high();
	test_spill_list_by_list();
	test_drain_list_by_list();
	test_locked_bypass();
	test_boot_tail();
	test_buddy_merge_likely();
	test_sizes();
	return tap_finish();
}
