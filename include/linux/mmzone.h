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
#include <linux/page-states.h>

#define MAX_ORDER		11	/* orders 0..MAX_ORDER-1 (Linux 6.1) */
#define pageblock_order		(MAX_ORDER - 2)	/* 512 pages, 2 MiB */
#define pageblock_nr_pages	(1UL << pageblock_order)

enum migratetype {
	MIGRATE_UNMOVABLE,
	MIGRATE_MOVABLE,
	MIGRATE_RECLAIMABLE,
	MIGRATE_TYPES,
};

struct free_area {
	struct list_head free_list[MIGRATE_TYPES];
	unsigned long nr_free;		/* blocks of this order */
};

struct per_cpu_pages {
	spinlock_t lock;
	int count;			/* pages on the lists */
	int high;			/* spill to buddy above this */
	int batch;			/* chunk size for refill and spill */
	struct list_head lists[MIGRATE_TYPES];	/* order-0 pages */
};

enum zone_type {
	ZONE_NORMAL,
	MAX_NR_ZONES,
};

struct pglist_data;

struct zone {
	spinlock_t lock;
	struct pglist_data *zone_pgdat;
	unsigned long zone_start_pfn;
	unsigned long spanned_pages;
	unsigned long managed_pages;
	unsigned long nr_free;		/* pages in free_area[] */
	unsigned long nr_isolated;	/* free pages off the lists (report) */
	struct per_cpu_pages *per_cpu_pageset;	/* [nr_cpus] */
	struct free_area free_area[MAX_ORDER];
	u8 *pageblock_migratetype;	/* [spanned_pages >> pageblock_order] */
	void *hinting;			/* strategy private state */
};

typedef struct pglist_data {
	struct zone node_zones[MAX_NR_ZONES];
	struct page *node_mem_map;	/* lazily reserved, zero = untouched */
	unsigned long node_spanned_pages;
	int nr_cpus;
	enum hint_strategy strategy;	/* linux/page-states.h */
	const struct page_states_backend *hint_backend;	/* NULL: none */
	struct page_states_stats hint_stats;
	bool hint_boot_done;
	void *volatile_table;		/* mm/page-states-volatile.c */
	void *private;			/* owner (simulation driver) */
	unsigned long debug_violations;	/* found on the fly (mm/debug_vm.c) */
} pg_data_t;

extern __thread struct pglist_data *current_pgdat;

static inline struct page *pfn_to_page(unsigned long pfn)
{
	return current_pgdat->node_mem_map + pfn;
}

static inline unsigned long page_to_pfn(const struct page *page)
{
	return (unsigned long)(page - current_pgdat->node_mem_map);
}

#endif
