/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Memory management: node setup and boot, page reference counts, the
 * allocator's metrics and the run-time hint strategy.
 *
 * All functions work on current_pgdat (the guest this thread runs) unless
 * they take a pgdat.
 */
#ifndef _LINUX_MM_H
#define _LINUX_MM_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/atomic.h>
#include <linux/mm_types.h>
#include <linux/mmzone.h>
#include <linux/page-flags.h>
#include <linux/gfp.h>

static inline struct zone *page_zone(const struct page *page)
{
	(void)page;
	return &current_pgdat->node_zones[ZONE_NORMAL];
}

static inline struct pglist_data *page_pgdat(const struct page *page)
{
	(void)page;
	return current_pgdat;
}

static inline int page_count(const struct page *page)
{
	return atomic_read(&page->_refcount);
}

static inline void set_page_count(struct page *page, int v)
{
	atomic_set(&page->_refcount, v);
}

static inline void get_page(struct page *page)
{
	atomic_inc(&page->_refcount);
}

static inline bool put_page_testzero(struct page *page)
{
	return atomic_dec_and_test(&page->_refcount);
}

/*
 * Drop a reference to an order-0 page; the last one frees it (a page
 * cache page that was volatile is made stable first, free_pages_prepare).
 */
static inline void put_page(struct page *page)
{
	if (put_page_testzero(page))
		free_unref_page(page, 0);
}

/*
 * Node setup (mm/mm_init.c). pgdat_create() reserves the memory map
 * lazily (untouched struct pages cost nothing) and sets up the zone, the
 * per-cpu lists and the strategy, for a guest whose architecture has the
 * given pageblock order (PAGEBLOCK_ORDER_S390, PAGEBLOCK_ORDER_X86);
 * mem_init() then releases all memory of current_pgdat to the buddy
 * allocator (boot) and sizes the per-cpu lists from it.
 */
struct pglist_data *pgdat_create(unsigned long nr_pages, int nr_cpus,
				 enum hint_strategy strategy,
				 unsigned int pageblock_order_arch);
void pgdat_destroy(struct pglist_data *pgdat);
void mem_init(void);
/* Override the per-cpu list limits (0: computed as Linux 6.1 does). */
void zone_set_pcp_high_batch(struct zone *zone, int high, int batch);

/* Free pages of current_pgdat: buddy + per-cpu lists + isolated. */
unsigned long nr_free_pages(void);

/* The driver's virtual clock (nanoseconds); runs timed strategy work. */
void mm_tick(u64 now_ns);

/*
 * Strategy "aging": hint free pages only after they stayed free delay_ns
 * (default 40 ms) on the virtual clock. No effect under other strategies.
 */
void hint_aging_set_delay(struct pglist_data *pgdat, u64 delay_ns);

/*
 * Strategy "adaptive": cost_ns is what two hints are worth in page-ns
 * (the trade-off between hints and unhinted free memory; 0: default);
 * delay_ns non-zero fixes the delay instead of learning it. No effect
 * under other strategies. hint_adaptive_delay: the zone's delay now.
 */
void hint_adaptive_set(struct pglist_data *pgdat, u64 cost_ns, u64 delay_ns);
u64 hint_adaptive_delay(struct zone *zone);

/*
 * Hint accounting of current_pgdat (mm/vmstat.c), from its vm event
 * counters page_states_hints and page_states_batches.
 */
struct page_states_stats {
	unsigned long hint_ops;		/* page-state changes requested */
	unsigned long hint_calls;	/* backend calls (batches) */
	unsigned long boot_hint_ops;	/* issued before the workload */
	unsigned long boot_hint_calls;
};

/* Everything issued from now on counts as workload, not boot. */
void page_states_boot_done(void);
void page_states_get_stats(struct page_states_stats *stats);
void page_states_reset_stats(void);
/* One vm event counter (page_states_*) of current_pgdat, since boot. */
unsigned long page_states_event(enum vm_event_item item);

/*
 * Debug checker (mm/debug_vm.c), like DEBUG_VM: walks every page of
 * current_pgdat, prints each violation to stderr and returns their
 * number (including the ones found on the fly since the last call).
 */
int check_guest_pages(void);

#endif
