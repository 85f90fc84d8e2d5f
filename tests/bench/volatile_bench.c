// SPDX-License-Identifier: GPL-2.0
/*
 * The volatile page cache in the spirit of the 2009 measurement (v7 cover
 * letter: after grepping the kernel tree, 75% of a 1 GiB guest's resident
 * pages were volatile), scaled down to a 64 MiB guest:
 *
 *   phase 1 "grep": the guest (its processes hold anon_pages of stable
 *           memory) reads a tree of small files that fills most of its
 *           memory; then the share of the guest's resident pages that are
 *           volatile (or potentially volatile) at the host is counted;
 *   phase 2 "run":  rounds of touching the anonymous memory again,
 *           re-reading a hot quarter of the tree, running (mapping) a
 *           twentieth of it and compiling (each compile step reads a
 *           source file and 8 of 64 headers), on a host that gives the
 *           guest only half its memory.
 *
 * Every configuration runs the same workload on a fresh host; host swap,
 * discards, discard faults and the guest's rereads are totals of both
 * phases. The pending table's saving is the difference in hints between
 * capacity 1 (every page hinted at the next make_volatile) and 1024.
 *
 *   volatile_bench [--guest-pages N] [--rounds N] [--compile-steps N]
 *                                                     (make bench)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/pagemap.h>
#include "sim.h"

struct bench_config {
	const char *label;
	enum hint_strategy strategy;
	unsigned int capacity;		/* pending table */
	unsigned int limit_pct;		/* host limit, % of guest; 0: none */
	const char *backend;
};

static const struct bench_config configs[] = {
	{ "spill+volatile", HINT_SPILL_VOLATILE, 1024, 0, "essa-direct" },
	{ "none", HINT_NONE, 1024, 50, "essa-direct" },
	{ "spill", HINT_SPILL, 1024, 50, "essa-direct" },
	{ "spill+volatile", HINT_SPILL_VOLATILE, 1024, 50, "essa-direct" },
	{ "spill+volatile", HINT_SPILL_VOLATILE, 1, 50, "essa-direct" },
	{ "spill+volatile", HINT_SPILL_VOLATILE, 1024, 50, "pv" },
};

struct bench_params {
	unsigned long guest_pages;
	unsigned long anon_pages;	/* 3/16 of the guest */
	unsigned long tree_pages;	/* 11/16 of the guest */
	unsigned int rounds;
	unsigned int compile_steps;	/* per round */
};

struct bench_result {
	unsigned long resident, volatile_resident;
	unsigned long hint_ops, hint_calls;
	struct hv_stats hv;
	struct filemap_stats fs;
	struct page_volatile_stats vs;
	unsigned long violations;
};

struct tree {
	struct inode **files;
	unsigned long nr_files;
};

static u64 rng_state;

