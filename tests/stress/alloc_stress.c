// SPDX-License-Identifier: GPL-2.0
/*
 * Randomized allocator stress, per strategy: mixed orders and
 * migratetypes, several cpus, frees in random order, drains, page
 * touches, a virtual clock for page reporting, and the debug checker
 * every few thousand operations. Every run must find 0 violations.
 *
 *   alloc_stress [--seed N] [--ops N] [--strategy NAME]
 *
 * Default: 1,000,000 operations per strategy (100,000 on s390x).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/mm.h>
#include <linux/smp.h>
#include "sim.h"
#include "tap.h"

#define NR_CPUS		4
#define CHECK_EVERY	4096
#define MAX_LIVE	4096
#define PHASE_OPS	16384	/* phases alternate: fill up, mostly free */
#define SMALL_LIVE	32

/*
 * On s390x every hint is a real ESSA, trapped and emulated (about 2 us
 * each under qemu-s390x): a tenth of the native default there.
 */
#ifdef __s390x__
#define DEFAULT_OPS	100000
#else
#define DEFAULT_OPS	1000000
#endif

struct block {
	struct page *page;
	unsigned int order;
};

static u64 rng_state;

static u64 rnd(void)
{
	/* xorshift64* */
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return rng_state * 2685821657736338717ULL;
}

static unsigned int rnd_below(unsigned int n)
{
	return (unsigned int)((rnd() >> 32) % n);
}

static unsigned int rnd_order(void)
{
	unsigned int r = rnd_below(100);

	if (r < 70)
		return 0;
	if (r < 92)
		return 1 + rnd_below(3);
	return 4 + rnd_below(MAX_ORDER - 4);
}

static gfp_t rnd_gfp(void)
{
	static const gfp_t gfp[] = { GFP_KERNEL, GFP_HIGHUSER_MOVABLE,
				     GFP_HIGHUSER_MOVABLE, __GFP_RECLAIMABLE };

	return gfp[rnd_below(ARRAY_SIZE(gfp))];
}

struct run {
	struct block live[MAX_LIVE];
	unsigned int nr_live;
	unsigned int max_live;		/* of this phase */
	unsigned long allocs, failures, frees, checks, violations;
	u64 now;
};

static void do_alloc(struct run *r)
{
	unsigned int order = rnd_order();
	struct page *page = alloc_pages(rnd_gfp(), order);

	if (!page) {
		r->failures++;
		return;
	}
	sim_touch_page(page);
	r->live[r->nr_live++] = (struct block){ page, order };
	r->allocs++;
}

static void do_free(struct run *r)
{
	unsigned int i = rnd_below(r->nr_live);
	struct block b = r->live[i];

	r->live[i] = r->live[--r->nr_live];
	__free_pages(b.page, b.order);
	r->frees++;
}

static void do_check(struct run *r)
{
	int v = check_guest_pages();

	r->checks++;
	if (v > 0)
		r->violations += v;
}

static void one_op(struct run *r, struct sim_guest *sg)
{
	unsigned int op = rnd_below(1000);

	r->now += 1000000 * (1 + rnd_below(4));	/* 1-4 ms */
	if (op < 530) {
		if (r->nr_live < r->max_live)
			do_alloc(r);
		else
			do_free(r);
	} else if (op < 990) {
		if (r->nr_live)
			do_free(r);
	} else if (op < 996) {
		sim_guest_enter(sg, rnd_below(NR_CPUS));
	} else if (op < 998) {
		drain_local_pages(NULL);
	} else if (op < 999) {
		drain_all_pages(NULL);
	} else {
		mm_tick(r->now);
	}
	if (op % 16 == 0)
		mm_tick(r->now);
}

static void run_strategy(enum hint_strategy s, unsigned long nr_ops)
{
	/* report needs 32 free pageblocks before it reports anything */
	unsigned long nr_pages = s == HINT_REPORT ? 40UL << 9 : 4096;
	struct sim_guest_config cfg = {
		.nr_pages = nr_pages,
		.nr_cpus = NR_CPUS,
		.strategy = s,
	};
	const char *name = hint_strategy_name(s);
	struct run *r = calloc(1, sizeof(*r));
	struct page_states_stats st;
	struct sim_guest *sg;
	unsigned long i;

	sg = sim_guest_create(&cfg);
	if (!sg || !r)
		tap_bail("cannot create the guest");
	for (i = 0; i < nr_ops; i++) {
		r->max_live = (i / PHASE_OPS) & 1 ? SMALL_LIVE : MAX_LIVE;
		one_op(r, sg);
		if (i % CHECK_EVERY == CHECK_EVERY - 1)
			do_check(r);
	}
	while (r->nr_live)
		do_free(r);
	drain_all_pages(NULL);
	do_check(r);
	page_states_get_stats(&st);
	tap_diag("%s: %lu allocs (%lu failed), %lu frees, %lu checks, hint_ops %lu hint_calls %lu",
		 name, r->allocs, r->failures, r->frees, r->checks,
		 st.hint_ops, st.hint_calls);
	is(r->violations, 0, "%s: %lu ops, no violations", name, nr_ops);
	is(nr_free_pages(), nr_pages, "%s: every page free at the end", name);
	ok(r->failures > 0 && r->allocs > r->failures,
	   "%s: ran into exhaustion and recovered", name);
	if (s == HINT_NONE)
		is(st.hint_ops + st.hint_calls, 0, "none: no hints");
	else
		ok(st.hint_calls > 0, "%s: hints issued", name);
	sim_guest_destroy(sg);
	free(r);
}

int main(int argc, char **argv)
{
	unsigned long seed = (unsigned long)time(NULL) ^
			     (unsigned long)getpid();
	unsigned long nr_ops = DEFAULT_OPS;
	int only = -1, i, s;

	for (i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--seed")) {
			seed = strtoul(argv[i + 1], NULL, 0);
		} else if (!strcmp(argv[i], "--ops")) {
			nr_ops = strtoul(argv[i + 1], NULL, 0);
		} else if (!strcmp(argv[i], "--strategy")) {
			only = hint_strategy_by_name(argv[i + 1]);
			if (only < 0)
				break;
		} else {
			break;
		}
	}
	if (i < argc) {
		fprintf(stderr,
			"usage: %s [--seed N] [--ops N] [--strategy NAME]\n",
			argv[0]);
		return 2;
	}
	tap_plan(only >= 0 ? 4 : 4 * NR_HINT_STRATEGIES);
	printf("# seed: %lu\n", seed);
	for (s = 0; s < NR_HINT_STRATEGIES; s++) {
		if (only >= 0 && s != only)
			continue;
		rng_state = seed * 0x9e3779b97f4a7c15ULL + (u64)s + 1;
		run_strategy(s, nr_ops);
	}
	return tap_finish();
}
