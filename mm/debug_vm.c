// SPDX-License-Identifier: GPL-2.0
/*
 * The debug checker (like CONFIG_DEBUG_VM): walks every page of a guest
 * and reports what breaks the allocator's or the hinting's invariants:
 *   - a page in two lists, a list entry without its flags, a flag without
 *     its list, counters that do not match the lists;
 *   - PG_state_unused or a pending unused hint on a page in use;
 *   - a page in use that the host does not hold stable (unless the page
 *     is volatile page cache): a page in use the host may drop, under
 *     every strategy and either host; a free page volatile at the host;
 *     a volatile page the guest uses (dirty, locked, under writeback,
 *     referenced beyond the cache and its ptes); whatever the strategy
 *     checks;
 *   - a page allocated while its unused hint was still pending (found on
 *     the fly by the allocator, counted here).
 * Host states come from the backend's side-effect free peek; without one
 * the host checks are skipped.
 */
#include <linux/mm.h>
#include <linux/pagemap.h>
#include "internal.h"

enum page_owner {
	OWNER_NONE,		/* in use */
	OWNER_BUDDY,
	OWNER_PCP,
	OWNER_ISOLATED,
};

_Static_assert(MAX_ORDER <= 16, "a free block's pages fit head_ofs");

struct checker {
	struct pglist_data *pgdat;
	struct zone *zone;
	struct page *mem_map;		/* pfn_to_page, hoisted */
	const struct page_states_backend *backend; /* NULL: no host checks */
	unsigned long nr_pages;
	u8 *owner;			/* enum page_owner, per pfn */
	u16 *head_ofs;			/* pages back to the free block's head */
	unsigned long isolated;		/* pages seen isolated */
	int violations;
};

/* Test-only bug injection (linux/page-states.h). */
unsigned long page_states_bugs;
void (*page_states_point_hook)(enum page_states_point point);

static void violation(struct checker *c, unsigned long pfn, const char *what)
{
	fprintf(stderr, "check_guest_pages: pfn %#lx: %s\n", pfn, what);
	c->violations++;
}

void debug_vm_violation(struct page *page, const char *what)
{
	fprintf(stderr, "debug_vm: pfn %#lx: %s\n", page_to_pfn(page), what);
	__atomic_fetch_add(&current_pgdat->debug_violations, 1,
			   __ATOMIC_RELAXED);
}

/* Record that a free block is on some list; each page on one list only. */
static void claim(struct checker *c, struct page *page, unsigned int order,
		  enum page_owner owner)
{
	unsigned long pfn = page_to_pfn(page), nr = 1UL << order, i;

	if (pfn >= c->nr_pages || nr > c->nr_pages - pfn) {
		violation(c, pfn, "free block outside the zone");
		return;
	}
	if (pfn & (nr - 1))
		violation(c, pfn, "free block not aligned to its order");
	for (i = 0; i < nr; i++) {
		if (c->owner[pfn + i] != OWNER_NONE) {
			violation(c, pfn + i, "page in two lists");
			continue;
		}
		c->owner[pfn + i] = (u8)owner;
		c->head_ofs[pfn + i] = (u16)i;
	}
}

/* One free list; returns the number of blocks on it. */
static unsigned long check_free_list(struct checker *c, unsigned int order,
				     unsigned int mt)
{
	struct list_head *list = &c->zone->free_area[order].free_list[mt];
	unsigned long seen = 0;
	struct page *page;

	list_for_each_entry(page, list, lru) {
		if (++seen > c->nr_pages) {
			violation(c, 0, "free list loops");
			break;
		}
		if (!PageBuddy(page) || buddy_order(page) != order)
			violation(c, page_to_pfn(page),
				  "free list entry not a buddy of its order");
		claim(c, page, order, OWNER_BUDDY);
	}
	return seen;
}

