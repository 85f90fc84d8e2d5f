// SPDX-License-Identifier: GPL-2.0
/*
 * The buddy page allocator of one guest node (modelled on Linux 6.1
 * mm/page_alloc.c, 2006 names where the hint hooks sit).
 *
 * Free memory is kept in free_area[order].free_list[migratetype] as blocks
 * of 2^order pages; freeing merges a block with its free buddy, allocating
 * splits a larger block (expand). Order-0 pages go through per-cpu lists
 * (per_cpu_pages, own lock), refilled from and spilled to the buddy lists
 * in chunks of pcp->batch.
 *
 * Lock order: pcp->lock, then zone->lock. No path holds two pcp locks.
 *
 * The hints hook in where the Linux 6.1 patch series hooks them
 * (include/linux/page-states.h): arch_free_page/arch_alloc_page (cmma),
 * page_states_free_pages (direct frees), the batches of
 * free_pcppages_bulk and rmqueue_bulk, and page_states_alloc_pages in
 * post_alloc_hook. This file knows nothing of strategies.
 */
#include <linux/mm.h>
#include <linux/smp.h>
#include <asm-generic/guest-memory.h>
#include "internal.h"

static inline void set_buddy_order(struct page *page, unsigned int order)
{
	page->private = order;
	SetPageBuddy(page);
}

static inline u8 *pageblock_slot(const struct page *page)
{
	struct zone *zone = page_zone(page);
	unsigned long pfn = page_to_pfn(page) - zone->zone_start_pfn;

	return &zone->pageblock_migratetype[pfn >> pageblock_order];
}

/* Read without the zone lock on the free path, as Linux does. */
int get_pageblock_migratetype(const struct page *page)
{
	return READ_ONCE(*pageblock_slot(page));
}

void set_pageblock_migratetype(struct page *page, int migratetype)
{
	WRITE_ONCE(*pageblock_slot(page), (u8)migratetype);
}

static inline int gfp_migratetype(gfp_t gfp)
{
	if (gfp & __GFP_MOVABLE)
		return MIGRATE_MOVABLE;
	if (gfp & __GFP_RECLAIMABLE)
		return MIGRATE_RECLAIMABLE;
	return MIGRATE_UNMOVABLE;
}

static inline void zone_add_free(struct zone *zone, long nr)
{
	WRITE_ONCE(zone->nr_free, zone->nr_free + nr);
}

static inline void add_to_free_list(struct page *page, struct zone *zone,
				    unsigned int order, int migratetype,
				    bool to_tail)
{
	struct free_area *area = &zone->free_area[order];

	if (to_tail)
		list_add_tail(&page->lru, &area->free_list[migratetype]);
	else
		list_add(&page->lru, &area->free_list[migratetype]);
	area->nr_free++;
	zone_add_free(zone, 1L << order);
}

static inline void move_to_free_list(struct page *page, struct zone *zone,
				     unsigned int order, int migratetype)
{
	struct free_area *area = &zone->free_area[order];

	list_move_tail(&page->lru, &area->free_list[migratetype]);
}

void del_page_from_free_list(struct page *page, struct zone *zone,
			     unsigned int order)
{
	list_del(&page->lru);
	ClearPageBuddy(page);
	ClearPageReported(page);
	page->private = 0;
	zone->free_area[order].nr_free--;
	zone_add_free(zone, -(1L << order));
}

static inline bool page_is_buddy(const struct page *buddy, unsigned int order)
{
	return PageBuddy(buddy) && buddy_order(buddy) == order;
}

/*
 * Put a block on the free lists, merging it with its free buddies as far
 * as they go, and tell the strategy which block resulted. Zone lock held.
 */
