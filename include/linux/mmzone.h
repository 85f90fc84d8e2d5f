/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Zones, free areas, per-cpu page lists and the node (one guest's memory).
 *
 * One guest kernel is one pglist_data. Several guests may share a process
 * (several guests on one host): the node a thread runs as is
 * current_pgdat, switched like a cpu runs another guest.
 */
#ifndef _LINUX_MMZONE_H
#define _LINUX_MMZONE_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/mm_types.h>
#include <linux/atomic.h>
#include <linux/page-states.h>
#include <linux/vm_event_item.h>

#define MAX_ORDER		11	/* orders 0..MAX_ORDER-1 (Linux 6.1) */
#define PAGE_ALLOC_COSTLY_ORDER	3

/*
 * The pageblock order is the architecture's HUGETLB_PAGE_ORDER (Linux 6.1
 * include/linux/pageblock-flags.h): 9 (2 MiB) on x86-64, 8 (1 MiB) on
 * s390, whose HPAGE_SHIFT is 20. It is one constant of a kernel, used by
 * anti-fragmentation, page reporting and the THP per-cpu lists alike, so
 * here it is one value per guest (a process may run guests of both
 * kinds), chosen with the guest's architecture at pgdat_create().
 */
#define PAGEBLOCK_ORDER_X86	9
#define PAGEBLOCK_ORDER_S390	8
#define pageblock_order		((unsigned int)current_pgdat->node_pageblock_order)
#define pageblock_nr_pages	(1UL << pageblock_order)

enum migratetype {
	MIGRATE_UNMOVABLE,
	MIGRATE_MOVABLE,
	MIGRATE_RECLAIMABLE,
	MIGRATE_PCPTYPES,	/* the types with per-cpu lists: all of them */
	MIGRATE_TYPES = MIGRATE_PCPTYPES,
};

struct free_area {
	struct list_head free_list[MIGRATE_TYPES];
	unsigned long nr_free;		/* blocks of this order */
};

/*
 * Per-cpu lists as Linux 6.1 keeps them: one per migratetype for each
 * order up to PAGE_ALLOC_COSTLY_ORDER, and two for the THP order
 * (pageblock_order; movable, and the others), as a kernel with
 * CONFIG_TRANSPARENT_HUGEPAGE has them. order_to_pindex() maps.
 */
#define NR_PCP_THP		2
#define NR_LOWORDER_PCP_LISTS	(MIGRATE_PCPTYPES * (PAGE_ALLOC_COSTLY_ORDER + 1))
#define NR_PCP_LISTS		(NR_LOWORDER_PCP_LISTS + NR_PCP_THP)

/* CONFIG_PCP_BATCH_SCALE_MAX (Debian 6.1: the default, 5) */
#define CONFIG_PCP_BATCH_SCALE_MAX	5
#define PCP_BATCH_SCALE_MAX	CONFIG_PCP_BATCH_SCALE_MAX

struct per_cpu_pages {
	spinlock_t lock;
	int count;			/* pages (not blocks) on the lists */
	int high;			/* spill to buddy at this count */
	int batch;			/* chunk size for refill and spill */
	short free_factor;		/* spill batch scaling while freeing */
	int low;			/* fewest pages since drain_pages_idle */
	struct list_head lists[NR_PCP_LISTS];
};

enum zone_watermarks {
	WMARK_MIN,
	WMARK_LOW,
	WMARK_HIGH,
	NR_WMARK,
};

#define min_wmark_pages(z)	((z)->_watermark[WMARK_MIN])
#define low_wmark_pages(z)	((z)->_watermark[WMARK_LOW])
#define high_wmark_pages(z)	((z)->_watermark[WMARK_HIGH])

enum zone_type {
	ZONE_NORMAL,
	MAX_NR_ZONES,
};

struct pglist_data;
struct hint_aging;
struct hint_adaptive;

/*
 * The guest's virtual clock and its delayed work (tools/lib/vclock.c):
 * the kernel's ktime_get_ns() and workqueues of the userspace build.
 */
struct vclock {
	spinlock_t lock;		/* works */
	u64 now;			/* ns, never goes back */
	u64 next_due;			/* earliest queued work */
	struct list_head works;
};

struct zone {
	spinlock_t lock;
	struct pglist_data *zone_pgdat;
	unsigned long zone_start_pfn;
	unsigned long spanned_pages;
	unsigned long managed_pages;
	unsigned long nr_free;		/* pages in free_area[] */
	unsigned long nr_isolated;	/* free pages off the lists (report) */
	unsigned long _watermark[NR_WMARK];
	int pcp_high_set, pcp_batch_set; /* user's values; 0: computed */
	struct per_cpu_pages *per_cpu_pageset;	/* [nr_cpus] */
	struct free_area free_area[MAX_ORDER];
	u8 *pageblock_migratetype;	/* [spanned_pages >> pageblock_order] */
	void *hinting;			/* report's state (mm/page_reporting.c) */
	struct hint_aging *page_states_aging;	/* mm/hint_aging.c */
	struct hint_adaptive *page_states_adaptive;	/* mm/hint_adaptive.c */
};

typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	struct page *node_mem_map;	/* lazily reserved, zero = untouched */
	unsigned long node_spanned_pages;
	int nr_cpus;
	u8 node_pageblock_order;	/* pageblock_order, see above */
	int node_id;			/* 0: a guest is one node */
	struct page_states_node page_states;	/* linux/page-states.h */
	atomic_long_t vm_events[NR_VM_EVENT_ITEMS];	/* linux/vmstat.h */
	atomic_long_t boot_events[NR_VM_EVENT_ITEMS];	/* at boot's end */
	struct vclock vclock;		/* the driver's time (mm_tick) */
	void *private;			/* owner (simulation driver) */
	unsigned long debug_violations;	/* found on the fly (mm/debug_vm.c) */
} pg_data_t;

extern __thread struct pglist_data *current_pgdat;

/* A guest is one node: the one the calling thread runs. */
#define NODE_DATA(nid)		(current_pgdat)
#define for_each_online_pgdat(pgdat) \
	for (pgdat = current_pgdat; pgdat; pgdat = NULL)

static inline int numa_node_id(void)
{
	return 0;
}

static inline bool populated_zone(const struct zone *zone)
{
	return zone->spanned_pages != 0;
}

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return current_pgdat->node_mem_map + pfn;
}

static inline unsigned long page_to_pfn(const struct page *page)
{
	return (unsigned long)(page - current_pgdat->node_mem_map);
}

/*
 * Which free blocks go through the per-cpu lists, and on which list
 * (Linux 6.1 mm/page_alloc.c): the cheap orders and THPs.
 */
static inline bool pcp_allowed_order(unsigned int order)
{
	return order <= PAGE_ALLOC_COSTLY_ORDER || order == pageblock_order;
}

static inline unsigned int order_to_pindex(int migratetype,
					   unsigned int order)
{
	if (order > PAGE_ALLOC_COSTLY_ORDER)
		return NR_LOWORDER_PCP_LISTS +
		       (migratetype == MIGRATE_MOVABLE);
	return MIGRATE_PCPTYPES * order + (unsigned int)migratetype;
}

static inline unsigned int pindex_to_order(unsigned int pindex)
{
	if (pindex >= NR_LOWORDER_PCP_LISTS)
		return pageblock_order;
	return pindex / MIGRATE_PCPTYPES;
}

#endif
