// SPDX-License-Identifier: GPL-2.0
/*
 * The workload's phases, the same sequence for a given seed:
 *
 *   churn1   half of the rounds: in each, churn_children processes start
 *            at once, map and unmap anonymous memory of random sizes
 *            (touching every page, checking it before the unmap), and
 *            exit; the parent's long-lived pool grows by pool_step_pages
 *   files1   the file set read once (page cache filled)
 *   churn2   the other rounds, beside the clean page cache
 *   files2   the file set read again (page cache hits: the set stays
 *            open from the start, so a block device keeps its cache)
 *   idle     idle_ms of sleep
 *   bulkfree the pool unmapped at once
 *
 * then settle_ms of sleep. Each phase prints "e2e: phase NAME begin|end
 * t=..." and the whole "e2e: workload_seconds S" (the phases without the
 * idle sleep). Children return 1 on a page whose content changed.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include "e2e.h"

#define SLOTS	64

struct region {
	uint64_t *p;
	unsigned long pages;
	uint64_t tag;
};

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* one word per page: its tag and index, written at the touch */
static void touch(struct region *r)
{
	unsigned long i;

	for (i = 0; i < r->pages; i++)
		r->p[i * (E2E_PAGE / 8)] = r->tag + i;
}

static int untouch(struct region *r)
{
	unsigned long i;
	int bad = 0;

	for (i = 0; i < r->pages; i++)
		bad |= r->p[i * (E2E_PAGE / 8)] != r->tag + i;
	munmap(r->p, r->pages * E2E_PAGE);
	r->p = NULL;
	return bad;
}

static int map(struct region *r, unsigned long pages, uint64_t tag)
{
	void *p = mmap(NULL, pages * E2E_PAGE, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return -1;
	r->p = p;
	r->pages = pages;
	r->tag = tag;
	touch(r);
	return 0;
}

static unsigned long region_size(uint64_t *rng)
{
	unsigned int r = e2e_rand(rng) % 100;

	if (r < 70)
		return 1 + e2e_rand(rng) % 16;
	if (r < 95)
		return 16 + e2e_rand(rng) % 240;
	return 256 + e2e_rand(rng) % 768;
}

/* A child's life: ops maps and unmaps, then exit frees the rest. */
static int child(const struct e2e_params *p, uint64_t seed)
{
	struct region slot[SLOTS];
	unsigned long live = 0;
	uint64_t rng = seed;
	unsigned int op, used = 0, i;
	int bad = 0;

	memset(slot, 0, sizeof(slot));
	for (op = 0; op < p->churn_ops; op++) {
		unsigned long pages = region_size(&rng);

		if (used && (e2e_rand(&rng) % 100 >= 60 || used == SLOTS ||
			     live + pages > p->child_cap_pages)) {
			/* unmap a random region */
			i = e2e_rand(&rng) % used;
			live -= slot[i].pages;
			bad |= untouch(&slot[i]);
			slot[i] = slot[--used];
			continue;
		}
		if (live + pages > p->child_cap_pages)
			continue;
		if (map(&slot[used], pages, e2e_rand(&rng) << 20))
			return 2;
		live += pages;
		used++;
	}
	/* check what is left; the exit unmaps it */
	for (i = 0; i < used; i++) {
		unsigned long j;

		for (j = 0; j < slot[i].pages; j++)
			bad |= slot[i].p[j * (E2E_PAGE / 8)] != slot[i].tag + j;
	}
	return bad;
}

static int churn_round(const struct e2e_params *p, unsigned int round)
{
	pid_t pid[64];
	unsigned int c, n = p->churn_children;
	int failures = 0, status;

	if (n > 64)
		n = 64;
	for (c = 0; c < n; c++) {
		uint64_t seed = p->seed * 1000003ULL + round * 64 + c;

		pid[c] = fork();
		if (pid[c] == 0)
			_exit(child(p, e2e_rand(&seed)));
		if (pid[c] < 0)
			failures++;
	}
	for (c = 0; c < n; c++) {
		if (pid[c] <= 0)
			continue;
		if (waitpid(pid[c], &status, 0) != pid[c] ||
		    !WIFEXITED(status) || WEXITSTATUS(status)) {
			e2e_say("churn round %u child %u failed (status %#x)",
				round, c, status);
			failures++;
		}
	}
	return failures;
}

struct pool {
	struct region r[64];
	unsigned int nr;
};

static int pool_grow(struct pool *pool, const struct e2e_params *p,
		     unsigned int round)
{
	if (pool->nr == 64 || !p->pool_step_pages)
		return 0;
	if (map(&pool->r[pool->nr], p->pool_step_pages,
		(p->seed + round + 1) << 32))
		return 1;
	pool->nr++;
	return 0;
}

static double phase(const char *name, int begin, double t0)
{
	double t = e2e_now();

	e2e_say("phase %s %s t=%.3f", name, begin ? "begin" : "end", t - t0);
	return t;
}

static int churn(const struct e2e_params *p, struct pool *pool,
		 unsigned int from, unsigned int to)
{
	int failures = 0;
	unsigned int r;

	for (r = from; r < to; r++) {
		failures += churn_round(p, r);
		failures += pool_grow(pool, p, r);
	}
	return failures;
}

static int files(const struct e2e_params *p, const char *fileset,
		 const char *name)
{
	unsigned long pages = 0;

	if (!fileset) {
		e2e_say("%s: no file set", name);
		return 0;
	}
	if (e2e_fileset_read(fileset, p, &pages)) {
		e2e_say("%s: %s: read or check failed after %lu pages (%s)",
			name, fileset, pages, strerror(errno));
		return 1;
	}
	e2e_say("%s: %lu pages read and checked", name, pages);
	return 0;
}

int e2e_workload(const struct e2e_params *p, const char *fileset)
{
	static struct pool pool;
	unsigned int half = p->churn_rounds / 2;
	double t0 = e2e_now(), t, active = 0;
	int failures = 0, hold;
	unsigned int i;

	e2e_say("workload seed %llu rounds %u children %u ops %u files %u x %lu pages",
		(unsigned long long)p->seed, p->churn_rounds,
		p->churn_children, p->churn_ops, p->nr_files, p->file_pages);
	memset(&pool, 0, sizeof(pool));
	/*
	 * Held open through the run: Linux drops a block device's page
	 * cache at its last close, and the second read is to find it.
	 */
	hold = fileset ? open(fileset, O_RDONLY) : -1;

	t = phase("churn1", 1, t0);
	failures += churn(p, &pool, 0, half);
	active += phase("churn1", 0, t0) - t;

	t = phase("files1", 1, t0);
	failures += files(p, fileset, "files1");
	active += phase("files1", 0, t0) - t;

	t = phase("churn2", 1, t0);
	failures += churn(p, &pool, half, p->churn_rounds);
	active += phase("churn2", 0, t0) - t;

	t = phase("files2", 1, t0);
	failures += files(p, fileset, "files2");
	active += phase("files2", 0, t0) - t;

	phase("idle", 1, t0);
	sleep_ms(p->idle_ms);
	phase("idle", 0, t0);

	t = phase("bulkfree", 1, t0);
	for (i = 0; i < pool.nr; i++)
		failures += untouch(&pool.r[i]);
	active += phase("bulkfree", 0, t0) - t;

	e2e_say("workload_seconds %.3f", active);
	if (hold >= 0)
		close(hold);
	sleep_ms(p->settle_ms);
	e2e_say("workload failures %d", failures);
	return failures;
}
