// SPDX-License-Identifier: GPL-2.0
/*
 * The debug checker finds corruption injected on purpose, one kind at a
 * time, and is clean again once it is undone.
 */
#include <linux/mm.h>
#include "sim.h"
#include "tap.h"

static struct sim_guest *sg;

static struct zone *zone(void)
{
	return &current_pgdat->node_zones[ZONE_NORMAL];
}

static void boot(enum hint_strategy s)
{
	struct sim_guest_config cfg = {
		.nr_pages = 4096,
		.nr_cpus = 1,
		.strategy = s,
		.pcp_high = 64,
		.pcp_batch = 16,
	};

	sg = sim_guest_create(&cfg);
	if (!sg)
		tap_bail("sim_guest_create failed");
}

/* A flag on the wrong page, then the page as it was. */
static void flag_on_page_in_use(void)
{
	struct page *p = alloc_page(GFP_KERNEL);

	is(check_guest_pages(), 0, "clean with a page in use");
	SetPageBuddy(p);
	ok(check_guest_pages() >= 1, "PG_buddy on a page in use");
	ClearPageBuddy(p);
	SetPagePcp(p);
	ok(check_guest_pages() >= 1, "PG_pcp on a page in use");
	ClearPagePcp(p);
	SetPageStateUnused(p);
	ok(check_guest_pages() >= 1, "PG_state_unused on a page in use");
	ClearPageStateUnused(p);
	SetPageReported(p);
	ok(check_guest_pages() >= 1, "PG_reported on a page in use");
	ClearPageReported(p);
	is(check_guest_pages(), 0, "clean again");
	__free_page(p);
}

static void wrong_counts(void)
{
	zone()->nr_free++;
	ok(check_guest_pages() >= 1, "zone nr_free off by one");
	zone()->nr_free--;
	zone()->free_area[MAX_ORDER - 1].nr_free++;
	ok(check_guest_pages() >= 1, "free_area nr_free off by one");
	zone()->free_area[MAX_ORDER - 1].nr_free--;
	zone()->per_cpu_pageset[0].count++;
	ok(check_guest_pages() >= 1, "pcp count off by one");
	zone()->per_cpu_pageset[0].count--;
	is(check_guest_pages(), 0, "clean again");
}

/* An order-1 "free block" whose second page is on a per-cpu list. */
static void page_in_two_lists(void)
{
	struct page *p = alloc_pages(GFP_KERNEL, 1);
	struct free_area *area = &zone()->free_area[1];

	set_page_count(p + 1, 1);
	__free_page(p + 1);		/* to the per-cpu list */
	ok(PagePcp(p + 1), "second page on the per-cpu list");
	list_add(&p->lru, &area->free_list[MIGRATE_UNMOVABLE]);
	SetPageBuddy(p);
	p->private = 1;
	area->nr_free++;
	zone()->nr_free += 2;
	ok(check_guest_pages() >= 1, "page in two lists");
	list_del(&p->lru);
	ClearPageBuddy(p);
	p->private = 0;
	area->nr_free--;
	zone()->nr_free -= 2;
	is(check_guest_pages(), 0, "clean again");
	__free_page(p);
}

/* The host changed a page in use behind the allocator's back. */
static void host_state_wrong(void)
{
	struct page *p = alloc_page(GFP_KERNEL);

	page_set_unused(p, 0);
	ok(check_guest_pages() >= 1, "page in use unused at the host");
	page_set_stable(p, 0);
	is(check_guest_pages(), 0, "clean once stable again");
	__free_page(p);
	drain_local_pages(NULL);
	is(check_guest_pages(), 0, "clean after a drain");
}

/* spill: a free page the guest thinks unused must be unused at the host. */
static void spill_record_vs_host(void)
{
	/* above PAGE_ALLOC_COSTLY_ORDER: past the per-cpu lists */
	struct page *p = alloc_pages(GFP_KERNEL, 4);

	__free_pages(p, 4);		/* hinted unused, PG_state_unused */
	is(check_guest_pages(), 0, "clean after an order-4 free");
	page_set_stable(p, 0);		/* host and record disagree */
	ok(check_guest_pages() >= 1, "PG_state_unused page stable at host");
	page_set_unused(p, 0);
	ClearPageStateUnused(p + 1);	/* the other way round */
	ok(check_guest_pages() >= 1, "unused at host without the record");
	SetPageStateUnused(p + 1);
	is(check_guest_pages(), 0, "clean again");
}

/* A page handed out while its unused hint was pending. */
static void handed_out_while_pending(void)
{
	struct page *p = alloc_page(GFP_KERNEL), *q;

	__free_page(p);			/* head of the per-cpu list */
	SetPageHintPending(p);
	ok(check_guest_pages() >= 1, "pending hint on a free page");
	SetPageHintPending(p);
	q = alloc_page(GFP_KERNEL);
	is(q, p, "the pending page is handed out");
	ClearPageHintPending(q);
	is(check_guest_pages(), 1, "the allocator reported it on the fly");
	is(check_guest_pages(), 0, "reported once");
	__free_page(q);
}

static void free_list_entry_not_buddy(void)
{
	struct page *head = list_first_entry(
		&zone()->free_area[MAX_ORDER - 1].free_list[MIGRATE_MOVABLE],
		struct page, lru);

	head->private = MAX_ORDER - 2;
	ok(check_guest_pages() >= 1, "free list entry with a wrong order");
	head->private = MAX_ORDER - 1;
	is(check_guest_pages(), 0, "clean again");
}

int main(void)
{
	tap_plan(29);
	boot(HINT_SPILL);
	flag_on_page_in_use();
	wrong_counts();
	page_in_two_lists();
	host_state_wrong();
	spill_record_vs_host();
	handed_out_while_pending();
	free_list_entry_not_buddy();
	sim_guest_destroy(sg);

	boot(HINT_CMMA);
	{
		struct page *p = alloc_page(GFP_KERNEL);

		__free_page(p);
		is(check_guest_pages(), 0, "cmma: clean");
		page_set_stable(p, 0);
		ok(check_guest_pages() >= 1,
		   "cmma: free page stable at the host");
		page_set_unused(p, 0);
		is(check_guest_pages(), 0, "cmma: clean again");
	}
	sim_guest_destroy(sg);
	return tap_finish();
}
