// SPDX-License-Identifier: GPL-2.0
/*
 * The s390 page-state backend: ESSA (EXTRACT AND SET STORAGE ATTRIBUTES),
 * one instruction per 4 KiB page, as Linux's arch/s390/mm/page-states.c.
 *
 * Here the guest kernel runs as a user process (or on bare metal under an
 * emulator), so the machine never executes ESSA: it raises SIGILL (an
 * operation exception under an emulator, a privileged-operation exception
 * on real hardware), or a program check on bare metal. Either the host
 * emulates it (hypervisor-model/essa-trap.c, the way KVM intercepts it)
 * or the probe at init sees the fault and the guest runs without hints,
 * as Linux's cmma_init does.
 */
#include <linux/kernel.h>
#include <linux/mm_types.h>
#include <asm/page-states.h>
#include <hv/hv.h>

#include <errno.h>
#include <signal.h>
#include <string.h>

#ifdef __s390x__

/*
 * ESSA R1,R2,M3: R2 = real address of the page, R1 = state before (low
 * byte). M3 is an immediate, so each operation is its own instruction.
 */
#define __essa(addr, op) ({						\
	unsigned long __rc;						\
									\
	__asm__ __volatile__(".insn rrf,0xb9ab0000,%[rc],%[a],%[m3],0"	\
			     : [rc] "=d" (__rc)				\
			     : [a] "a" (addr), [m3] "i" (op)		\
			     : "memory");				\
	__rc;								\
})

static unsigned long essa(unsigned long addr, unsigned int op)
{
	switch (op) {
	case PAGE_STATE_EXTRACT:
		return __essa(addr, PAGE_STATE_EXTRACT);
	case PAGE_STATE_STABLE:
		return __essa(addr, PAGE_STATE_STABLE);
	case PAGE_STATE_UNUSED:
		return __essa(addr, PAGE_STATE_UNUSED);
	case PAGE_STATE_VOLATILE:
		return __essa(addr, PAGE_STATE_VOLATILE);
	case PAGE_STATE_POT_VOLATILE:
		return __essa(addr, PAGE_STATE_POT_VOLATILE);
	case PAGE_STATE_STABLE_RESIDENT:
		return __essa(addr, PAGE_STATE_STABLE_RESIDENT);
	case PAGE_STATE_STABLE_IF_RESIDENT:
		return __essa(addr, PAGE_STATE_STABLE_IF_RESIDENT);
	}
	BUG();
}

/* A batch is a loop of ESSA, one per page; the result is the first's. */
static unsigned long essa_set_states(struct page_state_req *req,
				     unsigned int nr)
{
	unsigned long ops = 0;
	unsigned int i;

	for (i = 0; i < nr; i++) {
		unsigned long pfn = req[i].pfn, n = 1UL << req[i].order;
		unsigned long j, rc;

		rc = essa(pfn << PAGE_SHIFT, req[i].op);
		for (j = 1; j < n; j++)
			essa((pfn + j) << PAGE_SHIFT, req[i].op);
		req[i].result = (u8)rc;
		ops += n;
	}
	return ops;
}

/*
 * The checker's peek must not change what the host counts (an ESSA
 * extract is an exit), so it reads the host model's state directly: a
 * debug channel of this tree, as a debugger would read host state.
 */
static unsigned int essa_peek(unsigned long pfn)
{
	return hv_vcpu_peek_state(pfn);
}

/*
 * The probe's ESSA extract. R1 starts with bits no result byte has: if it
 * comes back unchanged, the instruction was suppressed (an operation or
 * privileged-operation exception) instead of executed.
 */
#define ESSA_PROBE_SENTINEL	0xc0UL

static unsigned long essa_probe_insn(void)
{
	unsigned long r1 = ESSA_PROBE_SENTINEL;

	__asm__ __volatile__(".insn rrf,0xb9ab0000,%[r1],%[a],0,0"
			     : [r1] "+d" (r1)
			     : [a] "a" (0UL)
			     : "memory");
	return r1;
}

/* The PSW already points past ESSA and R1 is untouched: carry on. */
static void essa_probe_sigill(int sig)
{
	(void)sig;
}

/*
 * Execute one ESSA extract, as Linux's cmma_init does. If nobody handles
 * SIGILL, catch the fault here for the probe only (the kernel's exception
 * table fixup). If a handler is installed, it is the one that emulates
 * ESSA (a hypervisor's intercept) and answers or suppresses it.
 */
static int essa_probe(void)
{
	struct sigaction sa, old;
	unsigned long r1;
	bool own;

	if (sigaction(SIGILL, NULL, &old))
		return -errno;
	own = !(old.sa_flags & SA_SIGINFO) &&
	      (old.sa_handler == SIG_DFL || old.sa_handler == SIG_IGN);
	if (own) {
		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = essa_probe_sigill;
		sigemptyset(&sa.sa_mask);
		if (sigaction(SIGILL, &sa, NULL))
			return -errno;
	}
	r1 = essa_probe_insn();
	if (own)
		sigaction(SIGILL, &old, NULL);
	return (r1 & ESSA_PROBE_SENTINEL) ? -EOPNOTSUPP : 0;
}

const struct page_states_backend essa_backend = {
	.name = "s390",
	.probe = essa_probe,
	.set_states = essa_set_states,
	.peek = essa_peek,
};

#endif /* __s390x__ */
