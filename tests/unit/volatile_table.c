// SPDX-License-Identifier: GPL-2.0
/*
 * The volatile pending table: insert, removal on free and on a stable
 * lookup (no hint either way), the full-table commit in one batch, flush,
 * the capacity parameter and the hash under churn.
 */
#include "volatile_test.h"

#define CAP	16

static struct page *read_and_release(struct address_space *m, pgoff_t i)
{
	struct page *page = read_cache_page(m, i);

	put_page(page);
	return page;
}

static void test_insert_and_removal(struct vtest *t)
{
	struct address_space *m = &t->inode->i_data;
	unsigned long ops = vtest_hint_ops();
	struct page_volatile_stats vs;
	struct page *page;

	page = read_and_release(m, 0);
	vs = vtest_vstats();
	ok(PageVolatilePending(page) && vs.queued == 1 && vs.pending == 1,
	   "insert: the page is pending");
	page_make_volatile(page, 0);
	is(vtest_vstats().pending, 1, "queuing it twice keeps one entry");

	page = filemap_delete_page(m, 0);
	put_page(page);
	vs = vtest_vstats();
	ok(!PageVolatilePending(page) && vs.dequeued_free == 1 &&
	   vs.pending == 0, "free-removal: freeing takes it out");
	ok(vtest_host_usage(t, page) == PAGE_STATE_RES_STABLE,
	   "the freed page was never hinted volatile");

	read_and_release(m, 1);
	page = find_get_page(m, 1);
	vs = vtest_vstats();
	ok(!PageVolatilePending(page) && vs.dequeued_stable == 1 &&
	   vs.pending == 0, "stable-removal: a lookup takes it out");
	put_page(page);
	is(vtest_hint_ops() - ops, 0,
	   "made volatile and stable/freed before commit: no hint at all");
}

static void test_full_commit(struct vtest *t)
{
	struct address_space *m = &t->inode->i_data;
	unsigned long ops = vtest_hint_ops(), calls = vtest_hint_calls();
	struct page_volatile_stats vs;
	struct page *pages[CAP], *last;
	unsigned int i, nr_vol = 0;

	for (i = 0; i < CAP; i++)
		pages[i] = read_and_release(m, 100 + i);
	vs = vtest_vstats();
	ok(vs.pending == CAP && vs.commits == 0, "a full table, no commit yet");
	is(vtest_hint_ops() - ops, 0, "no hint while pages wait");
	last = read_and_release(m, 100 + CAP);
	vs = vtest_vstats();
	is(vs.commits, 1, "the next insertion commits the full table");
	is(vs.committed, CAP, "all %d pages committed", CAP);
	is(vtest_hint_calls() - calls, 1, "in ONE backend call");
	is(vtest_hint_ops() - ops, CAP, "of %d page-state changes", CAP);
	for (i = 0; i < CAP; i++)
		nr_vol += PageStateVolatile(pages[i]) &&
			  !PageVolatilePending(pages[i]) &&
			  vtest_host_usage(t, pages[i]) ==
			  PAGE_STATE_RES_VOLATILE;
	is(nr_vol, CAP, "each is volatile at guest and host");
	ok(PageVolatilePending(last) && vs.pending == 1,
	   "the new page waits in the table");

	calls = vtest_hint_calls();
	page_volatile_flush();
	vs = vtest_vstats();
	ok(vs.commits == 2 && vs.committed == CAP + 1 && vs.pending == 0,
	   "flush commits what is pending");
	is(vtest_hint_calls() - calls, 1, "in one call");
	page_volatile_flush();
	is(vtest_hint_calls() - calls, 1, "flushing an empty table: no call");
	ok(PageStateVolatile(last) &&
	   vtest_host_usage(t, last) == PAGE_STATE_RES_VOLATILE,
	   "the flushed page is volatile at the host");
}

static void test_capacity(struct vtest *t)
{
	struct address_space *m = &t->inode->i_data;
	struct page_volatile_stats vs;
	unsigned int i;

	is(page_volatile_setup(4), 0, "capacity is a run-time parameter");
	page_volatile_reset_stats();
	for (i = 0; i < 9; i++)
		read_and_release(m, 200 + i);
	vs = vtest_vstats();
	ok(vs.commits == 2 && vs.committed == 8 && vs.pending == 1,
	   "capacity 4: two commits of 4 for 9 pages");
}

/* Random make_volatile / lookup / free against a model of the table. */
static void test_churn(struct vtest *t)
{
	struct address_space *m = &iget(t->sb, 2)->i_data;
	unsigned long seed = 12345, i, idx, pfn, model_pending, bad = 0;
	unsigned int checks = 0;
	struct page_volatile_stats vs;
	struct page *page;

	page_volatile_setup(64);
	page_volatile_reset_stats();
	for (i = 0; i < 20000; i++) {
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		idx = (seed >> 33) % 300;
		switch ((seed >> 20) % 4) {
		case 0:
		case 1:
			read_and_release(m, idx);
			break;
		case 2:
			page = find_get_page(m, idx);
			if (page)
				put_page(page);
			break;
		case 3:
			page = filemap_delete_page(m, idx);
			if (page)
				put_page(page);
			break;
		}
		if (i % 1000)
			continue;
		/* every page flagged pending is in the table and back */
		model_pending = 0;
		for (pfn = 0; pfn < current_pgdat->node_spanned_pages; pfn++)
			model_pending += PageVolatilePending(pfn_to_page(pfn));
		vs = vtest_vstats();
		bad += vs.pending != model_pending;
		checks++;
	}
	ok(checks == 20 && !bad,
	   "the table matches the pages' PG_volatile_pending (%u checks)",
	   checks);
	vs = vtest_vstats();
	is(vs.queued, vs.committed + vs.rejected + vs.dequeued_stable +
	   vs.dequeued_free + vs.pending,
	   "every queued page committed, rejected or dequeued");
	ok(vs.committed > 0 && vs.dequeued_stable > 0 && vs.dequeued_free > 0,
	   "churn exercised commit and both removals");
	is(vtest_fstats(t).violations, 0, "no violations");
}

int main(void)
{
	struct vtest t;

	tap_plan(6 + 12 + 2 + 4 + 1);
	vtest_init(&t, 4096, 1, HINT_SPILL_VOLATILE, 0);
	page_volatile_setup(CAP);
	test_insert_and_removal(&t);
	test_full_commit(&t);
	test_capacity(&t);
	test_churn(&t);
	is(check_guest_pages(), 0, "the allocator's checker is happy");
	vtest_exit(&t);
	return tap_finish();
}
