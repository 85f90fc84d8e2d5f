// SPDX-License-Identifier: GPL-2.0
/*
 * The buddy page allocator of one guest node, modelled on Linux 6.1
 * mm/page_alloc.c (6.1 names; the hint hooks sit where DESIGN.md section
 * 3 puts them).
 *
 * Free memory is kept in free_area[order].free_list[migratetype] as blocks
 * of 2^order pages; freeing merges a block with its free buddy, allocating
 * splits a larger block (expand). A freed block that is likely to merge
 * soon goes to the tail of its list (buddy_merge_likely), boot memory all
 * goes to the tail (FPI_TO_TAIL).
 *
 * Blocks of the orders pcp_allowed_order() admits (up to
 * PAGE_ALLOC_COSTLY_ORDER, and the THP order) go through per-cpu lists
 * (per_cpu_pages, own lock), one per order and migratetype. A list is
 * refilled from the buddy lists with pcp->batch pages (fewer blocks for
 * the higher orders); a free that brings the lists to pcp->high spills
 * nr_pcp_free() pages, a number that doubles with every spill without an
 * allocation in between (free_factor). A spill or drain empties one list
 * before it takes from the next. A free or allocation that finds its
 * per-cpu lists locked (a remote drain) takes the buddy lists directly.
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
 * The buddy of the order-order block at pfn if it is free and whole;
 * *buddy_pfn (if asked for) is where it would be, free or not.
 */
static struct page *find_buddy_page_pfn(struct zone *zone, struct page *page,
					unsigned long pfn, unsigned int order,
					unsigned long *buddy_pfn)
{
	unsigned long bpfn = pfn ^ (1UL << order);
	struct page *buddy;

	if (buddy_pfn)
		*buddy_pfn = bpfn;
	if (bpfn < zone->zone_start_pfn ||
	    bpfn + (1UL << order) > zone_end_pfn(zone))
		return NULL;
	buddy = page + ((long)bpfn - (long)pfn);
	return page_is_buddy(buddy, order) ? buddy : NULL;
}

/*
 * A block that did not merge up to the top order goes to the tail of its
 * list when the block it would merge into next is half free already:
 * pages freed next may complete it, so it should not be reused first.
 */
static bool buddy_merge_likely(struct zone *zone, unsigned long pfn,
			       unsigned long buddy_pfn, struct page *page,
			       unsigned int order)
{
	unsigned long higher_page_pfn;
	struct page *higher_page;

	if (order >= MAX_ORDER - 2)
		return false;
	higher_page_pfn = buddy_pfn & pfn;
	higher_page = page + ((long)higher_page_pfn - (long)pfn);
	return find_buddy_page_pfn(zone, higher_page, higher_page_pfn,
				   order + 1, NULL) != NULL;
}

/*
 * Put a block on the free lists, merging it with its free buddies as far
 * as they go, and tell the strategy which block resulted. Zone lock held.
 */
void __free_one_page(struct page *page, unsigned long pfn, struct zone *zone,
		     unsigned int order, int migratetype, fpi_t fpi_flags)
{
	unsigned long buddy_pfn = 0, combined_pfn;
	struct page *buddy;
	bool to_tail;

	while (order < MAX_ORDER - 1) {
		buddy = find_buddy_page_pfn(zone, page, pfn, order,
					    &buddy_pfn);
		if (!buddy)
			break;
		del_page_from_free_list(buddy, zone, order);
		combined_pfn = buddy_pfn & pfn;
		page = page + ((long)combined_pfn - (long)pfn);
		pfn = combined_pfn;
		order++;
	}
	set_buddy_order(page, order);
	if (fpi_flags & FPI_TO_TAIL)
		to_tail = true;
	else
		to_tail = buddy_merge_likely(zone, pfn, buddy_pfn, page, order);
	add_to_free_list(page, zone, order, migratetype, to_tail);
	if (!(fpi_flags & FPI_SKIP_REPORT_NOTIFY))
		page_reporting_notify_free(zone, order);
}

/* Linux 6.1's signature; never fails here (no watermarks): 2^order. */
int __isolate_free_page(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);
	unsigned long i;

	del_page_from_free_list(page, zone, order);
	/* as Linux: a large isolated block comes back movable */
	if (order >= pageblock_order - 1)
		for (i = 0; i < (1UL << order); i += pageblock_nr_pages)
			set_pageblock_migratetype(page + i, MIGRATE_MOVABLE);
	WRITE_ONCE(zone->nr_isolated, zone->nr_isolated + (1UL << order));
	return 1 << order;
}

