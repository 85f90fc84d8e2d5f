// SPDX-License-Identifier: GPL-2.0
/*
 * The page state table: encoding, the valid pairs and the gauges kept
 * incrementally on every change (so reading them is O(1)).
 */
#include <sys/mman.h>
#include "pstate.h"

const uint8_t pst_pair_bits[PST_NR_PAIRS] = {
	[PST_SZ] = PST_S | PST_Z,
	[PST_SR] = PST_S | PST_R,
	[PST_SP] = PST_S | PST_PRESERVED,
	[PST_UR] = PST_U | PST_R,
	[PST_UZ] = PST_U | PST_Z,
	[PST_VR] = PST_V | PST_R,
	[PST_VZ] = PST_V | PST_Z,
	[PST_PR] = PST_P | PST_R,
	[PST_VP] = PST_V | PST_PRESERVED,
	[PST_PP] = PST_P | PST_PRESERVED,
};

/*
 * (usage | host) -> pair + 1; 0 for the invalid pairs (Up, Pz and the
 * unused host state 1). Vp and Pp are made only by a KVM host's reclaim.
 */
const uint8_t pst_pair_of[16] = {
	[PST_S | PST_Z] = PST_SZ + 1,
	[PST_S | PST_R] = PST_SR + 1,
	[PST_S | PST_PRESERVED] = PST_SP + 1,
	[PST_U | PST_R] = PST_UR + 1,
	[PST_U | PST_Z] = PST_UZ + 1,
	[PST_V | PST_R] = PST_VR + 1,
	[PST_V | PST_Z] = PST_VZ + 1,
	[PST_P | PST_R] = PST_PR + 1,
	[PST_V | PST_PRESERVED] = PST_VP + 1,
	[PST_P | PST_PRESERVED] = PST_PP + 1,
};

/* Move one gauge by the difference the change of state makes to it. */
static void pst_gauge(unsigned long *guest, unsigned long *host, bool was,
		      bool is)
{
	long d = (long)is - (long)was;

	if (d) {
		hv_stat_add(guest, d);
		hv_stat_add(host, d);
	}
}

#define pst_gauge_move(g, field, was, is)				\
	pst_gauge(&(g)->stats.field, &(g)->host->stats.field, was, is)

static void pst_gauges(struct hv_guest *g, pst_t old, pst_t b)
{
	unsigned int ou = pst_usage(old), oh = pst_host(old);
	unsigned int nu = pst_usage(b), nh = pst_host(b);

	pst_gauge_move(g, host_resident_pages, oh == PST_R, nh == PST_R);
	pst_gauge_move(g, pages_unused, ou == PST_U, nu == PST_U);
	pst_gauge_move(g, pages_zero, oh == PST_Z, nh == PST_Z);
	pst_gauge_move(g, pages_unused_or_zero, ou == PST_U || oh == PST_Z,
		       nu == PST_U || nh == PST_Z);
	pst_gauge_move(g, pages_required, pst_required(pst_kvm(g), old),
		       pst_required(pst_kvm(g), b));
}

static void pst_update_peak(struct hv_stats *s)
{
	if (s->host_resident_pages > s->host_resident_peak_pages)
		s->host_resident_peak_pages = s->host_resident_pages;
}

void pst_store(struct hv_guest *g, uint64_t pfn, pst_t b)
{
	pst_t old = pst_get(g, pfn);

	/* the change bit decides whether a P page is required */
	if ((old ^ b) & (PST_PAIR_MASK | PST_CHANGE)) {
		pst_gauges(g, old, b);
		pst_update_peak(&g->stats);
		pst_update_peak(&g->host->stats);
	}
	pst_set_raw(g, pfn, reclaim_note(g, pfn, b));
}

int pst_table_init(struct hv_guest *g)
{
	void *p = mmap(NULL, g->nr_pages * sizeof(pst_t),
		       PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED)
		return -1;
	g->pst = p;
	/* every page starts Sz: untouched, costs the host nothing */
	g->stats.pages_zero = g->nr_pages;
	g->stats.pages_unused_or_zero = g->nr_pages;
	g->host->stats.pages_zero += g->nr_pages;
	g->host->stats.pages_unused_or_zero += g->nr_pages;
	return 0;
}

void pst_table_fini(struct hv_guest *g)
{
	munmap(g->pst, g->nr_pages * sizeof(pst_t));
}
