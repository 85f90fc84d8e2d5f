// SPDX-License-Identifier: GPL-2.0
/*
 * Host modes: interpret mode logs pages set unused in the 511-entry
 * block-release list and exits once when it is full; a zvm host drops the
 * listed pages in one batch, a kvm host frees only entries already
 * swapped out or zero and leaves resident unused pages to reclaim.
 * Intercept mode exits on every ESSA and leaves resident unused pages to
 * reclaim.
 */
#include "hv_test.h"

static void test_interpret_batch(void)
{
	struct hv_host *host = hvt_host_on(HV_MODE_INTERPRET, HV_HOST_ZVM,
					   false, 0);
	struct hv_guest *g = hvt_guest(host, 1024);
	struct hv_stats st;

	hvt_touch_range(g, 0, 600);
	hvt_essa_range(g, 0, 510, ESSA_SET_UNUSED);
	hv_guest_get_stats(g, &st);
	is(st.exits, 0, "510 unused sets: no exit");
	is(st.host_discards_unused, 0, "510 unused sets: nothing dropped");
	is(st.host_resident_pages, 600, "all 600 pages still resident");
	is(st.pages_unused, 510, "510 pages unused");
	is(hv_peek_state(g, 0), 0x04, "page 0 is Ur");

	hvt_essa(g, 510, ESSA_SET_UNUSED);
	hv_guest_get_stats(g, &st);
	is(st.exits, 1, "511th unused set: one exit");
	is(st.cbrl_flushes, 1, "one flush");
	is(st.host_discards_unused, 511, "511 pages dropped in one batch");
	is(st.host_resident_pages, 600 - 511, "resident fell by 511");
	is(hv_peek_state(g, 0), 0x07, "page 0 is Uz");
	is(hv_peek_state(g, 510), 0x07, "page 510 is Uz");
	is(st.essa_ops, 511, "511 ESSA ops");
	hv_host_destroy(host);
}

static void test_interpret_reused_before_flush(void)
{
	struct hv_host *host = hvt_host_on(HV_MODE_INTERPRET, HV_HOST_ZVM,
					   false, 0);
	struct hv_guest *g = hvt_guest(host, 1024);
	struct hv_stats st;

	hvt_touch_range(g, 0, 511);
	hvt_essa(g, 0, ESSA_SET_UNUSED);
	hvt_essa(g, 0, ESSA_SET_STABLE);	/* reallocated before the flush */
	hvt_essa(g, 1, ESSA_SET_UNUSED);
	hvt_essa(g, 1, ESSA_SET_VOLATILE);
	hvt_essa_range(g, 2, 509, ESSA_SET_UNUSED);
	hv_guest_get_stats(g, &st);
	is(st.exits, 1, "flush after 511 logged entries");
	is(st.host_discards_unused, 509, "pages no longer unused are kept");
	is(hv_peek_state(g, 0), 0x00, "reused page stays Sr");
	is(hv_peek_state(g, 1), 0x0c, "page set volatile stays Vr");

	/* a page that is already z takes a slot but drops nothing */
	hvt_essa_range(g, 511, 511, ESSA_SET_UNUSED);
	hv_guest_get_stats(g, &st);
	is(st.exits, 2, "second flush");
	is(st.host_discards_unused, 509, "z pages: nothing more dropped");
	hv_host_destroy(host);
}

/* KVM 6.1 __gmap_zap: only swapped-out or zero entries are freed. */
static void test_interpret_kvm(void)
{
	struct hv_host *host = hvt_host(HV_MODE_INTERPRET, false, 0);
	struct hv_guest *g = hvt_guest(host, 1024);
	struct hv_stats st;

	hvt_touch_range(g, 0, 600);
	hv_evict(g, 0);		/* Sp: set unused drops its swap copy */
	hvt_essa_range(g, 0, 511, ESSA_SET_UNUSED);
	hv_guest_get_stats(g, &st);
	is(st.exits, 1, "kvm: 511th unused set: one exit");
	is(st.host_discards_unused, 1, "kvm: only the swapped-out entry freed");
	is(st.host_resident_pages, 599, "kvm: resident unused pages kept");
	is(hv_peek_state(g, 1), 0x04, "kvm: page 1 still Ur");
	is(hv_peek_state(g, 0), 0x07, "kvm: page 0 Uz");
	hv_host_reclaim(host, 0);
	hv_guest_get_stats(g, &st);
	is(st.host_discards_unused, 511,
	   "kvm: host reclaim drops them later, without I/O");
	hv_host_destroy(host);
}

static void test_intercept(void)
{
	struct hv_host *host = hvt_host(HV_MODE_INTERCEPT, false, 0);
	struct hv_guest *g = hvt_guest(host, 1024);
	struct hv_stats st;

	hvt_touch_range(g, 0, 600);
	hvt_essa_range(g, 0, 600, ESSA_SET_UNUSED);
	hv_guest_get_stats(g, &st);
	is(st.exits, 600, "intercept: 600 ESSA, 600 exits");
	is(st.cbrl_flushes, 0, "intercept: no block-release list");
	is(st.host_discards_unused, 0, "resident unused pages left to reclaim");
	is(st.host_resident_pages, 600, "still resident");
	hv_host_reclaim(host, 0);
	hv_guest_get_stats(g, &st);
	is(st.host_discards_unused, 600, "reclaim drops them without I/O");
	is(st.host_swap_out_pages, 0, "no page out");
	hv_host_destroy(host);
}

int main(void)
{
	tap_plan(12 + 6 + 6 + 6);
	test_interpret_batch();
	test_interpret_reused_before_flush();
	test_interpret_kvm();
	test_intercept();
	return tap_finish();
}
