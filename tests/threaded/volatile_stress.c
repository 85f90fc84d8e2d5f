// SPDX-License-Identifier: GPL-2.0
/*
 * Volatile page cache under concurrency: guest cpus as threads read,
 * look up, map, write, write back, delete and evict page cache pages
 * while a host thread drops volatile pages at random moments and the
 * host's memory limit reclaims. Every read is compared with the backing
 * store; a discarded page must never be read without a fault.
 *
 *   volatile_stress [--seed N] [--ops N] [--cpus N]
 */
#include <pthread.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include "../unit/volatile_test.h"

#define GUEST_PAGES	2048
#define CACHE_PAGES	1536
#define HOST_LIMIT	1024
#define RO_FILES	4
#define RO_PAGES	1024	/* per file: the tree exceeds the guest */
#define MAP_PAGES	256
#define W_PAGES_PER_CPU	32
#define W_INO		100

struct stress {
	struct vtest t;
	int nr_cpus;
	unsigned long ops;
	unsigned long seed;
	struct inode *ro[RO_FILES];
	struct inode *w;
	struct vm_area_struct *ro_vma, *w_vma;
	atomic_long_t mismatches;
	atomic_long_t reads_checked;
	int host_stop;
};

struct cpu {
	struct stress *s;
	int cpu;
	u64 rng;
	u64 seq[W_PAGES_PER_CPU];	/* last value written, 0: none */
	pthread_t thread;
};

