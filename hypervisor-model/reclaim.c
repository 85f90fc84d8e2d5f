// SPDX-License-Identifier: GPL-2.0
/*
 * Host reclaim under a memory limit shared by all guests of a host.
 *
 * Victim order: first pages the guest set unused (dropped: Uz; KVM:
 * try_to_unmap_one() drops a pte_unused() page without I/O), then, at a
 * zvm host only, volatile pages and potentially volatile ones the host
 * sees clean (dropped: Vz), then the oldest resident page, paged out to
 * the swap file. A kvm host keeps the usage of a page it pages out (Sp,
 * Vp, Pp: KVM's PGSTE keeps it while the pte holds a swap entry); at a
 * zvm host only stable content is paged out (a dirty P page becomes Sp).
 * Within a class the order is FIFO: the time the page became a candidate.
 *
 * Three queues of (guest id, pfn) hold the candidates over all guests. A
 * page is put on a queue when it enters the class and is not on it yet
 * (a bit in its state byte says so); entries whose page left the class
 * are skipped when they reach the head. So every page is on each queue at
 * most once, and each entry is pushed and popped once: O(1) amortized.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/bug.h>
#include <linux/compiler.h>
#include "pstate.h"

/* Out of line: the rare path stays out of q_push's way. */
static noinline void q_grow(struct hv_queue *q)
{
	size_t cap = q->cap ? q->cap * 2 : 1024;
	uint64_t *ent = malloc(cap * sizeof(*ent));
	size_t i;

	BUG_ON(!ent);
	for (i = 0; i < q->len; i++)
		ent[i] = q->ent[(q->head + i) & (q->cap - 1)];
	free(q->ent);
	q->ent = ent;
	q->cap = cap;
	q->head = 0;
}

static void q_push(struct hv_queue *q, const struct hv_guest *g, uint64_t pfn)
{
	if (q->len == q->cap)
		q_grow(q);
	q->ent[(q->head + q->len) & (q->cap - 1)] = (uint64_t)g->id << 32 | pfn;
	q->len++;
}

static uint64_t q_pop(struct hv_queue *q)
{
	uint64_t e = q->ent[q->head];

	q->head = (q->head + 1) & (q->cap - 1);
	q->len--;
	return e;
}

pst_t reclaim_note(struct hv_guest *g, uint64_t pfn, pst_t b)
{
	struct hv_host *host = g->host;
	unsigned int usage = pst_usage(b);

	if (!pst_resident(b))
		return b;
	if (!(b & PST_QR)) {
		q_push(&host->q_resident, g, pfn);
		b |= PST_QR;
	}
	if (usage == PST_U && !(b & PST_QU)) {
		q_push(&host->q_unused, g, pfn);
		b |= PST_QU;
	}
	if ((usage == PST_V || usage == PST_P) && !(b & PST_QV) &&
	    !pst_kvm(g)) {
		q_push(&host->q_volatile, g, pfn);
		b |= PST_QV;
	}
	return b;
}

/* Dropped without I/O: Ur, and at a zvm host Vr and clean Pr. */
static bool droppable(bool kvm, pst_t b)
{
	switch (pst_pair(b)) {
	case PST_UR:
		return true;
	case PST_VR:
		return !kvm;
	case PST_PR:
		return !kvm && !(b & PST_CHANGE);
	}
	return false;
}

bool reclaim_drop(struct hv_guest *g, uint64_t pfn)
{
	pst_t b = pst_get(g, pfn);
	bool unused = pst_usage(b) == PST_U;

	if (!droppable(pst_kvm(g), b))
		return false;
	gmem_release(g, pfn);
	if (unused)
		hv_count(g, host_discards_unused, 1);
	else
		hv_count(g, host_discards_volatile, 1);
	pst_store(g, pfn, pst_with(b & ~PST_CHANGE, unused ? PST_U : PST_V,
				   PST_Z));
	return true;
}

bool reclaim_evict(struct hv_guest *g, uint64_t pfn)
{
	pst_t b = pst_get(g, pfn);

	if (!pst_resident(b))
		return false;
	if (reclaim_drop(g, pfn))
		return true;
	if (fault_hit(g->host, g->host->cfg.faults.write_error)) {
		/* the write failed: the page stays resident, queued again */
		hv_count(g, fault_write_errors, 1);
		pst_store(g, pfn, b & ~PST_QR);
		return false;
	}
	swap_out_page(g, pfn);
	hv_count(g, host_swap_out_pages, 1);
	pst_store(g, pfn, pst_with(b, pst_kvm(g) ? pst_usage(b) : PST_S,
				   PST_PRESERVED));
	return true;
}

static bool is_unused_victim(bool kvm, pst_t b)
{
	(void)kvm;
	return pst_pair(b) == PST_UR;
}

static bool is_volatile_victim(bool kvm, pst_t b)
{
	return pst_usage(b) != PST_U && droppable(kvm, b);
}

static bool is_resident(bool kvm, pst_t b)
{
	(void)kvm;
	return pst_resident(b);
}

/* Pop q until a page passing victim() comes up; evict it. */
static bool reclaim_from(struct hv_host *host, struct hv_queue *q,
			 pst_t qbit, bool (*victim)(bool, pst_t))
{
	while (q->len) {
		uint64_t e = q_pop(q);
		struct hv_guest *g = host->guests[e >> 32];
		uint64_t pfn = (uint32_t)e;
		pst_t b;

		if (!g)
			continue;
		b = pst_get(g, pfn);
		pst_set_raw(g, pfn, b & ~qbit);
		if (victim(pst_kvm(g), b))
			return reclaim_evict(g, pfn);
	}
	return false;
}

static bool reclaim_one(struct hv_host *host)
{
	return reclaim_from(host, &host->q_unused, PST_QU, is_unused_victim) ||
	       reclaim_from(host, &host->q_volatile, PST_QV,
			    is_volatile_victim) ||
	       reclaim_from(host, &host->q_resident, PST_QR, is_resident);
}

void reclaim_to(struct hv_host *host, unsigned long target)
{
	while (host->stats.host_resident_pages > target && reclaim_one(host))
		;
}

/* Before a page becomes resident: keep the host within its limit. */
void reclaim_make_room(struct hv_host *host)
{
	unsigned long limit = host->cfg.mem_limit_pages;

	if (limit && host->stats.host_resident_pages >= limit)
		reclaim_to(host, limit - 1);
}

void reclaim_fini(struct hv_host *host)
{
	free(host->q_unused.ent);
	free(host->q_volatile.ent);
	free(host->q_resident.ent);
}

void hv_host_reclaim(struct hv_host *host, unsigned long target)
{
	hv_lock(host);
	reclaim_to(host, target);
	hv_unlock(host);
}

static bool hv_page_op(struct hv_guest *guest, uint64_t pfn,
		       bool (*op)(struct hv_guest *, uint64_t))
{
	bool done = false;

	hv_lock(guest->host);
	if (pfn < guest->nr_pages)
		done = op(guest, pfn);
	hv_unlock(guest->host);
	return done;
}

bool hv_try_drop(struct hv_guest *guest, uint64_t pfn)
{
	return hv_page_op(guest, pfn, reclaim_drop);
}

bool hv_evict(struct hv_guest *guest, uint64_t pfn)
{
	return hv_page_op(guest, pfn, reclaim_evict);
}
