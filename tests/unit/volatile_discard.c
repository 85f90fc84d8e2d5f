// SPDX-License-Identifier: GPL-2.0
/*
 * Discards: a lookup of a page the host discarded drops it and reads it
 * again; a volatile page the host kept is made stable with one hint; a
 * freed volatile page is stable at the host; a mapped page is potentially
 * volatile, and an access to it after the host dropped it takes a discard
 * fault, after which the access is retried with the right bytes; a write
 * through the mapping keeps it at the host (change bit). At a kvm host
 * a volatile page is paged out, not discarded: the lookup's ESSA 6 finds
 * it volatile and preserved and sets it stable, keeping its content.
 */
#include "volatile_test.h"

static struct page *volatile_page(struct address_space *m, pgoff_t index)
{
	struct page *page = read_cache_page(m, index);

	put_page(page);
	page_volatile_flush();
	return page;
}

static void test_discard_on_lookup(struct vtest *t)
{
	struct address_space *m = &t->inode->i_data;
	struct page *page = volatile_page(m, 0), *again;
	struct hv_stats hs;

	ok(PageStateVolatile(page) &&
	   vtest_host_usage(t, page) == PAGE_STATE_RES_VOLATILE,
	   "the page is volatile");
	ok(hv_try_drop(t->sg->hv, page_to_pfn(page)), "the host drops it");
	ok(find_get_page(m, 0) == NULL, "a lookup finds it discarded");
	is(vtest_fstats(t).discards_on_lookup, 1, "one discard on lookup");
	is(vtest_vstats().discarded, 1, "the guest saw one discard");
	ok(!page_mapping(page), "the page left the page cache");
	again = read_cache_page(m, 0);
	ok(again && vtest_page_ok(t->inode, again, 0),
	   "read again: the store's bytes");
	put_page(again);
	is(vtest_fstats(t).guest_rereads, 1, "one reread paid by the guest");
	hv_guest_get_stats(t->sg->hv, &hs);
	is(hs.host_discards_volatile, 1, "the host counted the discard");

	page = volatile_page(m, 1);
	ok(hv_try_drop(t->sg->hv, page_to_pfn(page)), "drop another one");
	ok(vtest_read_ok(t->inode, 1), "filemap_read hides the discard");
	is(vtest_fstats(t).guest_rereads, 2, "second reread");
}

static void test_stable_again(struct vtest *t)
{
	struct address_space *m = &t->inode->i_data;
	struct page *page = volatile_page(m, 2), *again;
	unsigned long ops = vtest_hint_ops();

	again = find_get_page(m, 2);
	ok(again == page && !PageStateVolatile(page),
	   "a kept volatile page is stable after the lookup");
	is(vtest_hint_ops() - ops, 1, "at the cost of one hint");
	ok(vtest_host_usage(t, page) == PAGE_STATE_RES_STABLE,
	   "stable at the host");
	ok(!hv_try_drop(t->sg->hv, page_to_pfn(page)),
	   "the host can no longer drop it");
	ok(vtest_page_ok(t->inode, page, 2), "content intact");
	put_page(again);
}

static void test_free_volatile(struct vtest *t)
{
	struct address_space *m = &t->inode->i_data;
	unsigned long free_hints = vtest_vstats().free_hints;
	struct page *page = volatile_page(m, 3), *gone;

	gone = filemap_delete_page(m, 3);
	ok(gone == page, "delete a volatile page");
	put_page(gone);
	ok(!PageStateVolatile(page) &&
	   vtest_host_usage(t, page) == PAGE_STATE_RES_STABLE,
	   "freed: stable at the host again");
	is(vtest_vstats().free_hints - free_hints, 1, "one hint for it");

	page = volatile_page(m, 4);
	hv_try_drop(t->sg->hv, page_to_pfn(page));
	gone = filemap_delete_page(m, 4);
	put_page(gone);
	ok(vtest_host_usage(t, page) == PAGE_STATE_RES_STABLE,
	   "a discarded page freed: stable at the host");
	is(check_guest_pages(), 0, "the allocator's checker is happy");
}

