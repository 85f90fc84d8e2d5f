// SPDX-License-Identifier: GPL-2.0
/*
 * A loaded trace replayed under one strategy and host setting, picked by
 * the first byte: strategy (all of them), host mode (intercept,
 * interpret), host memory (unlimited, 50%, 10% of the guest), and guest
 * cpus; the rest is trace text. The guest is small (the tool sizes it
 * from the trace; here 4096 pages at most, so that allocations fail and
 * the host reclaims), the checker runs every 64 events. Any violation
 * aborts: it is a bug in the guest, the strategy or the host model.
 */
#include <string.h>
#include "fuzz.h"
#include <linux/mm.h>
#include "../../tools/pagestates/replay.h"

#define FUZZ_GUEST_MIN	1024UL
#define FUZZ_GUEST_MAX	4096UL

static unsigned long guest_pages(const struct trace_info *info)
{
	unsigned long n = info->peak_live_pages + info->peak_live_pages / 4;

	n = (n + 1023) & ~1023UL;
	if (n < FUZZ_GUEST_MIN)
		return FUZZ_GUEST_MIN;
	return n > FUZZ_GUEST_MAX ? FUZZ_GUEST_MAX : n;
}

static void replay_one(const struct trace *t, uint8_t how)
{
	static const unsigned int host_pct[] = { 0, 50, 10 };
	struct replay_config cfg = {
		.strategy = how % NR_HINT_STRATEGIES,
		.nr_guests = 1,
		.host_mode = (how / NR_HINT_STRATEGIES) & 1 ?
			     HV_MODE_INTERPRET : HV_MODE_INTERCEPT,
		.check_every = 64,
		.files = t->files,
		.nr_files = t->info.nr_files,
	};
	unsigned int pct = host_pct[(how / (2 * NR_HINT_STRATEGIES)) % 3];
	struct ps_metrics m;
	struct replay *r;
	char err[256];
	size_t i;

	cfg.guest_pages = guest_pages(&t->info);
	cfg.host_pages = cfg.guest_pages * pct / 100;
	cfg.nr_cpus = t->info.nr_cpus < 8 ? (int)t->info.nr_cpus : 8;
	cfg.sample_ns = t->info.duration_ns / 16 + 1;
	r = replay_create(&cfg, err, sizeof(err));
	if (!r)
		fuzz_fail("replay_create: %s", err);
	replay_preallocate(r, 0, t->pre, t->nr_pre);
	replay_start(r);
	for (i = 0; i < t->events.count; i++)
		replay_event(r, 0, evbuf_get(&t->events, i));
	replay_finish(r, t->info.duration_ns, &m);
	replay_destroy(r);
	if (m.violations)
		fuzz_fail("%llu violations under %s, %s host, host memory %u%%",
			  (unsigned long long)m.violations,
			  hint_strategy_name(cfg.strategy),
			  cfg.host_mode == HV_MODE_INTERPRET ? "interpret" :
			  "intercept", pct);
	ps_metrics_free(&m);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct trace_load_opts opts = { .name = "fuzz" };
	struct fuzz_in in = { data, size };
	uint8_t how = fuzz_u8(&in);
	struct lines lines;
	struct trace t;
	char err[256];

	/* a replay costs per event: keep inputs to what finds bugs fast */
	if (in.left > 64 << 10)
		return 0;
	lines_init_buffer(&lines, (const char *)in.p, in.left);
	if (trace_load_lines(&t, &lines, &opts, err, sizeof(err)) == 0)
		replay_one(&t, how);
	trace_free(&t);
	lines_free(&lines);
	return 0;
}
