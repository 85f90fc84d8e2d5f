// SPDX-License-Identifier: GPL-2.0
/*
 * Host fault injection, for tests (hv_host_config.faults): seeded, so a
 * run is reproduced from its seed (one guest thread; the soak's threads
 * interleave as they like).
 *
 * - At a fault point the host acts as a busy host may at any time: it
 *   reclaims a few pages toward its limit, pages out or drops a page of
 *   the guest (only what its rules allow). Fault points: the guest's
 *   hint points (hv_fault_point: a batch built and not issued, a
 *   pending-table commit between its re-check and its hint, a per-cpu
 *   spill), a block-release-list flush, and a delayed exit (an ESSA or
 *   paravirtual call that waits while the host works).
 * - A page out may fail (a write error): the page stays resident and
 *   stable content stays where it is.
 * - A page in may fail (a read error): the access fails with
 *   HV_PIC_HOST_IO_ERROR and the guest is stopped, as a real host kills
 *   it; it never sees wrong data.
 */
#include "pstate.h"

static uint64_t next(struct hv_host *host)
{
	/* xorshift64*: state 0 stays 0, which means no faults */
	uint64_t x = host->fault_rng;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	host->fault_rng = x;
	return x * 0x2545f4914f6cdd1dULL;
}

bool fault_hit(struct hv_host *host, unsigned int per_mille)
{
	if (!host->fault_rng || !per_mille)
		return false;
	return next(host) % 1000 < per_mille;
}

void fault_act(struct hv_guest *g)
{
	struct hv_host *host = g->host;

	if (fault_hit(host, host->cfg.faults.act))
		fault_act_now(g);
}

void fault_act_now(struct hv_guest *g)
{
	struct hv_host *host = g->host;
	uint64_t r, pfn;

	hv_count(g, fault_acts, 1);
	r = next(host);
	pfn = (r >> 8) % g->nr_pages;
	switch (r & 3) {
	case 0:		/* reclaim a few pages below what is resident */
		if (host->stats.host_resident_pages > 16)
			reclaim_to(host, host->stats.host_resident_pages - 1 -
					 (r >> 4) % 16);
		break;
	case 1:		/* page one out (or drop it, if that is allowed) */
		reclaim_evict(g, pfn);
		break;
	default:	/* drop one if its state allows it */
		reclaim_drop(g, pfn);
		break;
	}
}

void hv_fault_point(struct hv_guest *guest)
{
	if (!guest || !guest->host->fault_rng)
		return;
	hv_lock(guest->host);
	fault_act(guest);
	hv_unlock(guest->host);
}

void fault_seed(struct hv_host *host)
{
	uint64_t x = host->cfg.faults.seed;

	if (!x)
		return;
	/* splitmix64 of the seed: never 0 for the seeds a test gives */
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	host->fault_rng = (x ^ (x >> 31)) | 1;
}

/* An exit (ESSA intercept, pv call, CBRL flush) the host may handle late. */
void fault_exit(struct hv_guest *g)
{
	struct hv_host *host = g->host;

	if (!fault_hit(host, host->cfg.faults.delay))
		return;
	hv_count(g, fault_delays, 1);
	fault_act_now(g);
}

bool hv_guest_stopped(const struct hv_guest *guest)
{
	return __atomic_load_n(&guest->stopped, __ATOMIC_RELAXED);
}