static void test_mapped(struct vtest *t)
{
	struct address_space *m = &t->inode->i_data;
	unsigned char want[PAGE_SIZE], got[PAGE_SIZE];
	struct vm_area_struct *vma = filemap_mmap(m, 10, 2);
	static const char msg[] = "through the mapping";
	struct page *page, *found;
	struct hv_stats hs;

	backing_store_content(t->inode, 10, want);
	is(vma_access(vma, 0, got, 64, false), 0, "fault the page in");
	ok(!memcmp(got, want, 64), "right bytes");
	page = vma->ptes[0];
	page_volatile_flush();
	ok(PageStateVolatile(page) &&
	   vtest_host_usage(t, page) == PAGE_STATE_RES_POT_VOLATILE,
	   "a mapped clean page is potentially volatile");
	is(vtest_vstats().committed_pot, 1, "committed with code 4");
	ok(hv_try_drop(t->sg->hv, page_to_pfn(page)),
	   "the host drops it (clean)");
	memset(got, 0, sizeof(got));
	is(vma_access(vma, 0, got, 64, false), 0, "access it again");
	ok(!memcmp(got, want, 64), "retried after the fault: right bytes");
	is(vtest_fstats(t).discard_faults, 1, "one discard fault handled");
	hv_guest_get_stats(t->sg->hv, &hs);
	is(hs.discard_faults, 1, "the host raised one (0x1A)");
	ok(vma->ptes[0] && !PageDiscarded(vma->ptes[0]) &&
	   vtest_fstats(t).guest_rereads == 3,
	   "the page was read again and mapped");

	/* written through the pte: the host keeps it by the change bit */
	page = vma->ptes[0];
	page_volatile_flush();
	ok(vtest_host_usage(t, page) == PAGE_STATE_RES_POT_VOLATILE,
	   "potentially volatile again");
	is(vma_access(vma, 100, (void *)msg, sizeof(msg), true), 0,
	   "write through the mapping");
	ok(!hv_try_drop(t->sg->hv, page_to_pfn(page)),
	   "the host keeps a written pot. volatile page");
	is(vma_access(vma, 100, got, sizeof(msg), false), 0, "read it back");
	ok(!memcmp(got, msg, sizeof(msg)) && PageDirty(page),
	   "the write is there, the page dirty");

	/* a lookup of a discarded mapped page unmaps it */
	vma_access(vma, PAGE_SIZE, got, 1, false);
	page = vma->ptes[1];
	page_volatile_flush();
	hv_try_drop(t->sg->hv, page_to_pfn(page));
	found = find_get_page(m, 11);
	ok(!found && !vma->ptes[1], "lookup: discarded, removed from the pte");
	is(vma_access(vma, PAGE_SIZE, got, 64, false), 0, "refault");
	backing_store_content(t->inode, 11, want);
	ok(!memcmp(got, want, 64), "right bytes");
	filemap_munmap(vma);
	is(vtest_fstats(t).violations, 0, "no violations");
}

/* kvm: ESSA 6 on a volatile page the host paged out (Vp). */
static void test_kvm_preserved(void)
{
	struct vtest t;
	struct address_space *m;
	struct page *page, *again;
	unsigned long ops;
	struct hv_stats hs;

	vtest_init_on(&t, 4096, 1, HINT_SPILL_VOLATILE, 0, HV_HOST_KVM);
	m = &t.inode->i_data;
	page = volatile_page(m, 3);
	ok(!hv_try_drop(t.sg->hv, page_to_pfn(page)),
	   "kvm: a volatile page is not dropped");
	ok(hv_evict(t.sg->hv, page_to_pfn(page)), "kvm: it is paged out");
	is(hv_peek_state(t.sg->hv, page_to_pfn(page)), 0x0e,
	   "kvm: volatile and preserved at the host");
	ops = vtest_hint_ops();
	again = find_get_page(m, 3);
	ok(again == page && !PageStateVolatile(page) && !PageDiscarded(page),
	   "kvm: the lookup keeps the page, stable for the guest");
	is(vtest_hint_ops() - ops, 2, "kvm: code 6, then code 1");
	is(hv_peek_state(t.sg->hv, page_to_pfn(page)), 0x02,
	   "kvm: stable and preserved at the host");
	is(check_guest_pages(), 0, "kvm: the checker agrees");
	ok(vtest_page_ok(t.inode, page, 3), "kvm: swapped in, the right bytes");
	hv_guest_get_stats(t.sg->hv, &hs);
	is(hs.discard_faults + hs.host_discards_volatile, 0,
	   "kvm: nothing discarded, no discard fault");
	is(vtest_fstats(&t).guest_rereads, 0, "kvm: no reread");
	put_page(again);
	vtest_exit(&t);
}

int main(void)
{
	struct vtest t;

	tap_plan(12 + 5 + 5 + 19 + 10);
	vtest_init(&t, 4096, 1, HINT_SPILL_VOLATILE, 0);
	test_discard_on_lookup(&t);
	test_stable_again(&t);
	test_free_volatile(&t);
	test_mapped(&t);
	vtest_exit(&t);
	test_kvm_preserved();
	return tap_finish();
}
