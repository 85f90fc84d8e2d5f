// SPDX-License-Identifier: GPL-2.0
/*
 * CSV after one comment line naming the input, start state and host:
 * the time series, one row per strategy and sample (long format), and
 * the summary, one row per strategy with the table's metrics.
 */
#include <math.h>
#include "report.h"

static void comment(FILE *f, const struct ps_report *rep)
{
	fprintf(f, "# %s; start %s; host %s\n", rep->input, rep->start,
		rep->host);
}

/* Counts as integers, the rest exactly enough; NAN (null): empty. */
static void value(FILE *f, double v, enum ps_metric_type type)
{
	if (!isfinite(v))
		return;
	if (type == PS_M_U64)
		fprintf(f, "%.0f", v);
	else
		fprintf(f, "%.10g", v);
}

int output_summary_csv(FILE *f, const struct ps_report *rep)
{
	struct ps_derived d;
	unsigned int i;
	size_t k;
	int r;

	comment(f, rep);
	fputs("strategy", f);
	for (k = 0; k < ps_nr_metric_keys; k++)
		fprintf(f, ",%s", ps_metric_keys[k].name);
	for (r = 0; r < PS_NR_DERIVED_ROWS; r++)
		fprintf(f, ",%s", ps_derived_keys[r]);
	fputc('\n', f);
	for (i = 0; i < rep->nr_runs; i++) {
		const struct ps_metrics *m = &rep->runs[i];

		fputs(m->strategy, f);
		for (k = 0; k < ps_nr_metric_keys; k++) {
			fputc(',', f);
			value(f, ps_metric_value(m, &ps_metric_keys[k]),
			      ps_metric_keys[k].type);
		}
		ps_derive(rep, m, &d);
		for (r = 0; r < PS_NR_DERIVED_ROWS; r++) {
			fputc(',', f);
			value(f, ps_derived_value(&d, (enum ps_derived_row)r),
			      PS_M_DOUBLE);
		}
		fputc('\n', f);
	}
	return ferror(f) ? -1 : 0;
}

int output_csv(FILE *f, const struct ps_report *rep)
{
	unsigned int i;
	size_t j;

	comment(f, rep);
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