static void check_free_lists(struct checker *c)
{
	unsigned long blocks, pages = 0;
	unsigned int order, mt;

	for (order = 0; order < MAX_ORDER; order++) {
		blocks = 0;
		for (mt = 0; mt < MIGRATE_TYPES; mt++)
			blocks += check_free_list(c, order, mt);
		pages += blocks << order;
		if (blocks != c->zone->free_area[order].nr_free)
			violation(c, 0,
				  "free_area nr_free does not match its lists");
	}
	if (pages != c->zone->nr_free)
		violation(c, 0, "zone nr_free does not match the free lists");
}

/* One per-cpu list (blocks of one order); returns the pages on it. */
static unsigned long check_pcp_list(struct checker *c,
				    struct per_cpu_pages *pcp,
				    unsigned int pindex)
{
	unsigned int order = pindex_to_order(pindex);
	unsigned long blocks = 0;
	struct page *page;

	list_for_each_entry(page, &pcp->lists[pindex], lru) {
		if (++blocks > c->nr_pages) {
			violation(c, 0, "per-cpu list loops");
			break;
		}
		if (!PagePcp(page))
			violation(c, page_to_pfn(page),
				  "pcp list entry without PG_pcp");
		if (order_to_pindex((int)page->private, order) != pindex)
			violation(c, page_to_pfn(page),
				  "pcp list entry of another migratetype");
		claim(c, page, order, OWNER_PCP);
	}
	return blocks << order;
}

static void check_pcp_lists(struct checker *c)
{
	struct per_cpu_pages *pcp;
	unsigned long pages;
	unsigned int pindex;
	int cpu;

	for (cpu = 0; cpu < c->pgdat->nr_cpus; cpu++) {
		pcp = &c->zone->per_cpu_pageset[cpu];
		pages = 0;
		for (pindex = 0; pindex < NR_PCP_LISTS; pindex++)
			pages += check_pcp_list(c, pcp, pindex);
		if (pages != (unsigned long)pcp->count)
			violation(c, 0, "pcp count does not match its lists");
	}
}

static void claim_isolated(struct page *page, unsigned int order, void *arg)
{
	struct checker *c = arg;

	claim(c, page, order, OWNER_ISOLATED);
	c->isolated += 1UL << order;
}

/*
 * Usage a page in use may have at the host: stable; volatile or
 * potentially volatile if the guest made it so (page cache). Never
 * unused: the host may drop an unused page and a touch does not change
 * that (a KVM host keeps the usage), whatever the strategy.
 */
static bool in_use_usage_ok(struct page *page, unsigned int usage)
{
	switch (usage) {
	case PAGE_STATE_RES_STABLE:
		return true;
	case PAGE_STATE_RES_UNUSED:
		return false;
	default:
		return PageStateVolatile(page);
	}
}

static void check_host_state(struct checker *c, struct page *page,
			     unsigned long pfn, bool free, unsigned int host)
{
	unsigned int usage = host & PAGE_STATE_RES_USAGE_MASK;
	struct page *head;
	const char *what;

	if (free && usage != PAGE_STATE_RES_STABLE &&
	    usage != PAGE_STATE_RES_UNUSED)
		violation(c, pfn, "free page volatile at the host");
	if (!free && !in_use_usage_ok(page, usage))
		violation(c, pfn, "page in use not stable at the host");
	/*
	 * Volatile: the host may drop it at any time, so nobody may be
	 * using it beyond the page cache and the ptes (the commit's re-check
	 * under the page's state lock guarantees it). Potentially volatile
	 * pages may be dirty: the host sees that by the change bit.
	 */
	if (!free && usage == PAGE_STATE_RES_VOLATILE &&
	    (PageDirty(page) || PageWriteback(page) || PageLocked(page) ||
	     page_count(page) > 1 + page_mapcount(page)))
		violation(c, pfn, "volatile page in use by the guest");
	head = free ? c->mem_map + pfn - c->head_ofs[pfn] : NULL;
	what = hint_check_page(c->pgdat, page, head, host);
	if (what)
		violation(c, pfn, what);
}

