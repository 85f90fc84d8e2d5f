/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mm internals shared by the page allocator, the hint strategies, page
 * reporting and the debug checker. Not for code outside mm/.
 */
#ifndef _MM_INTERNAL_H
#define _MM_INTERNAL_H

#include <linux/mm.h>

/*
 * A free block that moves between a per-cpu list and the buddy lists in a
 * spill, drain or refill (the per-cpu lists hold several orders).
 */
struct pcp_block {
	struct page *page;
	unsigned int order;
};

/*
 * A hint strategy (DESIGN.md section 6): what the page allocator calls at
 * its hook points. Every member is optional. page_alloc.c stays generic;
 * each strategy lives in its own mm/hint_*.c file.
 */
struct hint_strategy_ops {
	const char *name;
	int (*init)(struct pglist_data *pgdat);
	void (*exit)(struct pglist_data *pgdat);
	/* every free (boot included), before the pages become free */
	void (*free_prepare)(struct page *page, unsigned int order);
	/* __free_pages_ok: a block about to enter the buddy lists */
	void (*free_block)(struct zone *zone, struct page *page,
			   unsigned int order);
	/* free_pcppages_bulk: blocks now in the buddy, zone lock held */
	void (*spill_batch)(struct zone *zone, const struct pcp_block *blocks,
			    unsigned int nr);
	/* rmqueue_bulk: blocks moved to a per-cpu list, pcp lock held */
	void (*refill_batch)(struct zone *zone,
			     const struct pcp_block *blocks, unsigned int nr);
	/* direct buddy allocation, before the caller sees the block */
	void (*alloc_block)(struct zone *zone, struct page *page,
			    unsigned int order);
	/* every allocation (per-cpu or buddy), before the caller sees it */
	void (*post_alloc)(struct page *page, unsigned int order);
	/* a block entered the free lists (after merging), zone lock held */
	void (*buddy_freed)(struct zone *zone, struct page *page,
			    unsigned int order);
	/* virtual clock of the driver */
	void (*tick)(struct pglist_data *pgdat, u64 now_ns);
	/* debug: free blocks currently off the lists, zone lock held */
	void (*for_each_isolated)(struct zone *zone,
				  void (*fn)(struct page *page,
					     unsigned int order, void *arg),
				  void *arg);
	/*
	 * debug: is the host state (PAGE_STATE_RES_* layout) right for this
	 * page? head: the free block (buddy, per-cpu or isolated) the page
	 * belongs to, NULL when in use. NULL when fine, else what is wrong.
	 */
	const char *(*check_page)(struct page *page, struct page *head,
				  unsigned int host);
	/*
	 * Allocation does not hint stable: a page in use may still be
	 * unused at the host until its next touch (report).
	 */
	bool lazy_stable;
	/* Allocation splits a never-hinted block before taking a hinted one. */
	bool prefer_unhinted;
};

extern const struct hint_strategy_ops hint_none_ops;
extern const struct hint_strategy_ops hint_cmma_ops;
extern const struct hint_strategy_ops hint_spill_ops;
extern const struct hint_strategy_ops hint_spill_volatile_ops;
extern const struct hint_strategy_ops hint_report_ops;
extern const struct hint_strategy_ops hint_aging_ops;

const struct hint_strategy_ops *hint_strategy_ops_get(enum hint_strategy s);

#define hint_hook(pgdat, hook, ...) do {				\
	const struct hint_strategy_ops *__ops = (pgdat)->hint_ops;	\
	if (__ops->hook)						\
		__ops->hook(__VA_ARGS__);				\
} while (0)

/*
 * Per-cpu list limits. A drain of a full list is one hint batch, so the
 * batch helpers (mm/page-states.c) take PCP_BULK_MAX requests per call.
 */
#define PCP_HIGH_MAX	1024
#define PCP_BULK_MAX	PCP_HIGH_MAX
#define PCP_BATCH_MAX	256

static inline struct zone *pgdat_zone(struct pglist_data *pgdat)
{
	return &pgdat->node_zones[ZONE_NORMAL];
}

static inline unsigned long zone_end_pfn(const struct zone *zone)
{
	return zone->zone_start_pfn + zone->spanned_pages;
}

/* Buddy allocator internals (mm/page_alloc.c), zone lock held. */
static inline unsigned int buddy_order(const struct page *page)
{
	return (unsigned int)page->private;
}

int get_pageblock_migratetype(const struct page *page);
void set_pageblock_migratetype(struct page *page, int migratetype);
void __free_one_page(struct page *page, unsigned long pfn, struct zone *zone,
		     unsigned int order, int migratetype, bool to_tail);
void del_page_from_free_list(struct page *page, struct zone *zone,
			     unsigned int order);
/* Take a free block off its list for hinting; counted in nr_isolated. */
void __isolate_free_page(struct page *page, unsigned int order);
/* And give it back (to the tail of its list, no strategy notification). */
void __putback_isolated_page(struct page *page, unsigned int order);

/* Boot (mm/mm_init.c) frees through here, touching only head pages. */
void __free_pages_boot(struct page *page, unsigned int order);

/* Per-page PG_state_unused helpers for strategies that track it. */
void pages_mark_unused(struct page *page, unsigned int order);
void page_set_stable_if_unused(struct page *page, unsigned int order);
void blocks_set_stable_if_unused(const struct pcp_block *blocks,
				 unsigned int nr);
void blocks_set_unused(const struct pcp_block *blocks, unsigned int nr);
/* Free pages are unused at the host exactly when PG_state_unused. */
const char *hint_unused_check_page(struct page *page, struct page *head,
				   unsigned int host);

/* mm/debug_vm.c: a violation found on the fly (e.g. at allocation). */
void debug_vm_violation(struct page *page, const char *what);

#endif
