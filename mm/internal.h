/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mm internals shared by the page allocator, the hint strategies, page
 * reporting and the debug checker. Not for code outside mm/.
 */
#ifndef _MM_INTERNAL_H
#define _MM_INTERNAL_H

#include <linux/mm.h>

#include "page-states-internal.h"

/*
 * Strategy "report" (mm/page_reporting.c): free page reporting of the
 * userspace model; the hooks sit where Linux calls page reporting.
 */
int page_reporting_init(struct pglist_data *pgdat);
void page_reporting_exit(struct pglist_data *pgdat);
/* a block entered the free lists (after merging), zone lock held */
void page_reporting_notify_free(struct zone *zone, unsigned int order);
void page_reporting_tick(struct pglist_data *pgdat, u64 now_ns);
/* boot released all memory: the device registers, first passes */
void page_reporting_register(struct pglist_data *pgdat);
/* debug: free blocks currently off the lists, zone lock held */
void page_reporting_for_each_isolated(struct zone *zone,
				      void (*fn)(struct page *page,
						 unsigned int order, void *arg),
				      void *arg);

/*
 * Debug checker helpers (mm/hint_debug.c). hint_check_page: is the host
 * state (PAGE_STATE_RES_* layout) right for this page under the node's
 * strategy? head: the free block (buddy, per-cpu or isolated) the page
 * belongs to, NULL when in use. NULL when fine, else what is wrong.
 */
const char *hint_check_page(struct pglist_data *pgdat, struct page *page,
			    struct page *head, unsigned int host);
const char *page_reporting_check_page(struct page *page, struct page *head,
				      unsigned int host);

/* The largest pcp->batch (pcp->high has no limit, as in Linux). */
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

/* How a block enters the free lists [Linux 6.1 fpi_t]. */
typedef unsigned int fpi_t;
#define FPI_NONE		0x0u
/* not a free page reporting trigger (its own put-back, boot) */
#define FPI_SKIP_REPORT_NOTIFY	0x1u
/* to the tail of its list: reused last (boot memory, put-back) */
#define FPI_TO_TAIL		0x2u

void __free_one_page(struct page *page, unsigned long pfn, struct zone *zone,
		     unsigned int order, int migratetype, fpi_t fpi_flags);
void del_page_from_free_list(struct page *page, struct zone *zone,
			     unsigned int order);
/* Take a free block off its list for hinting; counted in nr_isolated. */
int __isolate_free_page(struct page *page, unsigned int order);
/* And give it back (to the tail of its list, no strategy notification). */
void __putback_isolated_page(struct page *page, unsigned int order, int mt);

/*
 * Boot (mm/mm_init.c) frees through here [__free_pages_core]: to the
 * tail, past the per-cpu lists, touching only head pages.
 */
void __free_pages_core(struct page *page, unsigned int order);


/* mm/debug_vm.c: a violation found on the fly (e.g. at allocation). */
void debug_vm_violation(struct page *page, const char *what);

#endif
