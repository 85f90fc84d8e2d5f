// SPDX-License-Identifier: GPL-2.0
/*
 * Several guests on one host share its memory limit: reclaim works over
 * all of them, and one guest's unused pages make room for another before
 * anything is paged out.
 */
#include "hv_test.h"

int main(void)
{
	struct hv_host *host = hvt_host(HV_MODE_INTERCEPT, false, 100);
	struct hv_guest *a = hvt_guest(host, 256);
	struct hv_guest *b = hvt_guest(host, 256);
	struct hv_stats sa, sb, sh;
	unsigned long swapped;
	uint64_t i;

	tap_plan(10);
	hvt_touch_range(a, 0, 80);
	hvt_touch_range(b, 0, 80);
	hv_host_get_stats(host, &sh);
	hv_guest_get_stats(a, &sa);
	is(sh.host_resident_pages, 100, "host at its limit");
	is(sh.host_resident_peak_pages, 100, "host peak never above it");
	is(sa.host_swap_out_pages, 60, "the oldest pages (guest a) paged out");
	is(sa.host_resident_pages + 80, 100, "a keeps what b left");

	for (i = 0; i < 80; i++)
		hvt_essa(a, i, ESSA_SET_UNUSED);
	swapped = sh.host_swap_out_pages;
	hvt_touch_range(b, 80, 20);
	hv_host_get_stats(host, &sh);
	hv_guest_get_stats(a, &sa);
	hv_guest_get_stats(b, &sb);
	is(sh.host_swap_out_pages, swapped, "b grew into a's unused pages");
	/* 60 swap copies dropped by the hint itself, 20 pages by reclaim */
	is(sa.host_discards_unused, 80, "a's unused pages were dropped");
	is(sb.host_resident_pages, 100, "b now holds the whole limit");
	is(sh.host_discards_unused, sa.host_discards_unused + sb.host_discards_unused,
	   "host counters sum the guests");

	hv_guest_destroy(b);
	hv_host_get_stats(host, &sh);
	is(sh.host_resident_pages, 0, "destroyed guest's pages leave the host");
	hvt_touch_range(a, 100, 100);
	hv_host_get_stats(host, &sh);
	is(sh.host_resident_pages, 100, "a alone fills the limit");
	hv_host_destroy(host);
	return tap_finish();
}
