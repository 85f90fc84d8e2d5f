// SPDX-License-Identifier: GPL-2.0
/*
 * The pfn table of the replay (tools/pagestates/pfntab.c) against a plain
 * list of what was written: dense runs, sparse pfns across the whole
 * 2^40 range, overwrites, zeroes, pfns out of range; the memory sparse
 * pfns take.
 */
#include <string.h>
#include "tap.h"
#include "../../tools/pagestates/pfntab.c"

#define NR_WRITES	20000

static u64 pfns[NR_WRITES], vals[NR_WRITES];

static u64 next_rand(u64 *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* The value written last for pfn, 0 if none. */
static u64 expected(unsigned int n, u64 pfn)
{
	while (n--)
		if (pfns[n] == pfn)
			return vals[n];
	return 0;
}

int main(void)
{
	unsigned int i, bad_get = 0, bad_find = 0, slot_fail = 0;
	u64 seed = 0x9e3779b97f4a7c15ULL, *e;
	struct pfntab t;

	tap_plan(10);
	ok(pfntab_init(&t) == 0, "table made");
	ok(pfntab_find(&t, 12345) == NULL, "nothing there at first");
	is(pfntab_get(&t, 12345), 0, "an unwritten pfn reads 0");

	for (i = 0; i < NR_WRITES; i++) {
		u64 r = next_rand(&seed);

		/* a third in a dense run, a third near, a third anywhere */
		if (i % 3 == 0)
			pfns[i] = 0x100000 + i / 3;
		else if (i % 3 == 1)
			pfns[i] = 0x100000 + r % (1 << 20);
		else
			pfns[i] = r & ((1ULL << PFNTAB_BITS) - 1);
		vals[i] = r | 1;
		e = pfntab_slot(&t, pfns[i]);
		if (!e) {
			slot_fail++;
			continue;
		}
		*e = vals[i];
	}
	is(slot_fail, 0, "every pfn below 2^40 gets a slot");
	for (i = 0; i < NR_WRITES; i += 29) {
		u64 want = expected(NR_WRITES, pfns[i]);

		if (pfntab_get(&t, pfns[i]) != want)
			bad_get++;
		/* a neighbour nobody wrote reads 0 (or what was written) */
		if (pfntab_get(&t, pfns[i] ^ 1) !=
		    expected(NR_WRITES, pfns[i] ^ 1))
			bad_find++;
	}
	is(bad_get, 0, "every pfn reads what was written last");
	is(bad_find, 0, "neighbours read 0 or their own value");
	ok(t.leaves > 1000 && t.leaves < NR_WRITES,
	   "leaves made only where written (%zu)", t.leaves);
	ok(pfntab_slot(&t, 1ULL << PFNTAB_BITS) == NULL &&
	   pfntab_find(&t, ~0ULL) == NULL, "pfns from 2^40 up are refused");
	pfntab_free(&t);
	ok(t.top == NULL && t.leaves == 0, "freed");

	/* pfns 512 apart: a leaf each, not 4 KiB each (issue 14) */
	pfntab_init(&t);
	for (i = 0; i < 4096; i++)
		*pfntab_slot(&t, 0x100000 + (u64)i * 512) = i + 1;
	ok(pfntab_bytes(&t) / 4096 <= 1024,
	   "sparse pfns cost %zu bytes each (at most 1 KiB)",
	   pfntab_bytes(&t) / 4096);
	pfntab_free(&t);
	return tap_finish();
}
