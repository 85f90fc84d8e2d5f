// SPDX-License-Identifier: GPL-2.0
/*
 * Buddy allocator: boot, split, merge, per-cpu lists, drains, migratetype
 * fallback, exhaustion, and a 64 GiB guest on a lazily reserved memory map.
 */
#include <string.h>
#include <linux/mm.h>
#include <linux/smp.h>
#include "sim.h"
#include "tap.h"

#define NR_PAGES	4096UL		/* 16 MiB: four MAX_ORDER-1 blocks */

static struct sim_guest *guest(unsigned long nr_pages, int nr_cpus)
{
	struct sim_guest_config cfg = {
		.nr_pages = nr_pages,
		.nr_cpus = nr_cpus,
		.strategy = HINT_NONE,
		.pcp_high = 64,
		.pcp_batch = 16,
	};
	struct sim_guest *sg = sim_guest_create(&cfg);

	if (!sg)
		tap_bail("sim_guest_create failed");
	return sg;
}

static struct zone *zone(void)
{
	return &current_pgdat->node_zones[ZONE_NORMAL];
}

static unsigned long area_free(unsigned int order)
{
	return zone()->free_area[order].nr_free;
}

static void test_boot(void)
{
	struct sim_guest *sg = guest(NR_PAGES + 7, 1);
	unsigned int order;
	unsigned long blocks = 0;

	is(nr_free_pages(), NR_PAGES + 7, "boot frees every page");
	is(area_free(MAX_ORDER - 1), 4, "boot: four MAX_ORDER-1 blocks");
	for (order = 0; order < MAX_ORDER - 1; order++)
		blocks += area_free(order);
	is(blocks, 3, "the 7 page tail is freed as 4+2+1");
	is(zone()->managed_pages, NR_PAGES + 7, "managed pages counted");
	is(check_guest_pages(), 0, "checker clean after boot");
	sim_guest_destroy(sg);
}

static void test_split_merge(void)
{
	struct sim_guest *sg = guest(NR_PAGES, 1);
	struct page *p, *q;
	unsigned int order;

	/* order 4: above PAGE_ALLOC_COSTLY_ORDER, no per-cpu list */
	p = alloc_pages(GFP_HIGHUSER_MOVABLE, 4);
	ok(p != NULL, "order-4 allocation");
	is(page_to_pfn(p) & 15, 0, "order-4 block is aligned");
	is(page_count(p), 1, "allocated block holds one reference");
	is(nr_free_pages(), NR_PAGES - 16, "16 pages gone");
	is(area_free(MAX_ORDER - 1), 3, "one MAX_ORDER-1 block split");
	for (order = 4; order < MAX_ORDER - 1; order++)
		if (area_free(order) != 1)
			break;
	is(order, MAX_ORDER - 1, "expand left one block of each order 4..9");
	q = alloc_pages(GFP_HIGHUSER_MOVABLE, 4);
	is(page_to_pfn(q), page_to_pfn(p) ^ 16, "next order-4 is its buddy");
	is(check_guest_pages(), 0, "checker clean with blocks in use");
	__free_pages(p, 4);
	is(area_free(4), 1, "freed block cannot merge while its buddy is used");
	__free_pages(q, 4);
	is(area_free(MAX_ORDER - 1), 4, "both freed: merged back to order 10");
	is(nr_free_pages(), NR_PAGES, "all pages free again");
	is(check_guest_pages(), 0, "checker clean after merge");
	sim_guest_destroy(sg);
}

static void test_pcp(void)
{
	struct sim_guest *sg = guest(NR_PAGES, 2);
	struct per_cpu_pages *pcp0 = &zone()->per_cpu_pageset[0];
	struct per_cpu_pages *pcp1 = &zone()->per_cpu_pageset[1];
	struct page *pages[64];
	int i;

	pages[0] = alloc_page(GFP_HIGHUSER_MOVABLE);
	is(pcp0->count, 15, "refill took a batch of 16, one handed out");
	ok(!PagePcp(pages[0]), "allocated page is off the per-cpu list");
	for (i = 1; i < 40; i++)
		pages[i] = alloc_page(GFP_HIGHUSER_MOVABLE);
	is(pcp0->count, 8, "three refills for 40 pages");
	for (i = 0; i < 40; i++)
		__free_page(pages[i]);
	is(pcp0->count, 48, "frees stay on the per-cpu list below high");
	ok(PagePcp(pages[0]), "freed page is on the per-cpu list");
	pages[40] = alloc_page(GFP_HIGHUSER_MOVABLE);
	is(pages[40], pages[39], "per-cpu list is LIFO (hot page first)");
	__free_page(pages[40]);
	shim_set_cpu(1);
	pages[0] = alloc_page(GFP_HIGHUSER_MOVABLE);
	is(pcp1->count, 15, "cpu 1 has its own list");
	__free_page(pages[0]);
	shim_set_cpu(0);
	is(nr_free_pages(), NR_PAGES, "per-cpu pages count as free");
	drain_local_pages(NULL);
	is(pcp0->count, 0, "drain_local_pages empties this cpu's list");
	is(pcp1->count, 16, "and leaves the other cpu's");
	drain_all_pages(NULL);
	is(pcp1->count, 0, "drain_all_pages empties every list");
	is(area_free(MAX_ORDER - 1), 4, "drained pages merged back");
	is(check_guest_pages(), 0, "checker clean");
	sim_guest_destroy(sg);
}

