// SPDX-License-Identifier: GPL-2.0
/*
 * Loading traces: the quirks of real captures (DESIGN.md section 8) and
 * bad input, on small texts built from real tracefs lines.
 */
#include <string.h>
#include "tap.h"
#include "mem_source.h"
#include "../../tools/pagestates/trace_line.c"
#include "../../tools/pagestates/trace_payload.c"
#include "../../tools/pagestates/trace_tracefs.c"
#include "../../tools/pagestates/trace_perf.c"
#include "../../tools/pagestates/trace_cmd.c"
#include "../../tools/pagestates/trace_load.c"
#include "../../tools/pagestates/lines.c"
#include "../../tools/pagestates/u64map.c"
#include "../../tools/pagestates/pfntab.c"
#include "../../tools/pagestates/evbuf.c"

static char err[512];

static int load(struct trace *t, const char *text, bool strict)
{
	/* small reads: lines span buffer refills */
	struct mem_source m = { .p = text, .left = strlen(text),
				.max_read = 7 };
	struct trace_load_opts o = { .name = "t", .strict = strict,
				     .max_messages = 10 };
	struct lines l;
	int ret;

	err[0] = 0;
	lines_init(&l, mem_source_read, &m);
	ret = trace_load_lines(t, &l, &o, err, sizeof(err));
	lines_free(&l);
	return ret;
}

static const struct ps_event *ev(struct trace *t, size_t i)
{
	return evbuf_get(&t->events, i);
}

#define L(cpu, ts, body) "   cat-1 [00" #cpu "] .....  " ts ": " body "\n"
#define ALLOC(pfn, o) "mm_page_alloc: page=00000000880d9ead pfn=" pfn \
		      " order=" o " migratetype=1 gfp_flags=GFP_KERNEL"
#define FREE(pfn, o) "mm_page_free: page=00000000880d9ead pfn=" pfn " order=" o
#define BATCHED(pfn) "mm_page_free_batched: page=00000000880d9ead pfn=" pfn \
		     " order=0"

static void free_batched_and_preexisting(void)
{
	struct trace t;

	is(load(&t, "# tracer: nop\n"
		L(0, "10.000000", ALLOC("0x100", "0"))
		L(0, "10.000100", FREE("0x100", "0"))
		L(0, "10.000101", BATCHED("0x100"))
		L(1, "10.000200", FREE("0x500", "1"))	/* before the trace */
		L(1, "10.000300", BATCHED("0x777"))	/* old kernels: alone */
		L(0, "10.000400", ALLOC("0x200", "2")),	/* never freed */
		false), 0, "loads");
	is(t.info.events, 5, "five replayable events");
	is(t.info.skipped[SKIP_FREE_BATCHED_DUP], 1,
	   "free_batched after free of the same pfn: one free");
	is(t.nr_pre, 2, "two blocks in use before the trace");
	is(t.pre[0].pfn, 0x500, "first preexisting pfn");
	is(t.pre[0].order, 1, "its order");
	is(t.info.preexisting_pages, 3, "preexisting pages");
	is(t.info.never_freed_pages, 4, "order-2 block never freed");
	is(t.info.peak_live_pages, 3 + 1, "peak live: preexisting + one page");
	is(ev(&t, 0)->type, PS_EV_ALLOC, "first event alloc");
	is(ev(&t, 0)->time_ns, 0, "time relative to the first event");
	is(ev(&t, 1)->type, PS_EV_FREE, "then its free");
	is(ev(&t, 1)->time_ns, 100000, "at +100 us");
	is(ev(&t, 2)->pfn, 0x500, "preexisting free replayed");
	is(ev(&t, 2)->cpu, 1, "on its cpu");
	is(t.info.nr_cpus, 2, "two cpus seen");
	is(t.info.duration_ns, 400000, "duration");
	trace_free(&t);
}

static void order_and_time(void)
{
	struct trace t;

	/* cpu 1's alloc is printed late: the window puts it first */
	is(load(&t, L(0, "5.000010", FREE("0x10", "0"))
		    L(1, "5.000005", ALLOC("0x10", "0"))
		    L(0, "5.000020", ALLOC("0x20", "0")), false), 0,
	   "out-of-order trace loads");
	is(t.info.reordered, 1, "one event moved back");
	is(ev(&t, 0)->type, PS_EV_ALLOC, "alloc comes first");
	is(ev(&t, 1)->type, PS_EV_FREE, "free second");
	is(t.nr_pre, 0, "so no preexisting page");
	trace_free(&t);
}

static void clamp_beyond_window(void)
{
	char *text = malloc(400 * 120), *p = text;
	struct trace t;
	int i;

	for (i = 0; i < 300; i++)
		p += sprintf(p, L(0, "%d.000000", ALLOC("0x%x", "0")),
			     100 + i, 0x1000 + i);
	p += sprintf(p, L(1, "1.000000", ALLOC("0x9999", "0")));
	is(load(&t, text, false), 0, "backwards beyond the window: loads");
	is(t.info.clamped, 1, "one timestamp clamped");
	is(ev(&t, 45)->pfn, 0x9999, "the late event replays after those out of the window");
	is(ev(&t, 45)->time_ns, ev(&t, 44)->time_ns,
	   "clamped to the time replayed last");
	trace_free(&t);
	is(load(&t, text, true), -1, "--strict: fatal");
	ok(strstr(err, "t:301:") != NULL, "message has the line number (%s)",
	   err);
	trace_free(&t);
	free(text);
}

