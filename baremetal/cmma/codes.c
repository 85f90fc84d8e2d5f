// SPDX-License-Identifier: GPL-2.0
/*
 * cmma-test mode "codes": every operation request code from every start
 * state a page can have under QEMU, and every program exception.
 *
 * The expected answers are written from the CMMA architecture as the
 * 2009 guest page hinting series describes it and from KVM's emulation
 * (Linux 6.1 arch/s390/kvm/priv.c __do_essa, arch/s390/mm/pgtable.c
 * pgste_perform_essa), not from QEMU's code:
 *   - R1 receives the state before the operation, and nothing else (KVM
 *     writes the whole register): usage in bits 0x0c, content in 0x03
 *     (0 resident, 3 logically zero), no-DAT in 0x20;
 *   - the content state never changes by ESSA; code 1 sets stable and
 *     clears no-DAT, 2 unused, 3 volatile, 4 potentially volatile if
 *     resident and volatile if logically zero, 5 stable (not made
 *     resident), 6 stable only if resident, 7 stable with no-DAT;
 *   - an operation exception without CMMA, before the privilege check;
 *     a privileged-operation exception in the problem state; a
 *     specification exception for a code above 6 (above 7 with facility
 *     147); an addressing exception beyond memory; all suppress: R1 is
 *     unchanged and the old PSW points past the 4-byte instruction.
 * States "preserved" (paged out) cannot be made from inside the guest
 * and QEMU never reports them: a page is resident or logically zero.
 * A page becomes logically zero when the block-release list it is on is
 * processed (511 entries); a logically zero page becomes resident again
 * when the CPU touches it, and reads as zeros.
 */
#include <stdio.h>
#include <string.h>

#include "../baremetal.h"
#include "cmma-test.h"

#define CASE_BASE	(16UL << 20)

static const char *const usage_name = "SUPV";

static uint64_t next_case = CASE_BASE;

/* The state after ESSA code orc on a page in state s. */
static struct state next_state(struct state s, unsigned int orc)
{
	struct state n = s;

	switch (orc) {
	case 1:
		n.usage = S;
		n.nodat = false;
		break;
	case 2:
		n.usage = U;
		break;
	case 3:
		n.usage = V;
		break;
	case 4:
		n.usage = s.zero ? V : P;
		break;
	case 5:
		n.usage = S;
		break;
	case 6:
		if (!s.zero)
			n.usage = S;
		break;
	case 7:
		n.usage = S;
		n.nodat = true;
		break;
	}
	return n;
}

static void show(char *buf, struct state s)
{
	buf[0] = usage_name[s.usage];
	buf[1] = s.zero ? 'z' : 'r';
	buf[2] = s.nodat ? 'n' : 0;
	buf[3] = 0;
}

static void one_case(struct state s, unsigned int orc)
{
	uint64_t pattern = 0x0123456789abcdefUL ^ next_case;
	uint64_t page = next_case;
	struct state n = next_state(s, orc);
	char from[4], to[4];
	uint64_t r1, now;
	unsigned long pgm0;

	next_case += PAGE_SIZE;
	make_state(page, s, pattern);
	show(from, s);
	show(to, n);
	now = essa(0, page);
	check(now == encode(s), "%s: start state %#lx", from,
	      (unsigned long)now);
	pgm0 = pgm_count();
	if (orc == 2)
		list_room(1);
	r1 = essa(orc, page);
	check(pgm_count() == pgm0, "%s code %u: program check %#x", from, orc,
	      pgm_last.code);
	check(r1 == encode(s), "%s code %u: R1 %#lx, expected %#x", from, orc,
	      (unsigned long)r1, encode(s));
	now = essa(0, page);
	check(now == encode(n), "%s code %u: now %#lx, expected %s (%#x)",
	      from, orc, (unsigned long)now, to, encode(n));
	if (n.usage == V && n.zero)
		return;		/* any access is a discard fault: "discard" */
	/* content: kept if resident, zeros if dropped; touching makes it r */
	check(content_is(page, pattern, n.zero), "%s code %u: content", from,
	      orc);
	n.zero = false;
	now = essa(0, page);
	check(now == encode(n), "%s code %u: after a touch %#lx, expected %#x",
	      from, orc, (unsigned long)now, encode(n));
}

static void expect_exception(unsigned int orc, uint64_t addr,
			     unsigned int code, const char *what)
{
	unsigned long pgm0 = pgm_count();
	uint64_t r1;

	pgm_expect(code);
	r1 = essa(orc, addr);
	check(pgm_count() == pgm0 + 1 && pgm_last.code == code,
	      "%s: code %u at %#lx: no program check %#x", what, orc,
	      (unsigned long)addr, code);
	check(pgm_last.ilen == 4, "%s: ilen %u", what, pgm_last.ilen);
	check(r1 == R1_JUNK, "%s: R1 changed to %#lx", what,
	      (unsigned long)r1);
	pgm_expect(0);
}

static void exceptions(bool essa_on, unsigned int max_orc, uint64_t mem)
{
	uint64_t page = next_case;
	unsigned int orc, code;
	unsigned long seen;

	next_case += PAGE_SIZE;
	for (orc = max_orc + 1; orc < 16; orc++)
		expect_exception(orc, page, essa_on ? PGM_SPECIFICATION :
				 PGM_OPERATION, "code above the maximum");
	expect_exception(0, mem, essa_on ? PGM_ADDRESSING : PGM_OPERATION,
			 "first page beyond memory");
	expect_exception(1, 1UL << 40, essa_on ? PGM_ADDRESSING :
			 PGM_OPERATION, "far beyond memory");
	if (essa_on) {
		unsigned long pgm0 = pgm_count();
		uint64_t r1 = essa(0, mem - PAGE_SIZE);

		check(pgm_count() == pgm0 && r1 != R1_JUNK,
		      "last page of memory: %#lx", (unsigned long)r1);
	}
	/* the operation exception has priority over the privileged one */
	code = essa_on ? PGM_PRIVILEGED : PGM_OPERATION;
	pgm_expect(code);
	seen = pgm_count();
	essa_problem_state(page);
	check(pgm_count() == seen + 1 && pgm_last.code == code,
	      "problem state: no program check %#x", code);
	check(pgm_last.psw_mask & 0x0001000000000000UL,
	      "problem state: old PSW not in the problem state");
	pgm_expect(0);
}

int test_codes(bool essa_on)
{
	static const struct state starts[] = {
		{ S, false, false }, { U, false, false }, { P, false, false },
		{ V, false, false }, { S, true, false }, { U, true, false },
		{ V, true, false }, { S, false, true }, { S, true, true },
	};
	bool nodat = facility(147);
	unsigned int max_orc = nodat ? 7 : 6, i, orc;
	uint64_t mem = 128UL << 20;

	printf("codes: ESSA expected %s, facility 147 %s\n",
	       essa_on ? "on" : "off", nodat ? "installed" : "not installed");
	if (essa_on) {
		for (i = 0; i < ARRAY_SIZE(starts); i++) {
			if (starts[i].nodat && !nodat)
				continue;
			for (orc = 0; orc <= max_orc; orc++)
				one_case(starts[i], orc);
		}
	}
	exceptions(essa_on, max_orc, mem);
	printf("CMMA-COUNTS essa=%lu,%lu,%lu,%lu,%lu,%lu,%lu,%lu flushes=%lu\n",
	       essa_done[0], essa_done[1], essa_done[2], essa_done[3],
	       essa_done[4], essa_done[5], essa_done[6], essa_done[7],
	       essa_listed / CBRL_ENTRIES);
	return failures ? 1 : 0;
}
