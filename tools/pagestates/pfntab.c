// SPDX-License-Identifier: GPL-2.0
/* Table of u64 by pfn (see pfntab.h). */
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>
#include "pfntab.h"

#define NR_TOP		(1ULL << PFNTAB_TOP_SHIFT)
#define NR_MID		(1ULL << PFNTAB_MID_SHIFT)
#define NR_LEAF		(1ULL << PFNTAB_LEAF_SHIFT)
#define PFNTAB_LEAF_BYTES	(NR_LEAF * sizeof(u64))
#define PFNTAB_CHUNK_BYTES	(2UL << 20)	/* one huge page */
#define PFNTAB_CHUNK_LEAVES	(PFNTAB_CHUNK_BYTES / PFNTAB_LEAF_BYTES)
/* The first chunk: a trace of a few pages should not cost a huge page. */
#define PFNTAB_FIRST_BYTES	(64UL << 10)
#define PFNTAB_FIRST_LEAVES	(PFNTAB_FIRST_BYTES / PFNTAB_LEAF_BYTES)

static size_t chunk_bytes(size_t i)
{
	return i ? PFNTAB_CHUNK_BYTES : PFNTAB_FIRST_BYTES;
}

int pfntab_init(struct pfntab *t)
{
	*t = (struct pfntab){ 0 };
	t->top = calloc(NR_TOP, sizeof(*t->top));
	return t->top ? 0 : -1;
}

void pfntab_free(struct pfntab *t)
{
	size_t i;

	for (i = 0; i < t->nr_chunks; i++)
		munmap(t->chunks[i], chunk_bytes(i));
	for (i = 0; i < t->nr_mids; i++)
		free(t->mids[i]);
	free(t->chunks);
	free(t->mids);
	free(t->top);
	*t = (struct pfntab){ 0 };
}

size_t pfntab_bytes(const struct pfntab *t)
{
	return t->leaves * PFNTAB_LEAF_BYTES + t->nr_mids * NR_MID * sizeof(u64);
}

/* Append v to the array *a of *nr pointers; false without memory. */
static bool push_ptr(void ***a, size_t *nr, void *v)
{
	void **n = realloc(*a, (*nr + 1) * sizeof(**a));

	if (!n)
		return false;
	n[(*nr)++] = v;
	*a = n;
	return true;
}

/*
 * A chunk of zeroed memory aligned to its size (2 MiB), so that the
 * kernel can back it with one huge page where it gives them on request:
 * one TLB entry for 512 leaves. Pages come zeroed as they are touched.
 */
static void *chunk_map(bool first)
{
	size_t len = 2 * PFNTAB_CHUNK_BYTES, head;
	char *p;

	if (first) {
		p = mmap(NULL, PFNTAB_FIRST_BYTES, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		return p == MAP_FAILED ? NULL : p;
	}
	p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	/* keep the aligned middle, give back both ends */
	head = -(uintptr_t)p & (PFNTAB_CHUNK_BYTES - 1);
	if (head)
		munmap(p, head);
	munmap(p + head + PFNTAB_CHUNK_BYTES, PFNTAB_CHUNK_BYTES - head);
	p += head;
#ifdef MADV_HUGEPAGE
	madvise(p, PFNTAB_CHUNK_BYTES, MADV_HUGEPAGE);
#endif
	return p;
}

/* A zeroed leaf, cut from a chunk: nothing to clear, nothing to free. */
static u64 *new_leaf(struct pfntab *t)
{
	size_t in_chunk = t->leaves < PFNTAB_FIRST_LEAVES ? t->leaves :
			  (t->leaves - PFNTAB_FIRST_LEAVES) %
			  PFNTAB_CHUNK_LEAVES;
	void *c;

	if (!in_chunk) {
		c = chunk_map(!t->nr_chunks);
		if (!c)
			return NULL;
		if (!push_ptr(&t->chunks, &t->nr_chunks, c)) {
			munmap(c, chunk_bytes(t->nr_chunks));
			return NULL;
		}
	}
	t->leaves++;
	return (u64 *)t->chunks[t->nr_chunks - 1] + in_chunk * NR_LEAF;
}

u64 *pfntab_make(struct pfntab *t, u64 pfn)
{
	u64 ***mid, **leaf;

	if (pfn >> PFNTAB_BITS)
		return NULL;
	mid = &t->top[pfn >> (PFNTAB_MID_SHIFT + PFNTAB_LEAF_SHIFT)];
	if (!*mid) {
		*mid = calloc(NR_MID, sizeof(**mid));
		if (!*mid || !push_ptr(&t->mids, &t->nr_mids, *mid)) {
			free(*mid);
			*mid = NULL;
			return NULL;
		}
	}
	leaf = &(*mid)[(pfn >> PFNTAB_LEAF_SHIFT) & PFNTAB_MID_MASK];
	if (!*leaf) {
		*leaf = new_leaf(t);
		if (!*leaf)
			return NULL;
	}
	return *leaf + (pfn & PFNTAB_LEAF_MASK);
}
