/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Guest page-state hinting, shared by the core (mm/page-states.c), the
 * hook dispatch (mm/hint_strategy.c) and the strategies (mm/hint_*.c).
 * Not for code outside these files.
 */
#ifndef _MM_PAGE_STATES_INTERNAL_H
#define _MM_PAGE_STATES_INTERNAL_H

#include <linux/mm.h>
#include <linux/page-states.h>

/* The strategy a node runs; "none" while it has no working backend. */
enum hint_strategy page_states_strategy(struct pglist_data *pgdat);

/*
 * Guest-side tracking for strategies that hint stable only what they had
 * hinted unused: PG_state_unused is set from the moment the unused hint
 * is issued until the stable hint (mm/page-states.c).
 */
void pages_mark_unused(struct page *page, unsigned int order);
void page_set_stable_if_unused(struct page *page, unsigned int order);
void batch_set_unused(struct page_states_batch *batch);
void batch_set_stable_if_unused(struct page_states_batch *batch);
/* How many of the nr pages from page have PG_state_unused. */
unsigned long pages_count_unused(struct page *page, unsigned long nr);

/* Strategy "spill" (mm/hint_spill.c). */
void hint_spill_free(struct page *page, unsigned int order);

/* The volatile page cache's table (mm/page-states-volatile.c). */
#ifdef CONFIG_PAGE_STATES_VOLATILE
int page_volatile_node_init(struct pglist_data *pgdat);
void page_volatile_node_exit(struct pglist_data *pgdat);
#else
static inline int page_volatile_node_init(struct pglist_data *pgdat)
{
	return 0;
}

static inline void page_volatile_node_exit(struct pglist_data *pgdat) { }
#endif

/* Strategy "aging" (mm/hint_aging.c). */
int hint_aging_init(struct pglist_data *pgdat);
void hint_aging_exit(struct pglist_data *pgdat);
void hint_aging_free(struct zone *zone, struct page *page,
		     unsigned int order);
void hint_aging_spilled(struct zone *zone, struct page_states_batch *batch);
/* Hint blocks once free delay_ns (default 40 ms). */
void hint_aging_set_delay(struct pglist_data *pgdat, u64 delay_ns);
/* The free block containing page (zone lock held), or NULL. */
struct page *hint_free_block(struct page *page, unsigned int *order);

/*
 * Strategy "adaptive" (mm/hint_adaptive.c). It needs drain_pages_idle()
 * and pcp->low in the page allocator (the Linux series: patch 2):
 * without CONFIG_PAGE_STATES_ADAPTIVE the strategy is not offered
 * (kernel_strategy()) and these are empty.
 */
#ifdef CONFIG_PAGE_STATES_ADAPTIVE
int hint_adaptive_init(struct pglist_data *pgdat);
/* What two hints are worth (page-ns, 0: default); a fixed delay (0: learn) */
void hint_adaptive_set(struct pglist_data *pgdat, u64 cost_ns, u64 delay_ns);
u64 hint_adaptive_delay(struct zone *zone);
void hint_adaptive_exit(struct pglist_data *pgdat);
void hint_adaptive_free(struct zone *zone, struct page *page,
			unsigned int order);
void hint_adaptive_spilled(struct zone *zone, struct page_states_batch *batch);
void hint_adaptive_reused(struct zone *zone, struct page *page,
			  unsigned int order);
#else
static inline int hint_adaptive_init(struct pglist_data *pgdat)
{
	return 0;
}

static inline void hint_adaptive_exit(struct pglist_data *pgdat)
{
}

static inline void hint_adaptive_free(struct zone *zone, struct page *page,
				      unsigned int order)
{
}

static inline void hint_adaptive_spilled(struct zone *zone,
					 struct page_states_batch *batch)
{
}

static inline void hint_adaptive_reused(struct zone *zone, struct page *page,
					unsigned int order)
{
}
#endif

#endif
