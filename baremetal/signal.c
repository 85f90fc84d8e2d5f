// SPDX-License-Identifier: GPL-2.0
/*
 * SIGILL for the bare-metal image: the one signal the guest code uses
 * (its ESSA probe). bm_deliver_sigill() is called by the program-check
 * handler for an exception nobody emulated, with the old PSW already past
 * the instruction, as Linux does for a process.
 */
#include <errno.h>
#include <signal.h>
#include <stddef.h>

#include "baremetal.h"

static struct sigaction sigill_action;

int sigaction(int sig, const struct sigaction *sa, struct sigaction *old)
{
	if (sig != SIGILL) {
		errno = EINVAL;
		return -1;
	}
	if (old)
		*old = sigill_action;
	if (sa)
		sigill_action = *sa;
	return 0;
}

/* Returns false when nobody handles SIGILL (the program would die). */
bool bm_deliver_sigill(void *insn, int code, void *regs)
{
	siginfo_t si = { .si_signo = SIGILL, .si_code = code,
			 .si_addr = insn };

	if (sigill_action.sa_flags & SA_SIGINFO) {
		sigill_action.sa_sigaction(SIGILL, &si, regs);
		return true;
	}
	if (sigill_action.sa_handler == SIG_DFL)
		return false;
	if (sigill_action.sa_handler != SIG_IGN)
		sigill_action.sa_handler(SIGILL);
	return true;
}
