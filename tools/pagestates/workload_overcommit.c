// SPDX-License-Identifier: GPL-2.0
/*
 * overcommit: several guests on a host with less memory than their sum.
 * Each guest runs bursts: a process builds up anonymous memory to 70% of
 * the guest (with some churn), exits (frees it all) and the guest idles;
 * the guests' bursts are staggered, so the memory one frees is what the
 * next one needs - if the host learns that it is free.
 */
#include <stdlib.h>
#include "workload_gen.h"

#define TICK_NS		(20 * WL_US)
#define PERIOD_NS	(2000 * WL_MS)
#define ACTIVE_NS	(1200 * WL_MS)
#define PEAK_PERCENT	70
#define MAX_KEPT	(1 << 20)

struct burst {
	u64 *ids;
	size_t nr;
	bool active;
};

static void guest_tick(struct wl_gen *g, struct burst *b, unsigned int gi,
		       unsigned long peak)
{
	u64 phase = (g->now_ns + gi * PERIOD_NS / g->p->nr_guests) %
		    PERIOD_NS;
	int cpu = (int)wl_below(g, (u64)g->p->nr_cpus);
	size_t i;
	u64 id;

	if (phase < ACTIVE_NS) {
		b->active = true;
		if (g->live[gi] >= peak || b->nr >= MAX_KEPT)
			return;
		id = wl_alloc(g, gi, cpu, 0);
		if (wl_below(g, 4))
			b->ids[b->nr++] = id;
		else
			wl_free_at(g, gi, cpu, id, 0,
				   g->now_ns + wl_exp_ns(g, 20.0 * WL_MS));
		return;
	}
	if (b->active) {		/* the process exits */
		for (i = 0; i < b->nr; i++)
			wl_free(g, gi, cpu, b->ids[i], 0);
		b->nr = 0;
		b->active = false;
	}
}

static void overcommit_generate(const struct workload_params *p,
				const struct workload_out *out)
{
	unsigned long peak = p->guest_pages * PEAK_PERCENT / 100;
	struct burst *b = calloc(p->nr_guests, sizeof(*b));
	struct wl_gen g;
	unsigned int i;

	if (!b || wl_init(&g, p, out))
		goto out;
	for (i = 0; i < p->nr_guests; i++) {
		b[i].ids = calloc(peak + 1, sizeof(u64));
		if (!b[i].ids)
			goto fini;
	}
	while (!wl_done(&g)) {
		wl_advance(&g, g.now_ns + TICK_NS);
		for (i = 0; i < p->nr_guests; i++)
			guest_tick(&g, &b[i], i, peak);
	}
fini:
	wl_fini(&g);
out:
	for (i = 0; b && i < p->nr_guests; i++)
		free(b[i].ids);
	free(b);
}

const struct workload workload_overcommit = {
	.name = "overcommit",
	.description = "staggered bursts on several guests, host memory below their sum",
	.guest_pages = 32768,		/* 128 MiB each */
	.nr_guests = 4,
	.nr_cpus = 2,
	.duration_s = 8,
	.host_percent = 50,
	.generate = overcommit_generate,
};