static u64 next_rand(u64 *state)
{
	u64 x = (*state += 0x9e3779b97f4a7c15ULL);

	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static void mismatch(struct stress *s, const char *what, pgoff_t index)
{
	if (atomic_long_read(&s->mismatches) < 10)
		tap_diag("%s: %s, index %lu", __func__, what, index);
	atomic_long_inc(&s->mismatches);
}

static void check(struct stress *s, bool good, const char *what,
		  pgoff_t index)
{
	atomic_long_inc(&s->reads_checked);
	if (!good)
		mismatch(s, what, index);
}

/* Read a random range of a read-only file through filemap_read. */
static void op_read(struct cpu *c)
{
	static __thread unsigned char want[2 * PAGE_SIZE], got[2 * PAGE_SIZE];
	struct inode *inode = c->s->ro[next_rand(&c->rng) % RO_FILES];
	pgoff_t index = next_rand(&c->rng) % (RO_PAGES - 1);
	size_t off = next_rand(&c->rng) % PAGE_SIZE;
	size_t len = 1 + next_rand(&c->rng) % PAGE_SIZE;

	backing_store_content(inode, index, want);
	backing_store_content(inode, index + 1, want + PAGE_SIZE);
	check(c->s, filemap_read(inode, (u64)index * PAGE_SIZE + off, got,
				 len) == (ssize_t)len &&
		    !memcmp(got, want + off, len), "filemap_read", index);
}

/* Access the shared read-only mapping. */
static void op_map_read(struct cpu *c)
{
	static __thread unsigned char want[PAGE_SIZE], got[256];
	struct stress *s = c->s;
	pgoff_t index = next_rand(&c->rng) % MAP_PAGES;
	size_t off = next_rand(&c->rng) % (PAGE_SIZE - sizeof(got));

	backing_store_content(s->ro[0], index, want);
	check(s, !vma_access(s->ro_vma, (u64)index * PAGE_SIZE + off, got,
			     sizeof(got), false) &&
		 !memcmp(got, want + off, sizeof(got)), "mapped read", index);
}

/* A lookup hands out a stable page with the right content. */
static void op_lookup(struct cpu *c)
{
	struct inode *inode = c->s->ro[next_rand(&c->rng) % RO_FILES];
	pgoff_t index = next_rand(&c->rng) % RO_PAGES;
	struct page *page = find_get_page(&inode->i_data, index);

	if (!page)
		return;
	wait_on_page_locked(page);
	check(c->s, vtest_page_ok(inode, page, index), "lookup", index);
	put_page(page);
}

static void op_delete(struct cpu *c)
{
	struct inode *inode = c->s->ro[next_rand(&c->rng) % RO_FILES];
	struct page *page;

	page = filemap_delete_page(&inode->i_data,
				   next_rand(&c->rng) % RO_PAGES);
	if (page)
		put_page(page);
}

/* The cpu's own pages of the written file: index = i * nr_cpus + cpu. */
static pgoff_t w_index(struct cpu *c, unsigned int i)
{
	return (pgoff_t)i * c->s->nr_cpus + c->cpu;
}

/* Is the 16 byte record at the start of the page, the rest the store's? */
static bool w_content_ok(struct cpu *c, unsigned int i, const void *head,
			 const void *tail)
{
	static __thread unsigned char want[PAGE_SIZE];
	u64 rec[2];

	backing_store_content(c->s->w, w_index(c, i), want);
	if (memcmp(tail, want + 16, 64))
		return false;
	if (!c->seq[i])
		return !memcmp(head, want, 16);
	rec[0] = w_index(c, i);
	rec[1] = c->seq[i];
	return !memcmp(head, rec, 16);
}

static void op_write(struct cpu *c, bool mapped)
{
	unsigned int i = next_rand(&c->rng) % W_PAGES_PER_CPU;
	pgoff_t index = w_index(c, i);
	u64 rec[2] = { index, c->seq[i] + 1 };
	int ret;

	if (mapped)
		ret = vma_access(c->s->w_vma, (u64)index * PAGE_SIZE, rec,
				 sizeof(rec), true);
	else
		ret = filemap_write(c->s->w, (u64)index * PAGE_SIZE, rec,
				    sizeof(rec)) == sizeof(rec) ? 0 : -1;
	if (ret)
		mismatch(c->s, "write failed", index);
	else
		c->seq[i]++;
}

static void op_read_own(struct cpu *c, bool mapped)
{
	unsigned int i = next_rand(&c->rng) % W_PAGES_PER_CPU;
	pgoff_t index = w_index(c, i);
	unsigned char buf[80];
	u64 pos = (u64)index * PAGE_SIZE;
	int ret;

	if (mapped)
		ret = vma_access(c->s->w_vma, pos, buf, sizeof(buf), false);
	else
		ret = filemap_read(c->s->w, pos, buf, sizeof(buf)) ==
		      sizeof(buf) ? 0 : -1;
	check(c->s, !ret && w_content_ok(c, i, buf, buf + 16),
	      mapped ? "mapped read of own write" : "read of own write",
	      index);
}

static void one_op(struct cpu *c)
{
	unsigned int r = next_rand(&c->rng) % 100;

	if (r < 40)
		op_read(c);
	else if (r < 55)
		op_map_read(c);
	else if (r < 63)
		op_lookup(c);
	else if (r < 68)
		op_delete(c);
	else if (r < 70)
		page_volatile_flush();
	else if (r < 78)
		op_write(c, false);
	else if (r < 84)
		op_write(c, true);
	else if (r < 90)
		op_read_own(c, false);
	else if (r < 96)
		op_read_own(c, true);
	else if (r < 98)
		filemap_writeback(&c->s->w->i_data);
	else
		shrink_page_cache(c->s->t.sb, 16);
}

static void *guest_cpu(void *arg)
{
	struct cpu *c = arg;
	unsigned long i;

	sim_guest_enter(c->s->t.sg, c->cpu);
	for (i = 0; i < c->s->ops; i++)
		one_op(c);
	/* a last check of every own page */
	for (i = 0; i < W_PAGES_PER_CPU; i++) {
		unsigned char buf[80];

		filemap_read(c->s->w, (u64)w_index(c, i) * PAGE_SIZE, buf,
			     sizeof(buf));
		check(c->s, w_content_ok(c, i, buf, buf + 16), "final read",
		      w_index(c, i));
	}
	return NULL;
}

/*
 * The host drops droppable (unused, volatile, clean pot. volatile) pages
 * at random moments.
 */
static void *host_dropper(void *arg)
{
	struct stress *s = arg;
	u64 rng = s->seed ^ 0xfeedULL;
	unsigned long dropped = 0;

	while (!__atomic_load_n(&s->host_stop, __ATOMIC_ACQUIRE)) {
		dropped += hv_try_drop(s->t.sg->hv,
				       next_rand(&rng) % GUEST_PAGES);
		if (!(next_rand(&rng) % 64))
			sched_yield();
	}
	return (void *)dropped;
}

static void parse_args(struct stress *s, int argc, char **argv)
{
	int i;

	s->seed = (unsigned long)time(NULL) ^ ((unsigned long)getpid() << 16);
	s->ops = 20000;
	s->nr_cpus = 4;
	for (i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--seed"))
			s->seed = strtoul(argv[i + 1], NULL, 0);
		else if (!strcmp(argv[i], "--ops"))
			s->ops = strtoul(argv[i + 1], NULL, 0);
		else if (!strcmp(argv[i], "--cpus"))
			s->nr_cpus = atoi(argv[i + 1]);
	}
	if (s->nr_cpus < 1 || s->nr_cpus > 64)
		s->nr_cpus = 4;
}

int main(int argc, char **argv)
{
	static struct stress s;
	struct page_volatile_stats vs;
	struct filemap_stats fs;
	struct hv_stats hs;
	pthread_t host;
	struct cpu *cpus;
	void *dropped;
	int i;

	parse_args(&s, argc, argv);
	tap_plan(8);
	tap_diag("seed: %lu", s.seed);
	tap_diag("cpus: %d, ops per cpu: %lu", s.nr_cpus, s.ops);
	vtest_init(&s.t, GUEST_PAGES, s.nr_cpus, HINT_SPILL_VOLATILE,
		   HOST_LIMIT);
	s.t.sb->max_pages = CACHE_PAGES;
	page_volatile_setup(256);
	for (i = 0; i < RO_FILES; i++) {
		s.ro[i] = iget(s.t.sb, 10 + i);
		s.ro[i]->i_size = (u64)RO_PAGES * PAGE_SIZE;
	}
	s.w = iget(s.t.sb, W_INO);
	s.ro_vma = filemap_mmap(&s.ro[0]->i_data, 0, MAP_PAGES);
	s.w_vma = filemap_mmap(&s.w->i_data, 0,
			       W_PAGES_PER_CPU * s.nr_cpus);

	cpus = calloc(s.nr_cpus, sizeof(*cpus));
	pthread_create(&host, NULL, host_dropper, &s);
	for (i = 0; i < s.nr_cpus; i++) {
		cpus[i].s = &s;
		cpus[i].cpu = i;
		cpus[i].rng = s.seed * 31 + i;
		pthread_create(&cpus[i].thread, NULL, guest_cpu, &cpus[i]);
	}
	for (i = 0; i < s.nr_cpus; i++)
		pthread_join(cpus[i].thread, NULL);
	__atomic_store_n(&s.host_stop, 1, __ATOMIC_RELEASE);
	pthread_join(host, &dropped);

	page_volatile_get_stats(&vs);
	sb_get_stats(s.t.sb, &fs);
	hv_guest_get_stats(s.t.sg->hv, &hs);
	tap_diag("reads checked %ld, host drops %lu, host discards of volatile %lu, discard faults %lu, discards on lookup %lu, rereads %lu",
		 atomic_long_read(&s.reads_checked),
		 (unsigned long)dropped, hs.host_discards_volatile,
		 fs.discard_faults, fs.discards_on_lookup, fs.guest_rereads);
	tap_diag("queued %lu, committed %lu (pot. volatile %lu), rejected %lu, dequeued stable %lu, dequeued free %lu, commits %lu",
		 vs.queued, vs.committed, vs.committed_pot, vs.rejected,
		 vs.dequeued_stable, vs.dequeued_free, vs.commits);
	is(atomic_long_read(&s.mismatches), 0,
	   "every read returned the backing store's bytes");
	is(fs.violations, 0, "no unexpected fault or lost write (violations)");
	ok(hs.host_discards_volatile > 0, "the host discarded volatile pages");
	ok(fs.discards_on_lookup > 0, "lookups found discarded pages");
	ok(fs.discard_faults > 0 && fs.discard_faults <= hs.discard_faults,
	   "mapped accesses took discard faults");
	ok(fs.guest_rereads > 0, "the guest read discarded pages again");
	filemap_munmap(s.ro_vma);
	filemap_munmap(s.w_vma);
	sim_guest_enter(s.t.sg, 0);
	is(check_guest_pages(), 0, "the allocator's checker finds nothing");
	ok(vs.committed > 0 && vs.dequeued_stable > 0 && vs.dequeued_free > 0,
	   "commits and both removals happened");
	free(cpus);
	vtest_exit(&s.t);
	return tap_finish();
}