/* The flags are read once: a snapshot, as the locks held allow. */
static void check_page_flags(struct checker *c, struct page *page,
			     unsigned long pfn, bool free)
{
	unsigned long flags = __atomic_load_n(&page->flags, __ATOMIC_ACQUIRE);

	if (flags & BIT(PG_hint_pending))
		violation(c, pfn, "unused hint still pending");
	if (free) {
		if (page_count(page))
			violation(c, pfn, "free page with references");
		if ((flags & (BIT(PG_buddy) | BIT(PG_pcp))) && c->head_ofs[pfn])
			violation(c, pfn, "PG_buddy or PG_pcp inside a free block");
		return;
	}
	if (flags & BIT(PG_buddy))
		violation(c, pfn, "PG_buddy on a page not on a free list");
	if (flags & BIT(PG_pcp))
		violation(c, pfn, "PG_pcp on a page not on a per-cpu list");
	if (flags & BIT(PG_reported))
		violation(c, pfn, "PG_reported on a page in use");
	if (flags & BIT(PG_state_unused))
		violation(c, pfn, "PG_state_unused on a page in use");
}

#define CHECK_CHUNK	256	/* pages peeked at a time */

/* Host states of nr pages from pfn, from the backend's peek. */
static void peek_chunk(struct checker *c, unsigned long pfn,
		       unsigned int nr, u8 *states)
{
	unsigned int i;

	if (c->backend->peek_range) {
		c->backend->peek_range(pfn, nr, states);
		return;
	}
	for (i = 0; i < nr; i++)
		states[i] = (u8)c->backend->peek(pfn + i);
}

static void check_all_pages(struct checker *c)
{
	u8 host[CHECK_CHUNK];
	unsigned long pfn, base;
	unsigned int i, n;
	struct page *page;
	bool free;

	for (base = 0; base < c->nr_pages; base += n) {
		n = (unsigned int)min(c->nr_pages - base,
				      (unsigned long)CHECK_CHUNK);
		if (c->backend)
			peek_chunk(c, base, n, host);
		for (i = 0; i < n; i++) {
			pfn = base + i;
			page = c->mem_map + pfn;
			free = c->owner[pfn] != OWNER_NONE;
			check_page_flags(c, page, pfn, free);
			if (c->backend)
				check_host_state(c, page, pfn, free, host[i]);
		}
	}
}

static void lock_all(struct checker *c)
{
	int cpu;

	for (cpu = 0; cpu < c->pgdat->nr_cpus; cpu++)
		spin_lock(&c->zone->per_cpu_pageset[cpu].lock);
	spin_lock(&c->zone->lock);
}

static void unlock_all(struct checker *c)
{
	int cpu;

	spin_unlock(&c->zone->lock);
	for (cpu = c->pgdat->nr_cpus - 1; cpu >= 0; cpu--)
		spin_unlock(&c->zone->per_cpu_pageset[cpu].lock);
}

int check_guest_pages(void)
{
	struct checker c = { .pgdat = current_pgdat };

	c.zone = pgdat_zone(c.pgdat);
	c.mem_map = c.pgdat->node_mem_map;
	/* host states from the backend's side-effect free peek, if any */
	if (c.pgdat->page_states.backend && c.pgdat->page_states.backend->peek)
		c.backend = c.pgdat->page_states.backend;
	c.nr_pages = c.zone->spanned_pages;
	c.owner = calloc(c.nr_pages, sizeof(*c.owner));
	c.head_ofs = calloc(c.nr_pages, sizeof(*c.head_ofs));
	if (!c.owner || !c.head_ofs) {
		free(c.owner);
		free(c.head_ofs);
		pr_err("check_guest_pages: out of memory\n");
		return 1;
	}
	lock_all(&c);
	check_free_lists(&c);
	check_pcp_lists(&c);
	page_reporting_for_each_isolated(c.zone, claim_isolated, &c);
	if (c.isolated != c.zone->nr_isolated)
		violation(&c, 0, "nr_isolated does not match isolated blocks");
	check_all_pages(&c);
	unlock_all(&c);
	free(c.owner);
	free(c.head_ofs);
	return c.violations + (int)__atomic_exchange_n(
		&c.pgdat->debug_violations, 0, __ATOMIC_RELAXED);
}
