// SPDX-License-Identifier: GPL-2.0
/*
 * cmma-test mode "migrate": pages in every state a guest can make, then
 * the harness migrates the machine to a second QEMU process and sends a
 * restart interruption (inject-nmi) to the destination, where the guest
 * checks that each page kept its state and content, and that the pages
 * the host had dropped are still gone (zeros, or discard faults).
 */
#include <stdio.h>

#include "../baremetal.h"
#include "cmma-test.h"

#define BASE	(40UL << 20)

/*
 * Logically zero ones first: making them processes the block-release
 * list, which would drop the resident unused pages made before.
 */
static const struct state states[] = {
	{ S, true, false }, { U, true, false }, { V, true, false },
	{ S, true, true }, { S, false, false }, { P, false, false },
	{ V, false, false }, { S, false, true }, { U, false, false },
};
#define NR_STATES	ARRAY_SIZE(states)
#define PER_STATE	16

static uint64_t page_of(unsigned int i, unsigned int j)
{
	return BASE + (i * PER_STATE + j) * PAGE_SIZE;
}

int test_migrate(void)
{
	bool nodat = facility(147);
	unsigned int i, j;
	unsigned long pgm0;
	uint64_t page, insn, r1;

	for (i = 0; i < NR_STATES; i++) {
		if (states[i].nodat && !nodat)
			continue;
		if (states[i].usage == U && !states[i].zero)
			flush_list();	/* room for them all on the list */
		for (j = 0; j < PER_STATE; j++)
			make_state(page_of(i, j), states[i], page_of(i, j));
	}
	request("migrate");
	wait_restart();
	printf("migrate: restarted, checking\n");
	for (i = 0; i < NR_STATES; i++) {
		struct state s = states[i];

		if (s.nodat && !nodat)
			continue;
		for (j = 0; j < PER_STATE; j++) {
			page = page_of(i, j);
			r1 = essa(0, page);
			check(r1 == encode(s), "page %#lx: %#lx, expected %#x",
			      (unsigned long)page, (unsigned long)r1,
			      encode(s));
			if (s.usage == V && s.zero) {
				pgm0 = pgm_count();
				pgm_expect(PGM_DISCARD_FAULT);
				probe_load(page, &insn);
				pgm_expect(0);
				check(pgm_count() == pgm0 + 1 &&
				      (pgm_last.tec & ~(PAGE_SIZE - 1)) == page,
				      "page %#lx: no discard fault",
				      (unsigned long)page);
				continue;
			}
			check(content_is(page, page, s.zero),
			      "page %#lx: content", (unsigned long)page);
		}
	}
	return failures ? 1 : 0;
}