static u64 next_rand(void)
{
	u64 x = (rng_state += 0x9e3779b97f4a7c15ULL);

	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* Files of 1..24 pages (a source tree), tree_pages in all. */
static void tree_create(struct tree *tree, struct super_block *sb,
			unsigned long tree_pages)
{
	unsigned long total = 0, cap = 16, pages;

	tree->files = malloc(cap * sizeof(*tree->files));
	tree->nr_files = 0;
	rng_state = 42;
	while (total < tree_pages) {
		pages = 1 + next_rand() % 24;
		pages = pages < tree_pages - total ? pages : tree_pages - total;
		if (tree->nr_files == cap) {
			cap *= 2;
			tree->files = realloc(tree->files,
					      cap * sizeof(*tree->files));
		}
		tree->files[tree->nr_files] = iget(sb, tree->nr_files + 1);
		tree->files[tree->nr_files]->i_size = pages * PAGE_SIZE;
		tree->nr_files++;
		total += pages;
	}
}

/* grep: read a whole file in 16 KiB chunks, check the bytes. */
static unsigned long read_file(struct inode *inode)
{
	static unsigned char buf[16384], want[PAGE_SIZE];
	unsigned long bad = 0;
	u64 pos;
	ssize_t n;
	size_t i;

	for (pos = 0; pos < inode->i_size; pos += sizeof(buf)) {
		n = filemap_read(inode, pos, buf, sizeof(buf));
		for (i = 0; n > 0 && i < (size_t)n; i += PAGE_SIZE) {
			backing_store_content(inode, (pos + i) / PAGE_SIZE,
					      want);
			bad += !!memcmp(buf + i, want, PAGE_SIZE);
		}
	}
	return bad;
}

/* Run a program: map the file, touch every page. */
static unsigned long run_file(struct inode *inode)
{
	unsigned long nr = inode->i_size / PAGE_SIZE, i, bad = 0;
	struct vm_area_struct *vma = filemap_mmap(&inode->i_data, 0, nr);
	unsigned char want[PAGE_SIZE], got[256];

	for (i = 0; i < nr; i++) {
		backing_store_content(inode, i, want);
		bad += vma_access(vma, i * PAGE_SIZE, got, sizeof(got),
				  false) || memcmp(got, want, sizeof(got));
	}
	filemap_munmap(vma);
	return bad;
}

#define NR_HEADERS	64

/* Compile one source file: it and 8 headers (the tree's first files). */
static unsigned long compile_step(struct tree *tree)
{
	unsigned long bad = 0, i;

	bad += read_file(tree->files[NR_HEADERS + next_rand() %
				     (tree->nr_files - NR_HEADERS)]);
	for (i = 0; i < 8; i++)
		bad += read_file(tree->files[next_rand() % NR_HEADERS]);
	return bad;
}

static void count_resident(struct sim_guest *sg, struct bench_result *r)
{
	unsigned long pfn, nr = hv_guest_nr_pages(sg->hv);
	unsigned int st, usage;

	r->resident = r->volatile_resident = 0;
	for (pfn = 0; pfn < nr; pfn++) {
		st = hv_peek_state(sg->hv, pfn);
		if ((st & PAGE_STATE_RES_HOST_MASK) != PAGE_STATE_RES_RESIDENT)
			continue;
		usage = st & PAGE_STATE_RES_USAGE_MASK;
		r->resident++;
		r->volatile_resident += usage == PAGE_STATE_RES_VOLATILE ||
					usage == PAGE_STATE_RES_POT_VOLATILE;
	}
}

static struct page **anon_alloc(unsigned long n)
{
	struct page **pages = malloc(n * sizeof(*pages));
	unsigned long i;

	for (i = 0; i < n; i++) {
		pages[i] = alloc_page(GFP_HIGHUSER_MOVABLE);
		if (!pages[i]) {
			fprintf(stderr, "volatile_bench: out of memory\n");
			exit(1);
		}
		SetPageAnon(pages[i]);
		sim_touch_page(pages[i]);
	}
	return pages;
}

static void anon_free(struct page **pages, unsigned long n)
{
	unsigned long i;

	for (i = 0; i < n; i++) {
		ClearPageAnon(pages[i]);
		__free_page(pages[i]);
	}
	free(pages);
}

static void run_config(const struct bench_config *cfg,
		       const struct bench_params *p, struct bench_result *r)
{
	struct hv_host_config hc = {
		.mem_limit_pages = p->guest_pages * cfg->limit_pct / 100,
		.mode = HV_MODE_INTERCEPT,
		.backed = true,
		.essa_available = true,
		.semantics = HV_HOST_ZVM,	/* the host that discards */
	};
	struct sim_guest_config gc = {
		.nr_pages = p->guest_pages,
		.nr_cpus = 1,
		.strategy = cfg->strategy,
		.backend = cfg->backend,
	};
	struct page_states_stats hs;
	struct super_block *sb;
	struct sim_guest *sg;
	struct page **anon;
	struct tree tree;
	unsigned long i, round;

	gc.host = hv_host_create(&hc);
	sg = sim_guest_create(&gc);
	if (!gc.host || !sg) {
		fprintf(stderr, "volatile_bench: cannot create the guest\n");
		exit(1);
	}
	page_volatile_setup(cfg->capacity);
	sb = sb_create(1, 0);
	tree_create(&tree, sb, p->tree_pages);
	r->violations = 0;

	anon = anon_alloc(p->anon_pages);
	for (i = 0; i < tree.nr_files; i++)
		r->violations += read_file(tree.files[i]);
	count_resident(sg, r);

	for (round = 0; round < p->rounds; round++) {
		for (i = 0; i < p->anon_pages; i++)
			sim_touch_page(anon[i]);
		for (i = round % 4; i < tree.nr_files; i += 4)
			r->violations += read_file(tree.files[i]);
		for (i = round % 20; i < tree.nr_files; i += 20)
			r->violations += run_file(tree.files[i]);
		for (i = 0; i < p->compile_steps; i++)
			r->violations += compile_step(&tree);
	}

	page_states_get_stats(&hs);
	r->hint_ops = hs.hint_ops;
	r->hint_calls = hs.hint_calls;
	hv_guest_get_stats(sg->hv, &r->hv);
	sb_get_stats(sb, &r->fs);
	page_volatile_get_stats(&r->vs);
	r->violations += r->fs.violations + check_guest_pages();

	anon_free(anon, p->anon_pages);
	sb_destroy(sb);
	free(tree.files);
	sim_guest_destroy(sg);
	hv_host_destroy(gc.host);
}

static void print_row(const struct bench_config *cfg,
		      const struct bench_result *r)
{
	char limit[16];

	if (cfg->limit_pct)
		snprintf(limit, sizeof(limit), "%u%%", cfg->limit_pct);
	else
		snprintf(limit, sizeof(limit), "none");
	printf("%-14s %-4s %5u %5s %5.1f%% %8lu %8lu %8lu %7lu %7lu %7lu %8lu %7lu %7lu %3lu\n",
	       cfg->label,
	       strcmp(cfg->backend, "pv") ? "essa" : "pv", cfg->capacity, limit,
	       r->resident ? 100.0 * r->volatile_resident / r->resident : 0.0,
	       r->hv.host_swap_out_pages, r->hv.host_swap_in_pages,
	       r->hv.host_discards_volatile, r->hv.discard_faults,
	       r->fs.guest_rereads, r->fs.store_reads, r->hint_ops,
	       r->hint_calls, r->hv.exits, r->violations);
}

static double pct_saved(unsigned long before, unsigned long after)
{
	return before ? 100.0 * ((double)before - (double)after) / before : 0;
}

int main(int argc, char **argv)
{
	struct bench_params p = {
		.guest_pages = 16384, .rounds = 4, .compile_steps = 64,
	};
	struct bench_result res[ARRAY_SIZE(configs)];
	const struct bench_result *one, *full;
	unsigned long violations = 0;
	unsigned int i;

	for (i = 1; i + 1 < (unsigned int)argc; i += 2) {
		if (!strcmp(argv[i], "--guest-pages"))
			p.guest_pages = strtoul(argv[i + 1], NULL, 0);
		else if (!strcmp(argv[i], "--rounds"))
			p.rounds = strtoul(argv[i + 1], NULL, 0);
		else if (!strcmp(argv[i], "--compile-steps"))
			p.compile_steps = strtoul(argv[i + 1], NULL, 0);
	}
	p.anon_pages = p.guest_pages * 3 / 16;
	p.tree_pages = p.guest_pages * 11 / 16;

	printf("volatile page cache: %lu page guest, %lu anon pages, a tree of %lu file pages, %u rounds of %u compile steps\n",
	       p.guest_pages, p.anon_pages, p.tree_pages, p.rounds,
	       p.compile_steps);
	printf("%-14s %-4s %5s %5s %6s %8s %8s %8s %7s %7s %7s %8s %7s %7s %3s\n",
	       "strategy", "via", "table", "limit", "vol%",
	       "swap_out", "swap_in",
	       "disc_vol", "dfaults", "rereads", "g_reads", "hint_ops",
	       "calls", "exits", "bad");
	for (i = 0; i < ARRAY_SIZE(configs); i++) {
		run_config(&configs[i], &p, &res[i]);
		print_row(&configs[i], &res[i]);
		violations += res[i].violations;
	}
	full = &res[3];
	one = &res[4];
	printf("vol%%: share of the guest's resident pages volatile or potentially volatile after the grep; g_reads: pages the guest read from its backing store (rereads: after a discard)\n");
	printf("pending table (capacity 1024 against 1): %ld hints saved (%.1f%%), %ld backend calls saved (%.1f%%); %lu dequeued on lookup, %lu on free, %lu rejected at commit\n",
	       (long)one->hint_ops - (long)full->hint_ops,
	       pct_saved(one->hint_ops, full->hint_ops),
	       (long)one->hint_calls - (long)full->hint_calls,
	       pct_saved(one->hint_calls, full->hint_calls),
	       full->vs.dequeued_stable, full->vs.dequeued_free,
	       full->vs.rejected);
	printf("host swap-outs: %lu without volatile hints (spill), %lu with; guest rereads paid: %lu\n",
	       res[2].hv.host_swap_out_pages,
	       full->hv.host_swap_out_pages, full->fs.guest_rereads);
	return violations ? 1 : 0;
}
