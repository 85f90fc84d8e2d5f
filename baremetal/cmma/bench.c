// SPDX-License-Identifier: GPL-2.0
/*
 * cmma-test mode "bench": what ESSA costs under TCG, against a loop of
 * the same shape whose body is a no-op of the same length (LGR), in the
 * same run: extract, set stable, and set unused over many resident pages
 * (the block-release list processing and the host dropping the pages
 * included). Timing is the guest's TOD clock; no assertions.
 */
#include <stdio.h>

#include "../baremetal.h"
#include "cmma-test.h"

#define PAGE	(20UL << 20)
#define BASE	(32UL << 20)

static uint64_t loop_nop(uint64_t n)
{
	uint64_t t0 = tod_ns();

	asm volatile("0:	lgr	%%r1,%%r1\n"
		     "	brctg	%[n],0b\n"
		     : [n] "+d" (n) : : "r1");
	return tod_ns() - t0;
}

#define LOOP_ESSA(name, orc)						\
static uint64_t name(uint64_t n, uint64_t addr)				\
{									\
	uint64_t t0 = tod_ns();						\
									\
	asm volatile("0:	.insn rrf,0xb9ab0000,%%r1,%[a]," #orc ",0\n" \
		     "	brctg	%[n],0b\n"				\
		     : [n] "+d" (n) : [a] "a" (addr) : "r1", "memory");	\
	return tod_ns() - t0;						\
}
LOOP_ESSA(loop_extract, 0)
LOOP_ESSA(loop_stable, 1)

/* set unused on n consecutive resident pages from addr */
static uint64_t loop_unused(uint64_t n, uint64_t addr)
{
	uint64_t t0 = tod_ns();

	asm volatile("0:	.insn rrf,0xb9ab0000,%%r1,%[a],2,0\n"
		     "	aghi	%[a],4096\n"
		     "	brctg	%[n],0b\n"
		     : [n] "+d" (n), [a] "+a" (addr) : : "r1", "memory");
	return tod_ns() - t0;
}

static void show(const char *what, uint64_t ns, uint64_t n)
{
	uint64_t c = ns * 100 / n;

	printf("CMMA-BENCH %s_ns=%lu.%02lu\n", what, (unsigned long)(c / 100),
	       (unsigned long)(c % 100));
}

int test_bench(unsigned long n)
{
	unsigned long pages = 16384, i;	/* 64 MiB */
	uint64_t nop, t;

	*(volatile uint64_t *)PAGE = 1;
	essa(1, PAGE);
	loop_nop(n / 10);	/* warm up: translate the loops */
	loop_extract(n / 10, PAGE);
	nop = loop_nop(n);
	show("nop", nop, n);
	t = loop_extract(n, PAGE);
	show("extract", t, n);
	show("extract_minus_nop", t > nop ? t - nop : 0, n);
	t = loop_stable(n, PAGE);
	show("stable", t, n);
	show("stable_minus_nop", t > nop ? t - nop : 0, n);
	for (i = 0; i < pages; i++)
		*(volatile uint64_t *)(BASE + i * PAGE_SIZE) = i;
	nop = loop_nop(pages);
	t = loop_unused(pages, BASE);
	show("unused_dropped", t, pages);
	show("unused_dropped_minus_nop", t > nop ? t - nop : 0, pages);
	essa_done[0] += n / 10 + n;
	essa_done[1] += n;
	essa_done[2] += pages;
	return 0;
}
