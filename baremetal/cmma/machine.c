// SPDX-License-Identifier: GPL-2.0
/*
 * cmma-test: the machine instructions the tests need (ESSA, DAT, prefix,
 * storage keys, the TOD clock), and the program-check handler, which
 * records what it sees and resumes where the architecture says.
 */
#include <stdio.h>
#include <string.h>

#include "../baremetal.h"
#include "../lowcore.h"
#include "cmma-test.h"

#define PSW_MASK_DAT		0x0400000000000000UL
#define PSW_MASK_PSTATE		0x0001000000000000UL

unsigned long essa_done[8];
unsigned long essa_listed;
struct pgm_event pgm_last;
static unsigned int pgm_allowed;
static unsigned long pgm_seen;

static uint16_t lc16(unsigned long off)
{
	return *(volatile uint16_t *)off;
}

static uint64_t lc64(unsigned long off)
{
	return *(volatile uint64_t *)off;
}

static void lc64_set(unsigned long off, uint64_t v)
{
	*(volatile uint64_t *)off = v;
}

void pgm_expect(unsigned int code)
{
	pgm_allowed = code;
}

unsigned long pgm_count(void)
{
	return pgm_seen;
}

/*
 * Suppressing exceptions (operation, privileged operation, specification,
 * addressing) leave the old PSW past the instruction: resume there. A
 * discard fault nullifies: the old PSW points at the instruction, which
 * is skipped so the test goes on. An exception in the problem state
 * resumes in the supervisor state.
 */
void bm_program_check(uint64_t *regs)
{
	struct pgm_event e = {
		.code = lc16(LC_PGM_CODE) & 0x7f,
		.ilen = lc16(LC_PGM_ILC) & 0x6,
		.psw_mask = lc64(LC_PGM_OLD_PSW),
		.psw_addr = lc64(LC_PGM_OLD_PSW + 8),
		.tec = lc64(LC_TEC),
	};

	(void)regs;
	pgm_seen++;
	pgm_last = e;
	if (e.code != pgm_allowed) {
		printf("unexpected program check %#x at %#lx (ilen %u, tec %#lx)\n",
		       e.code, (unsigned long)e.psw_addr, e.ilen,
		       (unsigned long)e.tec);
		printf("CMMA-RESULT: FAIL unexpected program check\n");
		bm_halt(BM_HALT_FAIL);
	}
	pgm_allowed = 0;
	if (e.code == PGM_DISCARD_FAULT)
		lc64_set(LC_PGM_OLD_PSW + 8, e.psw_addr + e.ilen);
	if (e.psw_mask & PSW_MASK_PSTATE)
		lc64_set(LC_PGM_OLD_PSW, e.psw_mask & ~PSW_MASK_PSTATE);
}

#define ESSA_CASE(n)							\
	case n:								\
		asm volatile(".insn rrf,0xb9ab0000,%[r1],%[r2]," #n ",0"	\
			     : [r1] "+d" (r1) : [r2] "a" (addr) : "memory"); \
		break

uint64_t essa(unsigned int orc, uint64_t addr)
{
	unsigned long seen = pgm_seen;
	uint64_t r1 = R1_JUNK;

	switch (orc) {
	ESSA_CASE(0); ESSA_CASE(1); ESSA_CASE(2); ESSA_CASE(3);
	ESSA_CASE(4); ESSA_CASE(5); ESSA_CASE(6); ESSA_CASE(7);
	ESSA_CASE(8); ESSA_CASE(9); ESSA_CASE(10); ESSA_CASE(11);
	ESSA_CASE(12); ESSA_CASE(13); ESSA_CASE(14); ESSA_CASE(15);
	}
	if (pgm_seen == seen && orc < 8) {
		essa_done[orc]++;
		/* the host lists a page set unused that it holds resident */
		if (orc == 2 && (r1 & 3) != RES_ZERO)
			essa_listed++;
	}
	return r1;
}

uint64_t probe_load(uint64_t addr, uint64_t *insn)
{
	uint64_t v = 0, ia;

	asm volatile("	larl	%[ia],0f\n"
		     "0:	lg	%[v],0(%[a])\n"
		     : [v] "+d" (v), [ia] "=&a" (ia) : [a] "a" (addr)
		     : "memory");
	*insn = ia;
	return v;
}

