// SPDX-License-Identifier: GPL-2.0
/*
 * cmma-test mode "discard": volatile pages the host drops (here: on the
 * harness's cmma-drop-volatile, z/VM's behaviour under pressure), and the
 * discard faults that follow.
 *
 * What the architecture says (the 2009 guest page hinting series, patch
 * "s390 support", which handles it): a dropped volatile page is in state
 * "volatile, logically zero"; any access to it, whatever the address
 * translation, is a discard fault, program interruption code 0x1a, and
 * the translation-exception identification holds the absolute address of
 * the page; the fault nullifies (the old PSW points at the instruction,
 * the guest's handler switches on its opcode). A potentially volatile
 * page may be dropped only if it is clean (storage key change bit off).
 * Setting the page stable ends the faults; the content is then zeros.
 */
#include <stdio.h>

#include "../baremetal.h"
#include "cmma-test.h"

#define BASE		(24UL << 20)
#define VIRT		0x1f000000UL	/* mapped by DAT only, above memory */
#define TIMEOUT_NS	(120UL * 1000000000UL)

static unsigned long faults;

static void expect_fault(const char *what, uint64_t abs, bool store,
			 uint64_t addr)
{
	unsigned long pgm0 = pgm_count();
	uint64_t insn;

	pgm_expect(PGM_DISCARD_FAULT);
	if (store)
		probe_store(addr, 1, &insn);
	else
		probe_load(addr, &insn);
	pgm_expect(0);
	if (pgm_count() != pgm0 + 1) {
		check(0, "%s: no discard fault at %#lx", what,
		      (unsigned long)addr);
		return;
	}
	faults++;
	check((pgm_last.tec & ~(PAGE_SIZE - 1)) == abs,
	      "%s: TEC %#lx, expected the absolute address %#lx", what,
	      (unsigned long)pgm_last.tec, (unsigned long)abs);
	check(pgm_last.psw_addr == insn,
	      "%s: old PSW %#lx, not the instruction %#lx (nullified)", what,
	      (unsigned long)pgm_last.psw_addr, (unsigned long)insn);
	check(pgm_last.ilen == 6, "%s: ilen %u", what, pgm_last.ilen);
}

static void expect_no_fault(const char *what, uint64_t addr, uint64_t want)
{
	unsigned long pgm0 = pgm_count();
	uint64_t insn, v = probe_load(addr, &insn);

	check(pgm_count() == pgm0 && v == want,
	      "%s: %#lx read %#lx, expected %#lx", what, (unsigned long)addr,
	      (unsigned long)v, (unsigned long)want);
}

/*
 * auto: the machine drops volatile pages by itself (the machine option
 * cmma-volatile-limit): nothing volatile can be relied on to stay, so
 * the checks of pages before the drop are left out.
 */
int test_discard(bool automatic)
{
	static char prefix_area[8192] __aligned(8192);
	uint64_t pfx = (uint64_t)prefix_area;
	uint64_t a = BASE, b = BASE + PAGE_SIZE, c = BASE + 2 * PAGE_SIZE;
	uint64_t e = BASE + 3 * PAGE_SIZE, f = BASE + 4 * PAGE_SIZE;
	uint64_t h = BASE + 5 * PAGE_SIZE;
	uint64_t g = 0x1000;		/* absolute; real pfx + 0x1000 */
	uint64_t t0, r1;

	/*
	 * Move the prefix area: absolute page 1 is then an ordinary page,
	 * reached through the real address pfx + 0x1000.
	 */
	*(volatile uint64_t *)0x1000 = 0x77;	/* copied with the lowcore */
	bm_set_prefix(prefix_area);
	fill(a, 0xa);
	fill(b, 0xb);
	fill(c, 0xc);
	fill(e, 0xe);
	fill(f, 0xf);
	fill(h, 0x1);
	*(volatile uint64_t *)(pfx + 0x1000) = 0x6;
	/* E clean, F changed after its key was set: storage keys decide */
	set_storage_key(e, 0);
	set_storage_key(f, 0);
	fill(f, 0xf);
	essa(3, a);
	essa(3, b);
	essa(3, c);
	essa(3, g);
	essa(4, e);
	essa(4, f);
	if (!automatic) {
		essa(3, h);
		essa(1, h);	/* stable again before the drop: kept */
		expect_no_fault("volatile, resident", a, 0xa);
		request("drop-volatile");
	}
	t0 = tod_ns();
	while ((r1 = essa(0, a)) != (RES_VOLATILE | RES_ZERO)) {
		if (tod_ns() - t0 > TIMEOUT_NS) {
			check(0, "no drop within the timeout: %#lx",
			      (unsigned long)r1);
			return 1;
		}
	}
	check(essa(0, b) == (RES_VOLATILE | RES_ZERO), "B not dropped");
	check(essa(0, c) == (RES_VOLATILE | RES_ZERO), "C not dropped");
	check(essa(0, g) == (RES_VOLATILE | RES_ZERO), "G not dropped");
	check(essa(0, e) == (RES_VOLATILE | RES_ZERO),
	      "clean potentially volatile E not dropped as volatile");
	check(essa(0, f) == RES_POT_VOLATILE, "changed F: %#lx",
	      (unsigned long)essa(0, f));
	check(essa(0, h) == RES_STABLE, "stable H: %#lx",
	      (unsigned long)essa(0, h));

	expect_fault("load, real", a, false, a);
	expect_fault("store, real", b, true, b);
	expect_fault("potentially volatile, clean", e, false, e);
	expect_fault("through prefixing", g, false, pfx + 0x1000);
	expect_no_fault("real 0x1000, now the prefix area", 0x1000, 0x77);
	dat_map(VIRT, c);
	dat_on();
	expect_fault("load, DAT", c, false, VIRT);
	dat_off();
	check(content_is(f, 0xf, false), "F lost its content");
	check(content_is(h, 0x1, false), "H lost its content");

	/* stable again: no more faults, the content is zeros */
	r1 = essa(1, a);
	check(r1 == (RES_VOLATILE | RES_ZERO), "set stable A: R1 %#lx",
	      (unsigned long)r1);
	expect_no_fault("A stable again", a, 0);
	check(content_is(a, 0, true), "A not zero");
	r1 = essa(6, b);	/* stable if resident: it is not */
	check(r1 == (RES_VOLATILE | RES_ZERO), "code 6 on B: R1 %#lx",
	      (unsigned long)r1);
	expect_fault("still discarded after code 6", b, true, b);
	essa(5, b);
	expect_no_fault("B stable again", b, 0);
	essa(7, c);
	dat_on();
	expect_no_fault("C stable again, DAT", VIRT, 0);
	dat_off();
	essa(1, g);
	expect_no_fault("G stable again", pfx + 0x1000, 0);
	essa(1, e);

	printf("CMMA-COUNTS essa=%lu,%lu,%lu,%lu,%lu,%lu,%lu,%lu "
	       "discard_faults=%lu dropped_volatile=5\n",
	       essa_done[0], essa_done[1], essa_done[2], essa_done[3],
	       essa_done[4], essa_done[5], essa_done[6], essa_done[7], faults);
	return failures ? 1 : 0;
}
