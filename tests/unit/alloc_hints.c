// SPDX-License-Identifier: GPL-2.0
/*
 * Hint counts at every hook point under every strategy, on small scripted
 * scenarios (DESIGN.md sections 3 and 6), with the essa-direct backend.
 * Each scenario runs on a fresh guest: 1 or 2 cpus, pcp batch 16, high 128.
 */
#include <linux/mm.h>
#include <linux/smp.h>
#include "sim.h"
#include "tap.h"

#define NR_PAGES	4096UL
#define BATCH		16
#define HIGH		128
#define DRAIN_CALLS	DIV_ROUND_UP(HIGH - BATCH, PAGE_STATES_BATCH)

static struct sim_guest *sg;

static void boot(enum hint_strategy s, int nr_cpus, const char *backend)
{
	struct sim_guest_config cfg = {
		.nr_pages = NR_PAGES,
		.nr_cpus = nr_cpus,
		.strategy = s,
		.backend = backend,
		.pcp_high = HIGH,
		.pcp_batch = BATCH,
	};

	sg = sim_guest_create(&cfg);
	if (!sg)
		tap_bail("sim_guest_create failed");
}

static void done(void)
{
	is(check_guest_pages(), 0, "%s: checker clean",
	   hint_strategy_name(current_pgdat->page_states.strategy));
	sim_guest_destroy(sg);
}

struct counts {
	unsigned long ops, calls;
};

static struct counts stats(void)
{
	struct page_states_stats st;

	page_states_get_stats(&st);
	return (struct counts){ st.hint_ops, st.hint_calls };
}

static struct counts since(struct counts before)
{
	struct counts now = stats();

	return (struct counts){ now.ops - before.ops,
				now.calls - before.calls };
}

/*
 * expected [none, cmma, spill, report, spill+volatile, aging, adaptive];
 * aging and adaptive hint nothing until their delay passes on the virtual
 * clock (tests/unit/alloc_aging.c, tests/unit/alloc_adaptive.c)
 */
static void expect(struct counts got, const unsigned long ops[],
		   const unsigned long calls[], const char *what)
{
	enum hint_strategy s = current_pgdat->page_states.strategy;

	is(got.ops, ops[s], "%s: %s: hint_ops", hint_strategy_name(s), what);
	is(got.calls, calls[s], "%s: %s: hint_calls", hint_strategy_name(s),
	   what);
}

#define V(...) ((const unsigned long[]){ __VA_ARGS__ })

static void test_boot_hints(enum hint_strategy s)
{
	struct page_states_stats st;

	boot(s, 1, NULL);
	page_states_get_stats(&st);
	is(st.boot_hint_ops, s == HINT_CMMA ? NR_PAGES : 0,
	   "%s: boot hints all free memory under cmma only",
	   hint_strategy_name(s));
	is(st.boot_hint_calls, s == HINT_CMMA ? NR_PAGES >> (MAX_ORDER - 1) : 0,
	   "%s: one boot call per MAX_ORDER-1 block", hint_strategy_name(s));
	is(st.hint_ops + st.hint_calls, 0, "%s: boot hints not in hint_ops",
	   hint_strategy_name(s));
	done();
}

/* 100 order-0 frees that stay on the per-cpu list. */
static void test_pcp_frees(enum hint_strategy s)
{
	struct page *pages[100];
	struct counts c;
	int i;

	boot(s, 1, NULL);
	c = stats();
	pages[0] = alloc_page(GFP_HIGHUSER_MOVABLE);
	expect(since(c), V(0, 1, 0, 0, 0, 0, 0), V(0, 1, 0, 0, 0, 0, 0),
	       "first allocation of never hinted memory");
	for (i = 1; i < 100; i++)
		pages[i] = alloc_page(GFP_HIGHUSER_MOVABLE);
	c = stats();
	for (i = 0; i < 100; i++)
		__free_page(pages[i]);
	is(current_pgdat->node_zones[0].per_cpu_pageset[0].count, 112,
	   "%s: all 100 on the per-cpu list", hint_strategy_name(s));
	expect(since(c), V(0, 100, 0, 0, 0, 0, 0), V(0, 100, 0, 0, 0, 0, 0),
	       "100 order-0 frees to the per-cpu list");
	c = stats();
	for (i = 0; i < 100; i++)
		pages[i] = alloc_page(GFP_HIGHUSER_MOVABLE);
	expect(since(c), V(0, 100, 0, 0, 0, 0, 0), V(0, 100, 0, 0, 0, 0, 0),
	       "100 allocations from the per-cpu list");
	for (i = 0; i < 100; i++)
		__free_page(pages[i]);
	done();
}

