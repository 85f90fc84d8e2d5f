// SPDX-License-Identifier: GPL-2.0
/*
 * Order-0 alloc/free loop that stays on the per-cpu list, per strategy.
 *
 *   bench_alloc                          wall-clock ns per pair, all strategies
 *   bench_alloc --strategy S --iters N   one loop, for callgrind
 *                                        (--toggle-collect=bench_loop)
 *
 * tests/bench/bench_alloc.sh runs the second form under callgrind and
 * prints each strategy's instruction count against none.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <linux/mm.h>
#include "sim.h"

static struct sim_guest *boot(enum hint_strategy s)
{
	struct sim_guest_config cfg = {
		.nr_pages = 4096,
		.nr_cpus = 1,
		.strategy = s,
	};
	struct sim_guest *sg = sim_guest_create(&cfg);
	struct page *page;

	if (!sg) {
		fprintf(stderr, "bench_alloc: cannot create the guest\n");
		exit(1);
	}
	/* fill the per-cpu list once: the loop never refills or spills */
	page = alloc_page(GFP_HIGHUSER_MOVABLE);
	__free_page(page);
	return sg;
}

/* The measured loop (callgrind collects inside this function only). */
noinline void bench_loop(unsigned long iters)
{
	unsigned long i;

	for (i = 0; i < iters; i++) {
		struct page *page = alloc_page(GFP_HIGHUSER_MOVABLE);

		__free_page(page);
	}
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

static void run(enum hint_strategy s, unsigned long iters, bool timed)
{
	struct sim_guest *sg = boot(s);
	struct page_states_stats st;
	double t0 = now_ns();

	bench_loop(iters);
	if (timed) {
		page_states_get_stats(&st);
		printf("  %-16s %8.1f ns/pair  hint_calls/pair %.2f\n",
		       hint_strategy_name(s), (now_ns() - t0) / iters,
		       (double)st.hint_calls / iters);
	}
	sim_guest_destroy(sg);
}

int main(int argc, char **argv)
{
	unsigned long iters = 1000000;
	int s = -1, i;

	for (i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--strategy")) {
			s = hint_strategy_by_name(argv[i + 1]);
			if (s < 0)
				break;
		} else if (!strcmp(argv[i], "--iters")) {
			iters = strtoul(argv[i + 1], NULL, 0);
		} else {
			break;
		}
	}
	if (i != argc || !iters) {
		fprintf(stderr, "usage: %s [--strategy NAME] [--iters N]\n",
			argv[0]);
		return 2;
	}
	if (s >= 0) {
		run(s, iters, false);
		return 0;
	}
	printf("bench_alloc: order-0 alloc/free on the per-cpu list, %lu pairs (wall clock)\n",
	       iters);
	for (s = 0; s < NR_HINT_STRATEGIES; s++)
		run(s, iters, true);
	return 0;
}
