// SPDX-License-Identifier: GPL-2.0
/* Metric keys, ratios and time series (see metrics.h). */
#include <stdlib.h>
#include "metrics.h"

#define U(name, label) { #name, label, PS_M_U64, \
			 offsetof(struct ps_metrics, name) }
#define D(name, label) { #name, label, PS_M_DOUBLE, \
			 offsetof(struct ps_metrics, name) }

const struct ps_metric_key ps_metric_keys[] = {
	U(freed_pages, "freed pages"),
	U(hint_ops, "hint ops"),
	U(hint_calls, "hint calls"),
	U(exits, "exits"),
	D(hint_ops_per_1k_freed, "hint ops / 1k freed"),
	D(free_page_seconds, "free page-seconds"),
	D(reclaimable_page_seconds, "reclaimable page-s"),
	D(reclaim_coverage, "reclaim coverage"),
	U(host_resident_peak_pages, "host resident peak"),
	U(host_swap_out_pages, "host swap out"),
	U(host_swap_in_pages, "host swap in"),
	U(host_discards_unused, "host discards U"),
	U(host_discards_volatile, "host discards V"),
	U(host_zero_fills, "host zero fills"),
	U(discard_faults, "discard faults"),
	U(guest_rereads, "guest rereads"),
	U(violations, "violations"),
	U(boot_hint_ops, "boot hint ops"),
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