static void test_spill_past_high(void)
{
	struct sim_guest *sg = guest(NR_PAGES, 1);
	struct per_cpu_pages *pcp = &zone()->per_cpu_pageset[0];
	struct page *pages[80];
	int i;

	for (i = 0; i < 80; i++)
		pages[i] = alloc_page(GFP_HIGHUSER_MOVABLE);
	is(pcp->count, 0, "80 pages = 5 full refills");
	for (i = 0; i < 63; i++)
		__free_page(pages[i]);
	is(pcp->count, 63, "63 frees below high (64)");
	__free_page(pages[63]);
	is(pcp->count, 64 - 16, "reaching high spills one batch");
	for (i = 64; i < 80; i++)
		__free_page(pages[i]);
	is(pcp->count, 64 - 32,
	   "16 more frees reach high once more: no allocation between, twice the batch");
	is(check_guest_pages(), 0, "checker clean");
	sim_guest_destroy(sg);
}

static void test_exhaustion(void)
{
	struct sim_guest *sg = guest(NR_PAGES, 2);
	static struct page *pages[NR_PAGES];
	unsigned long i, n = 0, seen = 0;
	unsigned char *used = calloc(NR_PAGES, 1);

	/* leave pages on cpu 1's list: the slow path must drain them */
	shim_set_cpu(1);
	__free_page(alloc_page(GFP_KERNEL));
	shim_set_cpu(0);
	while (n < NR_PAGES && (pages[n] = alloc_page(n & 1 ? GFP_KERNEL :
						      GFP_HIGHUSER_MOVABLE)))
		n++;
	is(n, NR_PAGES, "every page can be allocated (fallback + drain)");
	ok(alloc_page(GFP_KERNEL) == NULL, "then allocation fails");
	for (i = 0; i < n; i++) {
		unsigned long pfn = page_to_pfn(pages[i]);

		if (pfn < NR_PAGES && !used[pfn]++)
			seen++;
	}
	is(seen, NR_PAGES, "no page handed out twice");
	is(nr_free_pages(), 0, "nothing free");
	is(check_guest_pages(), 0, "checker clean when full");
	/* free in a scrambled order */
	for (i = 0; i < n; i++)
		__free_page(pages[(i * 2654435761UL) % n]);
	drain_all_pages(NULL);
	is(area_free(MAX_ORDER - 1), 4, "all merged after scrambled frees");
	is(check_guest_pages(), 0, "checker clean after");
	free(used);
	sim_guest_destroy(sg);
}

static void test_fallback(void)
{
	struct sim_guest *sg = guest(NR_PAGES, 1);
	struct page *p, *q;
	unsigned long pb;

	/* boot memory is movable: an unmovable request steals */
	p = alloc_pages(GFP_KERNEL, 0);
	pb = page_to_pfn(p) >> pageblock_order;
	is(zone()->pageblock_migratetype[pb], MIGRATE_UNMOVABLE,
	   "unmovable fallback claims the pageblock");
	is(zone()->pageblock_migratetype[pb ^ 1], MIGRATE_UNMOVABLE,
	   "a whole MAX_ORDER-1 block changes type as a whole");
	q = alloc_pages(GFP_KERNEL, 0);
	is(page_to_pfn(q) >> pageblock_order, pb,
	   "next unmovable allocation comes from the claimed block");
	__free_page(p);
	__free_page(q);
	p = alloc_pages(__GFP_RECLAIMABLE, 2);
	ok(p != NULL, "reclaimable allocation falls back too");
	__free_pages(p, 2);
	drain_all_pages(NULL);
	is(nr_free_pages(), NR_PAGES, "all free again");
	is(check_guest_pages(), 0, "checker clean");
	sim_guest_destroy(sg);
}

static void test_gfp_zero(void)
{
	struct sim_guest *sg = guest(NR_PAGES, 1);
	struct hv_stats before, after;
	struct page *p;

	hv_guest_get_stats(sg->hv, &before);
	p = alloc_pages(GFP_KERNEL, 1);
	hv_guest_get_stats(sg->hv, &after);
	is(after.host_zero_fills - before.host_zero_fills, 0,
	   "plain allocation does not touch the pages");
	__free_pages(p, 1);
	p = alloc_pages(GFP_KERNEL | __GFP_ZERO, 2);
	hv_guest_get_stats(sg->hv, &after);
	is(after.host_zero_fills - before.host_zero_fills, 4,
	   "__GFP_ZERO writes every page of the block");
	__free_pages(p, 2);
	sim_guest_destroy(sg);
}

static void test_big_guest(void)
{
	/* 64 GiB: the memory map is reserved, boot touches head pages only */
	struct sim_guest_config cfg = {
		.nr_pages = 16UL << 20,
		.nr_cpus = 4,
		.strategy = HINT_SPILL,
	};
	struct sim_guest *sg = sim_guest_create(&cfg);
	struct page *p;

	ok(sg != NULL, "64 GiB guest boots");
	if (!sg) {
		tap_skip("no guest");
		tap_skip("no guest");
		return;
	}
	is(nr_free_pages(), 16UL << 20, "all of it free");
	p = alloc_pages(GFP_KERNEL, 5);
	ok(p != NULL, "and allocates");
	__free_pages(p, 5);
	sim_guest_destroy(sg);
}

int main(void)
{
	tap_plan(53);
	test_boot();
	test_split_merge();
	test_pcp();
	test_spill_past_high();
	test_exhaustion();
	test_fallback();
	test_gfp_zero();
	test_big_guest();
	return tap_finish();
}
