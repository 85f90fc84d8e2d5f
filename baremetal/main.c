// SPDX-License-Identifier: GPL-2.0
/*
 * The bare-metal guest: the page allocator with each hint strategy and
 * the s390 ESSA backend, checked by the debug checker, on one cpu with no
 * operating system underneath.
 *
 * Built twice (BM_EMULATE_ESSA 0 or 1):
 *   noessa  the emulator's answer to ESSA is final: the probe takes the
 *           operation exception, the guest runs without hints;
 *   essa    the program-check handler emulates ESSA against the host
 *           model: every hint is a real ESSA instruction, trapped.
 * The last console line is "PAGESTATES-RESULT: PASS|FAIL ...", and the
 * machine stops in a disabled wait whose address says the same (0xfff
 * pass, 0xbad fail), for the runners (baremetal/run-*.sh).
 */
#include <stdio.h>
#include <string.h>
#include <linux/mm.h>
#include <hv/essa-trap.h>
#include <asm/page-states.h>
#include "sim.h"

#include "baremetal.h"

#ifndef BM_EMULATE_ESSA
#error "build with -DBM_EMULATE_ESSA=0 or 1"
#endif

#define NR_PAGES	20480		/* 80 MiB guest: report needs 64 free */
#define NR_STEPS	6000
#define NR_SLOTS	256		/* blocks held at once */
#define CHECK_EVERY	3000
#define ROUND_STEPS	2000
#define STEP_NS		1000000ULL	/* virtual time per step: 1 ms */
#define SETTLE_NS	3000000000ULL	/* after the last round */

struct run {
	const char *strategy;
	bool hints_live;
	unsigned long hint_ops, boot_hint_ops, traps, host_essa, faults;
	int violations;
	bool free_ok;
};

static uint32_t rng_state = 12345;

static uint32_t rng(void)
{
	rng_state = rng_state * 1103515245u + 12345u;
	return rng_state >> 8;
}

struct slot {
	struct page *page;
	unsigned int order;
};

static void step(struct slot *slots, unsigned int i)
{
	struct slot *s = &slots[i % NR_SLOTS];

	if (s->page) {
		__free_pages(s->page, s->order);
		s->page = NULL;
		return;
	}
	s->order = (rng() & 3) ? 0 : 1 + rng() % 3;
	s->page = alloc_pages(GFP_KERNEL, s->order);
	if (s->page)
		sim_touch_page(s->page);
}

static void free_all(struct slot *slots)
{
	unsigned int i;

	for (i = 0; i < NR_SLOTS; i++) {
		if (slots[i].page)
			__free_pages(slots[i].page, slots[i].order);
		slots[i].page = NULL;
	}
	drain_all_pages(&current_pgdat->node_zones[ZONE_NORMAL]);
}

/*
 * Rounds of an alloc/free mix over the slots, everything freed at the
 * end of each (large free blocks form again: the report strategy's
 * trigger); the checker runs along the way and at the end.
 */
static int workload(void)
{
	static struct slot slots[NR_SLOTS];
	int violations = 0;
	unsigned int i;
	u64 now = 0;

	memset(slots, 0, sizeof(slots));
	for (i = 0; i < NR_STEPS; i++) {
		step(slots, rng());
		mm_tick(now += STEP_NS);
		if (i % CHECK_EVERY == CHECK_EVERY - 1)
			violations += check_guest_pages();
		if (i % ROUND_STEPS == ROUND_STEPS - 1)
			free_all(slots);
	}
	free_all(slots);
	mm_tick(now += SETTLE_NS);
	return violations + check_guest_pages();
}

static unsigned long traps(void)
{
	struct essa_trap_stats st;

	essa_trap_get_stats(&st);
	return st.emulated;
}