void __putback_isolated_page(struct page *page, unsigned int order, int mt)
{
	struct zone *zone = page_zone(page);

	WRITE_ONCE(zone->nr_isolated, zone->nr_isolated - (1UL << order));
	__free_one_page(page, page_to_pfn(page), zone, order, mt,
			FPI_SKIP_REPORT_NOTIFY | FPI_TO_TAIL);
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

static void free_one_page(struct zone *zone, struct page *page,
			  unsigned long pfn, unsigned int order,
			  int migratetype, fpi_t fpi_flags)
{
	spin_lock(&zone->lock);
	__free_one_page(page, pfn, zone, order, migratetype, fpi_flags);
	spin_unlock(&zone->lock);
}

/*
 * A free past the per-cpu lists, to the buddy lists: the orders the
 * per-cpu lists do not take, and the frees that find them locked.
 * Prepared already.
 */
static void free_to_buddy(struct page *page, unsigned int order,
			  int migratetype)
{
	struct zone *zone = page_zone(page);

	page_states_free_pages(page, order);
	free_one_page(zone, page, page_to_pfn(page), order, migratetype,
		      FPI_NONE);
}

static void __free_pages_ok(struct page *page, unsigned int order)
{
	if (!free_pages_prepare(page, order))
		return;
	free_to_buddy(page, order, get_pageblock_migratetype(page));
}

/*
 * Boot: release a never used block [__free_pages_core]. It bypasses the
 * per-cpu lists and goes to the tail (6.1: FPI_TO_TAIL, for memory
 * onlining). Only its head page is touched; no page reporting device has
 * registered yet (mm_init.c runs reporting's first pass after boot).
 */
void __free_pages_core(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);

	arch_free_page(page, (int)order);
	spin_lock(&zone->lock);
	zone->managed_pages += 1UL << order;
	__free_one_page(page, page_to_pfn(page), zone, order,
			get_pageblock_migratetype(page),
			FPI_TO_TAIL | FPI_SKIP_REPORT_NOTIFY);
	spin_unlock(&zone->lock);
}

/*
 * Spilled blocks the hinting batched: hinted while nobody can reuse them
 * (off the per-cpu lists, zone lock held), then into the buddy lists.
 */
static void free_pcppages_batch(struct zone *zone,
				struct page_states_batch *batch)
{
	struct page *page;
	unsigned int i;
	int mt;

	page_states_spill(zone, batch);
	for (i = 0; i < batch->nr; i++) {
		page = pfn_to_page(batch->req[i].pfn);
		mt = (int)page->private;
		page->private = 0;
		__free_one_page(page, batch->req[i].pfn, zone,
				batch->req[i].order, mt, FPI_NONE);
	}
	page_states_spilled(zone, batch);
}

/*
 * Return count pages of the per-cpu lists to the buddy lists (spill at
 * high, or drain): the coldest blocks of list pindex first, all of them
 * before the next list, then the other lists in turn. pcp->lock held.
 */
static void free_pcppages_bulk(struct zone *zone, int count,
			       struct per_cpu_pages *pcp, int pindex)
{
	int min_pindex = 0, max_pindex = NR_PCP_LISTS - 1, mt;
	struct page_states_batch batch;
	struct list_head *list;
	unsigned int order;
	struct page *page;

	page_states_batch_init(&batch);
	/* more than the lists hold would never end */
	count = min(count, pcp->count);
	/* pindex is taken first */
	pindex--;
	spin_lock(&zone->lock);
	while (count > 0) {
		/* the next list that has pages; empty ends drop out */
		for (;;) {
			if (++pindex > max_pindex)
				pindex = min_pindex;
			list = &pcp->lists[pindex];
			if (!list_empty(list))
				break;
			if (pindex == max_pindex)
				max_pindex--;
			if (pindex == min_pindex)
				min_pindex++;
		}
		order = pindex_to_order((unsigned int)pindex);
		do {
			page = list_last_entry(list, struct page, lru);
			list_del(&page->lru);
			ClearPagePcp(page);
			count -= 1 << order;
			WRITE_ONCE(pcp->count, pcp->count - (1 << order));
			if (page_states_batch_add(&batch, zone, page, order)) {
				if (page_states_batch_full(&batch))
					free_pcppages_batch(zone, &batch);
				continue;
			}
			mt = (int)page->private;
			page->private = 0;
			__free_one_page(page, page_to_pfn(page), zone, order,
					mt, FPI_NONE);
		} while (count > 0 && !list_empty(list));
	}
	free_pcppages_batch(zone, &batch);
	spin_unlock(&zone->lock);
	pcp->low = min(pcp->low, pcp->count);
}

