// SPDX-License-Identifier: GPL-2.0
/*
 * The replay engine on a tiny trace whose metrics and oracle bound were
 * worked out by hand, through the real allocator and host model:
 *
 *   t=0s alloc A (order 0)   t=1s alloc B (order 1)
 *   t=2s free A              t=3s free B              end t=4s
 *
 * Guest of 1024 pages, one cpu, unlimited host. Live pages per second:
 * 1, 3, 2, 0, so free pages 1023, 1021, 1022, 1024: free_page_seconds =
 * 4090 under every start.
 *
 * Fresh start (untouched memory is Sz):
 * none: no hints. A free page is droppable only while untouched (Sz):
 * 1023 + 1021 + 1021 (A was touched) + 1021 (A, B touched) = 4086.
 * Touched free pages: 0, 0, 1 (A), 3 (A, B): 4 page-seconds, none of
 * them hinted: unhinted_free_mean_pages = 4 / 4 s = 1, touched coverage
 * 0. The host must keep the touched pages: 1, 3, 3, 3: mean 2.5.
 * cmma: boot hints all 1024 pages unused; every free sets its pages
 * unused (A: 1, B: 2 ops), every allocation stable (1 + 2): 6 hint ops,
 * each an ESSA, each an exit (intercept); every free page is always
 * unused: reclaimable = free, 4090, unhinted 0, touched coverage 1; the
 * host keeps the pages in use: 1, 3, 2, 0: mean 1.5.
 * Both: three pages touched from z (3 zero fills), 3 pages freed.
 *
 * Aged start (every page touched before, none z):
 * none: nothing reclaimable, every free page unhinted: 4090 / 4 =
 * 1022.5 pages on average; the host keeps all 1024; no zero fill.
 * cmma: the same 6 hint ops; boot hints 1024 (boot) + 1024 (stable, the
 * aging allocation) + 1024 (unused, its free) = 3072; unhinted 0,
 * touched coverage 1, host keeps 1.5 on average.
 *
 * The oracle bound, aged: touched free pages F = 1024 - live. Level
 * intervals: 1021 pages free all the time (free at the start, open at
 * the end: cost 0), 2 pages [0 s, 1 s] (free at the start, unused
 * already: only the stable hint, cost 1), 1 page [2 s, 4 s] (cost 1: no
 * stable hint at the end), 2 pages [3 s, 4 s] (cost 1). Area 4084 + 2 +
 * 2 + 2 = 4090. Most page-seconds per hint first, 3 pages freed:
 *   x = 0:      (4090 - 4084) / 4 = 1.5 pages
 *   x = 333.3:  the 2 s interval (1 hint): 4 / 4 = 1
 *   x = 1000:   one of the 1 s pairs (2 hints): 2 / 4 = 0.5
 *   x = 1666.7: the other pair: 0
 * Fresh: F = max live so far - live: 1 page [2 s, 4 s], 2 pages
 * [3 s, 4 s], both open at the end (cost 1): (0, 1), (333.3, 0.5),
 * (1000, 0).
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
#include "../../tools/pagestates/content.c"
#include "../../tools/pagestates/inject.c"
#include "../../tools/pagestates/replay.c"
#include "../../tools/pagestates/frontier.c"

static const char tiny[] =
	"   cat-1 [000] .....  50.000000: mm_page_alloc: page=00000000880d9ead pfn=0x1000 order=0 migratetype=1 gfp_flags=GFP_KERNEL\n"
	"   cat-1 [000] .....  51.000000: mm_page_alloc: page=00000000880d9eae pfn=0x2000 order=1 migratetype=1 gfp_flags=GFP_KERNEL\n"
	"   cat-1 [000] .....  52.000000: mm_page_free: page=00000000880d9ead pfn=0x1000 order=0\n"
	"   cat-1 [000] .....  52.000000: mm_page_free_batched: page=00000000880d9ead pfn=0x1000 order=0\n"
	"   cat-1 [000] .....  53.000000: mm_page_free: page=00000000880d9eae pfn=0x2000 order=1\n";

#define NEAR(v, want) ((v) > (want) - 0.001 && (v) < (want) + 0.001)

/* Host state z anywhere in the guest: the pages that are. */
static unsigned long zero_pages(struct replay *r)
{
	unsigned long pfn, n = 0;

	for (pfn = 0; pfn < 1024; pfn++)
		n += (hv_peek_state(r->guests[0].sg->hv, pfn) &
		      ESSA_RES_HOST_MASK) == ESSA_RES_HOST_ZERO;
	return n;
}

static void run(struct trace *t, enum hint_strategy s, enum ps_start start,
		struct ps_metrics *m, struct ps_frontier *fr)
{
	struct ps_frontier_builder *fb = frontier_create(start, 1024, 1);
	struct replay_config cfg = {
		.strategy = s,
		.start = start,
		.guest_pages = 1024,
		.nr_guests = 1,
		.nr_cpus = 1,
		.host_mode = HV_MODE_INTERCEPT,
		.sample_ns = 1000000000,
		.check_every = 2,
		.frontier = fb,
	};
	char err[256];
	struct replay *r = replay_create(&cfg, err, sizeof(err));
	size_t i;

