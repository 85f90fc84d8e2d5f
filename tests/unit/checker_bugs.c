// SPDX-License-Identifier: GPL-2.0
/*
 * The checker against injected guest bugs (linux/page-states.h,
 * page_states_bugs): each bug, switched on, must make check_guest_pages()
 * or the page cache's own count find something, and the same steps
 * without it nothing.
 *
 * A replay cannot show the commit's missing re-check (nothing in a trace
 * changes a pending page: 0 rejections in both shared captures), so it is
 * shown here: a page queued, then referenced and dirtied, is committed.
 */
#include "volatile_test.h"

/* Queue page index of m, then use it: a reference and a dirty bit. */
static struct page *queue_then_use(struct address_space *m, pgoff_t index)
{
	struct page *page = read_cache_page(m, index);

	ok(PageVolatilePending(page), "page %lu queued", (unsigned long)index);
	SetPageDirty(page);	/* as a write through a stale pte would */
	return page;		/* the reference stays */
}

static void test_recheck(struct vtest *t, bool bug)
{
	struct address_space *m = &t->inode->i_data;
	struct filemap_stats before = vtest_fstats(t), after;
	unsigned char buf[PAGE_SIZE];
	struct page *page;
	int found;

	page_states_bugs = bug ? BIT(PAGE_STATES_BUG_COMMIT_NO_RECHECK) : 0;
	page = queue_then_use(m, bug ? 1 : 2);
	page_volatile_flush();
	found = check_guest_pages();
	if (bug)
		ok(found > 0, "no re-check: the checker sees a volatile page in use (%d)",
		   found);
	else
		is(found, 0, "re-check: the page stays stable, checker clean");
	/* the host drops what it may; the user then reads the page */
	hv_try_drop(t->sg->hv, page_to_pfn(page));
	if (guest_mem_read(page_to_pfn(page), 0, buf, sizeof(buf)) ==
	    PGM_DISCARD)
		atomic_long_inc(&t->sb->st_violations);
	after = vtest_fstats(t);
	if (bug)
		ok(after.violations > before.violations,
		   "no re-check: the dirty page's content is gone");
	else
		is(after.violations, before.violations,
		   "re-check: the content is still there");
	page_states_bugs = 0;
	ClearPageDirty(page);
	put_page(page);
	check_guest_pages();
}

static void test_free_volatile(struct vtest *t, bool bug)
{
	struct address_space *m = &t->inode->i_data;
	struct page *page;
	int found;

	page = read_cache_page(m, bug ? 3 : 4);
	put_page(page);
	page_volatile_flush();
	ok(vtest_host_usage(t, page) == PAGE_STATE_RES_VOLATILE,
	   "page volatile at the host");
	page_states_bugs = bug ? BIT(PAGE_STATES_BUG_FREE_VOLATILE) : 0;
	get_page(page);
	delete_from_page_cache(page);
	put_page(page);		/* freed, onto a per-cpu list: no hint */
	found = check_guest_pages();
	if (bug)
		ok(found > 0, "freed without its stable hint: the checker sees it (%d)",
		   found);
	else
		is(found, 0, "freed with its stable hint: checker clean");
	page_states_bugs = 0;
}

int main(void)
{
	struct vtest t;

	tap_plan(3 * 2 + 2 * 2);
	vtest_init(&t, 1024, 1, HINT_SPILL_VOLATILE, 0);
	test_recheck(&t, false);
	test_recheck(&t, true);
	test_free_volatile(&t, false);
	test_free_volatile(&t, true);
	vtest_exit(&t);
	return tap_finish();
}