static bool run_strategy(enum hint_strategy strategy, struct run *r)
{
	struct sim_guest_config cfg = {
		.nr_pages = NR_PAGES, .nr_cpus = 1, .strategy = strategy,
		.backend = "s390",
	};
	unsigned long traps0 = traps(), faults0 = bm_operation_exceptions();
	struct page_states_stats ps;
	struct hv_stats hs;
	struct sim_guest *sg;
	unsigned long free0;

	memset(r, 0, sizeof(*r));
	r->strategy = hint_strategy_name(strategy);
	sg = sim_guest_create(&cfg);
	if (!sg) {
		printf("%s: cannot create the guest\n", r->strategy);
		return false;
	}
	r->hints_live = page_states_enabled();
	free0 = nr_free_pages();
	r->violations = workload();
	r->free_ok = nr_free_pages() == free0;
	page_states_get_stats(&ps);
	hv_guest_get_stats(sg->hv, &hs);
	r->hint_ops = ps.hint_ops;
	r->boot_hint_ops = ps.boot_hint_ops;
	r->traps = traps() - traps0;
	r->host_essa = hs.essa_ops;
	r->faults = bm_operation_exceptions() - faults0;
	sim_guest_destroy(sg);
	return true;
}

/* What each image must see; prints the reason when it does not. */
static bool run_ok(const struct run *r)
{
	bool hinting = strcmp(r->strategy, "none") != 0;
	const char *why = NULL;

	if (r->violations)
		why = "checker violations";
	else if (!r->free_ok)
		why = "free page count differs after freeing everything";
	else if (!BM_EMULATE_ESSA && r->hints_live)
		why = "probe did not see the operation exception";
	else if (!BM_EMULATE_ESSA && (r->hint_ops || r->boot_hint_ops ||
				      r->traps))
		why = "hints issued without ESSA";
	else if (!BM_EMULATE_ESSA && r->faults != 1)
		why = "not exactly one operation exception (the probe's)";
	else if (BM_EMULATE_ESSA && !r->hints_live)
		why = "probe failed with ESSA emulated";
	else if (BM_EMULATE_ESSA && hinting && (!r->hint_ops || !r->traps))
		why = "no hints or no trapped ESSA";
	else if (BM_EMULATE_ESSA && r->traps != r->host_essa)
		why = "trapped ESSA count differs from the host's";
	else if (BM_EMULATE_ESSA &&
		 r->traps != r->boot_hint_ops + r->hint_ops + 1)
		why = "trapped ESSA count is not one per hint plus the probe";
	if (why)
		printf("  %s: %s\n", r->strategy, why);
	return !why;
}

void bm_main(void);
void bm_main(void)
{
	unsigned long hints = 0, trapped = 0;
	int s, violations = 0, failed = 0;
	struct run r;

	sclp_console_init();
	bm_essa_emulation = BM_EMULATE_ESSA;
	printf("pagestates bare metal: ESSA %s, %d pages, %d steps\n",
	       BM_EMULATE_ESSA ? "emulated in the program-check handler" :
	       "not provided", NR_PAGES, NR_STEPS);
	printf("%-15s %5s %9s %9s %9s %9s %6s %6s %4s\n", "strategy",
	       "hints", "boot_ops", "hint_ops", "trapped", "host_essa",
	       "op_exc", "viol", "ok");
	for (s = 0; s < NR_HINT_STRATEGIES; s++) {
		bool ok = run_strategy(s, &r) && run_ok(&r);

		printf("%-15s %5s %9lu %9lu %9lu %9lu %6lu %6d %4s\n",
		       r.strategy, r.hints_live ? "on" : "off",
		       r.boot_hint_ops, r.hint_ops, r.traps, r.host_essa,
		       r.faults, r.violations, ok ? "yes" : "NO");
		failed += !ok;
		violations += r.violations;
		hints += r.hint_ops;
		trapped += r.traps;
	}
	printf("PAGESTATES-RESULT: %s mode=%s strategies=%d failed=%d "
	       "hint_ops=%lu trapped_essa=%lu violations=%d\n",
	       failed ? "FAIL" : "PASS", BM_EMULATE_ESSA ? "essa" : "noessa",
	       NR_HINT_STRATEGIES, failed, hints, trapped, violations);
	bm_halt(failed ? BM_HALT_FAIL : BM_HALT_PASS);
}
