// SPDX-License-Identifier: GPL-2.0
/*
 * The program-check handler of the bare-metal image: the machine's answer
 * to ESSA on an emulator that lacks it (an operation exception, the PSW
 * already past the instruction).
 *
 * With ESSA emulation on, the handler plays the hypervisor: it emulates
 * the instruction against the host model (hypervisor-model/essa-trap.c,
 * the same core qemu-s390x's SIGILL path uses) and resumes the guest, as
 * KVM does on an ESSA intercept. Otherwise, or when the host model
 * answers with an operation exception itself, the guest kernel's
 * exception table decides (tools/lib/extable.c: the ESSA probe's entry),
 * then a SIGILL handler as Linux would deliver it to a process. Anything
 * else is fatal.
 */
#include <signal.h>
#include <stdio.h>
#include <hv/hv.h>
#include <hv/essa-trap.h>

#include "extable.h"
#include "baremetal.h"
#include "lowcore.h"

bool bm_essa_emulation;
static unsigned long operation_exceptions;

unsigned long bm_operation_exceptions(void)
{
	return operation_exceptions;
}

/* The program-check handler is always there; it emulates when told. */
int essa_trap_install(void)
{
	return 0;
}

void essa_trap_remove(void)
{
}

bool essa_trap_installed(void)
{
	return bm_essa_emulation;
}

static uint16_t lowcore_u16(unsigned long off)
{
	return *(volatile uint16_t *)off;
}

static uint64_t lowcore_u64(unsigned long off)
{
	return *(volatile uint64_t *)off;
}

void bm_program_check(uint64_t *regs)
{
	unsigned int code = lowcore_u16(LC_PGM_CODE) & 0x7f;
	unsigned int ilen = lowcore_u16(LC_PGM_ILC) & 0x6;
	uint64_t psw_addr = lowcore_u64(LC_PGM_OLD_PSW + 8);
	uint8_t *insn = (uint8_t *)(psw_addr - ilen);
	int pic = HV_PIC_OPERATION;

	if (code == HV_PIC_OPERATION || code == HV_PIC_PRIVILEGED) {
		operation_exceptions++;
		if (bm_essa_emulation && ilen == 4)
			pic = essa_emulate(insn, regs);
		if (pic == HV_PIC_NONE)
			return;
		/* the guest kernel's exception table (the ESSA probe's) */
		if (pic == HV_PIC_OPERATION &&
		    extable_fixup((unsigned long *)(LC_PGM_OLD_PSW + 8)))
			return;
		if (pic == HV_PIC_OPERATION || pic == ESSA_TRAP_NOT_ESSA) {
			if (bm_deliver_sigill(insn, code == HV_PIC_OPERATION ?
					      ILL_ILLOPC : ILL_PRVOPC, regs))
				return;
		}
	}
	printf("program check %#x (emulated: %#x) at %p, ilc %u\n",
	       code, pic, (void *)insn, ilen);
	printf("PAGESTATES-RESULT: FAIL program check %#x\n", code);
	bm_halt(BM_HALT_FAIL);
}
