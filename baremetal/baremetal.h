/* SPDX-License-Identifier: GPL-2.0 */
/* The bare-metal s390x runtime: entry glue, console, halt. */
#ifndef _BAREMETAL_H
#define _BAREMETAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Disabled-wait PSW addresses the runners read (Hercules shows the PSW). */
#define BM_HALT_PASS	0xfffUL		/* QEMU: normal shutdown */
#define BM_HALT_FAIL	0xbadUL
#define BM_HALT_ABORT	0xdeadUL	/* abort(), BUG() */

/* head.S */
int bm_servc(uint32_t cmd, void *sccb);
__attribute__((noreturn)) void bm_halt(unsigned long code);

/* pgm.c: the C side of the program-check new PSW (regs: r0..r15). */
void bm_program_check(uint64_t *regs);
extern bool bm_essa_emulation;		/* emulate ESSA against the host */
unsigned long bm_operation_exceptions(void);

/* prefix.c */
void bm_set_prefix(void *area);

/* malloc.c: the heap ends here (default 96 MiB, for -m 128) */
extern uintptr_t bm_heap_end;

/* signal.c: deliver an unhandled operation exception to the process */
bool bm_deliver_sigill(void *insn, int code, void *regs);

/* sclp.c */
void sclp_console_init(void);
void sclp_console_line(const char *s, size_t len);

/* ebcdic.c */
uint8_t ascii_to_ebcdic(unsigned char c);

/* printf.c: line buffered console output */
int bm_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void bm_flush(void);

#endif