static void free_one_page(struct page *page, unsigned long pfn,
			  struct zone *zone, unsigned int order,
			  int migratetype, bool to_tail, bool notify)
{
	unsigned long buddy_pfn, combined_pfn;
	struct page *buddy;

	while (order < MAX_ORDER - 1) {
		buddy_pfn = pfn ^ (1UL << order);
		if (buddy_pfn < zone->zone_start_pfn ||
		    buddy_pfn + (1UL << order) > zone_end_pfn(zone))
			break;
		buddy = page + ((long)buddy_pfn - (long)pfn);
		if (!page_is_buddy(buddy, order))
			break;
		del_page_from_free_list(buddy, zone, order);
		combined_pfn = buddy_pfn & pfn;
		page = page + ((long)combined_pfn - (long)pfn);
		pfn = combined_pfn;
		order++;
	}
	set_buddy_order(page, order);
	add_to_free_list(page, zone, order, migratetype, to_tail);
	if (notify)
		page_reporting_notify_free(zone, order);
}

void __free_one_page(struct page *page, unsigned long pfn, struct zone *zone,
		     unsigned int order, int migratetype, bool to_tail)
{
	free_one_page(page, pfn, zone, order, migratetype, to_tail, true);
}

void __isolate_free_page(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);
	unsigned long i;

	del_page_from_free_list(page, zone, order);
	/* as Linux: a large isolated block comes back movable */
	if (order >= pageblock_order - 1)
		for (i = 0; i < (1UL << order); i += pageblock_nr_pages)
			set_pageblock_migratetype(page + i, MIGRATE_MOVABLE);
	WRITE_ONCE(zone->nr_isolated, zone->nr_isolated + (1UL << order));
}

void __putback_isolated_page(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);

	WRITE_ONCE(zone->nr_isolated, zone->nr_isolated - (1UL << order));
	free_one_page(page, page_to_pfn(page), zone, order,
		      get_pageblock_migratetype(page), true, false);
}

/*
 * Split a block of order high down to order low; the halves go free. A
 * half the host was told is unused goes to the tail, to be reused last
 * (allocation takes the head: most recently freed, never hinted).
 */
static void expand(struct zone *zone, struct page *page, unsigned int low,
		   unsigned int high, int migratetype)
{
	unsigned long size = 1UL << high;

	while (high > low) {
		high--;
		size >>= 1;
		add_to_free_list(&page[size], zone, high, migratetype,
				 PageStateUnused(&page[size]));
		set_buddy_order(&page[size], high);
	}
}

static void take_free_block(struct zone *zone, struct page *page,
			    unsigned int order, unsigned int current_order,
			    int migratetype)
{
	del_page_from_free_list(page, zone, current_order);
	expand(zone, page, order, current_order, migratetype);
}

/*
 * The smallest free block that fits. A strategy that prefers unhinted
 * memory skips lists whose head was hinted unused (hinted blocks sit at
 * the tail, so the whole list is) and splits a larger unhinted block
 * instead; only when there is none does it take a hinted one.
 */
static struct page *__rmqueue_smallest(struct zone *zone, unsigned int order,
				       int migratetype)
{
	bool skip_hinted = page_states_prefer_unhinted(zone);
	unsigned int current_order, hinted_order = 0;
	struct page *page, *hinted = NULL;

	for (current_order = order; current_order < MAX_ORDER;
	     current_order++) {
		page = list_first_entry_or_null(
			&zone->free_area[current_order].free_list[migratetype],
			struct page, lru);
		if (!page)
			continue;
		if (skip_hinted && PageStateUnused(page)) {
			if (!hinted) {
				hinted = page;
				hinted_order = current_order;
			}
			continue;
		}
		take_free_block(zone, page, order, current_order, migratetype);
		return page;
	}
	if (hinted)
		take_free_block(zone, hinted, order, hinted_order, migratetype);
	return hinted;
}

