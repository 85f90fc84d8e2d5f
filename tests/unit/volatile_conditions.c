// SPDX-License-Identifier: GPL-2.0
/*
 * page_make_volatile: every condition of the 2006-2009 series blocks it,
 * each is checked again at commit, each hook point queues the page, and
 * strategies other than spill+volatile never queue anything.
 */
#include "volatile_test.h"

struct cond {
	const char *name;
	int flag;		/* page flag that blocks (set) */
	bool inverted;		/* the flag must be set to allow (uptodate) */
};

static const struct cond flag_conds[] = {
	{ "reserved", PG_reserved, false },
	{ "dirty", PG_dirty, false },
	{ "under writeback", PG_writeback, false },
	{ "locked", PG_locked, false },
	{ "anonymous", PG_anon, false },
	{ "private data", PG_private, false },
	{ "already discarded", PG_discarded, false },
	{ "not uptodate", PG_uptodate, true },
};

static void block(struct page *page, const struct cond *c, bool on)
{
	if (on != c->inverted)
		set_bit(c->flag, &page->flags);
	else
		clear_bit(c->flag, &page->flags);
}

/* Take the page out of the table again (no hint). */
static void dequeue(struct page *page)
{
	page_make_stable(page);
}

static void test_flag_conditions(struct address_space *m)
{
	unsigned long hints = vtest_hint_ops();
	struct page *page = read_cache_page(m, 0);
	unsigned int i;

	ok(PageVolatilePending(page), "unlock after read I/O queues the page");
	dequeue(page);
	ok(!PageVolatilePending(page), "a stable lookup dequeues it");
	for (i = 0; i < ARRAY_SIZE(flag_conds); i++) {
		const struct cond *c = &flag_conds[i];

		block(page, c, true);
		page_make_volatile(page, 1);
		ok(!PageVolatilePending(page), "%s: not queued", c->name);
		block(page, c, false);
		page_make_volatile(page, 1);
		ok(PageVolatilePending(page), "%s cleared: queued", c->name);
		dequeue(page);
	}

	/* reference count: cache + mappers + the caller's offset */
	page_make_volatile(page, 0);
	ok(!PageVolatilePending(page), "unexpected reference: not queued");
	get_page(page);
	page_make_volatile(page, 1);
	ok(!PageVolatilePending(page), "an extra user: not queued");
	page_make_volatile(page, 2);
	ok(PageVolatilePending(page), "offset covers it: queued");
	dequeue(page);
	put_page(page);
	put_page(page);

	/* not in the page cache */
	page = filemap_delete_page(m, 0);
	page_make_volatile(page, 0);
	ok(!PageVolatilePending(page), "not in the page cache: not queued");
	put_page(page);
	is(vtest_hint_ops(), hints, "queuing and dequeuing cost no hint");
}

/* Queue a page, break a condition, commit: the commit must skip it. */
static void test_recheck(struct vtest *t, struct address_space *m)
{
	struct page_volatile_stats before = vtest_vstats(), after;
	unsigned int i;
	struct page *page;

	for (i = 0; i < ARRAY_SIZE(flag_conds); i++) {
		const struct cond *c = &flag_conds[i];

		page = read_cache_page(m, 10 + i);
		block(page, c, true);
		put_page(page);
	}
	page = read_cache_page(m, 30);	/* still referenced at commit */
	page_volatile_flush();
	after = vtest_vstats();
	is(after.queued - before.queued, ARRAY_SIZE(flag_conds) + 1,
	   "all were queued while they qualified");
	is(after.rejected - before.rejected, ARRAY_SIZE(flag_conds) + 1,
	   "the commit re-checked and rejected every one");
	is(after.committed - before.committed, 0, "none set volatile");
	ok(!PageStateVolatile(page) && !PageVolatilePending(page) &&
	   vtest_host_usage(t, page) == PAGE_STATE_RES_STABLE,
	   "the referenced page stays stable at guest and host");
	put_page(page);
	for (i = 0; i < ARRAY_SIZE(flag_conds); i++) {
		page = find_get_page(m, 10 + i);
		if (!page)	/* "not uptodate"/"discarded" pages: gone */
			continue;
		block(page, &flag_conds[i], false);
		put_page(page);
	}
	page = read_cache_page(m, 31);
	put_page(page);
	page_volatile_flush();
	ok(PageStateVolatile(page) &&
	   vtest_host_usage(t, page) == PAGE_STATE_RES_VOLATILE,
	   "a page that still qualifies is volatile at the host");
}

static void test_hooks(struct address_space *m)
{
	static const char msg[] = "dirty";
	struct vm_area_struct *vma;
	struct page *page;
	char c;

	filemap_write(m->host, 40 * PAGE_SIZE, msg, sizeof(msg));
	page = find_get_page(m, 40);
	ok(PageDirty(page) && !PageVolatilePending(page),
	   "a dirty page is not queued");
	put_page(page);
	filemap_writeback(m);
	ok(PageVolatilePending(page), "writeback end queues it");

	page = find_get_page(m, 40);
	ok(!PageVolatilePending(page), "lookup dequeued it");
	mark_page_accessed(page);
	ok(PageVolatilePending(page), "LRU activation queues it");
	put_page(page);

	vma = filemap_mmap(m, 40, 1);
	vma_access(vma, 0, &c, 1, false);
	page = find_get_page(m, 40);
	ok(page_mapcount(page) == 1 && !PageVolatilePending(page),
	   "mapped, and dequeued by the lookup");
	put_page(page);
	filemap_munmap(vma);
	ok(PageVolatilePending(page) && !page_mapcount(page),
	   "unmap queues it");
}

static void test_other_strategies(void)
{
	static const enum hint_strategy others[] = {
		HINT_NONE, HINT_CMMA, HINT_SPILL, HINT_REPORT,
	};
	struct page_volatile_stats vs;
	struct page *page;
	struct vtest t;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(others); i++) {
		vtest_init(&t, 1024, 1, others[i], 0);
		page = read_cache_page(&t.inode->i_data, 0);
		put_page(page);
		page_make_volatile(page, 0);
		page_volatile_flush();
		vs = vtest_vstats();
		ok(!PageVolatilePending(page) && !PageStateVolatile(page) &&
		   vs.requests == 0 && vs.committed == 0,
		   "%s: page_make_volatile does nothing",
		   hint_strategy_name(others[i]));
		vtest_exit(&t);
	}
}

int main(void)
{
	struct vtest t;

	tap_plan(2 + 2 * 8 + 5 + 5 + 6 + 4);
	vtest_init(&t, 4096, 1, HINT_SPILL_VOLATILE, 0);
	test_flag_conditions(&t.inode->i_data);
	test_recheck(&t, &t.inode->i_data);
	test_hooks(&t.inode->i_data);
	vtest_exit(&t);
	test_other_strategies();
	return tap_finish();
}