	if (!r || !fb)
		tap_bail(err);
	if (start == PS_START_AGED)
		is(zero_pages(r), 0, "%s aged: no page logically zero",
		   hint_strategy_name(s));
	replay_preallocate(r, 0, t->pre, t->nr_pre);
	replay_start(r);
	for (i = 0; i < t->events.count; i++)
		replay_event(r, 0, evbuf_get(&t->events, i));
	replay_finish(r, 4000000000ULL, m);
	replay_destroy(r);
	if (frontier_finish(fb, 4000000000ULL, m->freed_pages, fr))
		tap_bail("frontier_finish");
	frontier_destroy(fb);
}

static void test_fresh(struct trace *t)
{
	struct ps_metrics m;
	struct ps_frontier fr;

	run(t, HINT_NONE, PS_START_FRESH, &m, &fr);
	is(m.freed_pages, 3, "none: freed pages");
	is(m.hint_ops, 0, "none: no hints");
	is(m.exits, 0, "none: no exits");
	ok(NEAR(m.free_page_seconds, 4090),
	   "none: free page-seconds 4090 (%f)", m.free_page_seconds);
	ok(NEAR(m.reclaimable_page_seconds, 4086),
	   "none: reclaimable page-seconds 4086 (%f)",
	   m.reclaimable_page_seconds);
	ok(m.reclaim_coverage > 0.99902 && m.reclaim_coverage < 0.99903,
	   "none: coverage 4086/4090 (%f)", m.reclaim_coverage);
	ok(NEAR(m.unhinted_free_mean_pages, 1),
	   "none fresh: 1 unhinted free page on average (%f)",
	   m.unhinted_free_mean_pages);
	ok(NEAR(m.touched_reclaim_coverage, 0),
	   "none fresh: touched coverage 0 (%f)", m.touched_reclaim_coverage);
	ok(NEAR(m.host_required_mean_pages, 2.5),
	   "none fresh: the host keeps 2.5 pages on average (%f)",
	   m.host_required_mean_pages);
	is(m.host_zero_fills, 3, "none: three zero fills");
	is(m.host_resident_peak_pages, 3, "none: three pages resident at most");
	is(m.violations, 0, "none: no violations");
	is(m.boot_hint_ops, 0, "none: no boot hints");
	is(m.failed_allocations, 0, "none: no failed allocations");
	is(m.series.nr, 6, "none: samples at 0,1,2,3,4 s and the end");
	is(m.series.samples[2].guest_used, 3, "none: 3 pages used at 2 s");
	is(fr.nr, 3, "fresh bound: three points");
	ok(fr.nr == 3 && NEAR(fr.pts[0].hint_ops_per_1k_freed, 0) &&
	   NEAR(fr.pts[0].unhinted_free_mean_pages, 1) &&
	   NEAR(fr.pts[1].hint_ops_per_1k_freed, 1000.0 / 3) &&
	   NEAR(fr.pts[1].unhinted_free_mean_pages, 0.5) &&
	   NEAR(fr.pts[2].hint_ops_per_1k_freed, 1000) &&
	   NEAR(fr.pts[2].unhinted_free_mean_pages, 0),
	   "fresh bound: (0, 1), (333.3, 0.5), (1000, 0)");
	ok(NEAR(frontier_at(&fr, 0), m.unhinted_free_mean_pages),
	   "fresh: none lies on the bound");
	ps_metrics_free(&m);
	frontier_free(&fr);

	run(t, HINT_CMMA, PS_START_FRESH, &m, &fr);
	is(m.freed_pages, 3, "cmma: freed pages");
	is(m.hint_ops, 6, "cmma: one hint per page, alloc and free");
	is(m.exits, 6, "cmma: every ESSA exits (intercept)");
	ok(NEAR(m.hint_ops_per_1k_freed, 2000),
	   "cmma: 2000 hint ops per 1000 freed (%f)",
	   m.hint_ops_per_1k_freed);
	ok(NEAR(m.free_page_seconds, 4090),
	   "cmma: free page-seconds 4090 (%f)", m.free_page_seconds);
	ok(NEAR(m.reclaimable_page_seconds, 4090),
	   "cmma: everything free is reclaimable (%f)",
	   m.reclaimable_page_seconds);
	ok(m.reclaim_coverage > 0.99999, "cmma: coverage 1 (%f)",
	   m.reclaim_coverage);
	ok(NEAR(m.unhinted_free_mean_pages, 0), "cmma fresh: nothing unhinted");
	ok(NEAR(m.touched_reclaim_coverage, 1),
	   "cmma fresh: touched coverage 1 (%f)", m.touched_reclaim_coverage);
	ok(NEAR(m.host_required_mean_pages, 1.5),
	   "cmma fresh: the host keeps 1.5 pages on average (%f)",
	   m.host_required_mean_pages);
	is(m.boot_hint_ops, 1024, "cmma: boot hints all memory");
	is(m.host_zero_fills, 3, "cmma: three zero fills");
	is(m.violations, 0, "cmma: no violations");
	is(m.host_swap_out_pages, 0, "cmma: no swap without a limit");
	is(m.discard_faults, 0, "cmma: no discard faults");
	is(m.guest_rereads, 0, "cmma: no rereads");
	ps_metrics_free(&m);
	frontier_free(&fr);
}