static void split_and_lost(void)
{
	struct trace t;

	is(load(&t, L(0, "1.0", ALLOC("0x400", "2"))
		    L(0, "1.1", FREE("0x401", "0"))
		    L(0, "1.2", FREE("0x400", "1"))
		    "CPU:0 [LOST 42 EVENTS]\n"
		    L(0, "1.3", FREE("0x403", "0")), false), 0,
	   "split block loads");
	is(t.info.split_frees, 1, "freed in parts: one split free");
	is(t.info.skipped[SKIP_PARTIAL_FREE], 2, "two partial frees");
	is(t.info.events, 2, "alloc and one whole free");
	is(ev(&t, 1)->order, 2, "the free is of the whole block");
	is(ev(&t, 1)->time_ns, 300000000, "when the last part went");
	is(t.info.lost_events, 42, "lost events counted");
	trace_free(&t);
}

#define ADD(pfn, ofs) "mm_filemap_add_to_page_cache: dev 254:0 ino 51009d pfn=" \
		      pfn " ofs=" ofs " order=0"
#define DEL(pfn, ofs) "mm_filemap_delete_from_page_cache: dev 254:0 ino 51009d pfn=" \
		      pfn " ofs=" ofs " order=0"
#define GET(range) "mm_filemap_get_pages: dev=254:0 ino=51009d ofs=" range

static void page_cache(void)
{
	struct trace t;

	is(load(&t, L(0, "1.0", ALLOC("0x10", "0"))
		    L(0, "1.0", ADD("0x10", "8192"))
		    L(0, "1.1", GET("0-16383"))
		    L(0, "1.2", GET("40960-45055"))
		    L(0, "1.3", DEL("0x10", "8192"))
		    L(0, "1.4", FREE("0x10", "0"))
		    L(0, "1.5", DEL("0x20", "0"))
		    L(0, "1.6", FREE("0x20", "0")), false), 0,
	   "page cache trace loads");
	is(t.info.nr_files, 1, "one file");
	is(ev(&t, 1)->type, PS_EV_CACHE_ADD, "add replayed");
	is(ev(&t, 1)->index, 2, "at index 2");
	is(ev(&t, 2)->type, PS_EV_CACHE_LOOKUP, "lookup of the cached page");
	is(ev(&t, 2)->index, 2, "only index 2 is cached");
	is(ev(&t, 2)->pfn, 1, "one page");
	is(t.info.skipped[SKIP_LOOKUP_UNCACHED], 1, "lookup of nothing cached");
	is(t.info.lookup_pages_uncached, 3 + 1, "uncached pages looked up");
	is(t.nr_pre, 1, "a page cached before the trace");
	ok(t.pre[0].cached && t.pre[0].index == 0, "preallocated as cached");
	is(t.info.events, 7, "events");
	trace_free(&t);
}

static void bad_input(void)
{
	struct trace t;

	is(load(&t, L(0, "1.0", ALLOC("0x10", "0"))
		    "garbage here\n"
		    L(0, "1.1", ALLOC("0x20", "12"))
		    L(0, "1.2", FREE("0x10", "0"))
		    "   cat-1 [000] .....  1.3: mm_page_free: page=0000 pf",
		    false), 0, "bad lines skipped without --strict");
	is(t.info.skipped[SKIP_MALFORMED], 2, "garbage and huge order");
	is(t.info.skipped[SKIP_TRUNCATED_LINE], 1, "truncated last line");
	is(t.info.events, 2, "the good lines replayed");
	trace_free(&t);
	is(load(&t, L(0, "1.0", ALLOC("0x10", "0")) "garbage here\n", true),
	   -1, "--strict: garbage is fatal");
	ok(strstr(err, "t:2:") && strstr(err, "garbage"),
	   "names line 2 and shows it (%s)", err);
	trace_free(&t);
	is(load(&t, L(0, "1.0", ALLOC("0x10", "0"))
		    "   cat-1 [000] .....  1.3: mm_page_free: page=0000 pf", true),
	   -1, "--strict: truncated last line is fatal");
	ok(strstr(err, "truncated") != NULL, "says truncated (%s)", err);
	trace_free(&t);
	is(load(&t, "no trace here\nnone at all\n", false), -1,
	   "no events at all: an error even without --strict");
	ok(strstr(err, "no trace events") != NULL, "says so (%s)", err);
	trace_free(&t);
	is(load(&t, L(0, "1.0", FREE("0x10", "0")) L(0, "1.1", FREE("0x10", "0")),
		false), 0, "free of a free page loads");
	is(t.info.skipped[SKIP_DOUBLE_FREE], 1, "counted, not replayed");
	trace_free(&t);
}

int main(void)
{
	tap_plan(59);
	free_batched_and_preexisting();
	order_and_time();
	clamp_beyond_window();
	split_and_lost();
	page_cache();
	bad_input();
	return tap_finish();
}
