// SPDX-License-Identifier: GPL-2.0
/*
 * ESSA emulation with KVM's semantics (Linux 6.1 handle_essa, __do_essa,
 * pgste_perform_essa), one page-state operation at a time.
 *
 * The result is the state before the operation. Where a set operation
 * finds the page not resident, the content is of no more use: unused and
 * volatile pages, and potentially volatile ones the host saw clean, become
 * logically zero at once (KVM zaps them in the same intercept). Set stable
 * on a z page keeps it z: the result shows z, so the guest knows the
 * content is gone. ESSA never clears the change bit: the guest does, with
 * hv_clear_change (its SSKE) once the content matches its backing store
 * again; a page that becomes logically zero loses it too. Code 5 does not
 * make the page resident, like KVM ("the resident state can go away any
 * time after this call"). A kvm host's Vp and Pp (volatile pages paged
 * out, usage kept) take every code as Sp does, except that codes 0 and 6
 * leave them as they are: code 6 sets stable only a resident page.
 */
#include <linux/bug.h>
#include "pstate.h"

/* A page that is not resident and whose content the guest gave up. */
static pst_t essa_zap(struct hv_guest *g, pst_t b, unsigned int usage)
{
	if (pst_host(b) == PST_PRESERVED) {
		/* the swap copy is dropped without being read */
		if (usage == PST_U)
			hv_count(g, host_discards_unused, 1);
		else
			hv_count(g, host_discards_volatile, 1);
	}
	return pst_with(b & ~PST_CHANGE, usage, PST_Z);
}

static pst_t essa_set_unused_or_volatile(struct hv_guest *g, pst_t b,
					   unsigned int usage)
{
	if (pst_resident(b))
		return pst_with(b, usage, PST_R);
	return essa_zap(g, b, usage);
}

static pst_t essa_set_pot_volatile(struct hv_guest *g, pst_t b)
{
	if (pst_resident(b))
		return pst_with(b, PST_P, PST_R);
	if (pst_host(b) == PST_Z || !(b & PST_CHANGE))
		return essa_zap(g, b, PST_V);
	/* preserved and dirty: Pp cannot exist, it stays stable */
	return pst_with(b, PST_S, PST_PRESERVED);
}

static pst_t essa_new_state(struct hv_guest *g, pst_t b, unsigned int orc)
{
	switch (orc) {
	case ESSA_GET_STATE:
		return b;
	case ESSA_SET_STABLE:
		return pst_with(b & ~PST_NODAT, PST_S, pst_host(b));
	case ESSA_SET_UNUSED:
		return essa_set_unused_or_volatile(g, b, PST_U);
	case ESSA_SET_VOLATILE:
		return essa_set_unused_or_volatile(g, b, PST_V);
	case ESSA_SET_POT_VOLATILE:
		return essa_set_pot_volatile(g, b);
	case ESSA_SET_STABLE_RESIDENT:
		return pst_with(b, PST_S, pst_host(b));
	case ESSA_SET_STABLE_IF_RESIDENT:
		return pst_resident(b) ? pst_with(b, PST_S, PST_R) : b;
	case ESSA_SET_STABLE_NODAT:
		return pst_with(b | PST_NODAT, PST_S, pst_host(b));
	}
	BUG();
}

unsigned int essa_perform(struct hv_guest *g, uint64_t pfn, unsigned int orc)
{
	pst_t b = pst_get(g, pfn);
	pst_t n = essa_new_state(g, b, orc);

	if (n != b)
		pst_store(g, pfn, n);
	return pst_result(b);
}

unsigned int essa_max_orc(const struct hv_host *host)
{
	return host->cfg.nodat_facility ? ESSA_SET_STABLE_NODAT
					: ESSA_SET_STABLE_IF_RESIDENT;
}

static int essa_checked(struct hv_guest *g, uint64_t addr, unsigned int m3,
			uint64_t *r1)
{
	struct hv_host *host = g->host;
	uint64_t pfn = addr >> HV_PAGE_SHIFT;
	unsigned int res;

	if (host->cfg.mode == HV_MODE_INTERCEPT || !host->cfg.essa_available) {
		hv_count(g, exits, 1);
		fault_exit(g);
	}
	if (!host->cfg.essa_available)
		return HV_PIC_OPERATION;
	if (hv_vcpu_problem_state())
		return HV_PIC_PRIVILEGED;
	if (m3 > essa_max_orc(host))
		return HV_PIC_SPECIFICATION;
	if (pfn >= g->nr_pages)
		return HV_PIC_ADDRESSING;

	res = essa_perform(g, pfn, m3);
	hv_count(g, essa_ops, 1);
	*r1 = (*r1 & ~0xffULL) | res;
	if (m3 == ESSA_SET_UNUSED && host->cfg.mode == HV_MODE_INTERPRET)
		cbrl_append(g, pfn);
	return HV_PIC_NONE;
}

int hv_essa(struct hv_guest *guest, uint64_t addr, unsigned int m3,
	    uint64_t *r1)
{
	int pic;

	hv_lock(guest->host);
	pic = essa_checked(guest, addr, m3, r1);
	hv_unlock(guest->host);
	return pic;
}
