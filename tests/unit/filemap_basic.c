// SPDX-License-Identifier: GPL-2.0
/*
 * The page cache without hints: insert, lookup, delete, LRU, read and
 * write through the backing store, writeback, eviction, truncation and
 * the replay entry points.
 */
#include "volatile_test.h"

static void test_lookup(struct vtest *t)
{
	struct address_space *m = &t->inode->i_data;
	struct filemap_stats fs;
	struct page *page, *again;

	page = read_cache_page(m, 0);
	ok(page != NULL, "read_cache_page reads a page");
	ok(vtest_page_ok(t->inode, page, 0), "it holds the store's bytes");
	is(page_count(page), 2, "references: the cache's and ours");
	ok(PageUptodate(page) && PageLRU(page) && !PageLocked(page),
	   "uptodate, on the LRU, unlocked");
	ok(page_mapping(page) == m && page->index == 0, "mapping and index");
	again = find_get_page(m, 0);
	ok(again == page, "find_get_page finds it");
	is(page_count(page), 3, "the lookup took a reference");
	put_page(again);
	put_page(page);
	ok(find_get_page(m, 5) == NULL, "no page at an uncached index");
	fs = vtest_fstats(t);
	is(fs.store_reads, 1, "one read from the backing store");
	is(fs.lookups, 3, "three lookups counted");
	is(fs.lookup_hits, 1, "one hit (read_cache_page missed first)");
}

static void test_read_write(struct vtest *t)
{
	struct address_space *m = &t->inode->i_data;
	unsigned char want[2 * PAGE_SIZE], got[2 * PAGE_SIZE];
	static const char msg[] = "written by the guest";
	struct page *page;

	backing_store_content(t->inode, 1, want);
	backing_store_content(t->inode, 2, want + PAGE_SIZE);
	is(filemap_read(t->inode, PAGE_SIZE + 100, got, 5000), 5000,
	   "a read across two pages");
	ok(!memcmp(got, want + 100, 5000), "returns the store's bytes");
	is(filemap_write(t->inode, PAGE_SIZE + 10, msg, sizeof(msg)),
	   sizeof(msg), "write into page 1");
	page = find_get_page(m, 1);
	ok(page && PageDirty(page), "the page is dirty");
	is(vtest_fstats(t).store_writes, 0, "nothing written back yet");
	is(filemap_writeback(m), 1, "writeback writes one page");
	ok(!PageDirty(page) && !PageWriteback(page), "clean again");
	is(vtest_fstats(t).store_writes, 1, "one store write counted");
	put_page(page);
	backing_store_content(t->inode, 1, got);
	ok(!memcmp(got + 10, msg, sizeof(msg)) && !memcmp(got, want, 10),
	   "the store holds the new bytes");
	ok(vtest_read_ok(t->inode, 1), "a read returns them");
}

static void test_delete(struct vtest *t)
{
	struct address_space *m = &t->inode->i_data;
	unsigned long nrpages = m->nrpages, free_before = nr_free_pages();
	struct page *page;

	page = filemap_delete_page(m, 0);
	ok(page != NULL, "delete returns the cached page");
	ok(!page_mapping(page) && !PageLRU(page), "off the cache and LRU");
	is(m->nrpages, nrpages - 1, "nrpages drops");
	ok(find_get_page(m, 0) == NULL, "lookup misses");
	is(page_count(page), 1, "the caller got the cache's reference");
	put_page(page);
	is(nr_free_pages(), free_before + 1, "releasing it frees the page");
	ok(filemap_delete_page(m, 0) == NULL, "nothing to delete twice");
}

static void test_eviction(struct vtest *t)
{
	struct super_block *sb = sb_create(9, 16);
	struct inode *inode = iget(sb, 3);
	struct filemap_stats fs;
	bool all_ok = true;
	pgoff_t i;

	for (i = 0; i < 40; i++)
		all_ok &= vtest_read_ok(inode, i);
	ok(all_ok, "40 pages read through a 16 page cache are right");
	ok(atomic_long_read(&sb->nr_cached) <= 16, "the cache stays bounded");
	sb_get_stats(sb, &fs);
	ok(fs.evictions >= 24, "the LRU evicted the rest (%lu)",
	   fs.evictions);
	ok(find_get_page(&inode->i_data, 0) == NULL,
	   "the oldest page went first");
	for (i = 0; i < 40; i++)
		all_ok &= vtest_read_ok(inode, i);
	ok(all_ok, "read again: still right");
	sb_get_stats(sb, &fs);
	is(fs.guest_rereads, 0, "evictions are not discard rereads");
	is(fs.violations, 0, "no violations");
	ok(iget(sb, 3) == inode && ilookup(sb, 4) == NULL, "iget/ilookup");
	(void)t;
	sb_destroy(sb);
}

static void test_replay_api(struct vtest *t)
{
	struct address_space *m = &iget(t->sb, 2)->i_data;
	struct page *page = alloc_page(GFP_HIGHUSER_MOVABLE);
	struct page *other = alloc_page(GFP_HIGHUSER_MOVABLE);
	struct page *found;

	is(filemap_add_page(m, 7, page), 0, "add a traced page");
	found = find_get_page(m, 7);
	ok(found == page && vtest_page_ok(m->host, found, 7),
	   "it is cached with the store's content");
	is(page_count(found), 2, "the caller's reference went to the cache");
	put_page(found);
	is(filemap_add_page(m, 7, other), -EEXIST, "index taken: -EEXIST");
	is(page_count(other), 1, "the caller keeps its page");
	__free_page(other);
	is(filemap_add_page(m, 9, alloc_page(GFP_HIGHUSER_MOVABLE)), 0,
	   "add a second one");
	is(filemap_lookup_range(m, 0, 100), 2, "lookup_range finds both");
	found = filemap_delete_page(m, 7);
	ok(found == page, "delete by index returns the page");
	put_page(found);
	is(filemap_lookup_range(m, 0, 100), 1, "one left");
}

static void test_truncate(struct vtest *t)
{
	struct address_space *m = &t->inode->i_data;

	truncate_inode_pages(m);
	is(m->nrpages, 0, "truncate drops every page");
	ok(find_get_page(m, 1) == NULL, "nothing to find");
}

int main(void)
{
	struct vtest t;
	unsigned long free_start;

	tap_plan(49);
	vtest_init(&t, 4096, 1, HINT_NONE, 0);
	free_start = nr_free_pages();
	test_lookup(&t);
	test_read_write(&t);
	test_delete(&t);
	test_eviction(&t);
	test_replay_api(&t);
	test_truncate(&t);
	truncate_inode_pages(&iget(t.sb, 2)->i_data);
	is(nr_free_pages(), free_start, "every page went back");
	is(vtest_fstats(&t).violations, 0, "no violations");
	vtest_exit(&t);
	return tap_finish();
}
