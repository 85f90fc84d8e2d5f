// SPDX-License-Identifier: GPL-2.0
/*
 * The paravirtual hint call: one exit for a vector of (pfn, order, state)
 * requests, the shape a Xen hypercall or a virtio queue would have. Each
 * page goes through the same operation as ESSA. Since the host runs
 * anyway, it drops the resident pages set unused at once (as a virtio
 * free page reporting device does), instead of logging them. The vector
 * is checked whole before anything is applied; like ESSA, the call is
 * privileged and takes code 7 only with facility 147.
 * Semantics: Documentation/state-machine.rst.
 */
#include "pstate.h"

static int pv_check(const struct hv_guest *g, const struct hv_pv_entry *vec,
		    unsigned int nr)
{
	unsigned int i, max = essa_max_orc(g->host);

	if (hv_vcpu_problem_state())
		return HV_PIC_PRIVILEGED;
	if (nr > HV_PV_MAX_ENTRIES)
		return HV_PIC_SPECIFICATION;
	for (i = 0; i < nr; i++) {
		if (vec[i].state > max || vec[i].order >= 32)
			return HV_PIC_SPECIFICATION;
		if (vec[i].pfn >= g->nr_pages ||
		    (1ULL << vec[i].order) > g->nr_pages - vec[i].pfn)
			return HV_PIC_ADDRESSING;
	}
	return HV_PIC_NONE;
}

static void pv_apply(struct hv_guest *g, struct hv_pv_entry *e)
{
	uint64_t n = 1ULL << e->order, i;

	for (i = 0; i < n; i++) {
		unsigned int res = essa_perform(g, e->pfn + i, e->state);

		if (i == 0)
			e->result = res;
		if (e->state == ESSA_SET_UNUSED)
			reclaim_drop(g, e->pfn + i);
	}
	hv_count(g, pv_ops, n);
}

int hv_pv_set_states(struct hv_guest *guest, struct hv_pv_entry *vec,
		     unsigned int nr)
{
	unsigned int i;
	int pic;

	hv_lock(guest->host);
	hv_count(guest, pv_calls, 1);
	hv_count(guest, exits, 1);
	fault_exit(guest);
	pic = pv_check(guest, vec, nr);
	for (i = 0; !pic && i < nr; i++)
		pv_apply(guest, &vec[i]);
	hv_unlock(guest->host);
	return pic;
}