static void test_aged(struct trace *t)
{
	struct ps_metrics m;
	struct ps_frontier fr;
	size_t i;
	bool mono = true;

	run(t, HINT_NONE, PS_START_AGED, &m, &fr);
	is(m.freed_pages, 3, "none aged: freed pages");
	ok(NEAR(m.free_page_seconds, 4090),
	   "none aged: free page-seconds 4090 (%f)", m.free_page_seconds);
	ok(NEAR(m.reclaimable_page_seconds, 0),
	   "none aged: nothing reclaimable (%f)", m.reclaimable_page_seconds);
	ok(NEAR(m.unhinted_free_mean_pages, 1022.5),
	   "none aged: 1022.5 unhinted free pages on average (%f)",
	   m.unhinted_free_mean_pages);
	ok(NEAR(m.host_required_mean_pages, 1024),
	   "none aged: the host keeps all 1024 pages (%f)",
	   m.host_required_mean_pages);
	is(m.host_zero_fills, 0, "none aged: no zero fill (all touched)");
	is(m.boot_hint_ops, 0, "none aged: no hints at all");
	is(fr.nr, 4, "aged bound: four points");
	ok(fr.nr == 4 && NEAR(fr.pts[0].hint_ops_per_1k_freed, 0) &&
	   NEAR(fr.pts[0].unhinted_free_mean_pages, 1.5) &&
	   NEAR(fr.pts[1].hint_ops_per_1k_freed, 1000.0 / 3) &&
	   NEAR(fr.pts[1].unhinted_free_mean_pages, 1) &&
	   NEAR(fr.pts[2].hint_ops_per_1k_freed, 1000) &&
	   NEAR(fr.pts[2].unhinted_free_mean_pages, 0.5) &&
	   NEAR(fr.pts[3].hint_ops_per_1k_freed, 5000.0 / 3) &&
	   NEAR(fr.pts[3].unhinted_free_mean_pages, 0),
	   "aged bound: (0, 1.5), (333.3, 1), (1000, 0.5), (1666.7, 0)");
	ok(NEAR(frontier_at(&fr, 2000.0 / 3), 0.75),
	   "aged bound: interpolated between its points");
	for (i = 1; i < fr.nr; i++)
		mono &= fr.pts[i].hint_ops_per_1k_freed >
			fr.pts[i - 1].hint_ops_per_1k_freed &&
			fr.pts[i].unhinted_free_mean_pages <
			fr.pts[i - 1].unhinted_free_mean_pages;
	ok(mono, "aged bound: more hints, less unhinted memory");
	ps_metrics_free(&m);
	frontier_free(&fr);

	run(t, HINT_CMMA, PS_START_AGED, &m, &fr);
	is(m.hint_ops, 6, "cmma aged: one hint per page, alloc and free");
	is(m.boot_hint_ops, 3072, "cmma aged: boot, aging alloc and free");
	ok(NEAR(m.unhinted_free_mean_pages, 0), "cmma aged: nothing unhinted");
	ok(NEAR(m.touched_reclaim_coverage, 1),
	   "cmma aged: touched coverage 1 (%f)", m.touched_reclaim_coverage);
	ok(NEAR(m.host_required_mean_pages, 1.5),
	   "cmma aged: the host keeps 1.5 pages on average (%f)",
	   m.host_required_mean_pages);
	is(m.host_zero_fills, 0, "cmma aged: no zero fill");
	is(m.violations, 0, "cmma aged: no violations");
	ps_metrics_free(&m);
	frontier_free(&fr);
}

int main(void)
{
	struct mem_source src = { .p = tiny, .left = sizeof(tiny) - 1 };
	struct trace_load_opts o = { .name = "tiny" };
	struct trace t;
	struct lines l;
	char err[256];

	tap_plan(1 + 19 + 16 + 12 + 8);
	lines_init(&l, mem_source_read, &src);
	if (trace_load_lines(&t, &l, &o, err, sizeof(err)))
		tap_bail(err);
	lines_free(&l);
	is(t.info.events, 4, "four events (the batched free is a duplicate)");
	test_fresh(&t);
	test_aged(&t);
	trace_free(&t);
	return tap_finish();
}
