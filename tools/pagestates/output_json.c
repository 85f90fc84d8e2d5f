// SPDX-License-Identifier: GPL-2.0
/* Metrics as JSON: the keys of DESIGN.md section 7 per strategy. */
#include <math.h>
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
	kv_num(f, "start_s", (double)t->start_ns * 1e-9, first);
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

static void strategy_obj(FILE *f, const struct ps_metrics *m, bool last)
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
	fprintf(f, ",\n      \"events\": %llu", (unsigned long long)m->events);
	fprintf(f, ",\n      \"alloc_failures\": %llu",
		(unsigned long long)m->alloc_failures);
	fprintf(f, ",\n      \"large_folio_cache_pages\": %llu",
		(unsigned long long)m->large_folio_cache_pages);
	fprintf(f, ",\n      \"wall_seconds\": %.3f", m->wall_seconds);
	fprintf(f, "\n    }%s\n", last ? "" : ",");
}

int output_json(FILE *f, const struct ps_report *rep)
{
	unsigned int i;

	/* Documentation/metrics.rst: when the version goes up */
	fputs("{\n  \"tool\": \"pagestates\",\n  \"schema_version\": 1,\n", f);
	input_obj(f, rep);
	config_obj(f, rep);
	skipped_obj(f, rep);
	fputs("  \"strategies\": {\n", f);
	for (i = 0; i < rep->nr_runs; i++)
		strategy_obj(f, &rep->runs[i], i + 1 == rep->nr_runs);
	fputs("  }\n}\n", f);
	return ferror(f) ? -1 : 0;
}
