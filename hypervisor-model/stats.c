// SPDX-License-Identifier: GPL-2.0
/*
 * Statistics and inspection without side effects. The counters are kept
 * as the events happen (hv_count, pst_store), so reading is O(1); a
 * single state byte or gauge is read without the host lock.
 */
#include "pstate.h"

void hv_guest_get_stats(struct hv_guest *guest, struct hv_stats *stats)
{
	hv_lock(guest->host);
	*stats = guest->stats;
	hv_unlock(guest->host);
}

void hv_host_get_stats(struct hv_host *host, struct hv_stats *stats)
{
	hv_lock(host);
	*stats = host->stats;
	hv_unlock(host);
}

/* One state byte is a snapshot on its own: no lock (hv-internal.h). */
unsigned int hv_peek_state(struct hv_guest *guest, uint64_t pfn)
{
	if (pfn >= guest->nr_pages)
		return ESSA_RES_EXCEPTION;
	return pst_result(pst_get(guest, pfn));
}

unsigned long hv_guest_pages_unused_or_zero(const struct hv_guest *guest)
{
	return __atomic_load_n(&guest->stats.pages_unused_or_zero,
			       __ATOMIC_RELAXED);
}

void hv_guest_get_gauges(const struct hv_guest *guest, struct hv_gauges *g)
{
	g->unused_or_zero = __atomic_load_n(&guest->stats.pages_unused_or_zero,
					    __ATOMIC_RELAXED);
	g->zero = __atomic_load_n(&guest->stats.pages_zero, __ATOMIC_RELAXED);
	g->required = __atomic_load_n(&guest->stats.pages_required,
				      __ATOMIC_RELAXED);
}

unsigned int hv_vcpu_peek_state(unsigned long pfn)
{
	return hv_peek_state(hv_vcpu_current(), pfn);
}

void hv_vcpu_peek_states(unsigned long pfn, unsigned int nr,
			 uint8_t *states)
{
	const struct hv_guest *guest = hv_vcpu_current();
	unsigned long in = pfn < guest->nr_pages ? guest->nr_pages - pfn : 0;
	unsigned int i, n = in < nr ? (unsigned int)in : nr;

	/* hv_peek_state page by page (states may alias nothing of ours) */
	for (i = 0; i < n; i++)
		states[i] = (uint8_t)pst_result(pst_get(guest, pfn + i));
	for (; i < nr; i++)
		states[i] = ESSA_RES_EXCEPTION;
}
