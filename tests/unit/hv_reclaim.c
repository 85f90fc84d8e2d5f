// SPDX-License-Identifier: GPL-2.0
/*
 * Reclaim under the host limit: unused pages first, then (zvm) volatile
 * and clean potentially volatile ones, then the oldest resident pages are
 * paged out (zvm: a dirty P page becomes Sp; kvm: every page keeps its
 * usage, Vp and Pp). Zero fill and discard faults on the next touch
 * (zvm); ESSA 6 on a volatile page a kvm host paged out.
 */
#include "hv_test.h"

static void touch(struct hv_guest *g, uint64_t pfn, bool write)
{
	if (hv_access(g, pfn, 0, NULL, 0, write))
		tap_bail("hv_access failed");
}

/* Victims and their states after reclaim, per host. */
static const uint64_t victims_zvm[] = { 5, 2, 3, 7, 0, 1, 4, 6, 8, 9 };
static const unsigned int dropped_zvm[] = {
	0x07, 0x0f, 0x0f, 0x0f, 0x02, 0x02, 0x02, 0x02, 0x02, 0x02,
};
static const uint64_t victims_kvm[] = { 5, 0, 1, 2, 3, 4, 6, 7, 8, 9 };
static const unsigned int dropped_kvm[] = {
	0x07, 0x02, 0x02, 0x0e, 0x0e, 0x02, 0x02, 0x0a, 0x0a, 0x02,
};

static void test_order(enum hv_semantics sem)
{
	struct hv_host *host = hvt_host_on(HV_MODE_INTERCEPT, sem, false, 10);
	struct hv_guest *g = hvt_guest(host, 64);
	bool kvm = sem == HV_HOST_KVM;
	const uint64_t *victims = kvm ? victims_kvm : victims_zvm;
	const unsigned int *dropped = kvm ? dropped_kvm : dropped_zvm;
	const char *name = kvm ? "kvm" : "zvm";
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
	if (kvm)
		is(bad, 0, "kvm victims: unused, then oldest of any usage");
	else
		is(bad, 0, "zvm victims: unused, volatile, clean P, then oldest");
	hv_guest_get_stats(g, &st);
	is(st.host_resident_pages, 10, "%s: never above the limit", name);
	is(st.host_resident_peak_pages, 10, "%s: peak is the limit", name);
	is(st.host_discards_unused, 1, "%s: one unused page dropped", name);
	is(st.host_discards_volatile, kvm ? 0 : 3,
	   "%s: V and clean P dropped only by zvm", name);
	is(st.host_swap_out_pages, kvm ? 9 : 6, "%s: the rest paged out", name);
	is(st.host_zero_fills, 20, "%s: 20 first touches were zero fills",
	   name);
	is(hv_peek_state(g, 8), kvm ? 0x0a : 0x02,
	   "%s: dirty P became %s", name, kvm ? "Pp" : "Sp");
	hv_host_destroy(host);
}

/*
 * A kvm host pages a volatile page out (Vp). ESSA 6 leaves it volatile
 * and preserved, and its result says so (0x0e); code 1 makes it stable
 * with the content kept. A discarded page (Vz: ESSA made it so on a page
 * that was not resident) reads as zeros without a discard fault.
 */
static void test_kvm_volatile_preserved(void)
{
	struct hv_host *host = hvt_host(HV_MODE_INTERCEPT, false, 0);
	struct hv_guest *g = hvt_guest(host, 16);
	struct hv_stats st;

	touch(g, 1, true);
	hvt_essa(g, 1, ESSA_SET_VOLATILE);
	ok(!hv_try_drop(g, 1), "kvm: a volatile page is not dropped");
	hv_host_reclaim(host, 0);
	is(hv_peek_state(g, 1), 0x0e, "kvm: volatile page paged out: Vp");
	is(hvt_essa(g, 1, ESSA_SET_STABLE_IF_RESIDENT), 0x0e,
	   "kvm: code 6 on Vp: result volatile, preserved");
	is(hv_peek_state(g, 1), 0x0e, "kvm: code 6 leaves Vp volatile");
	is(hvt_essa(g, 1, ESSA_SET_STABLE), 0x0e, "kvm: code 1 on Vp");
	is(hv_peek_state(g, 1), 0x02, "kvm: Sp, content kept");
	touch(g, 1, false);
	hv_guest_get_stats(g, &st);
	is(st.host_swap_in_pages, 1, "kvm: swapped in");

	touch(g, 2, true);
	hv_evict(g, 2);
	hvt_essa(g, 2, ESSA_SET_VOLATILE);
	is(hv_peek_state(g, 2), 0x0f, "kvm: set volatile on Sp: Vz");
	is(hv_access(g, 2, 0, NULL, 0, false), HV_PIC_NONE,
	   "kvm: no discard fault");
	hv_guest_get_stats(g, &st);
	is(st.discarded_touches, 1, "kvm: counted as a discarded touch");
	is(st.discard_faults, 0, "kvm: no discard faults");
	is(hv_peek_state(g, 2), 0x0c, "kvm: zero page given, still volatile");
	hv_host_destroy(host);
}

static void test_touch_after_reclaim(void)
{
	struct hv_host *host = hvt_host_on(HV_MODE_INTERCEPT, HV_HOST_ZVM,
					   false, 0);
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
	struct hv_host *host = hvt_host_on(HV_MODE_INTERCEPT, HV_HOST_ZVM,
					   false, 0);
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

/* kvm: P pages are paged out whatever their change bit (Pp). */
static void test_kvm_pot_volatile(void)
{
	struct hv_host *host = hvt_host(HV_MODE_INTERCEPT, false, 0);
	struct hv_guest *g = hvt_guest(host, 4);

	touch(g, 0, false);
	hvt_essa(g, 0, ESSA_SET_POT_VOLATILE);
	ok(!hv_try_drop(g, 0), "kvm: clean P page not dropped");
	ok(hv_evict(g, 0), "kvm: clean P evicted");
	is(hv_peek_state(g, 0), 0x0a, "kvm: clean P became Pp");
	is(hvt_essa(g, 0, ESSA_SET_STABLE_IF_RESIDENT), 0x0a,
	   "kvm: code 6 on Pp: result P, preserved");
	is(hv_peek_state(g, 0), 0x0a, "kvm: code 6 leaves Pp");
	hvt_essa(g, 0, ESSA_SET_POT_VOLATILE);
	is(hv_peek_state(g, 0), 0x0f, "kvm: clean Pp set P: Vz");
	touch(g, 1, true);
	hvt_essa(g, 1, ESSA_SET_POT_VOLATILE);
	hv_evict(g, 1);
	is(hv_peek_state(g, 1), 0x0a, "kvm: dirty P became Pp");
	hvt_essa(g, 1, ESSA_SET_POT_VOLATILE);
	is(hv_peek_state(g, 1), 0x02, "kvm: dirty Pp set P: Sp");
	hv_host_destroy(host);
}

int main(void)
{
	tap_plan(9 + 9 + 12 + 17 + 11 + 8);
	test_order(HV_HOST_ZVM);
	test_order(HV_HOST_KVM);
	test_kvm_volatile_preserved();
	test_touch_after_reclaim();
	test_pot_volatile_preserved();
	test_kvm_pot_volatile();
	return tap_finish();
}