/* The free that reaches high spills one batch; drains spill what is left. */
static void test_spill_and_drain(enum hint_strategy s)
{
	struct page *pages[HIGH];
	struct counts c;
	int i;

	boot(s, 1, NULL);
	for (i = 0; i < HIGH; i++)
		pages[i] = alloc_page(GFP_HIGHUSER_MOVABLE);
	for (i = 0; i < HIGH - 1; i++)
		__free_page(pages[i]);
	c = stats();
	__free_page(pages[HIGH - 1]);
	is(current_pgdat->node_zones[0].per_cpu_pageset[0].count, HIGH - BATCH,
	   "%s: spilled one batch", hint_strategy_name(s));
	expect(since(c), V(0, 1, BATCH, 0, BATCH, 0, 0), V(0, 1, 1, 0, 1, 0, 0),
	       "spill past high");
	c = stats();
	drain_local_pages(NULL);
	/* at most PAGE_STATES_BATCH pages per call (the batch is on the stack) */
	expect(since(c), V(0, 0, HIGH - BATCH, 0, HIGH - BATCH, 0, 0),
	       V(0, 0, DRAIN_CALLS, 0, DRAIN_CALLS, 0, 0), "drain_local_pages");
	done();
}

/* rmqueue_bulk: a refill of spilled pages is one stable batch. */
static void test_refill(enum hint_strategy s)
{
	struct page *pages[BATCH];
	struct counts c;
	int i;

	boot(s, 1, NULL);
	for (i = 0; i < BATCH; i++)
		pages[i] = alloc_page(GFP_HIGHUSER_MOVABLE);
	for (i = 0; i < BATCH; i++)
		__free_page(pages[i]);
	c = stats();
	drain_local_pages(NULL);
	expect(since(c), V(0, 0, BATCH, 0, BATCH, 0, 0), V(0, 0, 1, 0, 1, 0, 0),
	       "drain of one batch");
	c = stats();
	pages[0] = alloc_page(GFP_HIGHUSER_MOVABLE);
	expect(since(c), V(0, 1, BATCH, 0, BATCH, 0, 0), V(0, 1, 1, 0, 1, 0, 0),
	       "refill of the hinted pages");
	c = stats();
	for (i = 1; i < BATCH; i++)
		pages[i] = alloc_page(GFP_HIGHUSER_MOVABLE);
	expect(since(c), V(0, BATCH - 1, 0, 0, 0, 0, 0), V(0, BATCH - 1, 0, 0, 0, 0, 0),
	       "allocations from the refilled list");
	c = stats();
	pages[0] = alloc_page(GFP_HIGHUSER_MOVABLE);
	expect(since(c), V(0, 1, 0, 0, 0, 0, 0), V(0, 1, 0, 0, 0, 0, 0),
	       "refill of never hinted pages");
	done();
}

/*
 * __free_pages_ok and direct buddy allocation: orders 4 and 5, above
 * PAGE_ALLOC_COSTLY_ORDER (no per-cpu list).
 */
static void test_high_order(enum hint_strategy s)
{
	struct page *p, *q;
	struct counts c;

	boot(s, 1, NULL);
	c = stats();
	p = alloc_pages(GFP_KERNEL, 4);
	expect(since(c), V(0, 16, 0, 0, 0, 0, 0), V(0, 1, 0, 0, 0, 0, 0),
	       "order-4 allocation of never hinted memory");
	c = stats();
	__free_pages(p, 4);
	expect(since(c), V(0, 16, 16, 0, 16, 0, 0), V(0, 1, 1, 0, 1, 0, 0),
	       "order-4 free");
	c = stats();
	q = alloc_pages(GFP_KERNEL, 5);
	is(page_to_pfn(q), page_to_pfn(p), "%s: block covers the order-4 one",
	   hint_strategy_name(s));
	expect(since(c), V(0, 32, 16, 0, 16, 0, 0), V(0, 1, 1, 0, 1, 0, 0),
	       "order-5 allocation, half of it hinted");
	c = stats();
	__free_pages(q, 5);
	expect(since(c), V(0, 32, 32, 0, 32, 0, 0), V(0, 1, 1, 0, 1, 0, 0),
	       "order-5 free");
	c = stats();
	p = alloc_pages(GFP_KERNEL, 5);
	is(p, q, "%s: the same block comes back", hint_strategy_name(s));
	expect(since(c), V(0, 32, 32, 0, 32, 0, 0), V(0, 1, 1, 0, 1, 0, 0),
	       "order-5 allocation of a hinted block");
	__free_pages(p, 5);
	done();
}

