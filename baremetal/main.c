// SPDX-License-Identifier: GPL-2.0
/*
 * The bare-metal guest: the page allocator with each hint strategy and
 * the s390 ESSA backend, checked by the debug checker, on one cpu with no
 * operating system underneath.
 *
 * Built three times (BM_EMULATE_ESSA 0 or 1, BM_MACHINE_ESSA 0 or 1):
 *   noessa  the emulator's answer to ESSA is final: the probe takes the
 *           operation exception, the guest runs without hints;
 *   essa    the program-check handler emulates ESSA against the host
 *           model: every hint is a real ESSA instruction, trapped;
 *   cmma    the machine executes ESSA (QEMU with qemu/patches): no
 *           program check at all, the checker reads the host states with
 *           ESSA extract, and the image counts every ESSA it issues for
 *           the runner to compare with the machine's count. Linked at
 *           128 MiB with the prefix area moved there, so that the
 *           simulated guest's frames, absolute 0-80 MiB, are memory the
 *           image does not use: the host really drops them.
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
#ifndef BM_MACHINE_ESSA
#define BM_MACHINE_ESSA 0
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
	unsigned long peeks;
	int violations;
	bool free_ok;
};

/*
 * cmma: the checker's peek is an ESSA extract on the machine. Counted,
 * like every ESSA the image issues.
 */
static unsigned long machine_peeks;

static unsigned int machine_peek(unsigned long pfn)
{
	unsigned long r1 = 0xc0, addr = pfn << PAGE_SHIFT;

	machine_peeks++;
	asm volatile(".insn rrf,0xb9ab0000,%[r1],%[a],0,0"
		     : [r1] "+d" (r1) : [a] "a" (addr) : "memory");
	return (unsigned int)(r1 & 0xff);
}

static struct page_states_backend machine_backend;

/*
 * Each strategy runs on a new guest, and the host model starts afresh;
 * the machine keeps its states: set every frame stable first (counted).
 */
static unsigned long machine_resets;

static void machine_fresh_guest(void)
{
	unsigned long pfn, r1, addr;

	for (pfn = 0; pfn < NR_PAGES; pfn++) {
		addr = pfn << PAGE_SHIFT;
		asm volatile(".insn rrf,0xb9ab0000,%[r1],%[a],1,0"
			     : [r1] "=d" (r1) : [a] "a" (addr) : "memory");
		machine_resets++;
	}
}

static void use_machine_peek(struct sim_guest *sg)
{
	if (!BM_MACHINE_ESSA || !sg->pgdat->page_states.backend)
		return;
	machine_backend = *sg->pgdat->page_states.backend;
	machine_backend.peek = machine_peek;
	machine_backend.peek_range = NULL;
	sg->pgdat->page_states.backend = &machine_backend;
	sg->backend = &machine_backend;
}

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
	unsigned long peeks0 = machine_peeks;
	struct page_states_stats ps;
	struct hv_stats hs;
	struct sim_guest *sg;
	unsigned long free0;

	memset(r, 0, sizeof(*r));
	r->strategy = hint_strategy_name(strategy);
	if (BM_MACHINE_ESSA)
		machine_fresh_guest();
	sg = sim_guest_create(&cfg);
	if (!sg) {
		printf("%s: cannot create the guest\n", r->strategy);
		return false;
	}
	r->hints_live = page_states_enabled();
	use_machine_peek(sg);
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
	r->peeks = machine_peeks - peeks0;
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
	else if (BM_MACHINE_ESSA && !r->hints_live)
		why = "probe failed: the machine has no ESSA";
	else if (BM_MACHINE_ESSA && (r->faults || r->traps))
		why = "a program check: ESSA was not executed by the machine";
	else if (BM_MACHINE_ESSA && hinting && !r->hint_ops)
		why = "no hints";
	else if (BM_MACHINE_ESSA && !r->peeks)
		why = "the checker did not read the machine's states";
	else if (BM_MACHINE_ESSA)
		;
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
	static char prefix_area[8192] __aligned(8192);
	unsigned long hints = 0, trapped = 0, issued = 0;
	int s, violations = 0, failed = 0;
	struct run r;

	if (BM_MACHINE_ESSA) {
		/* the heap up to 320 MiB: the runner gives 384 */
		bm_heap_end = 320UL << 20;
		bm_set_prefix(prefix_area);
	}
	sclp_console_init();
	bm_essa_emulation = BM_EMULATE_ESSA;
	printf("pagestates bare metal: ESSA %s, %d pages, %d steps\n",
	       BM_MACHINE_ESSA ? "executed by the machine" :
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
		/* every hint, the probe and the checker's peeks */
		if (r.hints_live)
			issued += r.boot_hint_ops + r.hint_ops + 1 + r.peeks;
	}
	printf("PAGESTATES-RESULT: %s mode=%s strategies=%d failed=%d "
	       "hint_ops=%lu trapped_essa=%lu violations=%d",
	       failed ? "FAIL" : "PASS", BM_MACHINE_ESSA ? "cmma" :
	       BM_EMULATE_ESSA ? "essa" : "noessa",
	       NR_HINT_STRATEGIES, failed, hints, trapped, violations);
	if (BM_MACHINE_ESSA)
		printf(" essa_issued=%lu", issued + machine_resets);
	printf("\n");
	bm_halt(failed ? BM_HALT_FAIL : BM_HALT_PASS);
}
