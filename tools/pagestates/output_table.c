// SPDX-License-Identifier: GPL-2.0
/* The human-readable table: one column per strategy. */
#include <math.h>
#include <string.h>
#include "report.h"

#define LABEL_W	30
#define COL_MIN_W	13

/* Columns as wide as the longest strategy name and a space, at least 13. */
static int col_w(const struct ps_report *rep)
{
	int w = COL_MIN_W, n;
	unsigned int i;

	for (i = 0; i < rep->nr_runs; i++) {
		n = (int)strlen(rep->runs[i].strategy) + 1;
		if (n > w)
			w = n;
	}
	return w;
}

/* The --time window and what it left out. */
static void window(FILE *f, const struct trace_info *t)
{
	fprintf(f, "  --time %.6f,", (double)t->window_start_ns * 1e-9);
	if (t->window_end_ns != ~0ULL)
		fprintf(f, "%.6f", (double)t->window_end_ns * 1e-9);
	fprintf(f, ": events from %.6f s replayed; %llu events before the window and %llu after it skipped\n",
		(double)t->start_ns * 1e-9,
		(unsigned long long)t->skipped[SKIP_BEFORE_WINDOW],
		(unsigned long long)t->skipped[SKIP_AFTER_WINDOW]);
}

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
		if (t->window)
			window(f, t);
	} else {
		fprintf(f, "workload %s (seed %llu, %.1f s): %s\n", rep->input,
			(unsigned long long)rep->seed, rep->duration_s,
			rep->description);
	}
	fprintf(f, "start %s\nhost %s\n", ps_start_description(rep->start),
		ps_host_description(rep->host));
	fprintf(f, "guest %lu MiB x %u%s, %d cpus; host limit ",
		rep->guest_pages >> 8, rep->nr_guests,
		rep->guest_mem_fixed ? " (--guest-mem)" : " (sized to the input)",
		rep->nr_cpus);
	if (rep->host_pages)
		fprintf(f, "%lu MiB", rep->host_pages >> 8);
	else
		fputs("unlimited", f);
	fprintf(f, ", %s, backend %s\n\n", rep->host_mode, rep->backend);
}

static void cell(FILE *f, int w, double v, enum ps_metric_type type,
		 enum ps_metric_unit unit)
{
	if (!isfinite(v))
		fprintf(f, "%*s", w, "-");
	else if (unit == PS_UNIT_MEMORY || unit == PS_UNIT_PAGE_SECONDS)
		fprintf(f, "%*.1f", w, v / 256.0);
	else if (type == PS_M_U64 || fabs(v) >= 1000)
		fprintf(f, "%*.0f", w, v);
	else
		fprintf(f, "%*.3f", w, v);
}

/* The rows derived from the runs (compare.c), in their order. */
static const struct {
	const char *label;
	enum ps_metric_unit unit;
} derived_rows[PS_NR_DERIVED_ROWS] = {
	[PS_ROW_SAVING] = { "host saving vs none, MiB", PS_UNIT_MEMORY },
	[PS_ROW_SHARE] = { "share of cmma's saving", PS_UNIT_RATIO },
	[PS_ROW_DISTANCE] = { "above oracle bound, MiB", PS_UNIT_MEMORY },
};

static void derived(FILE *f, const struct ps_report *rep)
{
	struct ps_derived d;
	unsigned int i, r;
	int w = col_w(rep);

	for (r = 0; r < PS_NR_DERIVED_ROWS; r++) {
		fprintf(f, "%-*s", LABEL_W, derived_rows[r].label);
		for (i = 0; i < rep->nr_runs; i++) {
			ps_derive(rep, &rep->runs[i], &d);
			cell(f, w, ps_derived_value(&d, (enum ps_derived_row)r),
			     PS_M_DOUBLE, derived_rows[r].unit);
		}
		fprintf(f, "  %s\n", ps_derived_keys[r]);
	}
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

/* Every run has as many exits as hint ops (one exit per ESSA)? */
static bool exits_are_hint_ops(const struct ps_report *rep)
{
	unsigned int i;

	for (i = 0; i < rep->nr_runs; i++)
		if (rep->runs[i].exits != rep->runs[i].hint_ops)
			return false;
	return rep->nr_runs && !strcmp(rep->host_mode, "intercept");
}

void output_table(FILE *f, const struct ps_report *rep)
{
	char verdict[512];
	unsigned int i;
	int w = col_w(rep);
	size_t k;

	header(f, rep);
	fprintf(f, "%-*s", LABEL_W, "");
	for (i = 0; i < rep->nr_runs; i++)
		fprintf(f, "%*s", w, rep->runs[i].strategy);
	fputs("  JSON key\n", f);
	for (k = 0; k < ps_nr_metric_keys; k++) {
		const struct ps_metric_key *key = &ps_metric_keys[k];

		fprintf(f, "%-*s", LABEL_W, key->label);
		for (i = 0; i < rep->nr_runs; i++)
			cell(f, w, ps_metric_value(&rep->runs[i], key),
			     key->type, key->unit);
		fprintf(f, "  %s\n", key->name);
	}
	derived(f, rep);
	fputs("\nEach row: its JSON key (memory there in pages), defined in Documentation/metrics.rst.\n",
	      f);
	if (exits_are_hint_ops(rep))
		fputs("exits equal hint ops: --host-mode intercept exits once per ESSA (interpret: once per full block-release list).\n",
		      f);
	if (ps_report_run(rep, "spill+volatile") && strcmp(rep->host, "zvm"))
		fputs("spill+volatile: a kvm host pages volatile pages out like stable ones; the gain of volatile page cache needs --host zvm.\n",
		      f);
	ps_verdict(rep, verdict, sizeof(verdict));
	fprintf(f, "%s\n", verdict);
	skipped(f, rep);
}

#define FRONTIER_TABLE_POINTS	21

void output_frontier_table(FILE *f, const struct ps_report *rep)
{
	struct ps_frontier_point pts[FRONTIER_TABLE_POINTS];
	const struct ps_frontier *fr = rep->frontier;
	size_t i, n = frontier_thin(fr, FRONTIER_TABLE_POINTS, pts);

	header(f, rep);
	fprintf(f, "oracle bound: %llu level intervals of touched free memory (%.1f MiB on average), %llu pages freed\n\n",
		(unsigned long long)fr->intervals,
		fr->touched_free_mean_pages / 256.0,
		(unsigned long long)fr->freed_pages);
	fprintf(f, "%24s %24s\n", "hint_ops_per_1k_freed",
		"unhinted free MiB");
	for (i = 0; i < n; i++)
		fprintf(f, "%24.1f %24.2f\n", pts[i].hint_ops_per_1k_freed,
			pts[i].unhinted_free_mean_pages / 256.0);
	fputs("\nNo strategy reaches below this curve (Documentation/pagestates.rst, \"The oracle bound\"); --json gives up to 512 points in pages.\n",
	      f);
}
