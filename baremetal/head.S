/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Bare-metal s390x entry and interruption glue.
 *
 * Entered from the IPL PSW (Hercules: ESA/390 mode, 31-bit) or directly in
 * z/Architecture 64-bit mode (QEMU -kernel). Switches to z/Architecture,
 * sets up stack, bss and the new PSWs, and calls bm_main().
 */
#include "lowcore.h"

	.section .text.head, "ax"
	.globl	_start
_start:
	/* z/Architecture mode (a no-op if already there), 64-bit addressing */
	slr	%r0, %r0
	lhi	%r1, 1			/* SIGP set architecture: z/Arch */
	sigp	%r1, %r0, 0x12
	sam64
	larl	%r15, __stack_top
	aghi	%r15, -160
	/* Clear bss, 256 bytes at a time (the linker aligns both ends) */
	larl	%r2, __bss_start
	larl	%r3, __bss_end
0:	clgr	%r2, %r3
	jnl	1f
	xc	0(256, %r2), 0(%r2)
	la	%r2, 256(%r2)
	j	0b
1:	/* Control register 0: AFP registers on, service-signal subclass */
	larl	%r1, initial_cr0
	lctlg	%c0, %c0, 0(%r1)
	/* New PSWs: program checks, external interruptions, restart */
	larl	%r1, pgm_new_psw
	mvc	LC_PGM_NEW_PSW(16, %r0), 0(%r1)
	larl	%r1, ext_new_psw
	mvc	LC_EXT_NEW_PSW(16, %r0), 0(%r1)
	brasl	%r14, bm_main
	/* bm_main does not return; halt if it does */
	lghi	%r2, 0xdea
	brasl	%r14, bm_halt

/*
 * void bm_halt(unsigned long code): disabled wait, the PSW address is
 * the code (0xfff: QEMU's "normal shutdown" address).
 */
	.text
	.globl	bm_halt
bm_halt:
	larl	%r1, halt_psw
	stg	%r2, 8(%r1)
	lpswe	0(%r1)

/*
 * int bm_servc(unsigned int cmd, void *sccb): SERVICE CALL, then wait for
 * the service-signal external interruption that completes it (Hercules
 * refuses the next call while one is pending). Returns the condition code.
 */
	.globl	bm_servc
bm_servc:
	.insn	rre, 0xb2200000, %r2, %r3	/* servc */
	ipm	%r2
	srl	%r2, 28
	ltr	%r2, %r2
	jnz	2f
	larl	%r1, ext_wait_psw
	lpswe	0(%r1)
ext_resume:			/* the external new PSW points here */
	lghi	%r2, 0
2:	llgfr	%r2, %r2
	br	%r14

/*
 * Program check: save the registers (general ones in the lowcore), call
 * bm_program_check(regs) on its own stack, which may change them, restore
 * and resume at the program old PSW. No nesting: the handler must not
 * fault.
 */
pgm_check:
	stmg	%r0, %r15, LC_SAVE_GPRS
	/* the C code may use floating-point registers too */
	larl	%r1, fpr_save
	.irp	i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	std	\i, \i * 8(%r1)
	.endr
	stfpc	128(%r1)
	lghi	%r2, LC_SAVE_GPRS
	larl	%r15, pgm_stack_top
	aghi	%r15, -160
	brasl	%r14, bm_program_check
	larl	%r1, fpr_save
	lfpc	128(%r1)
	.irp	i, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15
	ld	\i, \i * 8(%r1)
	.endr
	lmg	%r0, %r15, LC_SAVE_GPRS
	lpswe	LC_PGM_OLD_PSW

	.section .rodata
	.align	8
initial_cr0:
	.quad	0x0000000000040200	/* AFP (bit 45), service signal (54) */
pgm_new_psw:
	.quad	0x0000000180000000, pgm_check
ext_new_psw:
	.quad	0x0000000180000000, ext_resume
ext_wait_psw:				/* enabled wait: EXT + WAIT, 64-bit */
	.quad	0x0102000180000000, 0

	.data
	.align	8
halt_psw:
	.quad	0x0002000180000000, 0

	.bss
	.align	8
fpr_save:
	.space	136
	.align	4096
	.space	16384
pgm_stack_top:

	.section .note.GNU-stack, "", @progbits