/* Where an allocation of one migratetype may take pages from, in order. */
static const int fallbacks[MIGRATE_TYPES][MIGRATE_TYPES - 1] = {
	[MIGRATE_UNMOVABLE]   = { MIGRATE_RECLAIMABLE, MIGRATE_MOVABLE },
	[MIGRATE_MOVABLE]     = { MIGRATE_RECLAIMABLE, MIGRATE_UNMOVABLE },
	[MIGRATE_RECLAIMABLE] = { MIGRATE_UNMOVABLE,   MIGRATE_MOVABLE },
};

/* Whether a fallback takes the whole pageblock (anti-fragmentation). */
static bool can_steal_fallback(unsigned int order, int start_mt)
{
	return order >= pageblock_order / 2 ||
	       start_mt == MIGRATE_RECLAIMABLE ||
	       start_mt == MIGRATE_UNMOVABLE;
}

static int find_suitable_fallback(struct free_area *area, unsigned int order,
				  int migratetype, bool *can_steal)
{
	unsigned int i;
	int fallback_mt;

	*can_steal = false;
	if (!area->nr_free)
		return -1;
	for (i = 0; i < MIGRATE_TYPES - 1; i++) {
		fallback_mt = fallbacks[migratetype][i];
		if (list_empty(&area->free_list[fallback_mt]))
			continue;
		*can_steal = can_steal_fallback(order, migratetype);
		return fallback_mt;
	}
	return -1;
}

/* Move the free blocks of page's pageblock to another list; pages moved. */
static unsigned long move_freepages_block(struct zone *zone, struct page *page,
					  int migratetype)
{
	unsigned long pfn = page_to_pfn(page) & ~(pageblock_nr_pages - 1);
	unsigned long end = min(pfn + pageblock_nr_pages, zone_end_pfn(zone));
	unsigned long moved = 0;
	unsigned int order;

	pfn = max(pfn, zone->zone_start_pfn);
	while (pfn < end) {
		page = pfn_to_page(pfn);
		if (!PageBuddy(page)) {
			pfn++;
			continue;
		}
		order = buddy_order(page);
		move_to_free_list(page, zone, order, migratetype);
		pfn += 1UL << order;
		moved += 1UL << order;
	}
	return moved;
}

static void change_pageblock_range(struct page *page, unsigned int order,
				   int migratetype)
{
	unsigned long nr = 1UL << (order - pageblock_order), i;

	for (i = 0; i < nr; i++)
		set_pageblock_migratetype(page + (i << pageblock_order),
					  migratetype);
}

/*
 * Claim a fallback block for start_type: a block of a pageblock or more
 * changes type as a whole; otherwise, when stealing is allowed, the free
 * pages of its pageblock move over and the pageblock changes type if
 * they were at least half of it.
 */
static void steal_suitable_fallback(struct zone *zone, struct page *page,
				    unsigned int current_order, int start_type,
				    bool whole_block)
{
	unsigned long free_pages;

	if (current_order >= pageblock_order) {
		change_pageblock_range(page, current_order, start_type);
	} else if (whole_block) {
		free_pages = move_freepages_block(zone, page, start_type);
		if (free_pages >= pageblock_nr_pages / 2)
			set_pageblock_migratetype(page, start_type);
		return;
	}
	move_to_free_list(page, zone, current_order, start_type);
}

static bool __rmqueue_fallback(struct zone *zone, unsigned int order,
			       int start_mt)
{
	int current_order, fallback_mt = -1;
	struct free_area *area = NULL;
	bool can_steal = false;

	for (current_order = MAX_ORDER - 1; current_order >= (int)order;
	     current_order--) {
		area = &zone->free_area[current_order];
		fallback_mt = find_suitable_fallback(area, current_order,
						     start_mt, &can_steal);
		if (fallback_mt >= 0)
			break;
	}
	if (fallback_mt < 0)
		return false;
	/*
	 * A movable request that cannot claim the pageblock splits the
	 * smallest block instead of the largest (less fragmentation).
	 */
	if (!can_steal && start_mt == MIGRATE_MOVABLE &&
	    current_order > (int)order) {
		for (current_order = order; current_order < MAX_ORDER;
		     current_order++) {
			area = &zone->free_area[current_order];
			fallback_mt = find_suitable_fallback(area,
					current_order, start_mt, &can_steal);
			if (fallback_mt >= 0)
				break;
		}
	}
	steal_suitable_fallback(zone,
				list_first_entry(&area->free_list[fallback_mt],
						 struct page, lru),
				current_order, start_mt, can_steal);
	return true;
}

