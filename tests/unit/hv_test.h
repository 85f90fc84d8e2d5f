/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers for the hypervisor model tests: a host with one guest, and
 * putting a page into a given (usage, host) state through the public
 * interface only.
 */
#ifndef _TESTS_HV_TEST_H
#define _TESTS_HV_TEST_H

#include <string.h>
#include <hv/hv.h>
#include "tap.h"

/*
 * The eight valid pairs (and Sp clean/dirty), in ESSA result layout, and
 * the two a kvm host adds by paging volatile pages out: Vp (clean) and Pp
 * (dirty), made on a kvm host only.
 */
enum hvt_state {
	HVT_SZ, HVT_SR, HVT_SP_CLEAN, HVT_SP_DIRTY, HVT_UR, HVT_UZ, HVT_VR,
	HVT_VZ, HVT_PR, HVT_VP, HVT_PP_DIRTY, HVT_NR_STATES,
};

static const char *const hvt_state_name[HVT_NR_STATES] = {
	"Sz", "Sr", "Sp(clean)", "Sp(dirty)", "Ur", "Uz", "Vr", "Vz", "Pr",
	"Vp", "Pp(dirty)",
};

/* Result byte of each state: host bits 0x03, usage bits 0x0c. */
static const unsigned int hvt_state_byte[HVT_NR_STATES] = {
	0x03, 0x00, 0x02, 0x02, 0x04, 0x07, 0x0c, 0x0f, 0x08, 0x0e, 0x0a,
};

static inline struct hv_host *hvt_host_on(enum hv_mode mode,
					  enum hv_semantics sem, bool backed,
					  unsigned long limit)
{
	struct hv_host_config cfg = {
		.mem_limit_pages = limit,
		.mode = mode,
		.backed = backed,
		.essa_available = true,
		.nodat_facility = true,
		.semantics = sem,
	};
	struct hv_host *host = hv_host_create(&cfg);

	if (!host)
		tap_bail("hv_host_create failed");
	return host;
}

/* A kvm host (the default semantics). */
static inline struct hv_host *hvt_host(enum hv_mode mode, bool backed,
				       unsigned long limit)
{
	return hvt_host_on(mode, HV_HOST_KVM, backed, limit);
}

static inline struct hv_guest *hvt_guest(struct hv_host *host,
					 unsigned long pages)
{
	struct hv_guest *g = hv_guest_create(host, pages);

	if (!g)
		tap_bail("hv_guest_create failed");
	return g;
}

static inline unsigned int hvt_essa(struct hv_guest *g, uint64_t pfn,
				    unsigned int code)
{
	uint64_t r1 = 0;

	if (hv_essa(g, pfn << 12, code, &r1))
		tap_bail("unexpected program check");
	return r1 & 0xff;
}

/* Write-touch pages [from, from + n); bail out on a program check. */
static inline void hvt_touch_range(struct hv_guest *g, uint64_t from,
				   uint64_t n)
{
	uint64_t i;

	for (i = from; i < from + n; i++)
		if (hv_access(g, i, 0, NULL, 0, true))
			tap_bail("hv_access failed");
}

/* ESSA code on pages [from, from + n). */
static inline void hvt_essa_range(struct hv_guest *g, uint64_t from,
				  uint64_t n, unsigned int code)
{
	uint64_t i;

	for (i = from; i < from + n; i++)
		hvt_essa(g, i, code);
}

/* Put a fresh (Sz) page into state s; the host must not be limited. */
static inline void hvt_make_state(struct hv_guest *g, uint64_t pfn,
				  enum hvt_state s)
{
	bool resident = s == HVT_SR || s == HVT_SP_CLEAN || s == HVT_SP_DIRTY ||
			s == HVT_UR || s == HVT_VR || s == HVT_PR ||
			s == HVT_VP || s == HVT_PP_DIRTY;

	if (resident &&
	    hv_access(g, pfn, 0, NULL, 0,
		      s == HVT_SP_DIRTY || s == HVT_PP_DIRTY))
		tap_bail("touch failed");
	switch (s) {
	case HVT_SP_CLEAN:
	case HVT_SP_DIRTY:
		if (!hv_evict(g, pfn))
			tap_bail("evict failed");
		break;
	case HVT_VP:
	case HVT_PP_DIRTY:
		hvt_essa(g, pfn, s == HVT_VP ? ESSA_SET_VOLATILE :
					       ESSA_SET_POT_VOLATILE);
		if (!hv_evict(g, pfn))
			tap_bail("evict failed");
		break;
	case HVT_UR:
	case HVT_UZ:
		hvt_essa(g, pfn, ESSA_SET_UNUSED);
		break;
	case HVT_VR:
	case HVT_VZ:
		hvt_essa(g, pfn, ESSA_SET_VOLATILE);
		break;
	case HVT_PR:
		hvt_essa(g, pfn, ESSA_SET_POT_VOLATILE);
		break;
	default:
		break;
	}
	if (hv_peek_state(g, pfn) != hvt_state_byte[s])
		tap_bail("could not set up a page state");
}

static inline unsigned long hvt_rss_pages(void)
{
	unsigned long size = 0, rss = 0;
	FILE *f = fopen("/proc/self/statm", "r");

	if (!f)
		return 0;
	if (fscanf(f, "%lu %lu", &size, &rss) != 2)
		rss = 0;
	fclose(f);
	return rss;
}

#endif
