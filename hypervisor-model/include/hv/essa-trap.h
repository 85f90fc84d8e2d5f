/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Trap and emulate ESSA, hypervisor-model/essa-trap.c.
 *
 * The guest executes the real instruction; the machine (QEMU's TCG,
 * Hercules, or real hardware in problem state) does not provide it and
 * raises a program interruption with the PSW already past it. The
 * emulation decodes the instruction, runs it against the host model for
 * the guest the faulting cpu's vcpu runs (hv_vcpu_current()) and writes
 * the result into R1, as KVM does on an ESSA intercept.
 *
 * essa_emulate() is that core. Two front ends call it: the SIGILL handler
 * below for s390x guests run as user processes (qemu-s390x, s390x Linux),
 * and the program-check handler of the bare-metal image (baremetal/).
 */
#ifndef _HV_ESSA_TRAP_H
#define _HV_ESSA_TRAP_H

#include <stdbool.h>
#include <stdint.h>

#define ESSA_TRAP_NOT_ESSA	(-1)

struct essa_trap_stats {
	unsigned long emulated;		/* ESSA trapped and emulated */
	unsigned long injected;		/* answered with a program check */
};

/*
 * Emulate the 4-byte instruction insn with the general registers gprs
 * (R1 is written on success). Returns HV_PIC_NONE, the program
 * interruption code to present to the guest (HV_PIC_OPERATION without a
 * vcpu), or ESSA_TRAP_NOT_ESSA. Counts into the stats below.
 */
int essa_emulate(const uint8_t insn[4], uint64_t gprs[16]);

/* Totals since the process started, over all cpus. */
void essa_trap_get_stats(struct essa_trap_stats *stats);

/*
 * The SIGILL front end (s390x Linux processes only; elsewhere install
 * fails with -ENOSYS). Install is process wide and idempotent; remove
 * restores the SIGILL disposition found at install. In the bare-metal
 * image the program-check handler is the front end: install succeeds,
 * and installed says whether it emulates ESSA.
 */
int essa_trap_install(void);
void essa_trap_remove(void);
bool essa_trap_installed(void);

#endif
