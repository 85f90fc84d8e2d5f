// SPDX-License-Identifier: GPL-2.0
/*
 * Strategy "adaptive" (mm/hint_adaptive.c): delayed unused hints issued
 * with the zone lock dropped, at most 64 pages a round; idle per-cpu
 * pages hinted too; never-hinted pages handed out first; every page in
 * use stable at the host before its caller sees it; and a delay that
 * follows the reuse distances when they change half way.
 *
 *   alloc_adaptive [--seed N]
 */
#include <stdlib.h>
#include <string.h>
#include <asm-generic/page-states-backends.h>
#include <linux/mm.h>
#include "sim.h"
#include "tap.h"

#define NR_PAGES	8192UL
#define BATCH		16
#define HIGH		128
#define MS		1000000ULL

static struct sim_guest *sg;
static u64 now;

/* What the backend saw: hint calls made while the zone lock was held. */
static struct {
	unsigned long calls, locked_calls, locked_max_pages;
	unsigned long unused_locked;	/* unused hints under the lock */
	unsigned long max_pages;	/* pages of the largest call */
} rec;

static unsigned long rec_set_states(struct page_state_req *req,
				    unsigned int nr)
{
	struct zone *zone = &current_pgdat->node_zones[ZONE_NORMAL];
	bool locked = __atomic_load_n(&zone->lock.locked, __ATOMIC_RELAXED);
	unsigned long pages = 0;
	unsigned int i;

	for (i = 0; i < nr; i++) {
		pages += 1UL << req[i].order;
		if (locked && req[i].op == PAGE_STATE_UNUSED)
			rec.unused_locked++;
	}
	rec.calls++;
	if (pages > rec.max_pages)
		rec.max_pages = pages;
	if (locked) {
		rec.locked_calls++;
		if (pages > rec.locked_max_pages)
			rec.locked_max_pages = pages;
	}
	return essa_direct_backend.set_states(req, nr);
}

static struct page_states_backend rec_backend;

/* delay_ns 0: learnt, with cost_ns (0: default) */
static void boot(u64 cost_ns, u64 delay_ns)
{
	struct sim_guest_config cfg = {
		.nr_pages = NR_PAGES,
		.nr_cpus = 1,
		.strategy = HINT_ADAPTIVE,
		.pcp_high = HIGH,
		.pcp_batch = BATCH,
	};

	sg = sim_guest_create(&cfg);
	if (!sg)
		tap_bail("sim_guest_create failed");
	rec_backend = essa_direct_backend;
	rec_backend.name = "recorder";
	rec_backend.set_states = rec_set_states;
	page_states_init(&rec_backend);
	memset(&rec, 0, sizeof(rec));
	hint_adaptive_set(current_pgdat, cost_ns, delay_ns);
	now = 0;
}

/* In steps of 1 ms: timed work runs on time, as on a kernel's clock. */
static void tick(u64 ns)
{
	u64 end = now + ns;

	while (now < end) {
		now = min(now + MS, end);
		mm_tick(now);
	}
}

static void done(const char *what)
{
	is(check_guest_pages(), 0, "%s: checker clean", what);
	is(current_pgdat->debug_violations, 0, "%s: no violation on the fly",
	   what);
	sim_guest_destroy(sg);
}

static unsigned long hint_ops(void)
{
	struct page_states_stats st;

	page_states_get_stats(&st);
	return st.hint_ops;
}

static unsigned int host_usage(struct page *page)
{
	return hv_peek_state(sg->hv, page_to_pfn(page)) & ESSA_RES_USAGE_MASK;
}

/* Pages of the block not stable at the host (0 when all are). */
static unsigned long not_stable(struct page *page, unsigned int order)
{
	unsigned long i, n = 0;

	for (i = 0; i < (1UL << order); i++)
		n += host_usage(page + i) != PAGE_STATE_RES_STABLE;
	return n;
}

static u64 delay(void)
{
	return hint_adaptive_delay(&current_pgdat->node_zones[ZONE_NORMAL]);
}

