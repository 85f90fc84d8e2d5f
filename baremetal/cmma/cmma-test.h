/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cmma-test: a bare-metal s390x image that drives ESSA on a machine that
 * provides it (QEMU with qemu/patches) and checks the answers against the
 * architecture and KVM's semantics. Shared declarations.
 */
#ifndef _CMMA_TEST_H
#define _CMMA_TEST_H

#include <stdbool.h>
#include <stdint.h>
#include <linux/compiler.h>	/* __aligned */
#include <linux/kernel.h>	/* ARRAY_SIZE */

#define PAGE_SIZE		4096UL

/* Program interruption codes */
#define PGM_OPERATION		0x01
#define PGM_PRIVILEGED		0x02
#define PGM_ADDRESSING		0x05
#define PGM_SPECIFICATION	0x06
#define PGM_DISCARD_FAULT	0x1a

/* ESSA result byte: the state before the operation */
#define RES_RESIDENT		0x00
#define RES_ZERO		0x03
#define RES_STABLE		0x00
#define RES_UNUSED		0x04
#define RES_POT_VOLATILE	0x08
#define RES_VOLATILE		0x0c
#define RES_NODAT		0x20

/* R1 before an ESSA: bits no result has, to see what the machine wrote */
#define R1_JUNK			0x5a5a5a5a5a5a5ac0UL

/* Lowcore (real addresses) */
#define LC_TEC			0x0a8	/* translation-exception identification */
#define LC_RESTART_OLD_PSW	0x120
#define LC_FLAG			0x300	/* free for software: restart flag */

/* ESSA with operation request code orc (0-15) on absolute address addr. */
uint64_t essa(unsigned int orc, uint64_t addr);

/* What the program-check handler saw last. */
struct pgm_event {
	unsigned int code, ilen;
	uint64_t psw_addr, psw_mask, tec;
};
/* Allow one program check (0: none); returns the number seen so far. */
void pgm_expect(unsigned int code);
unsigned long pgm_count(void);
extern struct pgm_event pgm_last;

/* Accesses whose instruction address is known (for nullification). */
uint64_t probe_load(uint64_t addr, uint64_t *insn);
void probe_store(uint64_t addr, uint64_t val, uint64_t *insn);

uint64_t tod_ns(void);
bool facility(unsigned int nr);
void dat_on(void);
void dat_off(void);
/* Map virtual page va (above memory) to frame pa; identity elsewhere. */
void dat_map(uint64_t va, uint64_t pa);
void set_storage_key(uint64_t addr, uint8_t key);
void essa_problem_state(uint64_t addr);
/* Wait for the monitor's inject-nmi (a restart interruption). */
void wait_restart(void);

/* Page states as the tests write them down */
enum usage { S = 0, U = 1, P = 2, V = 3 };

struct state {
	enum usage usage;
	bool zero, nodat;
};
uint8_t encode(struct state s);

/* pages.c: content, and the block-release list (511 entries) */
#define CBRL_ENTRIES	511
void fill(uint64_t page, uint64_t pattern);
bool content_is(uint64_t page, uint64_t pattern, bool zero);
void flush_list(void);
void list_room(unsigned int n);
void make_state(uint64_t page, struct state s, uint64_t pattern);

/* Results */
extern unsigned long failures;
#define check(cond, ...) do {						\
	if (!(cond)) {							\
		failures++;						\
		printf("  FAIL %s:%d: ", __func__, __LINE__);		\
		printf(__VA_ARGS__);					\
		printf("\n");						\
	}								\
} while (0)

/* ESSA executed without exception, per code; pages put on the list. */
extern unsigned long essa_done[8];
extern unsigned long essa_listed;

/* Modes */
int test_codes(bool essa_on);
int test_discard(bool automatic);
int test_rss(unsigned long mib);
int test_migrate(void);
int test_bench(unsigned long iterations);

/* Ask the harness for something on the console and wait for the answer */
void request(const char *what);

#endif
