// SPDX-License-Identifier: GPL-2.0
/*
 * Concurrency soak: several guests on one host with a memory limit (kvm
 * or zvm semantics, intercept or interpret, by the seed), each
 * guest's cpus as threads, a checker thread running check_guest_pages()
 * on every guest all the time, and a host thread evicting and dropping
 * pages at random. The checker stops the guest cpus between two of
 * their operations (a writer lock each operation takes for reading):
 * it takes every list lock, but a block between its free list and its
 * stable hint (rmqueue_buddy, post_alloc_hook) or between its unused
 * hint and its free list (__free_pages_ok) is in transit, which its
 * rules would call in use
 * (--unpaused shows that: checker findings are then not violations).
 * The host thread never stops. Each guest runs another strategy (all of them in
 * turn). Guest cpus allocate blocks, write a tag into every page, free
 * their own blocks and other cpus' (a shared pool), read page cache
 * files and compare with the backing store, drain, tick the clock.
 * Violations: what the checker reports, a tag that changed while the
 * block was in use, a page cache read with the wrong bytes, the page
 * cache's own count (unexpected faults, lost writes), a touch of a page
 * unused at the host (a stable hint missed: the host may drop what was
 * written) and of a discarded one without a fault. Must be 0.
 *
 *   soak [--seed N] [--duration SECONDS] [--guests N] [--cpus N]
 *        [--unpaused]
 *
 * make check runs it for 2 s per build (plain, ASan+UBSan, TSan);
 * make soak DURATION=S for longer. The seed it prints reproduces the
 * operation mix of each thread (the interleaving is the scheduler's).
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <asm-generic/guest-memory.h>
#include <linux/pagemap.h>
#include "sim.h"
#include "tap.h"

#define MAX_GUESTS	8
#define MAX_CPUS	16
#define GUEST_PAGES	8192	/* report needs free pageblocks to report */
#define OWN_MAX		64	/* blocks a cpu holds at most */
#define POOL_MAX	256	/* blocks handed to other cpus */
#define FILE_PAGES	512	/* per file; two files per guest */
#define MAX_ORDER_USED	3

struct block {
	struct page *page;
	unsigned int order;
	u64 tag;
};

struct guest {
	struct sim_guest *sg;
	enum hint_strategy strategy;
	struct super_block *sb;
	struct inode *file[2];
	pthread_mutex_t pool_lock;
	struct block pool[POOL_MAX];
	unsigned int nr_pool;
};

struct soak {
	struct hv_host *host;
	struct guest g[MAX_GUESTS];
	unsigned int nr_guests;
	int nr_cpus;
	unsigned long seed;
	double duration;
	int stop;			/* atomic */
	u64 clock;			/* virtual ns, atomic */
	unsigned long ops;		/* atomic */
	unsigned long violations;	/* atomic */
	unsigned long checks;		/* checker passes */
	unsigned long host_ops;
	unsigned long transit;		/* --unpaused checker findings */
	bool unpaused;
	pthread_rwlock_t quiesce;	/* cpus: read per op; checker: write */
};

struct cpu {
	struct soak *s;
	struct guest *g;
	int cpu;
	u64 rng;
	u64 seq;
	struct block own[OWN_MAX];
	unsigned int nr_own;
	pthread_t thread;
};