/* Nothing at the drain, all after the delay, reuse of unhinted first. */
static void test_delay_and_reuse(void)
{
	struct page *pages[BATCH], *more[BATCH];
	unsigned long ops;
	int i;

	boot(0, 100 * MS);
	for (i = 0; i < BATCH; i++)
		pages[i] = alloc_page(GFP_HIGHUSER_MOVABLE);
	for (i = 0; i < BATCH; i++)
		__free_page(pages[i]);
	drain_local_pages(NULL);
	is(hint_ops(), 0, "adaptive: nothing hinted at the drain");
	tick(50 * MS);
	is(hint_ops(), 0, "adaptive: nothing before the delay");
	tick(60 * MS);
	is(hint_ops(), BATCH, "adaptive: the %d pages hinted after it", BATCH);
	is(rec.unused_locked, 0, "adaptive: no unused hint under the zone lock");
	ops = hint_ops();
	for (i = 0; i < BATCH; i++)
		more[i] = alloc_page(GFP_HIGHUSER_MOVABLE);
	is(hint_ops(), ops, "adaptive: reallocation takes never-hinted pages");
	for (i = 0; i < BATCH; i++)
		__free_page(more[i]);
	done("adaptive (delay)");
}

/*
 * Many blocks due at once: rounds of at most 64 pages with the lock
 * dropped, a large block alone in its round; all of it hinted.
 */
static void test_rounds(void)
{
	static struct page *pages[2048];
	struct page *big;
	int i;

	boot(0, 10 * MS);
	for (i = 0; i < 2048; i++)
		pages[i] = alloc_page(GFP_HIGHUSER_MOVABLE);
	big = alloc_pages(GFP_KERNEL, 9);
	for (i = 0; i < 2048; i += 2)	/* every other page: no merging */
		__free_page(pages[i]);
	__free_pages(big, 9);
	drain_local_pages(NULL);
	tick(20 * MS);
	tick(20 * MS);
	is(hint_ops(), 1024 + 512, "adaptive: all due pages hinted");
	is(rec.unused_locked, 0, "adaptive: none under the zone lock");
	ok(rec.max_pages <= 512, "adaptive: no call above the largest block "
	   "(%lu pages)", rec.max_pages);
	ok(rec.locked_max_pages <= 64, "adaptive: no call holds the zone lock "
	   "for more than 64 pages (%lu)", rec.locked_max_pages);
	for (i = 1; i < 2048; i += 2)
		__free_page(pages[i]);
	done("adaptive (rounds)");
}

/* Pages that stay on an idle per-cpu list are returned and hinted. */
static void test_idle_pcp(void)
{
	struct page *pages[100];
	struct per_cpu_pages *pcp;
	int i;

	boot(0, 1 * MS);
	pcp = &current_pgdat->node_zones[ZONE_NORMAL].per_cpu_pageset[0];
	for (i = 0; i < 100; i++)
		pages[i] = alloc_page(GFP_HIGHUSER_MOVABLE);
	for (i = 0; i < 100; i++)
		__free_page(pages[i]);
	ok(pcp->count >= 100, "adaptive: the frees stay on the per-cpu list");
	is(hint_ops(), 0, "adaptive: per-cpu pages not hinted at once");
	for (i = 0; i < 10; i++)
		tick(10 * MS);
	is(pcp->count, 0, "adaptive: the idle list is returned");
	ok(hint_ops() >= 100, "adaptive: and its pages hinted (%lu)",
	   hint_ops());
	done("adaptive (idle pcp)");
}

/*
 * Random allocations and frees of orders 0-3 and 9 between ticks: every
 * block stable at the host before its caller sees it (a kvm host keeps
 * U on a touched page, so the stable hint must come first).
 */
