// SPDX-License-Identifier: GPL-2.0
/*
 * Real memory behind guest pages: the process's resident size falls when
 * the host drops unused pages; paged out content comes back exactly from
 * the swap file; a dropped unused page reads as zeros; a discarded
 * volatile page is never read; a touched unused page is stable again and
 * its new content survives reclaim (free page reporting reuse rule).
 */
#include "hv_test.h"

#define PAGES	4096	/* 16 MiB */

static void fill(unsigned char *buf, uint64_t pfn, unsigned int seed)
{
	unsigned int i;

	for (i = 0; i < 4096; i++)
		buf[i] = (unsigned char)(pfn * 131 + i * 7 + seed);
}

/* zvm: every full block-release list drops its resident unused pages. */
static void test_rss_falls(void)
{
	struct hv_host *host = hvt_host_on(HV_MODE_INTERPRET, HV_HOST_ZVM,
					   true, 0);
	struct hv_guest *g = hvt_guest(host, PAGES);
	unsigned long before, touched, after, i;
	unsigned char buf[4096];
	struct hv_stats st;

	before = hvt_rss_pages();
	for (i = 0; i < PAGES; i++) {
		fill(buf, i, 1);
		hv_access(g, i, 0, buf, sizeof(buf), true);
	}
	touched = hvt_rss_pages();
	tap_diag("rss pages: before %lu, after touching %lu", before,
		 touched);
	ok(touched >= before + PAGES - 64, "touching 16 MiB made it resident");
	hvt_essa_range(g, 0, PAGES, ESSA_SET_UNUSED);
	after = hvt_rss_pages();
	hv_guest_get_stats(g, &st);
	tap_diag("rss pages after %lu unused hints: %lu (%lu dropped)",
		 (unsigned long)PAGES, after, st.host_discards_unused);
	is(st.host_discards_unused, PAGES / 511 * 511,
	   "every full block-release list was dropped");
	ok(after + st.host_discards_unused - 64 <= touched,
	   "process rss fell by the dropped pages");
	hv_host_destroy(host);
}

static void test_swap_round_trip(void)
{
	struct hv_host *host = hvt_host(HV_MODE_INTERCEPT, true, 8);
	struct hv_guest *g = hvt_guest(host, 64);
	unsigned char buf[4096], want[4096];
	struct hv_stats st;
	int bad = 0;
	uint64_t i;

	for (i = 0; i < 64; i++) {
		fill(buf, i, 2);
		hv_access(g, i, 0, buf, sizeof(buf), true);
	}
	for (i = 0; i < 64; i++) {
		fill(want, i, 2);
		memset(buf, 0, sizeof(buf));
		if (hv_access(g, i, 0, buf, sizeof(buf), false) ||
		    memcmp(buf, want, sizeof(buf)))
			bad++;
	}
	hv_guest_get_stats(g, &st);
	is(bad, 0, "64 pages through an 8-page host read back exactly");
	ok(st.host_swap_out_pages >= 56, "pages were paged out (%lu)",
	   st.host_swap_out_pages);
	ok(st.host_swap_in_pages >= 56, "and paged in (%lu)",
	   st.host_swap_in_pages);
	ok(st.host_resident_peak_pages <= 8, "peak within the limit");
	/* a partial write into a paged-out page keeps the rest */
	buf[0] = 0xee;
	hv_access(g, 0, 100, buf, 1, true);
	hv_access(g, 0, 0, buf, sizeof(buf), false);
	fill(want, 0, 2);
	want[100] = 0xee;
	ok(!memcmp(buf, want, sizeof(buf)), "partial write after swap in");
	hv_host_destroy(host);
}

static void test_zero_and_discard(void)
{
	struct hv_host *host = hvt_host_on(HV_MODE_INTERCEPT, HV_HOST_ZVM,
					   true, 0);
	struct hv_guest *g = hvt_guest(host, 8);
	unsigned char buf[4096], zero[4096] = { 0 };

	fill(buf, 0, 3);
	hv_access(g, 0, 0, buf, sizeof(buf), true);
	hvt_essa(g, 0, ESSA_SET_UNUSED);
	ok(hv_try_drop(g, 0), "unused page dropped");
	hvt_essa(g, 0, ESSA_SET_STABLE);
	hv_access(g, 0, 0, buf, sizeof(buf), false);
	ok(!memcmp(buf, zero, sizeof(buf)), "dropped unused page reads zeros");

	fill(buf, 1, 3);
	hv_access(g, 1, 0, buf, sizeof(buf), true);
	hvt_essa(g, 1, ESSA_SET_VOLATILE);
	memset(buf, 0x77, sizeof(buf));
	hv_access(g, 1, 0, buf, sizeof(buf), false);
	fill(zero, 1, 3);
	ok(!memcmp(buf, zero, sizeof(buf)), "resident volatile page readable");
	ok(hv_try_drop(g, 1), "volatile page discarded");
	memset(buf, 0x77, sizeof(buf));
	is(hv_access(g, 1, 0, buf, sizeof(buf), false), HV_PIC_DISCARD,
	   "discard fault");
	is(buf[0] + buf[4095], 0x77 * 2, "buffer untouched");
	hv_host_destroy(host);
}

