/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The page state table: one 16-bit word per guest page.
 *
 *   bits 0-3  the (usage, host state) pair, one of the valid pairs of
 *             DESIGN.md section 1 plus Vp and Pp, which exist only at a
 *             KVM host (it pages volatile pages out like stable ones);
 *             invalid pairs are not representable
 *   bit 4     change bit (set by a write access)
 *   bit 5     no-DAT
 *   bits 6-8  queued on the resident / unused / volatile reclaim queue
 *
 * Pair 0 is Sz, so a zeroed table is a guest nobody touched yet.
 */
#ifndef _HV_PSTATE_H
#define _HV_PSTATE_H

#include <linux/bug.h>
#include "hv-internal.h"

enum pst_pair {
	PST_SZ, PST_SR, PST_SP, PST_UR, PST_UZ, PST_VR, PST_VZ, PST_PR,
	PST_VP, PST_PP,		/* KVM only */
	PST_NR_PAIRS,
};

#define PST_PAIR_MASK	0x000f
#define PST_CHANGE	0x0010
#define PST_NODAT	0x0020
#define PST_QR		0x0040	/* on host->q_resident */
#define PST_QU		0x0080	/* on host->q_unused */
#define PST_QV		0x0100	/* on host->q_volatile */

/* Usage and host state use the ESSA result encoding. */
#define PST_S		ESSA_RES_USAGE_STABLE
#define PST_U		ESSA_RES_USAGE_UNUSED
#define PST_P		ESSA_RES_USAGE_POT_VOLATILE
#define PST_V		ESSA_RES_USAGE_VOLATILE
#define PST_R		ESSA_RES_HOST_RESIDENT
#define PST_PRESERVED	ESSA_RES_HOST_PRESERVED
#define PST_Z		ESSA_RES_HOST_ZERO

extern const uint8_t pst_pair_bits[PST_NR_PAIRS];

static inline unsigned int pst_pair(pst_t b)
{
	return b & PST_PAIR_MASK;
}

static inline unsigned int pst_usage(pst_t b)
{
	return pst_pair_bits[pst_pair(b)] & ESSA_RES_USAGE_MASK;
}

static inline unsigned int pst_host(pst_t b)
{
	return pst_pair_bits[pst_pair(b)] & ESSA_RES_HOST_MASK;
}

static inline bool pst_resident(pst_t b)
{
	return pst_host(b) == PST_R;
}

/* The ESSA result byte of a page in state b. */
static inline unsigned int pst_result(pst_t b)
{
	return pst_pair_bits[pst_pair(b)] | (b & PST_NODAT ? ESSA_RES_NODAT : 0);
}

extern const uint8_t pst_pair_of[16];

/* b with its pair replaced by (usage, host); BUG on an invalid pair. */
static inline pst_t pst_with(pst_t b, unsigned int usage,
			       unsigned int host)
{
	unsigned int pair;

	BUG_ON((usage | host) > 0x0f);
	pair = pst_pair_of[usage | host];
	BUG_ON(!pair);
	return (b & ~PST_PAIR_MASK) | (pair - 1);
}

/*
 * Store a page's new state byte, keeping the gauges (resident, unused,
 * zero) and the reclaim queues up to date. Every state change goes here.
 */
void pst_store(struct hv_guest *g, uint64_t pfn, pst_t b);

/* The host's semantics (enum hv_semantics). */
static inline bool pst_kvm(const struct hv_guest *g)
{
	return g->host->cfg.semantics == HV_HOST_KVM;
}

/*
 * Content the host must keep (host_required_mean_pages): resident or
 * preserved, and not given up. At a KVM host that is every usage but
 * unused (volatile pages are paged out, never dropped); at a z/VM host
 * stable pages and potentially volatile ones the guest changed.
 */
static inline bool pst_required(bool kvm, pst_t b)
{
	unsigned int usage = pst_usage(b);

	if (pst_host(b) == PST_Z || usage == PST_U)
		return false;
	if (kvm || usage == PST_S)
		return true;
	return usage == PST_P && (b & PST_CHANGE);
}

/*
 * Peeks read the table without the host lock, so every access is a
 * relaxed byte-sized atomic (a plain load or store on every machine we
 * build for). Writers still hold the lock.
 */
static inline pst_t pst_get(const struct hv_guest *g, uint64_t pfn)
{
	return __atomic_load_n(&g->pst[pfn], __ATOMIC_RELAXED);
}

/* Store the byte as it is: for the queue bits, which no gauge counts. */
static inline void pst_set_raw(struct hv_guest *g, uint64_t pfn, pst_t b)
{
	__atomic_store_n(&g->pst[pfn], b, __ATOMIC_RELAXED);
}

int pst_table_init(struct hv_guest *g);
void pst_table_fini(struct hv_guest *g);

#endif
