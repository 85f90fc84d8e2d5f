/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A table of u64 values indexed by pfn (below TRACE_MAX_PFN, 2^40): three
 * levels like a page table, leaves made on first write, 0 where nothing
 * was written. Traced pfns come in runs (per-cpu lists hand out
 * neighbours), so unlike a hash map neighbouring pfns share cache lines;
 * the two upper levels stay in the cache. A leaf holds 64 entries (512
 * bytes): a pfn far from all others costs its leaf and a share of a mid
 * table page, about 600 bytes (4 KiB leaves made a capture whose pfns
 * were 512 apart take 7 times the memory of the same capture dense).
 */
#ifndef _PAGESTATES_PFNTAB_H
#define _PAGESTATES_PFNTAB_H

#include <stddef.h>
#include <linux/compiler.h>
#include <linux/types.h>

#define PFNTAB_BITS		40
#define PFNTAB_LEAF_SHIFT	6
#define PFNTAB_MID_SHIFT	15
#define PFNTAB_TOP_SHIFT	(PFNTAB_BITS - PFNTAB_MID_SHIFT - \
				 PFNTAB_LEAF_SHIFT)
#define PFNTAB_LEAF_MASK	((1ULL << PFNTAB_LEAF_SHIFT) - 1)
#define PFNTAB_MID_MASK		((1ULL << PFNTAB_MID_SHIFT) - 1)

struct pfntab {
	u64 ***top;		/* 1 << PFNTAB_TOP_SHIFT mid tables */
	void **mids;		/* the mid tables made */
	size_t nr_mids;
	void **chunks;		/* where the leaves are cut from (the
				 * first one small: small inputs) */
	size_t nr_chunks;
	size_t leaves;		/* leaves made */
};

int pfntab_init(struct pfntab *t);
/* Memory taken by leaves and mid tables (mid tables counted whole). */
size_t pfntab_bytes(const struct pfntab *t);
void pfntab_free(struct pfntab *t);
/* Make the leaf of pfn (pfn < 2^40); its entry, or NULL without memory. */
u64 *pfntab_make(struct pfntab *t, u64 pfn);

/* The entry of pfn if its leaf exists (its value may be 0), else NULL. */
static inline u64 *pfntab_find(const struct pfntab *t, u64 pfn)
{
	u64 **mid;
	u64 *leaf;

	if (unlikely(pfn >> PFNTAB_BITS))
		return NULL;
	mid = t->top[pfn >> (PFNTAB_MID_SHIFT + PFNTAB_LEAF_SHIFT)];
	if (!mid)
		return NULL;
	leaf = mid[(pfn >> PFNTAB_LEAF_SHIFT) & PFNTAB_MID_MASK];
	return leaf ? leaf + (pfn & PFNTAB_LEAF_MASK) : NULL;
}

/* The value of pfn, 0 if never written. */
static inline u64 pfntab_get(const struct pfntab *t, u64 pfn)
{
	u64 *e = pfntab_find(t, pfn);

	return e ? *e : 0;
}

/* The entry of pfn, its leaf made if needed; NULL without memory. */
static inline u64 *pfntab_slot(struct pfntab *t, u64 pfn)
{
	u64 *e = pfntab_find(t, pfn);

	return likely(e) ? e : pfntab_make(t, pfn);
}

#endif
