/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The page state table: one byte per guest page.
 *
 *   bits 0-2  the (usage, host state) pair, one of the eight valid pairs
 *             of DESIGN.md section 1; invalid pairs are not representable
 *   bit 3     change bit (set by a write access)
 *   bit 4     no-DAT
 *   bits 5-7  queued on the resident / unused / volatile reclaim queue
 *
 * Pair 0 is Sz, so a zeroed table is a guest nobody touched yet.
 */
#ifndef _HV_PSTATE_H
#define _HV_PSTATE_H

#include <linux/bug.h>
#include "hv-internal.h"

enum pst_pair {
	PST_SZ, PST_SR, PST_SP, PST_UR, PST_UZ, PST_VR, PST_VZ, PST_PR,
	PST_NR_PAIRS,
};

#define PST_PAIR_MASK	0x07
#define PST_CHANGE	0x08
#define PST_NODAT	0x10
#define PST_QR		0x20	/* on host->q_resident */
#define PST_QU		0x40	/* on host->q_unused */
#define PST_QV		0x80	/* on host->q_volatile */

/* Usage and host state use the ESSA result encoding. */
#define PST_S		ESSA_RES_USAGE_STABLE
#define PST_U		ESSA_RES_USAGE_UNUSED
#define PST_P		ESSA_RES_USAGE_POT_VOLATILE
#define PST_V		ESSA_RES_USAGE_VOLATILE
#define PST_R		ESSA_RES_HOST_RESIDENT
#define PST_PRESERVED	ESSA_RES_HOST_PRESERVED
#define PST_Z		ESSA_RES_HOST_ZERO

extern const uint8_t pst_pair_bits[PST_NR_PAIRS];

static inline unsigned int pst_pair(uint8_t b)
{
	return b & PST_PAIR_MASK;
}

static inline unsigned int pst_usage(uint8_t b)
{
	return pst_pair_bits[pst_pair(b)] & ESSA_RES_USAGE_MASK;
}

static inline unsigned int pst_host(uint8_t b)
{
	return pst_pair_bits[pst_pair(b)] & ESSA_RES_HOST_MASK;
}

static inline bool pst_resident(uint8_t b)
{
	return pst_host(b) == PST_R;
}

/* The ESSA result byte of a page in state b. */
static inline unsigned int pst_result(uint8_t b)
{
	return pst_pair_bits[pst_pair(b)] | (b & PST_NODAT ? ESSA_RES_NODAT : 0);
}

extern const uint8_t pst_pair_of[16];

/* b with its pair replaced by (usage, host); BUG on an invalid pair. */
static inline uint8_t pst_with(uint8_t b, unsigned int usage,
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
void pst_store(struct hv_guest *g, uint64_t pfn, uint8_t b);

/*
 * Peeks read the table without the host lock, so every access is a
 * relaxed byte-sized atomic (a plain load or store on every machine we
 * build for). Writers still hold the lock.
 */
static inline uint8_t pst_get(const struct hv_guest *g, uint64_t pfn)
{
	return __atomic_load_n(&g->pst[pfn], __ATOMIC_RELAXED);
}

/* Store the byte as it is: for the queue bits, which no gauge counts. */
static inline void pst_set_raw(struct hv_guest *g, uint64_t pfn, uint8_t b)
{
	__atomic_store_n(&g->pst[pfn], b, __ATOMIC_RELAXED);
}

int pst_table_init(struct hv_guest *g);
void pst_table_fini(struct hv_guest *g);

#endif
