// SPDX-License-Identifier: GPL-2.0
/*
 * The guest kernel's exception table (EX_TABLE, asm/asm-extable.h) in the
 * userspace build of s390x. The machine answers an instruction it lacks
 * (ESSA under QEMU's TCG) with an operation exception, the PSW past the
 * instruction; in a user process that is SIGILL. The handler here plays
 * the kernel's program-check handler: an entry for the PSW address
 * resumes at its fixup, anything else is fatal. A host that traps and
 * emulates ESSA (hypervisor-model/essa-trap.c) installs itself in front
 * and hands the exceptions it does not emulate on to this handler.
 */
#include "extable.h"

#ifdef __s390x__

struct exception_table_entry {
	int insn, fixup;
	short type, data;
};

extern const struct exception_table_entry __start___ex_table[]
	__attribute__((weak));
extern const struct exception_table_entry __stop___ex_table[]
	__attribute__((weak));

static unsigned long ex_addr(const int *field)
{
	return (unsigned long)field + *field;
}

bool extable_fixup(unsigned long *psw_addr)
{
	const struct exception_table_entry *e;

	for (e = __start___ex_table; e < __stop___ex_table; e++)
		if (ex_addr(&e->insn) == *psw_addr) {
			*psw_addr = ex_addr(&e->fixup);
			return true;
		}
	return false;
}

#if __STDC_HOSTED__

#include <signal.h>
#include <string.h>
#include <ucontext.h>

static bool sigill_installed;

static void extable_sigill(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;

	(void)si;
	if (extable_fixup(&uc->uc_mcontext.psw.addr))
		return;
	/* no fixup: die of the SIGILL when the instruction runs again */
	signal(sig, SIG_DFL);
}

__attribute__((constructor)) static void extable_sigill_install(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = extable_sigill;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	sigill_installed = !sigaction(SIGILL, &sa, NULL);
}

bool extable_handler_installed(void)
{
	return sigill_installed;
}

#else /* bare metal: the program-check handler calls extable_fixup */

bool extable_handler_installed(void)
{
	return true;
}

#endif

#else /* !__s390x__: no exception table */

bool extable_fixup(unsigned long *psw_addr)
{
	(void)psw_addr;
	return false;
}

bool extable_handler_installed(void)
{
	return false;
}

#endif
