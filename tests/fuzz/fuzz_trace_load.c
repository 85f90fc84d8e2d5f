// SPDX-License-Identifier: GPL-2.0
/*
 * The trace loader on any text: lines (tools/pagestates/lines.c), format
 * detection or a given format, every quirk rule of trace.h, the reorder
 * window. The first byte picks how: bits 0-1 the format (detect,
 * tracefs, perf script, trace-cmd), bit 2 --strict, bit 3 read through
 * a callback in pieces of the second byte's size (lines spanning reads)
 * instead of from one buffer. What a successful load must give:
 *   - events in time order, each of a known type on a valid block
 *     (pfn + 2^order within TRACE_MAX_PFN), lookups of 1..4096 pages of a
 *     known file;
 *   - the counts agree: events counted = events stored, lines >= events;
 *   - pages in use before the trace are valid blocks too.
 */
#include <string.h>
#include "fuzz.h"
#include "mem_source.h"
#include "../../tools/pagestates/trace.h"

static void check_trace(const struct trace *t)
{
	const struct ps_event *ev;
	u64 last = 0;
	size_t i;

	fuzz_assert(t->info.events == t->events.count);
	for (i = 0; i < t->events.count; i++) {
		ev = evbuf_get(&t->events, i);
		fuzz_assert(ev->time_ns >= last);
		last = ev->time_ns;
		fuzz_assert(ev->type < NR_PS_EVENT_TYPES);
		fuzz_assert(ev->cpu < t->info.nr_cpus);
		if (ev->type == PS_EV_CACHE_LOOKUP) {
			fuzz_assert(ev->pfn >= 1 && ev->pfn <= 4096);
			fuzz_assert(ev->file < t->info.nr_files);
			continue;
		}
		fuzz_assert(ev->order <= TRACE_MAX_ORDER);
		fuzz_assert(ev->pfn + (1ULL << ev->order) <= TRACE_MAX_PFN);
		if (ev->type != PS_EV_ALLOC && ev->type != PS_EV_FREE)
			fuzz_assert(ev->file < t->info.nr_files);
	}
	fuzz_assert(t->info.duration_ns >= last);
	for (i = 0; i < t->nr_pre; i++) {
		fuzz_assert(t->pre[i].order <= TRACE_MAX_ORDER);
		fuzz_assert(t->pre[i].pfn + (1ULL << t->pre[i].order) <=
			    TRACE_MAX_PFN);
		fuzz_assert(!t->pre[i].cached ||
			    t->pre[i].file < t->info.nr_files);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = { NULL, "tracefs", "perf-script",
					     "trace-cmd" };
	struct trace_load_opts opts = { .name = "fuzz", .max_messages = 0 };
	struct fuzz_in in = { data, size };
	uint8_t how = fuzz_u8(&in), piece = fuzz_u8(&in);
	struct mem_source src;
	struct lines lines;
	struct trace t;
	char err[256], *text;
	int ret;

	if (names[how & 3])
		opts.format = trace_format_by_name(names[how & 3]);
	opts.strict = how & 4;
	text = malloc(in.left ? in.left : 1);
	if (!text)
		return 0;
	memcpy(text, in.p, in.left);
	if (how & 8) {
		src = (struct mem_source){ .p = text, .left = in.left,
					   .max_read = piece ? piece : 1 };
		if (lines_init(&lines, mem_source_read, &src) < 0) {
			free(text);
			return 0;
		}
	} else {
		lines_init_buffer(&lines, text, in.left);
	}
	err[0] = 0;
	ret = trace_load_lines(&t, &lines, &opts, err, sizeof(err));
	if (ret < 0)
		fuzz_assert(err[0]);
	else
		check_trace(&t);
	trace_free(&t);
	lines_free(&lines);
	free(text);
	return 0;
}