static struct page *__rmqueue(struct zone *zone, unsigned int order,
			      int migratetype)
{
	struct page *page;

	for (;;) {
		page = __rmqueue_smallest(zone, order, migratetype);
		if (page || !__rmqueue_fallback(zone, order, migratetype))
			return page;
	}
}

/*
 * Checks and clean-up of a page leaving use; arch_free_page last (cmma
 * hints here). False for a bad page, which is then leaked, as Linux does.
 */
static bool free_pages_prepare(struct page *page, unsigned int order)
{
	const unsigned long bad = BIT(PG_buddy) | BIT(PG_pcp) |
				  BIT(PG_reserved) | BIT(PG_locked) |
				  BIT(PG_writeback) | BIT(PG_lru) |
				  BIT(PG_state_unused) | BIT(PG_hint_pending) |
				  BIT(PG_state_volatile) |
				  BIT(PG_volatile_pending);
	const unsigned long clear = BIT(PG_referenced) | BIT(PG_uptodate) |
				    BIT(PG_dirty) | BIT(PG_active) |
				    BIT(PG_private) | BIT(PG_anon) |
				    BIT(PG_reported);
	unsigned long i, flags, nr = 1UL << order;

	/* a page cache page: leave the pending table, stable at the host */
	page_volatile_free(page);
	for (i = 0; i < nr; i++) {
		struct page *p = page + i;

		flags = __atomic_load_n(&p->flags, __ATOMIC_ACQUIRE);
		if ((flags & bad) || p->mapping ||
		    page_count(p) || atomic_read(&p->_mapcount)) {
			pr_err("bad page state: pfn %#lx flags %#lx count %d\n",
			       page_to_pfn(p), p->flags, page_count(p));
			debug_vm_violation(p, "freeing a bad page");
			return false;
		}
		__atomic_fetch_and(&p->flags, ~clear, __ATOMIC_RELAXED);
	}
	arch_free_page(page, (int)order);
	return true;
}

/* High-order (or non-pcp) free straight to the buddy lists. */
static void __free_pages_ok(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);
	unsigned long pfn = page_to_pfn(page);
	int migratetype;

	if (!free_pages_prepare(page, order))
		return;
	page_states_free_pages(page, order);
	spin_lock(&zone->lock);
	migratetype = get_pageblock_migratetype(page);
	__free_one_page(page, pfn, zone, order, migratetype, false);
	spin_unlock(&zone->lock);
}

/* Boot: release a never used block; touches only its head page. */
void __free_pages_boot(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);

	arch_free_page(page, (int)order);
	spin_lock(&zone->lock);
	zone->managed_pages += 1UL << order;
	__free_one_page(page, page_to_pfn(page), zone, order,
			get_pageblock_migratetype(page), false);
	spin_unlock(&zone->lock);
}

/*
 * Spilled pages the hinting batched: hinted while nobody can reuse them
 * (off the per-cpu lists, zone lock held), then into the buddy lists.
 */
static void free_pcppages_batch(struct zone *zone,
				struct page_states_batch *batch)
{
	struct page *page;
	unsigned int i;
	int page_mt;

	page_states_spill(zone, batch);
	for (i = 0; i < batch->nr; i++) {
		page = pfn_to_page(batch->req[i].pfn);
		page_mt = (int)page->private;
		page->private = 0;
		free_one_page(page, batch->req[i].pfn, zone,
			      batch->req[i].order, page_mt, false, true);
	}
	page_states_spilled(zone, batch);
}

