// SPDX-License-Identifier: GPL-2.0
/*
 * The s390 backend with real ESSA instructions, trapped and emulated
 * (qemu-s390x or s390x Linux): every strategy runs a workload on a guest
 * with the s390 backend; each hinting strategy's hints arrive at the host
 * as trapped ESSA instructions, one per page, and the checker finds no
 * violation. Result bytes round-trip through R1. Skips elsewhere.
 */
#include <string.h>
#include <linux/mm.h>
#include <hv/hv.h>
#include <hv/essa-trap.h>
#include "sim.h"
#include "tap.h"

#define NR_PAGES	20480	/* report needs 64 MiB free */
#define NR_STEPS	3000
#define NR_SLOTS	128
#define TESTS_PER_STRATEGY	5
#define NR_ROUNDTRIP	4

#ifdef __s390x__
#include <asm/page-states.h>

static unsigned long trapped(void)
{
	struct essa_trap_stats st;

	essa_trap_get_stats(&st);
	return st.emulated;
}

/* Alloc/free mix, then everything freed (report's trigger) and 3 s on. */
static int workload(unsigned int seed)
{
	struct { struct page *page; unsigned int order; } slot[NR_SLOTS];
	unsigned int i, s;
	u64 now = 0;

	memset(slot, 0, sizeof(slot));
	for (i = 0; i < NR_STEPS; i++) {
		seed = seed * 1103515245u + 12345u;
		s = (seed >> 8) % NR_SLOTS;
		if (slot[s].page) {
			__free_pages(slot[s].page, slot[s].order);
			slot[s].page = NULL;
		} else {
			slot[s].order = (seed >> 20) & 1 ? 0 : (seed >> 21) % 3;
			slot[s].page = alloc_pages(GFP_KERNEL, slot[s].order);
		}
		mm_tick(now += 1000000);
	}
	for (s = 0; s < NR_SLOTS; s++)
		if (slot[s].page)
			__free_pages(slot[s].page, slot[s].order);
	drain_all_pages(&current_pgdat->node_zones[ZONE_NORMAL]);
	mm_tick(now + 3000000000ULL);
	return check_guest_pages();
}

static void test_strategy(enum hint_strategy strategy)
{
	const char *name = hint_strategy_name(strategy);
	struct sim_guest_config cfg = {
		.nr_pages = NR_PAGES, .nr_cpus = 1, .strategy = strategy,
		.backend = "s390",
	};
	struct page_states_stats ps;
	unsigned long t0, traps, essa0;
	struct sim_guest *sg;
	struct hv_stats hs;
	int violations;

	sg = sim_guest_create(&cfg);
	if (!ok(sg && sg->backend && sg->backend->set_states == essa_set_states,
		"%s: guest with the s390 backend, probe ok", name)) {
		sim_guest_destroy(sg);
		tap_skip("no guest");
		tap_skip("no guest");
		tap_skip("no guest");
		tap_skip("no guest");
		return;
	}
	page_states_reset_stats();
	hv_guest_get_stats(sg->hv, &hs);
	essa0 = hs.essa_ops;
	t0 = trapped();
	violations = workload(strategy + 1);
	page_states_get_stats(&ps);
	hv_guest_get_stats(sg->hv, &hs);
	traps = trapped() - t0;
	tap_diag("%s: hint_ops %lu hint_calls %lu trapped %lu host essa %lu",
		 name, ps.hint_ops, ps.hint_calls, traps, hs.essa_ops - essa0);
	if (strategy == HINT_NONE)
		is(ps.hint_ops, 0, "none: no hints");
	else
		ok(ps.hint_ops > 0 && traps == ps.hint_ops,
		   "%s: each of %lu page-state changes a trapped ESSA (%lu)",
		   name, ps.hint_ops, traps);
	is(hs.essa_ops - essa0, traps,
	   "%s: every trapped ESSA reached the host", name);
	ok(essa_trap_installed(), "%s: the trap stays installed", name);
	is(violations, 0, "%s: checker: 0 violations", name);
	sim_guest_destroy(sg);
}

/* Result bytes: the state before, as the host holds it. */
static void test_roundtrip(void)
{
	static const u8 ops[] = {
		PAGE_STATE_UNUSED, PAGE_STATE_STABLE, PAGE_STATE_VOLATILE,
		PAGE_STATE_POT_VOLATILE, PAGE_STATE_STABLE_IF_RESIDENT,
		PAGE_STATE_UNUSED, PAGE_STATE_EXTRACT,
	};
	struct sim_guest_config cfg = {
		.nr_pages = 64, .nr_cpus = 1, .strategy = HINT_NONE,
		.backend = "s390",
	};
	struct sim_guest *sg = sim_guest_create(&cfg);
	unsigned int i, bad_result = 0, bad_peek = 0, n = 0;
	struct page_state_req req;

	if (!ok(sg != NULL, "round trip: guest")) {
		for (i = 1; i < NR_ROUNDTRIP; i++)
			tap_skip("no guest");
		return;
	}
	hv_access(sg->hv, 7, 0, NULL, 0, true);	/* resident */
	for (i = 0; i < 2 * ARRAY_SIZE(ops); i++) {
		unsigned long pfn = 5 + i % 3;
		unsigned int before = hv_peek_state(sg->hv, pfn);

		req = (struct page_state_req){ .pfn = pfn,
					       .op = ops[i % ARRAY_SIZE(ops)] };
		essa_backend.set_states(&req, 1);
		bad_result += req.result != before;
		req.op = PAGE_STATE_EXTRACT;
		essa_backend.set_states(&req, 1);
		bad_peek += req.result != hv_peek_state(sg->hv, pfn);
		n++;
	}
	is(bad_result, 0, "%u ESSA results = the host's state before", n);
	is(bad_peek, 0, "%u ESSA extracts = the host's state after", n);
	req = (struct page_state_req){ .pfn = 8, .order = 3,
				       .op = PAGE_STATE_UNUSED };
	is(essa_backend.set_states(&req, 1), 8,
	   "an order-3 request is 8 page-state changes");
	for (i = 8, n = 0; i < 16; i++)
		n += (hv_peek_state(sg->hv, i) & ESSA_RES_USAGE_MASK) ==
		     ESSA_RES_USAGE_UNUSED;
	is(n, 8, "all 8 pages unused at the host");
	sim_guest_destroy(sg);
}

int main(void)
{
	int s;

	tap_plan(NR_HINT_STRATEGIES * TESTS_PER_STRATEGY + NR_ROUNDTRIP + 1);
	for (s = 0; s < NR_HINT_STRATEGIES; s++)
		test_strategy(s);
	test_roundtrip();
	return tap_finish();
}

#else /* !__s390x__ */

int main(void)
{
	int i;

	tap_plan(NR_HINT_STRATEGIES * TESTS_PER_STRATEGY + NR_ROUNDTRIP + 1);
	for (i = 0; i < NR_HINT_STRATEGIES * TESTS_PER_STRATEGY +
			NR_ROUNDTRIP + 1; i++)
		tap_skip("trapped ESSA: s390x only");
	return tap_finish();
}

#endif