/*
 * How many pages a spill returns: pcp->batch, doubled for every spill
 * since the last allocation from these lists (up to 2^PCP_BATCH_SCALE_MAX
 * times), leaving at least batch pages; everything when high-order pages
 * pile up (free_high).
 */
static int nr_pcp_free(struct per_cpu_pages *pcp, int high, int batch,
		       bool free_high)
{
	int min_nr_free, max_nr_free;

	if (unlikely(free_high))
		return pcp->count;
	/* lists disabled (high 0), or tiny */
	if (unlikely(high < batch))
		return 1;
	min_nr_free = batch;
	max_nr_free = high - batch;
	batch <<= pcp->free_factor;
	if (batch < max_nr_free && pcp->free_factor < PCP_BATCH_SCALE_MAX)
		pcp->free_factor++;
	return clamp(batch, min_nr_free, max_nr_free);
}

/* The count at which a free spills (6.1 nr_pcp_high; no reclaim here). */
static int nr_pcp_high(struct per_cpu_pages *pcp, bool free_high)
{
	int high = READ_ONCE(pcp->high);

	if (unlikely(!high || free_high))
		return 0;
	return high;
}

/* pcp->lock held */
static void free_unref_page_commit(struct zone *zone,
				   struct per_cpu_pages *pcp,
				   struct page *page, int migratetype,
				   unsigned int order)
{
	unsigned int pindex = order_to_pindex(migratetype, order);
	bool free_high;
	int high;

	page->private = (unsigned long)migratetype;
	SetPagePcp(page);
	list_add(&page->lru, &pcp->lists[pindex]);
	WRITE_ONCE(pcp->count, pcp->count + (1 << order));
	/*
	 * High orders other than THP fragment memory when they pile up
	 * while only frees happen: then the lists are emptied.
	 */
	free_high = pcp->free_factor && order &&
		    order <= PAGE_ALLOC_COSTLY_ORDER;
	high = nr_pcp_high(pcp, free_high);
	if (pcp->count >= high)
		free_pcppages_bulk(zone, nr_pcp_free(pcp, high,
						     READ_ONCE(pcp->batch),
						     free_high),
				   pcp, (int)pindex);
}

/*
 * A free of an order the per-cpu lists take, to this cpu's lists. No hint
 * here (but cmma's, in free_pages_prepare): pages on the per-cpu lists
 * stay as they were.
 */
void free_unref_page(struct page *page, unsigned int order)
{
	struct zone *zone = page_zone(page);
	struct per_cpu_pages *pcp;
	int migratetype;

	if (!free_pages_prepare(page, order))
		return;
	migratetype = get_pageblock_migratetype(page);
	pcp = &zone->per_cpu_pageset[smp_processor_id()];
	/* 6.1 only tries: a remote drain holds the lock */
	if (!spin_trylock(&pcp->lock)) {
		free_to_buddy(page, order, migratetype);
		return;
	}
	free_unref_page_commit(zone, pcp, page, migratetype, order);
	spin_unlock(&pcp->lock);
}

void __free_pages(struct page *page, unsigned int order)
{
	if (!put_page_testzero(page))
		return;
	if (pcp_allowed_order(order))
		free_unref_page(page, order);
	else
		__free_pages_ok(page, order);
}

/*
 * Refill a per-cpu list with up to count blocks of order from the buddy
 * lists; the hints see them once they are on the list. pcp->lock held.
 * Returns the number of blocks added.
 */