/* A kvm host keeps volatile content: paged out (Vp), never discarded. */
static void test_kvm_volatile(void)
{
	struct hv_host *host = hvt_host(HV_MODE_INTERCEPT, true, 0);
	struct hv_guest *g = hvt_guest(host, 8);
	unsigned char buf[4096], want[4096];
	struct hv_stats st;

	fill(want, 1, 6);
	hv_access(g, 1, 0, want, sizeof(want), true);
	hvt_essa(g, 1, ESSA_SET_VOLATILE);
	ok(!hv_try_drop(g, 1), "kvm: a volatile page is not dropped");
	ok(hv_evict(g, 1), "kvm: but paged out");
	is(hv_peek_state(g, 1), 0x0e, "kvm: volatile and preserved (Vp)");
	memset(buf, 0x77, sizeof(buf));
	is(hv_access(g, 1, 0, buf, sizeof(buf), false), HV_PIC_NONE,
	   "kvm: no discard fault");
	ok(!memcmp(buf, want, sizeof(buf)), "kvm: swapped in intact");
	is(hv_peek_state(g, 1), 0x0c, "kvm: Vr again");
	hv_guest_get_stats(g, &st);
	is(st.host_swap_out_pages + st.host_discards_volatile, 1,
	   "kvm: one page out, no discard");
	hv_host_destroy(host);
}

static unsigned long unused_touches(struct hv_guest *g)
{
	struct hv_stats st;

	hv_guest_get_stats(g, &st);
	return st.host_unused_touches;
}

/*
 * A touch does not change the usage (KVM only changes it by ESSA): an
 * unused page the guest writes stays unused, and the host may drop what
 * was written.
 */
static void test_unused_touch(void)
{
	struct hv_host *host = hvt_host(HV_MODE_INTERCEPT, true, 4);
	struct hv_guest *g = hvt_guest(host, 16);
	unsigned char buf[4096], want[4096], zero[4096] = { 0 };
	struct hv_stats st0, st;
	uint64_t i;

	fill(buf, 0, 4);
	hv_access(g, 0, 0, buf, sizeof(buf), true);
	hvt_essa(g, 0, ESSA_SET_UNUSED);
	fill(want, 0, 5);
	hv_access(g, 0, 0, want, sizeof(want), true);
	is(hv_peek_state(g, 0), 0x04, "write to an Ur page: still Ur");
	is(unused_touches(g), 1, "counted as an unused touch");

	hv_access(g, 1, 0, buf, sizeof(buf), true);
	hvt_essa(g, 1, ESSA_SET_UNUSED);
	hv_try_drop(g, 1);
	hv_guest_get_stats(g, &st0);
	memset(buf, 0x77, sizeof(buf));
	hv_access(g, 1, 0, buf, sizeof(buf), false);
	hv_guest_get_stats(g, &st);
	is(hv_peek_state(g, 1), 0x04, "read of a Uz page: zero fill, Ur");
	is(st.host_zero_fills - st0.host_zero_fills, 1, "one zero fill");
	ok(!memcmp(buf, zero, sizeof(buf)), "it reads zeros");
	is(unused_touches(g), 2, "a second unused touch");

	/* fill the host: the unused pages go first, content and all */
	for (i = 2; i < 16; i++)
		hv_access(g, i, 0, NULL, 0, true);
	is(unused_touches(g), 2, "touching stable pages is no unused touch");
	is(hv_peek_state(g, 0), 0x07, "the written unused page was dropped");
	is(hvt_essa(g, 0, ESSA_SET_STABLE), 0x07,
	   "set stable: the result says the content is gone");
	hv_access(g, 0, 0, buf, sizeof(buf), false);
	ok(!memcmp(buf, zero, sizeof(buf)), "what was written is lost");
	hv_host_destroy(host);
}

int main(void)
{
	tap_plan(3 + 5 + 6 + 7 + 10);
	test_rss_falls();
	test_swap_round_trip();
	test_zero_and_discard();
	test_kvm_volatile();
	test_unused_touch();
	return tap_finish();
}
