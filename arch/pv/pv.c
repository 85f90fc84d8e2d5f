// SPDX-License-Identifier: GPL-2.0
/*
 * The paravirtual backend: a batch is one hypercall with a vector of
 * (pfn, order, state), the shape Xen or a virtio device would use. The
 * vector is one 4 KiB page (HV_PV_MAX_ENTRIES entries); a bigger batch
 * takes one call per page of requests.
 */
#include <errno.h>
#include <stdio.h>
#include <linux/bug.h>
#include <asm-generic/page-states-backends.h>
#include <hv/hv.h>

/* The per-cpu vector page; set_states must not allocate. */
static __thread struct hv_pv_entry pv_vec[HV_PV_MAX_ENTRIES];

static int pv_probe(void)
{
	return hv_vcpu_current() ? 0 : -ENODEV;
}

static void pv_call(struct page_state_req *req, unsigned int nr)
{
	unsigned int i;
	int pic;

	for (i = 0; i < nr; i++)
		pv_vec[i] = (struct hv_pv_entry){
			.pfn = req[i].pfn,
			.order = req[i].order,
			.state = req[i].op,
		};
	pic = hv_pv_set_states(hv_vcpu_current(), pv_vec, nr);
	if (pic) {
		fprintf(stderr, "pv: hint call failed: program check %#x\n",
			pic);
		BUG();
	}
	for (i = 0; i < nr; i++)
		req[i].result = pv_vec[i].result;
}

static unsigned long pv_set_states(struct page_state_req *req,
				   unsigned int nr)
{
	unsigned long ops = 0;
	unsigned int i, n;

	for (i = 0; i < nr; i += n) {
		n = nr - i < HV_PV_MAX_ENTRIES ? nr - i : HV_PV_MAX_ENTRIES;
		pv_call(req + i, n);
	}
	for (i = 0; i < nr; i++)
		ops += 1UL << req[i].order;
	return ops;
}

const struct page_states_backend pv_backend = {
	.name = "pv",
	.probe = pv_probe,
	.set_states = pv_set_states,
	.peek = hv_vcpu_peek_state,
	.peek_range = hv_vcpu_peek_states,
};
