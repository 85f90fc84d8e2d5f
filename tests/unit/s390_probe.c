// SPDX-License-Identifier: GPL-2.0
/*
 * The s390 ESSA probe (arch/s390/mm/essa.c, called by cmma_init): one
 * ESSA at boot; if it faults, the guest runs without hints. The fault is
 * caught by the probe's exception table entry, which the guest's
 * program-check handler (tools/lib/extable.c, a SIGILL handler here)
 * looks up. Under qemu-s390x without the trap the real instruction
 * raises SIGILL; with the trap, the host model answers, or without ESSA
 * or without a vcpu hands the operation exception on to the guest's
 * handler. Skips on other architectures.
 */
#include <errno.h>
#include <signal.h>
#include <linux/mm.h>
#include <linux/smp.h>
#include <hv/hv.h>
#include <hv/essa-trap.h>
#include "extable.h"
#include "tap.h"

#define NR_TESTS	17

#ifdef __s390x__
#include <asm/page-states.h>

/* The SIGILL handler now, as a code address (either form). */
static void *sigill_handler(void)
{
	struct sigaction sa;

	if (sigaction(SIGILL, NULL, &sa))
		return NULL;
	return sa.sa_flags & SA_SIGINFO ? (void *)sa.sa_sigaction :
					  (void *)sa.sa_handler;
}

static struct hv_host *host_create(bool essa_available)
{
	struct hv_host_config cfg = {
		.mode = HV_MODE_INTERCEPT,
		.essa_available = essa_available,
	};

	return hv_host_create(&cfg);
}

/* Boot as sim_guest_create does, with the s390 backend and no trap. */
static void test_boot_without_emulation(void)
{
	struct hv_host *host = host_create(true);
	struct hv_guest *hv = hv_guest_create(host, 2048);
	struct pglist_data *pgdat = pgdat_create(2048, 1, HINT_CMMA,
						 PAGEBLOCK_ORDER_S390);
	struct page *pages[64];
	struct page_states_stats ps;
	struct hv_stats hs;
	unsigned long free0;
	int i, got = 0;

	current_pgdat = pgdat;
	hv_vcpu_enter(hv);
	shim_set_cpu(0);
	ok(page_states_init(&essa_backend) < 0,
	   "cmma guest: probe fails, no hints");
	ok(!page_states_enabled(), "hints are off");
	mem_init();
	page_states_boot_done();
	free0 = nr_free_pages();
	for (i = 0; i < 64; i++) {
		pages[i] = alloc_pages(GFP_KERNEL, i % 3);
		got += pages[i] != NULL;
	}
	for (i = 0; i < 64; i++)
		if (pages[i])
			__free_pages(pages[i], i % 3);
	drain_all_pages(&pgdat->node_zones[ZONE_NORMAL]);
	is(got, 64, "the allocator works without hints");
	is(nr_free_pages(), free0, "every page back on the free lists");
	page_states_get_stats(&ps);
	hv_guest_get_stats(hv, &hs);
	is(ps.hint_ops + ps.boot_hint_ops, 0, "0 hints issued");
	is(hs.essa_ops, 0, "the host saw no ESSA");
	is(check_guest_pages(), 0, "checker: 0 violations");
	pgdat_destroy(pgdat);
	hv_vcpu_enter(NULL);
	hv_host_destroy(host);
}

static void test_probe_with_trap(void *guest_handler)
{
	struct hv_host *yes = host_create(true), *no = host_create(false);
	struct hv_guest *g_yes = hv_guest_create(yes, 16);
	struct hv_guest *g_no = hv_guest_create(no, 16);
	struct essa_trap_stats st0, st1;

	is(essa_trap_install(), 0, "trap installed");
	essa_trap_get_stats(&st0);
	hv_vcpu_enter(NULL);
	ok(essa_backend.probe() < 0, "trap, no vcpu: probe fails");
	hv_vcpu_enter(g_no);
	ok(essa_backend.probe() < 0, "trap, host without ESSA: probe fails");
	hv_vcpu_enter(g_yes);
	is(essa_backend.probe(), 0, "trap, host with ESSA: probe succeeds");
	essa_trap_get_stats(&st1);
	ok(st1.emulated - st0.emulated == 1 && st1.injected - st0.injected == 2,
	   "1 ESSA emulated, 2 suppressed");
	hv_vcpu_enter(NULL);
	essa_trap_remove();
	ok(sigill_handler() == guest_handler,
	   "trap removed: the guest's handler is back");
	hv_guest_destroy(g_yes);
	hv_guest_destroy(g_no);
	hv_host_destroy(yes);
	hv_host_destroy(no);
}

int main(void)
{
	struct essa_trap_stats st0, st1;
	void *guest_handler;

	tap_plan(NR_TESTS);
	guest_handler = sigill_handler();
	ok(extable_handler_installed() && guest_handler &&
	   guest_handler != (void *)SIG_DFL && !essa_trap_installed(),
	   "start: the guest's program-check handler, no trap");
	essa_trap_get_stats(&st0);
	is(essa_backend.probe(), -EOPNOTSUPP,
	   "probe without emulation: the ESSA fault is seen");
	ok(sigill_handler() == guest_handler,
	   "the probe leaves SIGILL to the guest's handler");
	test_boot_without_emulation();
	essa_trap_get_stats(&st1);
	is(st1.emulated + st1.injected - st0.emulated - st0.injected, 0,
	   "nothing reached the (absent) trap");
	test_probe_with_trap(guest_handler);
	return tap_finish();
}

#else /* !__s390x__ */

int main(void)
{
	int i;

	tap_plan(NR_TESTS);
	is(essa_trap_install(), -ENOSYS,
	   "no s390x: the SIGILL trap cannot be installed");
	ok(!essa_trap_installed(), "and is not");
	for (i = 2; i < NR_TESTS; i++)
		tap_skip("ESSA probe: s390x only");
	return tap_finish();
}

#endif
