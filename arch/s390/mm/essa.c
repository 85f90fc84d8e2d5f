// SPDX-License-Identifier: GPL-2.0
/*
 * The s390 page-state backend: ESSA, one instruction per 4 KiB page.
 *
 * The generic operation codes are ESSA's own (linux/page-states.h), so a
 * request goes to the instruction unchanged; M3 is an immediate, so each
 * code is its own instruction. The result is R1's low byte, the state
 * before the operation.
 *
 * Where the machine has no CMMA (an emulator, a host that does not offer
 * it), ESSA raises an operation exception: the probe's exception table
 * entry catches it once at boot, and no hint is ever issued afterwards.
 */
#include <linux/kernel.h>
#include <linux/errno.h>
#include <linux/mm.h>
#include <asm/asm-extable.h>
#include <asm/page-states.h>

#define __essa(addr, op) ({						\
	unsigned long __rc;						\
									\
	asm volatile(".insn rrf,0xb9ab0000,%[rc],%[a],%[m3],0"		\
		     : [rc] "=d" (__rc)					\
		     : [a] "a" (addr), [m3] "i" (op)			\
		     : "memory");					\
	__rc;								\
})

static unsigned long essa(unsigned long addr, unsigned int op)
{
	switch (op) {
	case ESSA_GET_STATE:
		return __essa(addr, ESSA_GET_STATE);
	case ESSA_SET_STABLE:
		return __essa(addr, ESSA_SET_STABLE);
	case ESSA_SET_UNUSED:
		return __essa(addr, ESSA_SET_UNUSED);
	case ESSA_SET_VOLATILE:
		return __essa(addr, ESSA_SET_VOLATILE);
	case ESSA_SET_POT_VOLATILE:
		return __essa(addr, ESSA_SET_POT_VOLATILE);
	case ESSA_SET_STABLE_RESIDENT:
		return __essa(addr, ESSA_SET_STABLE_RESIDENT);
	case ESSA_SET_STABLE_IF_RESIDENT:
		return __essa(addr, ESSA_SET_STABLE_IF_RESIDENT);
	case ESSA_SET_STABLE_NODAT:
		return __essa(addr, ESSA_SET_STABLE_NODAT);
	}
	/* the codes are enum page_state_op's: no other one gets here */
	WARN_ON_ONCE(1);
	return PAGE_STATE_RES_EXCEPTION;
}

/* A batch is a loop of ESSA, one per page; the result is the first's. */
unsigned long essa_set_states(struct page_state_req *req, unsigned int nr)
{
	unsigned long ops = 0, pfn, n, j, rc;
	unsigned int i;

	for (i = 0; i < nr; i++) {
		pfn = req[i].pfn;
		n = 1UL << req[i].order;
		rc = essa(pfn << PAGE_SHIFT, req[i].op);
		for (j = 1; j < n; j++)
			essa((pfn + j) << PAGE_SHIFT, req[i].op);
		req[i].result = (u8)rc;
		ops += n;
	}
	return ops;
}

/*
 * One ESSA extract of page 0. If the machine suppresses the instruction
 * with a program check, the PSW points past it: the exception table sends
 * that address to the label behind the store of 0.
 */
int essa_probe(void)
{
	unsigned long state;
	int ret = -EOPNOTSUPP;

	asm volatile("	.insn	rrf,0xb9ab0000,%[state],%[addr],%[op],0\n"
		     "0:	lhi	%[ret],0\n"
		     "1:\n"
		     EX_TABLE(0b, 1b)
		     : [ret] "+d" (ret), [state] "=d" (state)
		     : [addr] "a" (0UL), [op] "i" (ESSA_GET_STATE)
		     : "memory");
	return ret;
}

const struct page_states_backend essa_backend = {
	.name = "s390",
	.probe = essa_probe,
	.set_states = essa_set_states,
};
