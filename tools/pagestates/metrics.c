// SPDX-License-Identifier: GPL-2.0
/* Metric keys, ratios and time series (see metrics.h). */
#include <math.h>
#include <stdlib.h>
#include "metrics.h"

#define K(name, label, type, unit) { #name, label, type, unit, \
				   offsetof(struct ps_metrics, name) }
#define N(name, label)	K(name, label, PS_M_U64, PS_UNIT_COUNT)
#define M(name, label)	K(name, label, PS_M_U64, PS_UNIT_MEMORY)
#define MD(name, label)	K(name, label, PS_M_DOUBLE, PS_UNIT_MEMORY)
#define PS(name, label)	K(name, label, PS_M_DOUBLE, PS_UNIT_PAGE_SECONDS)
#define R(name, label)	K(name, label, PS_M_DOUBLE, PS_UNIT_RATIO)

const struct ps_metric_key ps_metric_keys[] = {
	N(freed_pages, "pages freed"),
	N(hint_ops, "hint ops (page-state changes)"),
	N(hint_calls, "hint calls (batches)"),
	N(exits, "exits to the host"),
	R(hint_ops_per_1k_freed, "hint ops per 1000 freed"),
	PS(free_page_seconds, "guest free, MiB*s"),
	PS(reclaimable_page_seconds, "reclaimable free, MiB*s"),
	R(reclaim_coverage, "reclaimable share of free"),
	M(host_resident_peak_pages, "host resident peak, MiB"),
	N(host_swap_out_pages, "host swap-outs, pages"),
	N(host_swap_in_pages, "host swap-ins, pages"),
	N(host_discards_unused, "host drops unused, pages"),
	N(host_discards_volatile, "host drops volatile, pages"),
	N(host_zero_fills, "host zero-page fills"),
	N(discard_faults, "guest discard faults"),
	N(guest_rereads, "guest page cache rereads"),
	N(violations, "safety violations"),
	N(boot_hint_ops, "hint ops before the input"),
	MD(host_required_mean_pages, "host must keep, mean MiB"),
	MD(unhinted_free_mean_pages, "free, not hinted, mean MiB"),
	R(touched_reclaim_coverage, "reclaimable share, touched"),
	N(failed_allocations, "failed allocations"),
};

const size_t ps_nr_metric_keys = sizeof(ps_metric_keys) /
				 sizeof(ps_metric_keys[0]);

double ps_metric_value(const struct ps_metrics *m,
		       const struct ps_metric_key *key)
{
	const char *p = (const char *)m + key->offset;

	if (key->type == PS_M_U64)
		return (double)*(const u64 *)p;
	return *(const double *)p;
}

void ps_metrics_finish(struct ps_metrics *m)
{
	m->hint_ops_per_1k_freed = m->freed_pages ?
		1000.0 * (double)m->hint_ops / (double)m->freed_pages : 0.0;
	m->reclaim_coverage = m->free_page_seconds > 0 ?
		m->reclaimable_page_seconds / m->free_page_seconds : 0.0;
	/* no touched free memory: nothing to cover, no share (null) */
	m->touched_reclaim_coverage = m->touched_free_page_seconds > 0 ?
		m->touched_reclaimable_page_seconds /
		m->touched_free_page_seconds : NAN;
	if (m->duration_s > 0) {
		m->host_required_mean_pages = m->required_page_seconds /
					      m->duration_s;
		m->unhinted_free_mean_pages = m->unhinted_free_page_seconds /
					      m->duration_s;
	}
}

int ps_series_add(struct ps_series *s, const struct ps_sample *sample)
{
	if (s->nr == s->cap) {
		size_t cap = s->cap ? s->cap * 2 : 256;
		struct ps_sample *n = realloc(s->samples, cap * sizeof(*n));

		if (!n)
			return -1;
		s->samples = n;
		s->cap = cap;
	}
	s->samples[s->nr++] = *sample;
	return 0;
}

void ps_metrics_free(struct ps_metrics *m)
{
	free(m->series.samples);
	m->series.samples = NULL;
	m->series.nr = m->series.cap = 0;
}
