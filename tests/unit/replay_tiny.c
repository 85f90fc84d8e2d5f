// SPDX-License-Identifier: GPL-2.0
/*
 * The replay engine on a tiny trace whose metrics were worked out by
 * hand, through the real allocator and host model:
 *
 *   t=0s alloc A (order 0)   t=1s alloc B (order 1)
 *   t=2s free A              t=3s free B              end t=4s
 *
 * Guest of 1024 pages, one cpu. Live pages per second: 1, 3, 2, 0, so
 * free pages 1023, 1021, 1022, 1024: free_page_seconds = 4090.
 *
 * none: no hints. A free page is droppable only while untouched (Sz):
 * 1023 + 1021 + 1021 (A was touched) + 1021 (A, B touched) = 4086.
 * cmma: boot hints all 1024 pages unused; every free sets its pages
 * unused (A: 1, B: 2 ops), every allocation stable (1 + 2): 6 hint ops,
 * each an ESSA, each an exit (intercept); every free page is always
 * unused: reclaimable = free, 4090.
 * Both: three pages touched from z (3 zero fills), 3 pages freed.
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
#include "../../tools/pagestates/metrics.c"
#include "../../tools/pagestates/replay.c"

static const char tiny[] =
	"   cat-1 [000] .....  50.000000: mm_page_alloc: page=00000000880d9ead pfn=0x1000 order=0 migratetype=1 gfp_flags=GFP_KERNEL\n"
	"   cat-1 [000] .....  51.000000: mm_page_alloc: page=00000000880d9eae pfn=0x2000 order=1 migratetype=1 gfp_flags=GFP_KERNEL\n"
	"   cat-1 [000] .....  52.000000: mm_page_free: page=00000000880d9ead pfn=0x1000 order=0\n"
	"   cat-1 [000] .....  52.000000: mm_page_free_batched: page=00000000880d9ead pfn=0x1000 order=0\n"
	"   cat-1 [000] .....  53.000000: mm_page_free: page=00000000880d9eae pfn=0x2000 order=1\n";

static void run(struct trace *t, enum hint_strategy s, struct ps_metrics *m)
{
	struct replay_config cfg = {
		.strategy = s,
		.guest_pages = 1024,
		.nr_guests = 1,
		.nr_cpus = 1,
		.host_mode = HV_MODE_INTERCEPT,
		.sample_ns = 1000000000,
		.check_every = 2,
	};
	char err[256];
	struct replay *r = replay_create(&cfg, err, sizeof(err));
	size_t i;

	if (!r)
		tap_bail(err);
	replay_preallocate(r, 0, t->pre, t->nr_pre);
	replay_start(r);
	for (i = 0; i < t->events.count; i++)
		replay_event(r, 0, evbuf_get(&t->events, i));
	replay_finish(r, 4000000000ULL, m);
	replay_destroy(r);
}

int main(void)
{
	struct mem_source src = { .p = tiny, .left = sizeof(tiny) - 1 };
	struct trace_load_opts o = { .name = "tiny" };
	struct ps_metrics m;
	struct trace t;
	struct lines l;
	char err[256];

	tap_plan(26);
	lines_init(&l, mem_source_read, &src);
	if (trace_load_lines(&t, &l, &o, err, sizeof(err)))
		tap_bail(err);
	lines_free(&l);
	is(t.info.events, 4, "four events (the batched free is a duplicate)");

	run(&t, HINT_NONE, &m);
	is(m.freed_pages, 3, "none: freed pages");
	is(m.hint_ops, 0, "none: no hints");
	is(m.exits, 0, "none: no exits");
	ok(m.free_page_seconds > 4089.999 && m.free_page_seconds < 4090.001,
	   "none: free page-seconds 4090 (%f)", m.free_page_seconds);
	ok(m.reclaimable_page_seconds > 4085.999 &&
	   m.reclaimable_page_seconds < 4086.001,
	   "none: reclaimable page-seconds 4086 (%f)",
	   m.reclaimable_page_seconds);
	ok(m.reclaim_coverage > 0.99902 && m.reclaim_coverage < 0.99903,
	   "none: coverage 4086/4090 (%f)", m.reclaim_coverage);
	is(m.host_zero_fills, 3, "none: three zero fills");
	is(m.host_resident_peak_pages, 3, "none: three pages resident at most");
	is(m.violations, 0, "none: no violations");
	is(m.boot_hint_ops, 0, "none: no boot hints");
	is(m.series.nr, 6, "none: samples at 0,1,2,3,4 s and the end");
	is(m.series.samples[2].guest_used, 3, "none: 3 pages used at 2 s");
	ps_metrics_free(&m);

	run(&t, HINT_CMMA, &m);
	is(m.freed_pages, 3, "cmma: freed pages");
	is(m.hint_ops, 6, "cmma: one hint per page, alloc and free");
	is(m.exits, 6, "cmma: every ESSA exits (intercept)");
	ok(m.hint_ops_per_1k_freed > 1999.99 &&
	   m.hint_ops_per_1k_freed < 2000.01,
	   "cmma: 2000 hint ops per 1000 freed (%f)",
	   m.hint_ops_per_1k_freed);
	ok(m.free_page_seconds > 4089.999 && m.free_page_seconds < 4090.001,
	   "cmma: free page-seconds 4090 (%f)", m.free_page_seconds);
	ok(m.reclaimable_page_seconds > 4089.999 &&
	   m.reclaimable_page_seconds < 4090.001,
	   "cmma: everything free is reclaimable (%f)",
	   m.reclaimable_page_seconds);
	ok(m.reclaim_coverage > 0.99999, "cmma: coverage 1 (%f)",
	   m.reclaim_coverage);
	is(m.boot_hint_ops, 1024, "cmma: boot hints all memory");
	is(m.host_zero_fills, 3, "cmma: three zero fills");
	is(m.violations, 0, "cmma: no violations");
	is(m.host_swap_out_pages, 0, "cmma: no swap without a limit");
	is(m.discard_faults, 0, "cmma: no discard faults");
	is(m.guest_rereads, 0, "cmma: no rereads");
	ps_metrics_free(&m);
	trace_free(&t);
	return tap_finish();
}
