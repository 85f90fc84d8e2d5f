// SPDX-License-Identifier: GPL-2.0
/*
 * Strategy "aging": free pages are hinted unused only after they stayed
 * free for the delay on the virtual clock, in batches; hinted blocks are
 * reused last, so a reallocation usually needs no stable hint.
 */
#include <linux/mm.h>
#include "sim.h"
#include "tap.h"

#define NR_PAGES	4096UL
#define BATCH		16
#define HIGH		128
#define MS		1000000ULL

static struct sim_guest *sg;

static void boot(enum hint_strategy s, u64 delay_ns)
{
	struct sim_guest_config cfg = {
		.nr_pages = NR_PAGES,
		.nr_cpus = 1,
		.strategy = s,
		.pcp_high = HIGH,
		.pcp_batch = BATCH,
	};

	sg = sim_guest_create(&cfg);
	if (!sg)
		tap_bail("sim_guest_create failed");
	hint_aging_set_delay(current_pgdat, delay_ns);
}

static void done(const char *what)
{
	is(check_guest_pages(), 0, "%s: checker clean", what);
	sim_guest_destroy(sg);
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

static void alloc_n(struct page **pages, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		pages[i] = alloc_page(GFP_HIGHUSER_MOVABLE);
		sim_touch_page(pages[i]);
	}
}

static void free_n(struct page **pages, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		__free_page(pages[i]);
}

/* Nothing before the delay, then one batch; reuse needs no stable hint. */
static void test_delay_and_reuse(enum hint_strategy s)
{
	const char *name = hint_strategy_name(s);
	struct page *pages[BATCH];
	unsigned long ops;

	boot(s, 1000 * MS);
	alloc_n(pages, BATCH);
	free_n(pages, BATCH);
	drain_local_pages(NULL);
	ops = hint_ops();
	if (s == HINT_SPILL)
		is(ops, BATCH, "spill: drained pages hinted at once");
	else
		is(ops, 0, "aging: nothing hinted at the drain");
	mm_tick(500 * MS);
	is(hint_ops(), ops, "%s: nothing more at 0.5 s", name);
	mm_tick(1100 * MS);
	is(hint_ops(), s == HINT_AGING ? BATCH : ops,
	   "%s: the %d pages hinted once 1 s has passed", name, BATCH);
	is(hint_calls(), 1, "%s: in one call", name);
	ops = hint_ops();
	alloc_n(pages, BATCH);
	is(hint_ops() - ops, s == HINT_AGING ? 0 : BATCH,
	   "%s: reallocation %s", name,
	   s == HINT_AGING ? "takes never-hinted pages first"
			   : "pays a stable hint per page");
	free_n(pages, BATCH);
	done(name);
}

/* Pages allocated again before the delay are never hinted. */
static void test_reused_before_delay(void)
{
	static struct page *all[NR_PAGES];
	unsigned long n = 0, i;

	boot(HINT_AGING, 1000 * MS);
	while (n < NR_PAGES && (all[n] = alloc_page(GFP_HIGHUSER_MOVABLE)))
		n++;
	is(n, NR_PAGES, "aging: all memory allocated");
	free_n(all, BATCH);
	drain_local_pages(NULL);
	mm_tick(500 * MS);
	alloc_n(all, BATCH);	/* the only free pages: the same ones */
	mm_tick(1100 * MS);
	is(hint_ops(), 0, "aging: pages reused within the delay: no hint");
	for (i = 0; i < n; i++)
		__free_page(all[i]);
	done("aging (reuse)");
}

/* The delay is a run-time parameter. */
static void test_set_delay(void)
{
	struct page *pages[BATCH];

	boot(HINT_AGING, 2000 * MS);
	alloc_n(pages, BATCH);
	free_n(pages, BATCH);
	drain_local_pages(NULL);
	mm_tick(1100 * MS);
	is(hint_ops(), 0, "aging 2 s: nothing at 1.1 s");
	mm_tick(2100 * MS);
	is(hint_ops(), BATCH, "aging 2 s: hinted at 2.1 s");
	done("aging 2 s");
}

/*
 * Direct frees (above PAGE_ALLOC_COSTLY_ORDER) are deferred the same way,
 * and so are high-order blocks drained from the per-cpu lists, each as
 * one request of its order.
 */
static void test_high_order(void)
{
	struct page *p, *q;
	unsigned long ops;

	boot(HINT_AGING, 1000 * MS);
	p = alloc_pages(GFP_KERNEL, 4);
	__free_pages(p, 4);
	is(hint_ops(), 0, "aging: order-4 free not hinted at once");
	mm_tick(1100 * MS);
	is(hint_ops(), 16, "aging: order-4 block hinted after the delay");
	is(hint_calls(), 1, "aging: as one request");
	ops = hint_ops();
	q = alloc_pages(GFP_KERNEL, 3);
	is(hint_ops(), ops, "aging: the refill takes never hinted blocks");
	is(current_pgdat->node_zones[0].per_cpu_pageset[0].count, 8,
	   "aging: order-3 refill of two blocks, one handed out");
	__free_pages(q, 3);
	drain_local_pages(NULL);
	mm_tick(2200 * MS);
	is(hint_ops(), ops + 16, "aging: both drained order-3 blocks hinted");
	is(hint_calls(), 2, "aging: in one call");
	done("aging (high order)");
}

int main(void)
{
	tap_plan(2 * 6 + 3 + 3 + 8);
	test_delay_and_reuse(HINT_SPILL);
	test_delay_and_reuse(HINT_AGING);
	test_reused_before_delay();
	test_set_delay();
	test_high_order();
	return tap_finish();
}
