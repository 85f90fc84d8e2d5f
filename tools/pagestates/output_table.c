// SPDX-License-Identifier: GPL-2.0
/* The human-readable table: one column per strategy. */
#include "report.h"

#define LABEL_W	22
#define COL_W	15

static void header(FILE *f, const struct ps_report *rep)
{
	const struct trace_info *t = rep->trace;

	if (rep->is_trace) {
		fprintf(f, "trace %s (%s, %s): %llu lines, %llu events replayed, %.3f s, %u cpus\n",
			rep->input, t->format, rep->compression,
			(unsigned long long)t->lines,
			(unsigned long long)t->events, rep->duration_s,
			t->nr_cpus);
		fprintf(f, "  pages: %llu allocated, %llu in use before the trace, %llu never freed, peak live %llu\n",
			(unsigned long long)t->alloc_pages,
			(unsigned long long)t->preexisting_pages,
			(unsigned long long)t->never_freed_pages,
			(unsigned long long)t->peak_live_pages);
	} else {
		fprintf(f, "workload %s (seed %llu, %.1f s): %s\n", rep->input,
			(unsigned long long)rep->seed, rep->duration_s,
			rep->description);
	}
	fprintf(f, "guest %lu MiB x %u, %d cpus; host ", rep->guest_pages >> 8,
		rep->nr_guests, rep->nr_cpus);
	if (rep->host_pages)
		fprintf(f, "%lu MiB", rep->host_pages >> 8);
	else
		fputs("unlimited", f);
	fprintf(f, ", %s, backend %s\n\n", rep->host_mode, rep->backend);
}

static void skipped(FILE *f, const struct ps_report *rep)
{
	bool any = false;
	int i;

	if (!rep->is_trace)
		return;
	for (i = 0; i < NR_TRACE_SKIPS; i++) {
		if (!rep->trace->skipped[i])
			continue;
		fprintf(f, "%s %s %llu", any ? "," : "\nskipped events:",
			trace_skip_name(i),
			(unsigned long long)rep->trace->skipped[i]);
		any = true;
	}
	if (any)
		fputc('\n', f);
}

void output_table(FILE *f, const struct ps_report *rep)
{
	unsigned int i;
	size_t k;

	header(f, rep);
	fprintf(f, "%-*s", LABEL_W, "");
	for (i = 0; i < rep->nr_runs; i++)
		fprintf(f, "%*s", COL_W, rep->runs[i].strategy);
	fputc('\n', f);
	for (k = 0; k < ps_nr_metric_keys; k++) {
		const struct ps_metric_key *key = &ps_metric_keys[k];

		fprintf(f, "%-*s", LABEL_W, key->label);
		for (i = 0; i < rep->nr_runs; i++) {
			double v = ps_metric_value(&rep->runs[i], key);

			if (key->type == PS_M_U64)
				fprintf(f, "%*.0f", COL_W, v);
			else if (v >= 1000)
				fprintf(f, "%*.0f", COL_W, v);
			else
				fprintf(f, "%*.3f", COL_W, v);
		}
		fputc('\n', f);
	}
	for (i = 0; i < rep->nr_runs; i++)
		if (rep->runs[i].alloc_failures)
			fprintf(f, "\nwarning: %s: %llu allocations failed (guest memory too small? see --guest-mem)\n",
				rep->runs[i].strategy,
				(unsigned long long)rep->runs[i].alloc_failures);
	skipped(f, rep);
}
