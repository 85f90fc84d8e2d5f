// SPDX-License-Identifier: GPL-2.0
/*
 * Metrics as JSON: the keys of DESIGN.md section 7 per strategy, what a
 * comparison derives from them, and the oracle bound.
 */
#include <math.h>
#include <stdlib.h>
#include "report.h"

static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void json_num(FILE *f, double v)
{
	if (!isfinite(v))
		fputs("null", f);
	else if (v == floor(v) && fabs(v) < 1e15)
		fprintf(f, "%.0f", v);
	else
		fprintf(f, "%.6g", v);
}

static void kv_u64(FILE *f, const char *key, u64 v, bool *first)
{
	fprintf(f, "%s\n    ", *first ? "" : ",");
	json_str(f, key);
	fprintf(f, ": %llu", (unsigned long long)v);
	*first = false;
}

static void kv_num(FILE *f, const char *key, double v, bool *first)
{
	fprintf(f, "%s\n    ", *first ? "" : ",");
	json_str(f, key);
	fputs(": ", f);
	json_num(f, v);
	*first = false;
}

/* Seconds of a trace's clock, to the microsecond; NAN: null. */
static void kv_time(FILE *f, const char *key, double v, bool *first)
{
	fprintf(f, "%s\n    ", *first ? "" : ",");
	json_str(f, key);
	if (isfinite(v))
		fprintf(f, ": %.6f", v);
	else
		fputs(": null", f);
	*first = false;
}

static void kv_str(FILE *f, const char *key, const char *v, bool *first)
{
	fprintf(f, "%s\n    ", *first ? "" : ",");
	json_str(f, key);
	fputs(": ", f);
	json_str(f, v);
	*first = false;
}

static void trace_input(FILE *f, const struct trace_info *t, bool *first)
{
	bool inner = true;
	int i;

	kv_str(f, "format", t->format, first);
	kv_u64(f, "lines", t->lines, first);
	kv_u64(f, "bytes", t->bytes, first);
	kv_u64(f, "events_replayed", t->events, first);
	kv_time(f, "start_s", (double)t->start_ns * 1e-9, first);
	kv_time(f, "time_window_start_s", t->window ?
		(double)t->window_start_ns * 1e-9 : NAN, first);
	kv_time(f, "time_window_end_s", t->window &&
		t->window_end_ns != ~0ULL ?
		(double)t->window_end_ns * 1e-9 : NAN, first);
	kv_u64(f, "cpus", t->nr_cpus, first);
	kv_u64(f, "files", t->nr_files, first);
	kv_u64(f, "pages_allocated", t->alloc_pages, first);
	kv_u64(f, "preexisting_pages", t->preexisting_pages, first);
	kv_u64(f, "never_freed_pages", t->never_freed_pages, first);
	kv_u64(f, "peak_live_pages", t->peak_live_pages, first);
	kv_u64(f, "lost_events", t->lost_events, first);
	kv_u64(f, "reordered_events", t->reordered, first);
	kv_u64(f, "clamped_timestamps", t->clamped, first);
	kv_u64(f, "split_frees", t->split_frees, first);
	kv_u64(f, "implicit_frees", t->implicit_frees, first);
	kv_u64(f, "lookup_pages_uncached", t->lookup_pages_uncached, first);
	fprintf(f, ",\n    \"truncated\": %s", t->truncated ? "true" : "false");
	fputs(",\n    \"tracepoints\": {", f);
	for (i = 0; i < NR_TRACE_REC_TYPES; i++) {
		fprintf(f, "%s\n      ", inner ? "" : ",");
		json_str(f, trace_rec_type_name(i));
		fprintf(f, ": %llu", (unsigned long long)t->records[i]);
		inner = false;
	}
	fputs("\n    }", f);
}

static void input_obj(FILE *f, const struct ps_report *rep)
{
	bool first = true;

	fputs("  \"input\": {", f);
	kv_str(f, "kind", rep->is_trace ? "trace" : "workload", &first);
	kv_str(f, rep->is_trace ? "path" : "name", rep->input, &first);
	if (rep->is_trace) {
		kv_str(f, "compression", rep->compression, &first);
		trace_input(f, rep->trace, &first);
	} else {
		kv_str(f, "description", rep->description, &first);
		kv_u64(f, "seed", rep->seed, &first);
	}
	kv_num(f, "duration_s", rep->duration_s, &first);
	fputs("\n  },\n", f);
}

static void config_obj(FILE *f, const struct ps_report *rep)
{
	bool first = true;

	fputs("  \"config\": {", f);
	kv_u64(f, "guest_mem_pages", rep->guest_pages, &first);
	kv_u64(f, "guests", rep->nr_guests, &first);
	kv_u64(f, "cpus", (u64)rep->nr_cpus, &first);
	kv_u64(f, "host_mem_pages", rep->host_pages, &first);
	kv_str(f, "host_mode", rep->host_mode, &first);
	kv_str(f, "backend", rep->backend, &first);
	kv_str(f, "start", rep->start, &first);
	kv_str(f, "start_description", ps_start_description(rep->start),
	       &first);
	kv_str(f, "host", rep->host, &first);
	kv_str(f, "host_description", ps_host_description(rep->host), &first);
	fprintf(f, ",\n    \"guest_mem_fixed\": %s",
		rep->guest_mem_fixed ? "true" : "false");
	fputs("\n  },\n", f);
}

