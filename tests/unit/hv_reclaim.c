// SPDX-License-Identifier: GPL-2.0
/*
 * Reclaim under the host limit: unused pages first, then volatile and
 * clean potentially volatile ones, then the oldest resident pages are
 * paged out (a dirty P page becomes Sp). Zero fill and discard faults on
 * the next touch.
 */
#include "hv_test.h"

static void touch(struct hv_guest *g, uint64_t pfn, bool write)
{
	if (hv_access(g, pfn, 0, NULL, 0, write))
		tap_bail("hv_access failed");
}

static void test_order(void)
{
	struct hv_host *host = hvt_host(HV_MODE_INTERCEPT, false, 10);
	struct hv_guest *g = hvt_guest(host, 64);
	static const uint64_t victims[] = { 5, 2, 3, 7, 0, 1, 4, 6, 8, 9 };
	static const unsigned int dropped[] = {
		0x07, 0x0f, 0x0f, 0x0f, 0x02, 0x02, 0x02, 0x02, 0x02, 0x02,
	};
	struct hv_stats st;
	unsigned int i;
	int bad = 0;

	for (i = 0; i < 10; i++)
		touch(g, i, true);
	hvt_essa(g, 2, ESSA_SET_VOLATILE);
	hvt_essa(g, 3, ESSA_SET_VOLATILE);
	hvt_essa(g, 5, ESSA_SET_UNUSED);
	hvt_essa(g, 7, ESSA_SET_POT_VOLATILE);
	hv_clear_change(g, 7);			/* written back: clean */
	hvt_essa(g, 8, ESSA_SET_POT_VOLATILE);
	touch(g, 8, true);			/* dirty */
	hv_guest_get_stats(g, &st);
	is(st.host_resident_pages, 10, "at the limit");

	for (i = 0; i < 10; i++) {
		touch(g, 20 + i, false);
		if (hv_peek_state(g, victims[i]) != dropped[i]) {
			bad++;
			tap_diag("step %u: page %llu state %#x", i,
				 (unsigned long long)victims[i],
				 hv_peek_state(g, victims[i]));
		}
	}
	is(bad, 0, "victims: unused, volatile, clean P, then oldest stable");
	hv_guest_get_stats(g, &st);
	is(st.host_resident_pages, 10, "never above the limit");
	is(st.host_resident_peak_pages, 10, "peak is the limit");
	is(st.host_discards_unused, 1, "one unused page dropped");
	is(st.host_discards_volatile, 3, "two V and one clean P dropped");
	is(st.host_swap_out_pages, 6, "five stable and one dirty P paged out");
	is(st.host_zero_fills, 20, "20 first touches were zero fills");
	is(hv_peek_state(g, 8), 0x02, "dirty P became Sp");
	hv_host_destroy(host);
}

static void test_touch_after_reclaim(void)
{
	struct hv_host *host = hvt_host(HV_MODE_INTERCEPT, false, 0);
	struct hv_guest *g = hvt_guest(host, 16);
	struct hv_stats st;
	char buf[16];

	touch(g, 0, true);
	hvt_essa(g, 0, ESSA_SET_UNUSED);
	touch(g, 1, true);
	hvt_essa(g, 1, ESSA_SET_VOLATILE);
	touch(g, 2, true);
	ok(!hv_try_drop(g, 2), "a stable page is not dropped");
	hv_host_reclaim(host, 0);
	is(hv_peek_state(g, 0), 0x07, "unused page dropped: Uz");
	is(hv_peek_state(g, 1), 0x0f, "volatile page discarded: Vz");
	is(hv_peek_state(g, 2), 0x02, "stable page paged out: Sp");

	is(hvt_essa(g, 0, ESSA_SET_STABLE), 0x07, "set stable shows Uz");
	hv_guest_get_stats(g, &st);
	touch(g, 0, false);
	hv_guest_get_stats(g, &st);
	is(st.host_zero_fills, 4, "touch after drop: zero fill");
	is(hv_peek_state(g, 0), 0x00, "zero-filled page is Sr");

	memset(buf, 0x5a, sizeof(buf));
	is(hv_access(g, 1, 0, buf, sizeof(buf), false), HV_PIC_DISCARD,
	   "reading a discarded page: discard fault");
	is(buf[0], 0x5a, "nothing was read");
	is(hv_access(g, 1, 0, NULL, 0, true), HV_PIC_DISCARD,
	   "writing it: discard fault too");
	hv_guest_get_stats(g, &st);
	is(st.discard_faults, 2, "two discard faults");
	is(hv_peek_state(g, 1), 0x0f, "still Vz");
	is(hvt_essa(g, 1, ESSA_SET_STABLE), 0x0f,
	   "set stable tells the guest it was discarded");
	is(hv_access(g, 1, 0, NULL, 0, false), HV_PIC_NONE,
	   "after set stable: access works (zero page)");

	touch(g, 2, false);
	hv_guest_get_stats(g, &st);
	is(st.host_swap_in_pages, 1, "touch of Sp: swap in");
	is(hv_access(g, 16, 0, NULL, 0, false), HV_PIC_ADDRESSING,
	   "pfn past memory: addressing");
	is(hv_access(g, 3, 4000, buf, 100, false), HV_PIC_ADDRESSING,
	   "access crossing the page end: addressing");
	hv_host_destroy(host);
}

static void test_pot_volatile_preserved(void)
{
	struct hv_host *host = hvt_host(HV_MODE_INTERCEPT, false, 0);
	struct hv_guest *g = hvt_guest(host, 4);

	touch(g, 0, false);
	hvt_essa(g, 0, ESSA_SET_POT_VOLATILE);
	touch(g, 0, false);
	ok(hv_try_drop(g, 0), "clean P page dropped without I/O");
	is(hv_peek_state(g, 0), 0x0f, "clean P became Vz");
	touch(g, 1, false);
	hvt_essa(g, 1, ESSA_SET_POT_VOLATILE);
	touch(g, 1, true);
	ok(!hv_try_drop(g, 1), "dirty P is not dropped");
	ok(hv_evict(g, 1), "dirty P evicted");
	is(hv_peek_state(g, 1), 0x02, "dirty P became Sp");
	hvt_essa(g, 1, ESSA_SET_POT_VOLATILE);
	is(hv_peek_state(g, 1), 0x02, "dirty Sp set P stays Sp");
	hv_clear_change(g, 1);
	hvt_essa(g, 1, ESSA_SET_POT_VOLATILE);
	is(hv_peek_state(g, 1), 0x0f, "clean Sp set P is dropped: Vz");
	touch(g, 2, true);
	hvt_essa(g, 2, ESSA_SET_POT_VOLATILE);
	ok(!hv_try_drop(g, 2), "set P does not clear the change bit");
	is(hv_clear_change(g, 3), HV_PIC_NONE, "clear change on any page");
	is(hv_clear_change(g, 3), HV_PIC_NONE, "twice is fine");
	is(hv_clear_change(g, 99), HV_PIC_ADDRESSING, "past memory");
	hv_host_destroy(host);
}

int main(void)
{
	tap_plan(9 + 17 + 11);
	test_order();
	test_touch_after_reclaim();
	test_pot_volatile_preserved();
	return tap_finish();
}