static int rmqueue_bulk(struct zone *zone, unsigned int order, int count,
			struct per_cpu_pages *pcp, struct list_head *list,
			int migratetype)
{
	struct page_states_batch batch;
	struct page *page;
	int n;

	page_states_batch_init(&batch);
	count = min(count, PCP_BATCH_MAX);
	spin_lock(&zone->lock);
	for (n = 0; n < count; n++) {
		page = __rmqueue(zone, order, migratetype);
		if (!page)
			break;
		page->private = (unsigned long)migratetype;
		SetPagePcp(page);
		/* in the order expand() split them: ascending pfns */
		list_add_tail(&page->lru, list);
		if (page_states_batch_add(&batch, zone, page, order) &&
		    page_states_batch_full(&batch))
			page_states_refill(zone, &batch);
	}
	spin_unlock(&zone->lock);
	WRITE_ONCE(pcp->count, pcp->count + (n << order));
	page_states_refill(zone, &batch);
	return n;
}

/* The hottest block of the list, refilled first if empty. pcp->lock held. */
static struct page *__rmqueue_pcplist(struct zone *zone, unsigned int order,
				      int migratetype,
				      struct per_cpu_pages *pcp,
				      struct list_head *list)
{
	struct page *page;
	int batch;

	if (list_empty(list)) {
		/* fewer blocks of the higher orders, at least two */
		batch = READ_ONCE(pcp->batch);
		if (batch > 1)
			batch = max(batch >> order, 2);
		if (!rmqueue_bulk(zone, order, batch, pcp, list, migratetype))
			return NULL;
	}
	page = list_first_entry(list, struct page, lru);
	list_del(&page->lru);
	ClearPagePcp(page);
	WRITE_ONCE(pcp->count, pcp->count - (1 << order));
	if (pcp->count < pcp->low)
		pcp->low = pcp->count;
	return page;
}

static struct page *rmqueue_pcplist(struct zone *zone, unsigned int order,
				    int migratetype)
{
	struct per_cpu_pages *pcp = &zone->per_cpu_pageset[smp_processor_id()];
	struct page *page;

	/* 6.1 only tries: a remote drain holds the lock */
	if (!spin_trylock(&pcp->lock))
		return NULL;
	/* an allocation: spills shrink back towards pcp->batch */
	pcp->free_factor >>= 1;
	page = __rmqueue_pcplist(zone, order, migratetype, pcp,
				 &pcp->lists[order_to_pindex(migratetype,
							     order)]);
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

/* The per-cpu lists for their orders, else (or if they fail) the buddy. */
static struct page *rmqueue(struct zone *zone, unsigned int order,
			    int migratetype)
{
	struct page *page;

	if (pcp_allowed_order(order)) {
		page = rmqueue_pcplist(zone, order, migratetype);
		if (page)
			return page;
	}
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

/*
 * Empty one cpu's lists, from the first list on, in chunks of
 * pcp->batch << PCP_BATCH_SCALE_MAX pages per hold of its lock (the 6.1
 * backport that bounds the lock hold time).
 */
static void drain_pages_zone(int cpu, struct zone *zone)
{
	struct per_cpu_pages *pcp = &zone->per_cpu_pageset[cpu];
	int count;

	do {
		spin_lock(&pcp->lock);
		count = pcp->count;
		if (count) {
			int to_drain = min(count,
					   pcp->batch << PCP_BATCH_SCALE_MAX);

			free_pcppages_bulk(zone, to_drain, pcp, 0);
			count -= to_drain;
		}
		spin_unlock(&pcp->lock);
	} while (count);
}

/*
 * Return to the buddy lists the pages that stayed on one cpu's lists since
 * the last call (the fewest pages its lists held in between, pcp->low),
 * at most max; the coldest first. As Linux 6.7 decays pcp->high of idle
 * lists (decay_pcp_high), from the hinting's timed work: idle per-cpu
 * pages are free memory the host could use. Returns the pages returned,
 * or -EAGAIN when the lists are busy (locked).
 */
int drain_pages_idle(struct zone *zone, int cpu, int max)
{
	struct per_cpu_pages *pcp = &zone->per_cpu_pageset[cpu];
	int idle;

	if (!spin_trylock(&pcp->lock))
		return -EAGAIN;
	idle = min(min(pcp->low, pcp->count), max);
	if (idle > 0)
		free_pcppages_bulk(zone, idle, pcp, NR_PCP_LISTS - 1);
	pcp->low = pcp->count;
	spin_unlock(&pcp->lock);
	return max(idle, 0);
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
