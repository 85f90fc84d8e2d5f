// SPDX-License-Identifier: GPL-2.0
/* Table of u64 by pfn (see pfntab.h). */
#include <stdlib.h>
#include "pfntab.h"

#define NR_TOP	(1ULL << PFNTAB_TOP_SHIFT)
#define NR_MID	(1ULL << PFNTAB_MID_SHIFT)
#define NR_LEAF	(1ULL << PFNTAB_LEAF_SHIFT)

int pfntab_init(struct pfntab *t)
{
	t->top = calloc(NR_TOP, sizeof(*t->top));
	t->leaves = 0;
	return t->top ? 0 : -1;
}

void pfntab_free(struct pfntab *t)
{
	size_t i, j;

	if (!t->top)
		return;
	for (i = 0; i < NR_TOP; i++) {
		if (!t->top[i])
			continue;
		for (j = 0; j < NR_MID; j++)
			free(t->top[i][j]);
		free(t->top[i]);
	}
	free(t->top);
	t->top = NULL;
}

u64 *pfntab_make(struct pfntab *t, u64 pfn)
{
	u64 ***mid, **leaf;

	if (pfn >> PFNTAB_BITS)
		return NULL;
	mid = &t->top[pfn >> (PFNTAB_MID_SHIFT + PFNTAB_LEAF_SHIFT)];
	if (!*mid) {
		*mid = calloc(NR_MID, sizeof(**mid));
		if (!*mid)
			return NULL;
	}
	leaf = &(*mid)[(pfn >> PFNTAB_LEAF_SHIFT) & PFNTAB_MID_MASK];
	if (!*leaf) {
		*leaf = calloc(NR_LEAF, sizeof(**leaf));
		if (!*leaf)
			return NULL;
		t->leaves++;
	}
	return *leaf + (pfn & PFNTAB_LEAF_MASK);
}