/*
 * Return count pages of a per-cpu list to the buddy lists (spill past
 * high, or drain), the coldest first. pcp->lock held.
 */
static void free_pcppages_bulk(struct zone *zone, int count,
			       struct per_cpu_pages *pcp)
{
	struct page_states_batch batch;
	int migratetype = 0, page_mt;
	struct page *page;

	page_states_batch_init(&batch);
	count = min(count, pcp->count);
	spin_lock(&zone->lock);
	for (; count > 0; count--) {
		while (list_empty(&pcp->lists[migratetype]))
			migratetype = (migratetype + 1) % MIGRATE_TYPES;
		/* the coldest page: the tail */
		page = list_last_entry(&pcp->lists[migratetype],
				       struct page, lru);
		list_del(&page->lru);
		ClearPagePcp(page);
		WRITE_ONCE(pcp->count, pcp->count - 1);
		migratetype = (migratetype + 1) % MIGRATE_TYPES;
		if (page_states_batch_add(&batch, zone, page, 0)) {
			if (page_states_batch_full(&batch))
				free_pcppages_batch(zone, &batch);
			continue;
		}
		page_mt = (int)page->private;
		page->private = 0;
		free_one_page(page, page_to_pfn(page), zone, 0, page_mt,
			      false, true);
	}
	free_pcppages_batch(zone, &batch);
	spin_unlock(&zone->lock);
}

/*
 * Order-0 free to this cpu's list. No hint here (but cmma's, in
 * free_pages_prepare): pages on the per-cpu lists stay as they were.
 */
void free_unref_page(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);
	struct per_cpu_pages *pcp;
	int migratetype;

	BUG_ON(order);
	if (!free_pages_prepare(page, 0))
		return;
	migratetype = get_pageblock_migratetype(page);
	pcp = &zone->per_cpu_pageset[smp_processor_id()];
	spin_lock(&pcp->lock);
	page->private = migratetype;
	SetPagePcp(page);
	list_add(&page->lru, &pcp->lists[migratetype]);
	WRITE_ONCE(pcp->count, pcp->count + 1);
	if (pcp->count >= pcp->high)
		free_pcppages_bulk(zone, pcp->batch, pcp);
	spin_unlock(&pcp->lock);
}

void __free_pages(struct page *page, unsigned int order)
{
	if (!put_page_testzero(page))
		return;
	if (order == 0)
		free_unref_page(page, 0);
	else
		__free_pages_ok(page, order);
}

/*
 * Refill a per-cpu list with up to count order-0 pages from the buddy
 * lists; the hints see them once they are on the list. pcp->lock held.
 * Returns the number of pages added.
 */
static int rmqueue_bulk(struct zone *zone, int count,
			struct per_cpu_pages *pcp, int migratetype)
{
	struct list_head *list = &pcp->lists[migratetype];
	struct page_states_batch batch;
	struct page *page;
	int n;

	page_states_batch_init(&batch);
	count = min(count, PCP_BATCH_MAX);
	spin_lock(&zone->lock);
	for (n = 0; n < count; n++) {
		page = __rmqueue(zone, 0, migratetype);
		if (!page)
			break;
		page->private = migratetype;
		SetPagePcp(page);
		list_add_tail(&page->lru, list);
		if (page_states_batch_add(&batch, zone, page, 0) &&
		    page_states_batch_full(&batch))
			page_states_refill(zone, &batch);
	}
	spin_unlock(&zone->lock);
	WRITE_ONCE(pcp->count, pcp->count + n);
	page_states_refill(zone, &batch);
	return n;
}

static struct page *rmqueue_pcplist(struct zone *zone, int migratetype)
{
	struct per_cpu_pages *pcp = &zone->per_cpu_pageset[smp_processor_id()];
	struct list_head *list = &pcp->lists[migratetype];
	struct page *page = NULL;