static u64 next_rand(u64 *state)
{
	u64 x = (*state += 0x9e3779b97f4a7c15ULL);

	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static void violation(struct soak *s, const char *what, unsigned long pfn)
{
	if (__atomic_fetch_add(&s->violations, 1, __ATOMIC_RELAXED) < 10)
		tap_diag("violation: %s (pfn %#lx)", what, pfn);
}

static bool stopped(struct soak *s)
{
	return __atomic_load_n(&s->stop, __ATOMIC_ACQUIRE);
}

/* The tag of page i of a block: it names the block and the page. */
static void page_tag(const struct block *b, unsigned int i, u64 rec[2])
{
	rec[0] = b->tag;
	rec[1] = page_to_pfn(b->page) + i;
}

static void write_tags(struct block *b)
{
	unsigned int i;
	u64 rec[2];

	for (i = 0; i < (1u << b->order); i++) {
		page_tag(b, i, rec);
		guest_mem_write(page_to_pfn(b->page) + i, 0, rec, sizeof(rec));
	}
}

/* A block in use keeps what was written into it, however the host moved it. */
static void check_tags(struct soak *s, const struct block *b)
{
	unsigned int i;
	u64 rec[2], got[2];

	for (i = 0; i < (1u << b->order); i++) {
		page_tag(b, i, rec);
		if (guest_mem_read(page_to_pfn(b->page) + i, 0, got,
				   sizeof(got)) || memcmp(rec, got, sizeof(got)))
			violation(s, "content of a page in use lost",
				  page_to_pfn(b->page) + i);
	}
}

static void free_block(struct soak *s, struct block *b)
{
	check_tags(s, b);
	__free_pages(b->page, b->order);
}

static void op_alloc(struct cpu *c)
{
	unsigned int order = next_rand(&c->rng) % 8 ? 0 :
			     1 + next_rand(&c->rng) % MAX_ORDER_USED;
	struct block *b;
	struct page *page;

	if (c->nr_own == OWN_MAX)
		return;
	page = alloc_pages(GFP_KERNEL, order);
	if (!page)
		return;
	b = &c->own[c->nr_own++];
	*b = (struct block){
		.page = page,
		.order = order,
		.tag = (u64)c->cpu << 48 | ++c->seq,
	};
	write_tags(b);
}

static void op_free_own(struct cpu *c)
{
	unsigned int i;

	if (!c->nr_own)
		return;
	i = next_rand(&c->rng) % c->nr_own;
	free_block(c->s, &c->own[i]);
	c->own[i] = c->own[--c->nr_own];
}

/* Hand a block to the pool, or free one another cpu put there. */
static void op_pool(struct cpu *c, bool give)
{
	struct guest *g = c->g;
	struct block b = { 0 };
	bool have = false;

	pthread_mutex_lock(&g->pool_lock);
	if (give && c->nr_own && g->nr_pool < POOL_MAX) {
		g->pool[g->nr_pool++] = c->own[--c->nr_own];
	} else if (!give && g->nr_pool) {
		b = g->pool[--g->nr_pool];
		have = true;
	}
	pthread_mutex_unlock(&g->pool_lock);
	if (have)
		free_block(c->s, &b);
}

static void op_read_file(struct cpu *c)
{
	static __thread unsigned char want[PAGE_SIZE], got[PAGE_SIZE];
	struct inode *inode = c->g->file[next_rand(&c->rng) & 1];
	pgoff_t index = next_rand(&c->rng) % FILE_PAGES;

	backing_store_content(inode, index, want);
	if (filemap_read(inode, (u64)index * PAGE_SIZE, got, PAGE_SIZE) !=
	    (ssize_t)PAGE_SIZE || memcmp(want, got, PAGE_SIZE))
		violation(c->s, "page cache read with the wrong bytes", index);
}

static void op_delete(struct cpu *c)
{
	struct inode *inode = c->g->file[next_rand(&c->rng) & 1];
	struct page *page;

	page = filemap_delete_page(&inode->i_data,
				   next_rand(&c->rng) % FILE_PAGES);
	if (page)
		put_page(page);
}

static void one_op(struct cpu *c)
{
	unsigned int r = next_rand(&c->rng) % 1000;

	if (r < 350)
		op_alloc(c);
	else if (r < 600)
		op_free_own(c);
	else if (r < 680)
		op_pool(c, true);
	else if (r < 760)
		op_pool(c, false);
	else if (r < 960)
		op_read_file(c);
	else if (r < 970)
		op_delete(c);
	else if (r < 980)
		shrink_page_cache(c->g->sb, 8);
	else if (r < 985)
		drain_all_pages(NULL);
	else
		mm_tick(__atomic_add_fetch(&c->s->clock, 50000000ULL,
					   __ATOMIC_RELAXED));
}

static void *cpu_thread(void *arg)
{
	struct cpu *c = arg;
	unsigned long n = 0;

	sim_guest_enter(c->g->sg, c->cpu);
	while (!stopped(c->s)) {
		pthread_rwlock_rdlock(&c->s->quiesce);
		one_op(c);
		pthread_rwlock_unlock(&c->s->quiesce);
		n++;
	}
	__atomic_add_fetch(&c->s->ops, n, __ATOMIC_RELAXED);
	return NULL;
}

/* The checker on every guest, over and over, while the cpus run. */
static void *checker_thread(void *arg)
{
	struct soak *s = arg;
	unsigned int i;
	int v;

	while (!stopped(s)) {
		if (!s->unpaused)
			pthread_rwlock_wrlock(&s->quiesce);
		for (i = 0; i < s->nr_guests; i++) {
			sim_guest_enter(s->g[i].sg, 0);
			v = check_guest_pages();
			if (v && s->unpaused) {
				s->transit += (unsigned long)v;
			} else if (v) {
				tap_diag("checker: %d violations in guest %u (%s)",
					 v, i,
					 hint_strategy_name(s->g[i].strategy));
				__atomic_add_fetch(&s->violations, v,
						   __ATOMIC_RELAXED);
			}
		}
		if (!s->unpaused)
			pthread_rwlock_unlock(&s->quiesce);
		s->checks++;
		/* the cpus run on meanwhile */
		sched_yield();
	}
	return NULL;
}

/* The host reclaims on its own: drops what it may, pages out the rest. */
static void *host_thread(void *arg)
{
	struct soak *s = arg;
	u64 rng = s->seed ^ 0x5eedULL;
	struct guest *g;
	u64 r;

	while (!stopped(s)) {
		r = next_rand(&rng);
		g = &s->g[r % s->nr_guests];
		if ((r >> 8) % 4)
			hv_try_drop(g->sg->hv, (r >> 16) % GUEST_PAGES);
		else
			hv_evict(g->sg->hv, (r >> 16) % GUEST_PAGES);
		s->host_ops++;
		if (!((r >> 40) % 64))
			sched_yield();
	}
	return NULL;
}

static void parse_args(struct soak *s, int argc, char **argv)
{
	int i;

	s->seed = (unsigned long)time(NULL) ^ ((unsigned long)getpid() << 16);
	s->duration = 2;
	s->nr_guests = 3;
	s->nr_cpus = 4;
	for (i = 1; i < argc; i += 2) {
		if (!strcmp(argv[i], "--unpaused")) {
			s->unpaused = true;
			i--;
		} else if (i + 1 == argc) {
			break;
		} else if (!strcmp(argv[i], "--seed"))
			s->seed = strtoul(argv[i + 1], NULL, 0);
		else if (!strcmp(argv[i], "--duration"))
			s->duration = strtod(argv[i + 1], NULL);
		else if (!strcmp(argv[i], "--guests"))
			s->nr_guests = (unsigned int)atoi(argv[i + 1]);
		else if (!strcmp(argv[i], "--cpus"))
			s->nr_cpus = atoi(argv[i + 1]);
		else
			break;
	}
	if (i != argc || s->nr_guests < 1 || s->nr_guests > MAX_GUESTS ||
	    s->nr_cpus < 1 || s->nr_cpus > MAX_CPUS || !(s->duration > 0)) {
		fprintf(stderr, "usage: %s [--seed N] [--duration S] [--guests 1..%d] [--cpus 1..%d] [--unpaused]\n",
			argv[0], MAX_GUESTS, MAX_CPUS);
		exit(2);
	}
}

static void setup_guest(struct soak *s, unsigned int i)
{
	struct guest *g = &s->g[i];
	struct sim_guest_config gc = {
		.nr_pages = GUEST_PAGES,
		.nr_cpus = s->nr_cpus,
		.host = s->host,
	};
	unsigned int f;

	g->strategy = (enum hint_strategy)((s->seed + i) % NR_HINT_STRATEGIES);
	gc.strategy = g->strategy;
	g->sg = sim_guest_create(&gc);
	if (!g->sg)
		tap_bail("sim_guest_create failed");
	g->sb = sb_create(8 + i, FILE_PAGES);
	if (!g->sb)
		tap_bail("sb_create failed");
	for (f = 0; f < 2; f++) {
		g->file[f] = iget(g->sb, 10 + f);
		g->file[f]->i_size = (u64)FILE_PAGES * PAGE_SIZE;
	}
	pthread_mutex_init(&g->pool_lock, NULL);
}

/* After the threads: every block checked and freed, all memory free. */
static void teardown_guest(struct soak *s, unsigned int i, struct cpu *cpus)
{
	struct guest *g = &s->g[i];
	struct filemap_stats fs;
	struct hv_stats hs;
	int c;

	sim_guest_enter(g->sg, 0);
	for (c = 0; c < s->nr_cpus; c++) {
		struct cpu *cp = &cpus[i * s->nr_cpus + c];

		while (cp->nr_own)
			free_block(s, &cp->own[--cp->nr_own]);
	}
	while (g->nr_pool)
		free_block(s, &g->pool[--g->nr_pool]);
	sb_get_stats(g->sb, &fs);
	if (fs.violations) {
		tap_diag("page cache: %lu violations in guest %u",
			 (unsigned long)fs.violations, i);
		__atomic_add_fetch(&s->violations, fs.violations,
				   __ATOMIC_RELAXED);
	}
	sb_destroy(g->sb);
	drain_all_pages(NULL);
	hv_guest_get_stats(g->sg->hv, &hs);
	if (hs.host_unused_touches || hs.discarded_touches) {
		tap_diag("guest %u (%s): %lu touches of unused pages, %lu of discarded ones",
			 i, hint_strategy_name(g->strategy),
			 hs.host_unused_touches, hs.discarded_touches);
		__atomic_add_fetch(&s->violations, hs.host_unused_touches +
				   hs.discarded_touches, __ATOMIC_RELAXED);
	}
	is(check_guest_pages(), 0, "guest %u (%s): checker clean at the end",
	   i, hint_strategy_name(g->strategy));
	is(nr_free_pages(), GUEST_PAGES, "guest %u: every page free again", i);
	sim_guest_destroy(g->sg);
	pthread_mutex_destroy(&g->pool_lock);
}

/*
 * The content check must be able to fire: a tag changed behind the
 * guest's back (a wild write, or a host that lost the page) is found.
 */
static void selftest(struct soak *s, struct cpu *c)
{
	unsigned long v0 = s->violations, found;
	u64 bad[2] = { ~0ULL, ~0ULL };
	struct block *b;

	sim_guest_enter(c->g->sg, 0);
	if (!c->nr_own)
		op_alloc(c);
	if (!c->nr_own) {
		ok(0, "self-test: no block to corrupt");
		return;
	}
	b = &c->own[0];
	guest_mem_write(page_to_pfn(b->page), 0, bad, sizeof(bad));
	check_tags(s, b);
	found = s->violations - v0;
	write_tags(b);
	s->violations = v0;
	is(found, 1, "self-test: a page whose content changed is found");
}

int main(int argc, char **argv)
{
	static struct soak s;
	struct hv_host_config hc = {
		.mode = HV_MODE_INTERCEPT,
		.backed = true,
		.essa_available = true,
	};
	pthread_t checker, host;
	struct timespec ts;
	struct cpu *cpus;
	unsigned int i, n;

	pthread_rwlockattr_t ra;

	parse_args(&s, argc, argv);
	n = s.nr_guests * (unsigned int)s.nr_cpus;
	/* the checker must get its turn between the cpus' operations */
	pthread_rwlockattr_init(&ra);
	pthread_rwlockattr_setkind_np(&ra,
			PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
	pthread_rwlock_init(&s.quiesce, &ra);
	pthread_rwlockattr_destroy(&ra);
	tap_plan(2 * s.nr_guests + 3);
	tap_diag("seed: %lu", s.seed);
	tap_diag("%u guests x %d cpus, %.1f s, %s host, %s", s.nr_guests,
		 s.nr_cpus, s.duration, s.seed & 2 ? "zvm" : "kvm",
		 s.seed & 1 ? "interpret" : "intercept");
	/* the host holds 60% of what the guests have: reclaim runs */
	hc.mode = s.seed & 1 ? HV_MODE_INTERPRET : HV_MODE_INTERCEPT;
	hc.semantics = s.seed & 2 ? HV_HOST_ZVM : HV_HOST_KVM;
	hc.mem_limit_pages = GUEST_PAGES * s.nr_guests * 6 / 10;
	s.host = hv_host_create(&hc);
	if (!s.host)
		tap_bail("hv_host_create failed");
	for (i = 0; i < s.nr_guests; i++)
		setup_guest(&s, i);
	cpus = calloc(n, sizeof(*cpus));
	if (!cpus)
		tap_bail("out of memory");
	for (i = 0; i < n; i++) {
		cpus[i] = (struct cpu){
			.s = &s,
			.g = &s.g[i / s.nr_cpus],
			.cpu = (int)(i % s.nr_cpus),
			.rng = s.seed * 0x100000001b3ULL + i,
		};
		pthread_create(&cpus[i].thread, NULL, cpu_thread, &cpus[i]);
	}
	pthread_create(&checker, NULL, checker_thread, &s);
	pthread_create(&host, NULL, host_thread, &s);
	ts.tv_sec = (time_t)s.duration;
	ts.tv_nsec = (long)((s.duration - (double)ts.tv_sec) * 1e9);
	nanosleep(&ts, NULL);
	__atomic_store_n(&s.stop, 1, __ATOMIC_RELEASE);
	for (i = 0; i < n; i++)
		pthread_join(cpus[i].thread, NULL);
	pthread_join(checker, NULL);
	pthread_join(host, NULL);
	ok(s.checks > 0, "the checker ran %lu passes over all guests alongside",
	   s.checks);
	selftest(&s, &cpus[0]);
	for (i = 0; i < s.nr_guests; i++)
		teardown_guest(&s, i, cpus);
	tap_diag("seed %lu: %lu operations, %lu host operations, %lu checker passes, %lu violations",
		 s.seed, s.ops, s.host_ops, s.checks, s.violations);
	if (s.unpaused)
		tap_diag("unpaused checker: %lu findings on blocks in transit",
			 s.transit);
	is(s.violations, 0, "no violations in %lu operations", s.ops);
	free(cpus);
	hv_host_destroy(s.host);
	pthread_rwlock_destroy(&s.quiesce);
	return tap_finish();
}