/*
 * Order 2, within PAGE_ALLOC_COSTLY_ORDER, goes through the per-cpu
 * lists: a refill of batch >> 2 = 4 blocks, a free that stays there
 * unhinted, a drain of the four blocks as one batch, and the refill of
 * the hinted blocks as one stable batch.
 */
static void test_pcp_high_order(enum hint_strategy s)
{
	struct per_cpu_pages *pcp;
	struct page *p;
	struct counts c;

	boot(s, 1, NULL);
	pcp = &current_pgdat->node_zones[0].per_cpu_pageset[0];
	c = stats();
	p = alloc_pages(GFP_KERNEL, 2);
	expect(since(c), V(0, 4, 0, 0, 0, 0, 0), V(0, 1, 0, 0, 0, 0, 0),
	       "order-2 allocation of never hinted memory");
	is(pcp->count, 3 * 4, "%s: refill of 4 order-2 blocks, one handed out",
	   hint_strategy_name(s));
	c = stats();
	__free_pages(p, 2);
	ok(PagePcp(p), "%s: the order-2 free goes to the per-cpu list",
	   hint_strategy_name(s));
	expect(since(c), V(0, 4, 0, 0, 0, 0, 0), V(0, 1, 0, 0, 0, 0, 0),
	       "order-2 free to the per-cpu list");
	c = stats();
	drain_local_pages(NULL);
	expect(since(c), V(0, 0, 16, 0, 16, 0, 0), V(0, 0, 1, 0, 1, 0, 0),
	       "drain of four order-2 blocks");
	c = stats();
	p = alloc_pages(GFP_KERNEL, 2);
	expect(since(c), V(0, 4, 16, 0, 16, 0, 0), V(0, 1, 1, 0, 1, 0, 0),
	       "refill of the four hinted order-2 blocks");
	__free_pages(p, 2);
	done();
}

/* drain_all_pages: one batch per cpu with pages. */
static void test_drain_all(enum hint_strategy s)
{
	struct page *a, *b;
	struct counts c;

	boot(s, 2, NULL);
	a = alloc_page(GFP_HIGHUSER_MOVABLE);
	shim_set_cpu(1);
	b = alloc_page(GFP_HIGHUSER_MOVABLE);
	__free_page(b);
	shim_set_cpu(0);
	__free_page(a);
	c = stats();
	drain_all_pages(NULL);
	expect(since(c), V(0, 0, 2 * BATCH, 0, 2 * BATCH, 0, 0), V(0, 0, 2, 0, 2, 0, 0),
	       "drain_all_pages of two cpus");
	done();
}

/* Backends: none issues nothing, pv counts the same as essa-direct. */
static void test_backends(void)
{
	struct page *p;
	struct counts c;
	struct hv_stats hs;

	boot(HINT_CMMA, 1, "none");
	ok(!page_states_enabled(), "backend none: hints disabled");
	c = stats();
	p = alloc_pages(GFP_KERNEL, 3);
	__free_pages(p, 3);
	is(since(c).calls, 0, "backend none: no hint calls under cmma");
	hv_guest_get_stats(sg->hv, &hs);
	is(hs.essa_ops + hs.pv_calls, 0, "backend none: host saw nothing");
	done();

	boot(HINT_SPILL, 1, "pv");
	ok(page_states_enabled(), "backend pv: hints enabled");
	p = alloc_pages(GFP_KERNEL, 4);
	c = stats();
	__free_pages(p, 4);
	is(since(c).ops, 16, "pv: order-4 free is 16 ops");
	is(since(c).calls, 1, "pv: in one call");
	hv_guest_get_stats(sg->hv, &hs);
	is(hs.pv_calls, 1, "pv: the host saw one call");
	is(hs.pv_ops, 16, "pv: of 16 page-state changes");
	done();

	boot(HINT_SPILL, 1, NULL);
	p = alloc_pages(GFP_KERNEL, 4);
	__free_pages(p, 4);
	hv_guest_get_stats(sg->hv, &hs);
	is(hs.essa_ops, 16 + 1, "essa-direct: one ESSA per page (+ probe)");
	done();
}

int main(void)
{
	enum hint_strategy s;

	tap_plan(NR_HINT_STRATEGIES * (43 + 11) + 12);
	for (s = 0; s < NR_HINT_STRATEGIES; s++) {
		test_boot_hints(s);
		test_pcp_frees(s);
		test_spill_and_drain(s);
		test_refill(s);
		test_high_order(s);
		test_pcp_high_order(s);
		test_drain_all(s);
	}
	test_backends();
	return tap_finish();
}