void probe_store(uint64_t addr, uint64_t val, uint64_t *insn)
{
	uint64_t ia;

	asm volatile("	larl	%[ia],0f\n"
		     "0:	stg	%[v],0(%[a])\n"
		     : [ia] "=&a" (ia) : [v] "d" (val), [a] "a" (addr)
		     : "memory");
	*insn = ia;
}

/* TOD clock: bit 51 is one microsecond */
uint64_t tod_ns(void)
{
	uint64_t tod;

	asm volatile(".insn s,0xb27c0000,%0" : "=Q" (tod) : : "cc");
	return (tod >> 12) * 1000 + ((tod & 0xfff) * 1000 >> 12);
}

bool facility(unsigned int nr)
{
	static uint64_t list[4];
	register unsigned long r0 asm("0") = 3;	/* doublewords - 1 */

	asm volatile(".insn s,0xb2b00000,%0" : "=Q" (list), "+d" (r0)
		     : : "cc");
	return (list[nr / 64] >> (63 - nr % 64)) & 1;
}

/*
 * DAT: one segment table of 512 entries (512 MiB): the first segment
 * maps the image 1:1 (the code, data and stack run under DAT), one more
 * page table holds the test mappings, all else is invalid. (No 1 MiB
 * frames: the qemu CPU model has no EDAT.)
 */
#define SEG_INVALID	0x20UL
#define PTE_INVALID	0x400UL

static uint64_t segment_table[512] __aligned(4096);
static uint64_t identity_table[256] __aligned(2048);
static uint64_t test_table[256] __aligned(2048);
static bool dat_ready;

static void dat_setup(void)
{
	uint64_t asce = (uint64_t)segment_table;
	unsigned int i;

	for (i = 0; i < 512; i++)
		segment_table[i] = SEG_INVALID;
	for (i = 0; i < 256; i++) {
		identity_table[i] = (uint64_t)i << 12;
		test_table[i] = PTE_INVALID;
	}
	segment_table[0] = (uint64_t)identity_table;
	asm volatile("lctlg 1,1,%0" : : "Q" (asce));
	dat_ready = true;
}

void dat_map(uint64_t va, uint64_t pa)
{
	if (!dat_ready)
		dat_setup();
	segment_table[va >> 20] = (uint64_t)test_table;
	test_table[(va >> 12) & 0xff] = pa & ~(PAGE_SIZE - 1);
	asm volatile(".insn s,0xb20d0000,0" : : : "memory");	/* ptlb */
}

void dat_on(void)
{
	uint8_t old;

	if (!dat_ready)
		dat_setup();
	asm volatile("stosm %0,0x04" : "=Q" (old) : : "memory");
}

void dat_off(void)
{
	uint8_t old;

	asm volatile("stnsm %0,0xfb" : "=Q" (old) : : "memory");
}

void set_storage_key(uint64_t addr, uint8_t key)
{
	asm volatile(".insn rrf,0xb22b0000,%0,%1,0,0"
		     : : "d" ((uint64_t)key), "a" (addr) : "memory");
}

/* ESSA extract in the problem state; the handler brings us back. */
void essa_problem_state(uint64_t addr)
{
	static uint64_t psw[2] __aligned(8) = {
		0x0001000180000000UL, 0
	};
	uint64_t r1 = R1_JUNK;

	asm volatile("	larl	%%r1,0f\n"
		     "	stg	%%r1,%[a]\n"
		     "	lpswe	%[p]\n"
		     "0:	.insn rrf,0xb9ab0000,%[r1],%[r2],0,0\n"
		     : [r1] "+d" (r1), [a] "=Q" (psw[1])
		     : [p] "Q" (psw), [r2] "a" (addr)
		     : "r1", "memory", "cc");
	check(r1 == R1_JUNK, "R1 changed by a suppressed ESSA: %#lx",
	      (unsigned long)r1);
}

/* The restart new PSW points here: set the flag, resume. */
asm(".text\n"
    "restart_handler:\n"
    "	mvi	0x300,1\n"
    "	lpswe	0x120\n");
void restart_handler(void);

void wait_restart(void)
{
	volatile uint8_t *flag = (volatile uint8_t *)LC_FLAG;

	*flag = 0;
	lc64_set(LC_RESTART_NEW_PSW, 0x0000000180000000UL);
	lc64_set(LC_RESTART_NEW_PSW + 8, (uint64_t)restart_handler);
	while (!*flag)
		;
}

void request(const char *what)
{
	printf("CMMA-REQUEST %s\n", what);
	bm_flush();
}
