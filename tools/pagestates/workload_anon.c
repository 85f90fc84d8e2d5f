// SPDX-License-Identifier: GPL-2.0
/*
 * anon-churn: anonymous memory that comes and goes. Most blocks live a
 * few milliseconds (temporary buffers), some a fraction of a second, a few
 * seconds; now and then a slab-like order 1-3 block or a 2 MiB huge page.
 * Live memory is held under 70% of the guest.
 */
#include "workload_gen.h"

#define GAP_NS		(40 * WL_US)	/* mean time between allocations */
#define LIVE_PERCENT	70

static unsigned int pick_order(struct wl_gen *g)
{
	u64 r = wl_below(g, 1000);

	if (r < 880)
		return 0;
	if (r < 990)
		return 1 + (unsigned int)wl_below(g, 3);
	return 9;
}

static u64 pick_lifetime(struct wl_gen *g)
{
	u64 r = wl_below(g, 100);

	if (r < 60)
		return wl_exp_ns(g, 2.0 * WL_MS);
	if (r < 90)
		return wl_exp_ns(g, 200.0 * WL_MS);
	return wl_exp_ns(g, 5000.0 * WL_MS);
}

static void anon_generate(const struct workload_params *p,
			  const struct workload_out *out)
{
	unsigned long limit = p->guest_pages * LIVE_PERCENT / 100;
	struct wl_gen g;

	if (wl_init(&g, p, out))
		return;
	while (!wl_done(&g)) {
		int cpu = (int)wl_below(&g, (u64)p->nr_cpus);
		unsigned int order = pick_order(&g);
		u64 id;

		wl_advance(&g, g.now_ns + wl_exp_ns(&g, GAP_NS));
		if (g.live[0] + (1UL << order) > limit)
			continue;
		id = wl_alloc(&g, 0, cpu, order);
		wl_free_at(&g, 0, cpu, id, order, g.now_ns + pick_lifetime(&g));
	}
	wl_fini(&g);
}

const struct workload workload_anon_churn = {
	.name = "anon-churn",
	.description = "anonymous memory churn: short-lived buffers, some long-lived, a few huge pages",
	.guest_pages = 65536,		/* 256 MiB */
	.nr_guests = 1,
	.nr_cpus = 2,
	.duration_s = 10,
	.generate = anon_generate,
};