static void test_invariants(unsigned long seed)
{
	static struct { struct page *page; unsigned int order; } live[512];
	static const unsigned int orders[] = { 0, 0, 0, 0, 1, 2, 3, 9 };
	unsigned long bad = 0, allocs = 0, hinted_reused = 0, i;
	unsigned int nr = 0, k, order;
	struct page *page;

	srandom((unsigned int)seed);
	boot(0, 0);
	for (i = 0; i < 40000; i++) {
		if (nr < 512 && (random() % 100 < 52 || !nr)) {
			order = orders[random() % 8];
			page = alloc_pages(GFP_HIGHUSER_MOVABLE, order);
			if (!page)
				continue;
			allocs++;
			hinted_reused += PageStateUnused(page);
			bad += not_stable(page, order);
			sim_touch_page(page);
			live[nr].page = page;
			live[nr++].order = order;
		} else {
			k = (unsigned int)(random() % nr);
			__free_pages(live[k].page, live[k].order);
			live[k] = live[--nr];
		}
		if (random() % 50 == 0)
			tick((u64)(random() % 20) * MS);
	}
	is(bad, 0, "adaptive: %lu allocations, every page stable at the host "
	   "before the caller sees it", allocs);
	is(hinted_reused, 0, "adaptive: no page handed out still marked "
	   "unused (its stable hint issued)");
	ok(hint_ops() > 0, "adaptive: the run hinted (%lu ops)", hint_ops());
	/* the check can fire: a page the host holds unused is not stable */
	page = alloc_page(GFP_HIGHUSER_MOVABLE);
	page_set_unused(page, 0);
	is(not_stable(page, 0), 1, "adaptive: the stability check sees a "
	   "page unused at the host");
	page_set_stable(page, 0);
	__free_page(page);
	while (nr--)
		__free_pages(live[nr].page, live[nr].order);
	done("adaptive (invariants)");
}

/*
 * A synthetic trace whose reuse distance changes half way: pages come
 * back 30 ms after their free for 20 s (hinting them would cost more
 * than it saves at the default cost), then 500 ms after it (it pays).
 * The learnt delay goes above 30 ms, then back well below.
 */
static void run_phase(struct page **pool, unsigned int n, u64 reuse_ns,
		      u64 length_ns)
{
	u64 end = now + length_ns;
	unsigned int i;

	while (now < end) {
		for (i = 0; i < n; i++)
			__free_page(pool[i]);
		drain_local_pages(NULL);
		tick(reuse_ns);
		for (i = 0; i < n; i++)
			pool[i] = alloc_page(GFP_HIGHUSER_MOVABLE);
		tick(MS);
	}
}

static void test_adaptive_delay(void)
{
	static struct page *all[NR_PAGES];
	struct page **pool = all;
	unsigned long n = 0, i;
	u64 d1, d2;

	boot(0, 0);
	tap_diag("start delay %llu ms", (unsigned long long)(delay() / MS));
	/* the pool is all the free memory there is: its pages come back */
	while (n < NR_PAGES && (all[n] = alloc_page(GFP_HIGHUSER_MOVABLE)))
		n++;
	run_phase(pool, 256, 30 * MS, 20000 * MS);
	d1 = delay();
	ok(d1 > 30 * MS, "adaptive: reuse after 30 ms: delay %llu ms, above it",
	   (unsigned long long)(d1 / MS));
	run_phase(pool, 256, 500 * MS, 40000 * MS);
	d2 = delay();
	ok(d2 < 20 * MS, "adaptive: then after 500 ms: delay %llu ms, below "
	   "20 ms", (unsigned long long)(d2 / MS));
	for (i = 0; i < n; i++)
		__free_page(all[i]);
	done("adaptive (changing reuse)");
}

int main(int argc, char **argv)
{
	unsigned long seed = 1;

	if (argc == 3 && !strcmp(argv[1], "--seed"))
		seed = strtoul(argv[2], NULL, 10);
	tap_diag("seed %lu", seed);
	tap_plan(7 + 6 + 6 + 6 + 4);
	test_delay_and_reuse();
	test_rounds();
	test_idle_pcp();
	test_invariants(seed);
	test_adaptive_delay();
	return tap_finish();
}
