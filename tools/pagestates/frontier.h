/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The oracle bound (pagestates frontier): for each hint budget, the least
 * unhinted free memory any strategy could reach knowing the future, with
 * placement that reuses touched pages first.
 *
 * The touched free pages of a guest over time, F(t), are cut into level
 * intervals: page k of the free pool (counted from the bottom) is free
 * from the moment F rises above k until it falls back (the placement
 * that hands out the most recently freed touched page first, so the
 * pages low in the pool stay free longest). Hinting one such interval
 * costs an unused hint at its start and a stable hint at its end and
 * removes its length from the unhinted free page-seconds; an interval
 * open at the end of the input needs no stable hint, and on an aged
 * start one open at its beginning needs no unused hint (long-free memory
 * is unused already, DESIGN.md section 7). The oracle hints the intervals
 * with the most page-seconds per hint first; the straight line between
 * two of its points is the fractional relaxation, so no strategy below
 * the curve exists under this model.
 *
 * The replay engine feeds the builder the pages the input has in use
 * after every event (replay_config.frontier), so the bound is computed
 * on exactly the input the strategies replay.
 */
#ifndef _PAGESTATES_FRONTIER_H
#define _PAGESTATES_FRONTIER_H

#include <stddef.h>
#include <linux/types.h>
#include "replay.h"

struct ps_frontier_point {
	double hint_ops_per_1k_freed;
	double unhinted_free_mean_pages;
};

/* The curve: x increasing, y decreasing; all of it. */
struct ps_frontier {
	struct ps_frontier_point *pts;
	size_t nr;
	u64 freed_pages;
	double duration_s;
	double touched_free_mean_pages;	/* y with no interval hinted */
	u64 intervals;			/* level intervals cut */
};

struct ps_frontier_builder *frontier_create(enum ps_start start,
					    unsigned long guest_pages,
					    unsigned int nr_guests);
/* The input starts (time 0) with live pages in use in guest. */
void frontier_start(struct ps_frontier_builder *fb, unsigned int guest,
		    u64 live);
/* After an event at t_ns, the input has live pages in use in guest. */
void frontier_note(struct ps_frontier_builder *fb, unsigned int guest,
		   u64 t_ns, u64 live);
/* The input ends at end_ns; 0, or -1 out of memory. */
int frontier_finish(struct ps_frontier_builder *fb, u64 end_ns,
		    u64 freed_pages, struct ps_frontier *out);
void frontier_destroy(struct ps_frontier_builder *fb);

/* The bound at x hint ops per 1000 freed pages (pages, interpolated). */
double frontier_at(const struct ps_frontier *f, double x);
/* At most max points of the curve, spread evenly along x, ends kept. */
size_t frontier_thin(const struct ps_frontier *f, size_t max,
		     struct ps_frontier_point *out);
void frontier_free(struct ps_frontier *f);

#endif
