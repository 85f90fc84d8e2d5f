// SPDX-License-Identifier: GPL-2.0
/*
 * The native transports behind struct page_states_backend: essa-direct
 * (one ESSA per page) and pv (one call per batch), and the guest memory
 * accessors, all acting on the guest of this thread's vcpu.
 */
#include <errno.h>
#include <asm-generic/page-states-backends.h>
#include <asm-generic/guest-memory.h>
#include "hv_test.h"

static void batch(struct page_state_req *req, unsigned long base)
{
	req[0] = (struct page_state_req){ .pfn = base, .order = 3,
					  .op = PAGE_STATE_UNUSED };
	req[1] = (struct page_state_req){ .pfn = base + 8, .order = 0,
					  .op = PAGE_STATE_VOLATILE };
	req[2] = (struct page_state_req){ .pfn = base + 9, .order = 0,
					  .op = PAGE_STATE_STABLE };
}

static void test_backend(const struct page_states_backend *be,
			 unsigned long want_exits)
{
	struct hv_host *host = hvt_host(HV_MODE_INTERCEPT, false, 0);
	struct hv_guest *g = hvt_guest(host, 64);
	struct page_state_req req[3];
	struct hv_stats st, st0;

	hv_vcpu_enter(NULL);
	is(be->probe(), -ENODEV, "%s: probe without a guest fails", be->name);
	hv_vcpu_enter(g);
	is(be->probe(), 0, "%s: probe succeeds", be->name);
	is(guest_mem_touch(8, true), 0, "touch page 8");
	hv_guest_get_stats(g, &st0);
	batch(req, 0);
	is(be->set_states(req, 3), 10, "%s: 10 page-state changes", be->name);
	hv_guest_get_stats(g, &st);
	is(st.exits - st0.exits, want_exits, "%s: exits", be->name);
	is(req[0].result, 0x03, "%s: result of block (Sz)", be->name);
	is(req[1].result, 0x00, "%s: result of page 8 (Sr)", be->name);
	is(be->peek(7), 0x07, "%s: peek page 7 Uz", be->name);
	is(be->peek(8), 0x0c, "%s: peek page 8 Vr", be->name);
	hv_guest_get_stats(g, &st0);
	is(st0.exits, st.exits, "%s: peek has no side effects", be->name);
	hv_vcpu_enter(NULL);
	hv_host_destroy(host);
}

static void test_no_essa(void)
{
	struct hv_host_config cfg = { .essa_available = false };
	struct hv_host *host = hv_host_create(&cfg);
	struct hv_guest *g = hvt_guest(host, 8);

	hv_vcpu_enter(g);
	is(essa_direct_backend.probe(), -EOPNOTSUPP,
	   "essa-direct: probe fails without ESSA");
	is(pv_backend.probe(), 0, "pv: needs no ESSA");
	hv_vcpu_enter(NULL);
	hv_host_destroy(host);
}

static void test_guest_memory(void)
{
	struct hv_host *host = hvt_host_on(HV_MODE_INTERCEPT, HV_HOST_ZVM,
					   true, 0);
	struct hv_guest *g = hvt_guest(host, 8);
	char out[8] = "content", in[8] = "";
	uint64_t r1 = 0;

	hv_vcpu_enter(g);
	is(guest_mem_write(3, 16, out, sizeof(out)), 0, "write");
	is(guest_mem_read(3, 16, in, sizeof(in)), 0, "read");
	ok(!memcmp(in, out, sizeof(in)), "read what was written");
	hv_essa(g, 3 << 12, ESSA_SET_VOLATILE, &r1);
	hv_try_drop(g, 3);
	is(guest_mem_read(3, 16, in, sizeof(in)), PGM_DISCARD,
	   "discarded page: PGM_DISCARD");
	is(guest_mem_touch(8, false), PGM_ADDRESSING, "outside: addressing");
	hv_vcpu_enter(NULL);
	hv_host_destroy(host);
}

int main(void)
{
	tap_plan(10 * 2 + 2 + 5);
	test_backend(&essa_direct_backend, 10);
	test_backend(&pv_backend, 1);
	test_no_essa();
	test_guest_memory();
	return tap_finish();
}
