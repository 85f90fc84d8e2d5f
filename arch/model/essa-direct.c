// SPDX-License-Identifier: GPL-2.0
/*
 * The native "machine" backend: ESSA semantics without the instruction.
 * A batch is a loop of ESSA, one per 4 KiB page, as on s390; each goes
 * straight to the hypervisor model of the guest this vcpu runs.
 */
#include <errno.h>
#include <linux/bug.h>
#include <asm-generic/page-states-backends.h>
#include <hv/hv.h>

static unsigned int essa_direct_one(struct hv_guest *guest,
				    unsigned long pfn, unsigned int op)
{
	uint64_t r1 = 0;
	int pic = hv_essa(guest, (uint64_t)pfn << 12, op, &r1);

	/* a program check here is a kernel bug, as on s390 */
	if (pic) {
		fprintf(stderr, "essa-direct: pfn %lu op %u: program check %#x\n",
			pfn, op, pic);
		BUG();
	}
	return r1 & 0xff;
}

static int essa_direct_probe(void)
{
	struct hv_guest *guest = hv_vcpu_current();
	uint64_t r1 = 0;

	if (!guest)
		return -ENODEV;
	if (hv_essa(guest, 0, ESSA_GET_STATE, &r1))
		return -EOPNOTSUPP;
	return 0;
}

static unsigned long essa_direct_set_states(struct page_state_req *req,
					    unsigned int nr)
{
	struct hv_guest *guest = hv_vcpu_current();
	unsigned long ops = 0, n, i;
	unsigned int j;

	for (j = 0; j < nr; j++) {
		n = 1UL << req[j].order;
		for (i = 0; i < n; i++) {
			unsigned int res = essa_direct_one(guest,
							   req[j].pfn + i,
							   req[j].op);

			if (i == 0)
				req[j].result = res;
		}
		ops += n;
	}
	return ops;
}

const struct page_states_backend essa_direct_backend = {
	.name = "essa-direct",
	.probe = essa_direct_probe,
	.set_states = essa_direct_set_states,
	.peek = hv_vcpu_peek_state,
	.peek_range = hv_vcpu_peek_states,
};
