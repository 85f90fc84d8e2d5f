/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The measurements of one strategy on one input (DESIGN.md section 7),
 * the time integrals behind them and the time series for plots.
 * ps_metric_keys[] lists the fixed JSON keys; every output walks it.
 */
#ifndef _PAGESTATES_METRICS_H
#define _PAGESTATES_METRICS_H

#include <stddef.h>
#include <linux/types.h>

/* One point of the time series (summed over the guests). */
struct ps_sample {
	double time_s;
	u64 guest_used;
	u64 guest_free;
	u64 host_resident;
	u64 reclaimable;
	u64 host_required;		/* content the host must keep */
	u64 unhinted_free;		/* free among those */
};

struct ps_series {
	struct ps_sample *samples;
	size_t nr, cap;
};

struct ps_metrics {
	const char *strategy;
	/* DESIGN.md section 7, in its order */
	u64 freed_pages;
	u64 hint_ops;
	u64 hint_calls;
	u64 exits;
	double hint_ops_per_1k_freed;
	double free_page_seconds;
	double reclaimable_page_seconds;
	double reclaim_coverage;
	u64 host_resident_peak_pages;
	u64 host_swap_out_pages;
	u64 host_swap_in_pages;
	u64 host_discards_unused;
	u64 host_discards_volatile;
	u64 host_zero_fills;
	u64 discard_faults;
	u64 guest_rereads;
	u64 violations;
	u64 boot_hint_ops;
	/* the memory the host must keep (time-weighted means, pages) */
	double host_required_mean_pages;
	double unhinted_free_mean_pages;
	double touched_reclaim_coverage;
	u64 failed_allocations;		/* guest out of memory: event dropped */
	/* more about the run */
	double touched_free_page_seconds;
	double touched_reclaimable_page_seconds;
	double required_page_seconds;
	double unhinted_free_page_seconds;
	double duration_s;		/* what the means are over */
	u64 events;
	u64 large_folio_cache_pages;	/* cached as plain (stable) blocks */
	double wall_seconds;
	struct ps_series series;
};

enum ps_metric_type { PS_M_U64, PS_M_DOUBLE };

/* What a value counts; the table shows pages of memory in MiB. */
enum ps_metric_unit {
	PS_UNIT_COUNT,		/* events, or pages moved */
	PS_UNIT_MEMORY,		/* pages held at a time: MiB in the table */
	PS_UNIT_PAGE_SECONDS,	/* MiB * s in the table */
	PS_UNIT_RATIO,
};

struct ps_metric_key {
	const char *name;		/* JSON key, CSV column */
	const char *label;		/* table row */
	enum ps_metric_type type;
	enum ps_metric_unit unit;
	size_t offset;
};

extern const struct ps_metric_key ps_metric_keys[];
extern const size_t ps_nr_metric_keys;

double ps_metric_value(const struct ps_metrics *m,
		       const struct ps_metric_key *key);

/* The ratios, from the counts and integrals. */
void ps_metrics_finish(struct ps_metrics *m);
int ps_series_add(struct ps_series *s, const struct ps_sample *sample);
void ps_metrics_free(struct ps_metrics *m);

/* The page counts integrated over time (DESIGN.md section 7). */
enum ps_gauge {
	PS_G_FREE,		/* guest free pages: buddy, per-cpu, isolated */
	PS_G_RECLAIMABLE,	/* free and droppable without I/O (U, or z) */
	PS_G_TOUCHED_FREE,	/* free and not logically zero at the host */
	PS_G_TOUCHED_RECLAIMABLE, /* free, unused and not logically zero */
	PS_G_UNHINTED_FREE,	/* free, and content the host must keep */
	PS_G_REQUIRED,		/* every page whose content the host keeps */
	PS_NR_GAUGES,
};

/*
 * Time integral of piecewise constant values: the values set at one
 * event hold until the next one.
 */
struct ps_integral {
	u64 last_ns;
	double ps[PS_NR_GAUGES];	/* page-seconds */
	u64 cur[PS_NR_GAUGES];		/* current values */
};

static inline void ps_integral_advance(struct ps_integral *in, u64 now_ns)
{
	double dt;
	int i;

	if (now_ns <= in->last_ns)
		return;
	dt = (double)(now_ns - in->last_ns) * 1e-9;
	for (i = 0; i < PS_NR_GAUGES; i++)
		in->ps[i] += dt * (double)in->cur[i];
	in->last_ns = now_ns;
}

#endif