	spin_lock(&pcp->lock);
	if (!list_empty(list) || rmqueue_bulk(zone, pcp->batch, pcp,
					      migratetype)) {
		page = list_first_entry(list, struct page, lru);
		list_del(&page->lru);
		ClearPagePcp(page);
		WRITE_ONCE(pcp->count, pcp->count - 1);
	}
	spin_unlock(&pcp->lock);
	return page;
}

static struct page *rmqueue_buddy(struct zone *zone, unsigned int order,
				  int migratetype)
{
	struct page *page;

	spin_lock(&zone->lock);
	page = __rmqueue(zone, order, migratetype);
	spin_unlock(&zone->lock);
	return page;
}

static struct page *rmqueue(struct zone *zone, unsigned int order,
			    int migratetype)
{
	if (order == 0)
		return rmqueue_pcplist(zone, migratetype);
	return rmqueue_buddy(zone, order, migratetype);
}

/* __GFP_ZERO: the guest writes zeros, the host sees the touch. */
static void clear_pages(struct page *page, unsigned int order)
{
	static const char zero[PAGE_SIZE];
	unsigned long i, pfn = page_to_pfn(page);

	for (i = 0; i < (1UL << order); i++)
		WARN_ON(guest_mem_write(pfn + i, 0, zero, PAGE_SIZE));
}

/* The block is the caller's from here: hints before the first touch. */
static void post_alloc_hook(struct page *page, unsigned int order, gfp_t gfp)
{
	unsigned long i, nr = 1UL << order;

	page->private = 0;
	for (i = 0; i < nr; i++)
		if (PageHintPending(page + i))
			debug_vm_violation(page + i,
				"allocated before its unused hint landed");
	set_page_count(page, 1);
	arch_alloc_page(page, (int)order);
	page_states_alloc_pages(page, order);
	if (gfp & __GFP_ZERO)
		clear_pages(page, order);
}

static void prep_new_page(struct page *page, unsigned int order, gfp_t gfp)
{
	post_alloc_hook(page, order, gfp);
}

struct page *alloc_pages(gfp_t gfp, unsigned int order)
{
	struct zone *zone = pgdat_zone(current_pgdat);
	int migratetype = gfp_migratetype(gfp);
	struct page *page;

	if (order >= MAX_ORDER)
		return NULL;
	page = rmqueue(zone, order, migratetype);
	if (!page) {
		/* slow path: what the per-cpu lists hold may be enough */
		drain_all_pages(zone);
		page = rmqueue(zone, order, migratetype);
	}
	if (page)
		prep_new_page(page, order, gfp);
	return page;
}

static void drain_pages_zone(int cpu, struct zone *zone)
{
	struct per_cpu_pages *pcp = &zone->per_cpu_pageset[cpu];

	spin_lock(&pcp->lock);
	if (pcp->count)
		free_pcppages_bulk(zone, pcp->count, pcp);
	spin_unlock(&pcp->lock);
}

void drain_local_pages(struct zone *zone)
{
	if (!zone)
		zone = pgdat_zone(current_pgdat);
	drain_pages_zone(smp_processor_id(), zone);
}

/* Linux asks every cpu to drain itself; here the caller drains for them. */
void drain_all_pages(struct zone *zone)
{
	int cpu;

	if (!zone)
		zone = pgdat_zone(current_pgdat);
	for (cpu = 0; cpu < zone->zone_pgdat->nr_cpus; cpu++)
		drain_pages_zone(cpu, zone);
}

unsigned long nr_free_pages(void)
{
	struct zone *zone = pgdat_zone(current_pgdat);
	unsigned long nr = READ_ONCE(zone->nr_free) +
			   READ_ONCE(zone->nr_isolated);
	int cpu;

	for (cpu = 0; cpu < zone->zone_pgdat->nr_cpus; cpu++)
		nr += READ_ONCE(zone->per_cpu_pageset[cpu].count);
	return nr;
}
