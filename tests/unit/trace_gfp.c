// SPDX-License-Identifier: GPL-2.0
/*
 * mm_page_alloc's migratetype= and gfp_flags=: parsed the fast way and
 * the general way to the same values, carried in the replayable events,
 * and used by the replay's allocation (the free lists it takes pages
 * from, seen in the pageblock the allocation claims).
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

#define PREFIX	"   cat-1 [000] .....  50.000000: mm_page_alloc: page=00000000880d9ead pfn=0x1000 order=0 "

static const struct {
	const char *payload;
	u8 migratetype;
	gfp_t gfp;
	bool fast;	/* the fast way takes it */
} cases[] = {
	{ "migratetype=1 gfp_flags=GFP_HIGHUSER_MOVABLE|__GFP_ZERO|__GFP_COMP",
	  MIGRATE_MOVABLE, __GFP_MOVABLE | __GFP_ZERO, true },
	{ "migratetype=2 gfp_flags=GFP_NOFS|__GFP_RECLAIMABLE|__GFP_NOWARN|__GFP_NORETRY|__GFP_COMP",
	  MIGRATE_RECLAIMABLE, __GFP_RECLAIMABLE, true },
	{ "migratetype=0 gfp_flags=GFP_KERNEL|__GFP_ZEROTAGS|__GFP_RECLAIM",
	  MIGRATE_UNMOVABLE, 0, true },
	{ "migratetype=1 gfp_flags=GFP_TRANSHUGE",
	  MIGRATE_MOVABLE, __GFP_MOVABLE, true },
	{ "migratetype=1 gfp_flags=GFP_TRANSHUGE_LIGHT|__GFP_NORETRY",
	  MIGRATE_MOVABLE, __GFP_MOVABLE, true },
	{ "migratetype=1 gfp_flags=__GFP_MOVABLE|0x800000",
	  MIGRATE_MOVABLE, __GFP_MOVABLE, true },
	{ "migratetype=4 gfp_flags=none",
	  TRACE_MIGRATETYPE_NONE, 0, true },
	{ "gfp_flags=GFP_HIGHUSER_MOVABLE",
	  TRACE_MIGRATETYPE_NONE, __GFP_MOVABLE, true },
	{ "migratetype=0x2 gfp_flags=GFP_KERNEL",
	  MIGRATE_RECLAIMABLE, 0, false },
	{ "gfp_flags=__GFP_ZERO migratetype=1",
	  MIGRATE_MOVABLE, __GFP_ZERO, false },
	{ "migratetype=x gfp_flags=__GFP_RECLAIMABLE",
	  TRACE_MIGRATETYPE_NONE, __GFP_RECLAIMABLE, false },
};

static void parse_cases(void)
{
	char line[256];
	struct trace_rec a, b;
	const char *err;
	size_t i, len;
	bool fast;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		len = (size_t)snprintf(line, sizeof(line), "%s%s", PREFIX,
				       cases[i].payload);
		memset(&a, 0x5a, sizeof(a));
		memset(&b, 0x5a, sizeof(b));
		fast = trace_line_fast(line, line + len, &a);
		is(fast, cases[i].fast, "\"%s\": fast way %s", cases[i].payload,
		   cases[i].fast ? "takes it" : "leaves it");
		is(trace_line_general(line, line + len, 0, &b, &err), TL_EVENT,
		   "general way parses it");
		ok(b.migratetype == cases[i].migratetype &&
		   b.gfp == cases[i].gfp, "migratetype %u, gfp %#x (got %u, %#x)",
		   cases[i].migratetype, cases[i].gfp, b.migratetype, b.gfp);
		if (fast)
			ok(!memcmp(&a, &b, sizeof(a)), "both ways agree");
		else
			tap_skip("fast way not taken");
	}
	len = (size_t)snprintf(line, sizeof(line), "%s",
			       "   cat-1 [000] .....  50.000000: mm_page_free: page=00000000880d9ead pfn=0x1000 order=0");
	ok(trace_line_fast(line, line + len, &a) &&
	   a.migratetype == TRACE_MIGRATETYPE_NONE && a.gfp == 0,
	   "a free has neither");
}

