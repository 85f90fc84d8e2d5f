// SPDX-License-Identifier: GPL-2.0
/*
 * The allocator with guest cpus as threads, per strategy: each thread
 * allocates, frees its own and other cpus' pages (a shared pool), drains
 * all cpus and ticks the clock; afterwards the checker must be clean and
 * every page free. Built with TSan as well.
 *
 *   alloc_threads [--seed N] [--ops N]
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/mm.h>
#include "sim.h"
#include "tap.h"

#define NR_THREADS	4
#define POOL		512

struct shared {
	struct sim_guest *sg;
	pthread_mutex_t lock;
	struct page *pool[POOL];	/* order-0 pages any cpu may free */
	unsigned int nr_pool;
	unsigned long ops;
	unsigned long seed;
	u64 clock;			/* virtual ns, atomic */
};

struct worker {
	struct shared *sh;
	int cpu;
	u64 rng;
	unsigned long allocs;
};

static unsigned int rnd_below(struct worker *w, unsigned int n)
{
	w->rng ^= w->rng >> 12;
	w->rng ^= w->rng << 25;
	w->rng ^= w->rng >> 27;
	return (unsigned int)(((w->rng * 2685821657736338717ULL) >> 32) % n);
}

/* Put a page in the pool, or free a pool page if it is full. */
static void pool_put(struct shared *sh, struct page *page)
{
	pthread_mutex_lock(&sh->lock);
	if (sh->nr_pool < POOL) {
		sh->pool[sh->nr_pool++] = page;
		page = NULL;
	}
	pthread_mutex_unlock(&sh->lock);
	if (page)
		__free_page(page);
}

static struct page *pool_get(struct shared *sh)
{
	struct page *page = NULL;

	pthread_mutex_lock(&sh->lock);
	if (sh->nr_pool)
		page = sh->pool[--sh->nr_pool];
	pthread_mutex_unlock(&sh->lock);
	return page;
}

static void one_op(struct worker *w)
{
	struct shared *sh = w->sh;
	unsigned int op = rnd_below(w, 1000), order;
	struct page *page;

	if (op < 450) {
		page = alloc_page(GFP_HIGHUSER_MOVABLE);
		if (page) {
			w->allocs++;
			sim_touch_page(page);
			pool_put(sh, page);
		}
	} else if (op < 900) {
		page = pool_get(sh);
		if (page)
			__free_page(page);
	} else if (op < 990) {
		order = 1 + rnd_below(w, MAX_ORDER - 1);
		page = alloc_pages(GFP_KERNEL, order);
		if (page)
			__free_pages(page, order);
	} else if (op < 995) {
		drain_all_pages(NULL);
	} else {
		mm_tick(__atomic_add_fetch(&sh->clock, 500000000ULL,
					   __ATOMIC_RELAXED));
	}
}

static void *worker_fn(void *arg)
{
	struct worker *w = arg;
	unsigned long i;

	sim_guest_enter(w->sh->sg, w->cpu);
	for (i = 0; i < w->sh->ops; i++)
		one_op(w);
	return NULL;
}

static void run_strategy(enum hint_strategy s, struct shared *sh)
{
	/* report needs 32 free pageblocks before it reports anything */
	unsigned long nr_pages = s == HINT_REPORT ? 40UL << 9 : 4096;
	struct sim_guest_config cfg = {
		.nr_pages = nr_pages,
		.nr_cpus = NR_THREADS,
		.strategy = s,
	};
	struct worker w[NR_THREADS];
	pthread_t tid[NR_THREADS];
	unsigned long allocs = 0;
	struct page *page;
	int i;

	sh->sg = sim_guest_create(&cfg);
	if (!sh->sg)
		tap_bail("cannot create the guest");
	sh->nr_pool = 0;
	sh->clock = 0;
	for (i = 0; i < NR_THREADS; i++) {
		w[i] = (struct worker){
			.sh = sh,
			.cpu = i,
			.rng = sh->seed * 0x9e3779b97f4a7c15ULL + s * 16 + i + 1,
		};
		pthread_create(&tid[i], NULL, worker_fn, &w[i]);
	}
	for (i = 0; i < NR_THREADS; i++) {
		pthread_join(tid[i], NULL);
		allocs += w[i].allocs;
	}
	sim_guest_enter(sh->sg, 0);
	is(check_guest_pages(), 0, "%s: checker clean after the threads",
	   hint_strategy_name(s));
	while ((page = pool_get(sh)))
		__free_page(page);
	drain_all_pages(NULL);
	is(nr_free_pages(), nr_pages, "%s: every page free (%lu allocs)",
	   hint_strategy_name(s), allocs);
	is(check_guest_pages(), 0, "%s: checker clean at the end",
	   hint_strategy_name(s));
	sim_guest_destroy(sh->sg);
}

int main(int argc, char **argv)
{
	struct shared sh = {
		.seed = (unsigned long)time(NULL) ^ (unsigned long)getpid(),
		.ops = 4000,
	};
	int i, s;

	for (i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--seed"))
			sh.seed = strtoul(argv[i + 1], NULL, 0);
		else if (!strcmp(argv[i], "--ops"))
			sh.ops = strtoul(argv[i + 1], NULL, 0);
		else
			break;
	}
	if (i != argc) {
		fprintf(stderr, "usage: %s [--seed N] [--ops N]\n", argv[0]);
		return 2;
	}
	pthread_mutex_init(&sh.lock, NULL);
	tap_plan(3 * NR_HINT_STRATEGIES);
	printf("# seed: %lu\n", sh.seed);
	for (s = 0; s < NR_HINT_STRATEGIES; s++)
		run_strategy(s, &sh);
	pthread_mutex_destroy(&sh.lock);
	return tap_finish();
}
