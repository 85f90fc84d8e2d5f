// SPDX-License-Identifier: GPL-2.0
/*
 * Statistics and inspection without side effects. The counters are kept
 * as the events happen (hv_count, pst_store), so reading is O(1).
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

unsigned int hv_peek_state(struct hv_guest *guest, uint64_t pfn)
{
	unsigned int res = ESSA_RES_EXCEPTION;

	hv_lock(guest->host);
	if (pfn < guest->nr_pages)
		res = pst_result(pst_get(guest, pfn));
	hv_unlock(guest->host);
	return res;
}

unsigned int hv_vcpu_peek_state(unsigned long pfn)
{
	return hv_peek_state(hv_vcpu_current(), pfn);
}
