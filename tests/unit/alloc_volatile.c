// SPDX-License-Identifier: GPL-2.0
/*
 * The allocator's side of the volatile page cache: a page still queued in
 * the volatile pending table that is freed without put_page()
 * leaves the table in free_pages_prepare() instead of being a bad page;
 * a guest torn down with pages pending frees its table (pgdat_destroy;
 * the ASan build's leak check fails otherwise).
 */
#include "volatile_test.h"

static struct page *make_pending(struct address_space *m, pgoff_t index)
{
	struct page *page = read_cache_page(m, index);

	put_page(page);
	if (!PageVolatilePending(page))
		tap_bail("page cache page not pending");
	return page;
}

static void test_free_pending(struct vtest *t)
{
	struct address_space *m = &t->inode->i_data;
	unsigned long ops = vtest_hint_ops();
	struct page_volatile_stats vs;
	struct page *page;

	make_pending(m, 0);
	page = filemap_delete_page(m, 0);
	ok(page && PageVolatilePending(page),
	   "deleted from the page cache, still pending");
	is(page_count(page), 1, "one reference left");
	/* the last reference goes the allocator's way */
	__free_page(page);
	vs = vtest_vstats();
	ok(!PageVolatilePending(page), "freeing cleared PG_volatile_pending");
	is(vs.pending, 0, "the table is empty");
	is(vs.dequeued_free, 1, "counted as freed before commit");
	is(vtest_hint_ops() - ops, 0, "no hint for it");
	drain_all_pages(NULL);
	is(check_guest_pages(), 0, "not a bad page: checker clean");
}

int main(void)
{
	struct vtest t;

	tap_plan(7);
	vtest_init(&t, 4096, 1, HINT_SPILL_VOLATILE, 0);
	test_free_pending(&t);
	vtest_exit(&t);

	/* a guest whose table holds pending pages, torn down */
	vtest_init(&t, 4096, 1, HINT_SPILL_VOLATILE, 0);
	make_pending(&t.inode->i_data, 2);
	sb_destroy(t.sb);
	sim_guest_destroy(t.sg);
	hv_host_destroy(t.host);
	return tap_finish();
}