static const char trace_text[] =
	"   cat-1 [000] .....  50.000000: mm_page_alloc: page=00000000880d9ead pfn=0x1000 order=0 migratetype=2 gfp_flags=GFP_NOFS|__GFP_RECLAIMABLE\n"
	"   cat-1 [000] .....  50.100000: mm_page_alloc: page=00000000880d9eae pfn=0x2000 order=0 migratetype=0 gfp_flags=GFP_KERNEL\n"
	"   cat-1 [000] .....  50.200000: mm_page_alloc: page=00000000880d9eaf pfn=0x3000 order=0 migratetype=1 gfp_flags=GFP_KERNEL|__GFP_ZERO\n"
	"   cat-1 [000] .....  50.300000: mm_page_alloc: page=00000000880d9eb0 pfn=0x4000 order=0 gfp_flags=GFP_HIGHUSER_MOVABLE\n";

/* The pageblock type of our page for trace pfn tpfn. */
static int replayed_migratetype(struct replay *r, u64 tpfn)
{
	u64 *e = pfntab_find(&r->guests[0].map, tpfn);

	if (!e || !*e)
		return -1;
	enter(r, 0, 0);
	return current_pgdat->node_zones[ZONE_NORMAL]
		.pageblock_migratetype[ent_pfn(*e) >> pageblock_order];
}

static void load_and_replay(void)
{
	struct mem_source src = { .p = trace_text,
				  .left = sizeof(trace_text) - 1 };
	struct trace_load_opts o = { .name = "gfp" };
	struct replay_config cfg = {
		.strategy = HINT_NONE,
		.guest_pages = 8192,
		.nr_guests = 1,
		.nr_cpus = 1,
		.host_mode = HV_MODE_INTERCEPT,
	};
	const struct ps_event *ev;
	struct replay *r;
	struct trace t;
	struct lines l;
	char err[256];
	size_t i;

	lines_init(&l, mem_source_read, &src);
	if (trace_load_lines(&t, &l, &o, err, sizeof(err)))
		tap_bail(err);
	lines_free(&l);
	is(t.events.count, 4, "four allocations");
	ev = evbuf_get(&t.events, 0);
	ok(ev->migratetype == MIGRATE_RECLAIMABLE &&
	   ev->gfp == __GFP_RECLAIMABLE, "event: reclaimable");
	ev = evbuf_get(&t.events, 2);
	ok(ev->migratetype == MIGRATE_MOVABLE && ev->gfp == __GFP_ZERO,
	   "event: migratetype as traced, gfp as traced");
	ev = evbuf_get(&t.events, 3);
	is(ev->migratetype, MIGRATE_MOVABLE,
	   "event without migratetype=: the gfp's");

	r = replay_create(&cfg, err, sizeof(err));
	if (!r)
		tap_bail(err);
	replay_start(r);
	for (i = 0; i < t.events.count; i++)
		replay_event(r, 0, evbuf_get(&t.events, i));
	/* boot memory is movable: the others claim a pageblock of their own */
	is(replayed_migratetype(r, 0x1000), MIGRATE_RECLAIMABLE,
	   "replay: a reclaimable allocation from reclaimable blocks");
	is(replayed_migratetype(r, 0x2000), MIGRATE_UNMOVABLE,
	   "replay: an unmovable one from unmovable blocks");
	is(replayed_migratetype(r, 0x3000), MIGRATE_MOVABLE,
	   "replay: migratetype=1 wins over gfp_flags=GFP_KERNEL");
	is(replayed_migratetype(r, 0x4000), MIGRATE_MOVABLE,
	   "replay: without migratetype=, the gfp's");
	replay_destroy(r);
	trace_free(&t);
}

int main(void)
{
	tap_plan(4 * 11 + 1 + 4 + 4);
	parse_cases();
	load_and_replay();
	return tap_finish();
}
