// SPDX-License-Identifier: GPL-2.0
/*
 * ESSA trap and emulate: the counterpart of KVM's ESSA intercept (Linux
 * 6.1 arch/s390/kvm/priv.c handle_essa).
 *
 *   KVM                                  here
 *   SIE exit, intercept code 4           SIGILL, si_code ILL_ILLOPC (QEMU:
 *   (instruction), ipa 0xb9ab            operation exception) or ILL_PRVOPC
 *                                        (real hardware: privileged op);
 *                                        bare metal: program check 0x01
 *   decode R1/R2/M3 from ipb             decode from the instruction bytes
 *                                        (B9AB M3_ R1R2) at si_addr
 *   __do_essa: gfn = gprs[r2] >> 12,     hv_essa(hv_vcpu_current(),
 *   pgste_perform_essa, gprs[r1] =       gprs[r2], m3, &gprs[r1])
 *   old state in the low byte
 *   the guest PSW already points past    the same: the kernel reports the
 *   ESSA (KVM completes intercepted      PSW of the next instruction, so
 *   instructions, never re-executes)     returning resumes the guest
 *   kvm_s390_inject_program_int() for    an operation exception (ESSA not
 *   operation/specification exceptions  provided) goes to the handler that
 *                                        had SIGILL before: the guest's
 *                                        program-check handler, which finds
 *                                        the probe's exception table entry
 *                                        (tools/lib/extable.c); any other
 *                                        exception kills it like an oops
 *
 * The signal is synchronous: it arrives in the thread whose vcpu executed
 * ESSA, in the middle of guest code (zone lock possibly held) but never
 * inside the host model, so the handler may take the model's lock.
 */
#include <errno.h>
#include <hv/hv.h>
#include <hv/essa-trap.h>

static unsigned long essa_trap_emulated;
static unsigned long essa_trap_injected;

int essa_emulate(const uint8_t insn[4], uint64_t gprs[16])
{
	unsigned int m3, r1, r2;
	struct hv_guest *guest;
	uint64_t val;
	int pic;

	/* RRF-c: byte 2 = M3 << 4, byte 3 = R1 << 4 | R2 */
	if (insn[0] != 0xb9 || insn[1] != 0xab)
		return ESSA_TRAP_NOT_ESSA;
	m3 = insn[2] >> 4;
	r1 = insn[3] >> 4;
	r2 = insn[3] & 0xf;

	guest = hv_vcpu_current();
	val = gprs[r1];
	pic = guest ? hv_essa(guest, gprs[r2], m3, &val) : HV_PIC_OPERATION;
	if (pic == HV_PIC_NONE) {
		gprs[r1] = val;
		__atomic_add_fetch(&essa_trap_emulated, 1, __ATOMIC_RELAXED);
	} else {
		__atomic_add_fetch(&essa_trap_injected, 1, __ATOMIC_RELAXED);
	}
	return pic;
}

void essa_trap_get_stats(struct essa_trap_stats *stats)
{
	stats->emulated = __atomic_load_n(&essa_trap_emulated,
					  __ATOMIC_RELAXED);
	stats->injected = __atomic_load_n(&essa_trap_injected,
					  __ATOMIC_RELAXED);
}

#if defined(__s390x__) && __STDC_HOSTED__

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

static struct sigaction essa_trap_old;
static bool essa_trap_active;

static void essa_trap_oops(const char *msg)
{
	ssize_t n = write(2, msg, strlen(msg));

	(void)n;
	abort();
}

/* Not ESSA: hand the signal to whoever had SIGILL before us. */
static void essa_trap_chain(int sig, siginfo_t *si, void *ctx)
{
	if (essa_trap_old.sa_flags & SA_SIGINFO) {
		essa_trap_old.sa_sigaction(sig, si, ctx);
		return;
	}
	if (essa_trap_old.sa_handler == SIG_IGN)
		return;
	if (essa_trap_old.sa_handler != SIG_DFL) {
		essa_trap_old.sa_handler(sig);
		return;
	}
	essa_trap_oops("essa-trap: SIGILL not caused by ESSA\n");
}

static void essa_trap_sigill(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	int saved_errno = errno;
	int pic;

	_Static_assert(sizeof(uc->uc_mcontext.gregs) == 16 * sizeof(uint64_t),
		       "s390x gregs are r0..r15");
	pic = si->si_addr ? essa_emulate(si->si_addr,
					 (uint64_t *)uc->uc_mcontext.gregs)
			  : ESSA_TRAP_NOT_ESSA;
	/*
	 * Not ESSA, or ESSA answered with an operation exception (no CMMA):
	 * the guest's program-check handler takes it (its exception table).
	 */
	if (pic == ESSA_TRAP_NOT_ESSA || pic == HV_PIC_OPERATION)
		essa_trap_chain(sig, si, ctx);
	else if (pic != HV_PIC_NONE)
		essa_trap_oops("essa-trap: program check in ESSA\n");
	errno = saved_errno;
}

int essa_trap_install(void)
{
	struct sigaction sa;

	if (essa_trap_active)
		return 0;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = essa_trap_sigill;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGILL, &sa, &essa_trap_old))
		return -errno;
	essa_trap_active = true;
	return 0;
}

void essa_trap_remove(void)
{
	if (!essa_trap_active)
		return;
	sigaction(SIGILL, &essa_trap_old, NULL);
	essa_trap_active = false;
}

bool essa_trap_installed(void)
{
	return essa_trap_active;
}

#elif __STDC_HOSTED__ /* no s390x Linux process: no SIGILL to catch */

int essa_trap_install(void)
{
	return -ENOSYS;
}

void essa_trap_remove(void)
{
}

bool essa_trap_installed(void)
{
	return false;
}

#else
/*
 * Freestanding (the bare-metal image): the program-check handler is the
 * front end and supplies these three (baremetal/pgm.c).
 */
#endif