static void skipped_obj(FILE *f, const struct ps_report *rep)
{
	bool first = true;
	int i;

	fputs("  \"skipped_events\": {", f);
	if (rep->is_trace)
		for (i = 0; i < NR_TRACE_SKIPS; i++)
			kv_u64(f, trace_skip_name(i), rep->trace->skipped[i],
			       &first);
	fputs(first ? "},\n" : "\n  },\n", f);
}

static void derived_keys(FILE *f, const struct ps_report *rep,
			 const struct ps_metrics *m)
{
	struct ps_derived d;
	int r;

	ps_derive(rep, m, &d);
	for (r = 0; r < PS_NR_DERIVED_ROWS; r++) {
		fputs(",\n      ", f);
		json_str(f, ps_derived_keys[r]);
		fputs(": ", f);
		json_num(f, ps_derived_value(&d, (enum ps_derived_row)r));
	}
}

static void strategy_obj(FILE *f, const struct ps_report *rep,
			 const struct ps_metrics *m, bool last)
{
	bool first = true;
	size_t i;

	fputs("    ", f);
	json_str(f, m->strategy);
	fputs(": {", f);
	for (i = 0; i < ps_nr_metric_keys; i++) {
		const struct ps_metric_key *k = &ps_metric_keys[i];

		fprintf(f, "%s\n      ", first ? "" : ",");
		json_str(f, k->name);
		fputs(": ", f);
		json_num(f, ps_metric_value(m, k));
		first = false;
	}
	derived_keys(f, rep, m);
	fprintf(f, ",\n      \"events\": %llu", (unsigned long long)m->events);
	fprintf(f, ",\n      \"large_folio_cache_pages\": %llu",
		(unsigned long long)m->large_folio_cache_pages);
	fprintf(f, ",\n      \"wall_seconds\": %.3f", m->wall_seconds);
	fprintf(f, "\n    }%s\n", last ? "" : ",");
}

/* The points of the curve JSON carries: enough to draw it. */
#define JSON_FRONTIER_POINTS	512

static int frontier_array(FILE *f, const struct ps_frontier *fr)
{
	struct ps_frontier_point *pts;
	size_t i, n;

	pts = malloc(JSON_FRONTIER_POINTS * sizeof(*pts));
	if (!pts)
		return -1;
	n = frontier_thin(fr, JSON_FRONTIER_POINTS, pts);
	fputs("  \"frontier\": [", f);
	for (i = 0; i < n; i++) {
		fprintf(f, "%s\n    {\"hint_ops_per_1k_freed\": ",
			i ? "," : "");
		json_num(f, pts[i].hint_ops_per_1k_freed);
		fputs(", \"unhinted_free_mean_pages\": ", f);
		json_num(f, pts[i].unhinted_free_mean_pages);
		fputc('}', f);
	}
	fputs("\n  ]", f);
	free(pts);
	return 0;
}

int output_json(FILE *f, const struct ps_report *rep)
{
	char verdict[512], why[256];
	unsigned int i;
	bool valid = ps_report_valid(rep, why, sizeof(why));
	int ret = 0;

	/* Documentation/metrics.rst: when the version goes up */
	fputs("{\n  \"tool\": \"pagestates\",\n  \"schema_version\": 2,\n", f);
	input_obj(f, rep);
	config_obj(f, rep);
	skipped_obj(f, rep);
	fputs("  \"strategies\": {\n", f);
	for (i = 0; i < rep->nr_runs; i++)
		strategy_obj(f, rep, &rep->runs[i], i + 1 == rep->nr_runs);
	fputs("  },\n", f);
	fprintf(f, "  \"valid\": %s,\n", valid ? "true" : "false");
	ps_verdict(rep, verdict, sizeof(verdict));
	fputs("  \"verdict\": ", f);
	json_str(f, verdict);
	if (rep->frontier) {
		fputs(",\n", f);
		ret = frontier_array(f, rep->frontier);
	}
	fputs("\n}\n", f);
	return ret || ferror(f) ? -1 : 0;
}

int output_frontier_json(FILE *f, const struct ps_report *rep)
{
	int ret;

	fputs("{\n  \"tool\": \"pagestates\",\n", f);
	input_obj(f, rep);
	config_obj(f, rep);
	fprintf(f, "  \"freed_pages\": %llu,\n",
		(unsigned long long)rep->frontier->freed_pages);
	fputs("  \"touched_free_mean_pages\": ", f);
	json_num(f, rep->frontier->touched_free_mean_pages);
	fprintf(f, ",\n  \"intervals\": %llu,\n",
		(unsigned long long)rep->frontier->intervals);
	ret = frontier_array(f, rep->frontier);
	fputs("\n}\n", f);
	return ret || ferror(f) ? -1 : 0;
}
