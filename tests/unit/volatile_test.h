/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers for the page cache and volatile page cache tests: a guest with
 * backed memory on its own host, a super block, content checks.
 */
#ifndef _TESTS_VOLATILE_TEST_H
#define _TESTS_VOLATILE_TEST_H

#include <errno.h>
#include <string.h>
#include <linux/pagemap.h>
#include <asm-generic/guest-memory.h>
#include "sim.h"
#include "tap.h"

struct vtest {
	struct hv_host *host;
	struct sim_guest *sg;
	struct super_block *sb;
	struct inode *inode;		/* ino 1 of sb */
};

static inline void vtest_init_on(struct vtest *t, unsigned long nr_pages,
				 int nr_cpus, enum hint_strategy strategy,
				 unsigned long host_limit,
				 enum hv_semantics sem)
{
	struct hv_host_config hc = {
		.mem_limit_pages = host_limit,
		.mode = HV_MODE_INTERCEPT,
		.backed = true,
		.essa_available = true,
		.semantics = sem,
	};
	struct sim_guest_config gc = {
		.nr_pages = nr_pages,
		.nr_cpus = nr_cpus,
		.strategy = strategy,
	};

	t->host = hv_host_create(&hc);
	if (!t->host)
		tap_bail("hv_host_create failed");
	gc.host = t->host;
	t->sg = sim_guest_create(&gc);
	if (!t->sg)
		tap_bail("sim_guest_create failed");
	t->sb = sb_create(8, 0);
	if (!t->sb)
		tap_bail("sb_create failed");
	t->inode = iget(t->sb, 1);
}

/* A zvm host: the one that discards volatile pages (the series' host). */
static inline void vtest_init(struct vtest *t, unsigned long nr_pages,
			      int nr_cpus, enum hint_strategy strategy,
			      unsigned long host_limit)
{
	vtest_init_on(t, nr_pages, nr_cpus, strategy, host_limit,
		      HV_HOST_ZVM);
}

static inline void vtest_exit(struct vtest *t)
{
	sb_destroy(t->sb);
	sim_guest_destroy(t->sg);
	hv_host_destroy(t->host);
}

/* Does the page hold the backing store's content of (inode, index)? */
static inline bool vtest_page_ok(struct inode *inode, struct page *page,
				 pgoff_t index)
{
	static __thread unsigned char want[PAGE_SIZE], got[PAGE_SIZE];

	backing_store_content(inode, index, want);
	if (guest_mem_read(page_to_pfn(page), 0, got, PAGE_SIZE))
		return false;
	return !memcmp(want, got, PAGE_SIZE);
}

/* Read one whole page through the page cache and compare. */
static inline bool vtest_read_ok(struct inode *inode, pgoff_t index)
{
	static __thread unsigned char want[PAGE_SIZE], got[PAGE_SIZE];

	backing_store_content(inode, index, want);
	if (filemap_read(inode, (u64)index * PAGE_SIZE, got, PAGE_SIZE) !=
	    (ssize_t)PAGE_SIZE)
		return false;
	return !memcmp(want, got, PAGE_SIZE);
}

static inline unsigned int vtest_host_usage(struct vtest *t,
					    struct page *page)
{
	return hv_peek_state(t->sg->hv, page_to_pfn(page)) &
	       PAGE_STATE_RES_USAGE_MASK;
}

static inline unsigned long vtest_hint_ops(void)
{
	struct page_states_stats s;

	page_states_get_stats(&s);
	return s.hint_ops;
}

static inline unsigned long vtest_hint_calls(void)
{
	struct page_states_stats s;

	page_states_get_stats(&s);
	return s.hint_calls;
}

static inline struct page_volatile_stats vtest_vstats(void)
{
	struct page_volatile_stats s;

	page_volatile_get_stats(&s);
	return s;
}

static inline struct filemap_stats vtest_fstats(struct vtest *t)
{
	struct filemap_stats s;

	sb_get_stats(t->sb, &s);
	return s;
}

#endif
