// SPDX-License-Identifier: GPL-2.0
/*
 * Time series as CSV, one row per strategy and sample (long format),
 * after one comment line naming the input, start state and host.
 */
#include "report.h"

int output_csv(FILE *f, const struct ps_report *rep)
{
	unsigned int i;
	size_t j;

	fprintf(f, "# %s; start %s; host %s\n", rep->input, rep->start,
		rep->host);
	fputs("strategy,time_s,guest_used_pages,guest_free_pages,host_resident_pages,reclaimable_pages,host_required_pages,unhinted_free_pages\n",
	      f);
	for (i = 0; i < rep->nr_runs; i++) {
		const struct ps_metrics *m = &rep->runs[i];

		for (j = 0; j < m->series.nr; j++) {
			const struct ps_sample *s = &m->series.samples[j];

			fprintf(f, "%s,%.6f,%llu,%llu,%llu,%llu,%llu,%llu\n",
				m->strategy, s->time_s,
				(unsigned long long)s->guest_used,
				(unsigned long long)s->guest_free,
				(unsigned long long)s->host_resident,
				(unsigned long long)s->reclaimable,
				(unsigned long long)s->host_required,
				(unsigned long long)s->unhinted_free);
		}
	}
	return ferror(f) ? -1 : 0;
}
