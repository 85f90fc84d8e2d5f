// SPDX-License-Identifier: GPL-2.0
/*
 * Guest memory access: every guest touch of its memory goes through here,
 * so the host sees it. A page that is not resident is made resident
 * first (within the host limit): preserved pages are swapped in, logically
 * zero ones get a zero page, except a discarded volatile page at a zvm
 * host: its access raises a discard fault and touches nothing (a kvm host
 * has no discard fault: it gives a zero page, counted in
 * discarded_touches, and the content the guest expects is lost). A write
 * sets the change bit; the guest clears it (hv_clear_change) when the
 * content is clean.
 *
 * A touch never changes the usage (KVM: only ESSA writes the PGSTE usage
 * bits). A page touched while unused stays unused, so the host may still
 * drop what the guest writes into it: counted in host_unused_touches. A
 * guest that hints stable before use never does it; for it the count is
 * a bug (Documentation/state-machine.rst).
 */
#include <string.h>
#include "pstate.h"

/* Make a non-resident page resident; HV_PIC_DISCARD for Vz. */
static int access_fault_in(struct hv_guest *g, uint64_t pfn)
{
	pst_t b = pst_get(g, pfn);
	unsigned int usage = pst_usage(b);

	if (pst_host(b) == PST_Z && usage == PST_V &&
	    !(g->host->cfg.bugs & HV_BUG_NO_DISCARD_FAULT)) {
		if (!pst_kvm(g)) {
			hv_count(g, discard_faults, 1);
			return HV_PIC_DISCARD;
		}
		hv_count(g, discarded_touches, 1);
	}
	reclaim_make_room(g->host);
	b = pst_get(g, pfn);	/* reclaim may have dequeued it */
	if (pst_host(b) == PST_PRESERVED &&
	    fault_hit(g->host, g->host->cfg.faults.read_error)) {
		/* the read failed: the content stays out, the guest stops */
		hv_count(g, fault_read_errors, 1);
		__atomic_store_n(&g->stopped, true, __ATOMIC_RELAXED);
		return HV_PIC_HOST_IO_ERROR;
	}
	if (pst_host(b) == PST_PRESERVED) {
		swap_in_page(g, pfn);
		hv_count(g, host_swap_in_pages, 1);
	} else {
		/* the memory behind a z page already reads as zeros */
		hv_count(g, host_zero_fills, 1);
	}
	pst_store(g, pfn, pst_with(b, usage, PST_R));
	return HV_PIC_NONE;
}

static void access_copy(struct hv_guest *g, uint64_t pfn, size_t offset,
			void *buf, size_t len, bool write)
{
	char *page;

	if (!buf)
		return;
	page = gmem_page(g, pfn);
	if (!page) {
		/* no backing: only the first word is kept */
		gmem_copy_word(g, pfn, offset, buf, len, write);
		return;
	}
	if (write)
		memcpy(page + offset, buf, len);
	else
		memcpy(buf, page + offset, len);
}

/* The guest touched a page it had set unused: a missing stable hint. */
static void access_note_unused(struct hv_guest *g, uint64_t pfn)
{
	if (pst_usage(pst_get(g, pfn)) == PST_U)
		hv_count(g, host_unused_touches, 1);
}

static int access_locked(struct hv_guest *g, uint64_t pfn, size_t offset,
			 void *buf, size_t len, bool write)
{
	pst_t b;
	int pic;

	if (pfn >= g->nr_pages || offset > HV_PAGE_SIZE ||
	    len > HV_PAGE_SIZE - offset)
		return HV_PIC_ADDRESSING;
	if (g->stopped)
		return HV_PIC_HOST_IO_ERROR;
	if (!pst_resident(pst_get(g, pfn))) {
		pic = access_fault_in(g, pfn);
		if (pic)
			return pic;
	}
	access_note_unused(g, pfn);
	b = pst_get(g, pfn);
	if (write && !(b & PST_CHANGE))
		pst_store(g, pfn, b | PST_CHANGE);
	access_copy(g, pfn, offset, buf, len, write);
	return HV_PIC_NONE;
}

/*
 * A touch without data of a resident page in use, already changed if this
 * is a write, changes nothing: the state byte read is the whole access (a
 * racing reclaim is then simply later), no lock.
 */
static bool access_changes_nothing(const struct hv_guest *g, uint64_t pfn,
				   const void *buf, bool write)
{
	pst_t b;

	if (buf || pfn >= g->nr_pages)
		return false;
	b = pst_get(g, pfn);
	return pst_resident(b) && pst_usage(b) != PST_U &&
	       (!write || (b & PST_CHANGE));
}

int hv_access(struct hv_guest *guest, uint64_t pfn, size_t offset,
	      void *buf, size_t len, bool write)
{
	int pic;

	if (access_changes_nothing(guest, pfn, buf, write) && !offset && !len)
		return HV_PIC_NONE;
	hv_lock(guest->host);
	pic = access_locked(guest, pfn, offset, buf, len, write);
	hv_unlock(guest->host);
	return pic;
}

int hv_clear_change(struct hv_guest *guest, uint64_t pfn)
{
	int pic = HV_PIC_ADDRESSING;
	pst_t b;

	hv_lock(guest->host);
	if (pfn < guest->nr_pages) {
		b = pst_get(guest, pfn);
		if (b & PST_CHANGE)
			pst_store(guest, pfn, b & ~PST_CHANGE);
		pic = HV_PIC_NONE;
	}
	hv_unlock(guest->host);
	return pic;
}

bool hv_peek_word(struct hv_guest *guest, uint64_t pfn, uint32_t *word)
{
	bool known = true;

	*word = 0;
	hv_lock(guest->host);
	if (pfn >= guest->nr_pages)
		known = false;
	else if (guest->word)
		*word = guest->word[pfn];
	else if (pst_resident(pst_get(guest, pfn)))
		memcpy(word, gmem_page(guest, pfn), sizeof(*word));
	else if (pst_host(pst_get(guest, pfn)) != PST_Z)
		known = false;
	hv_unlock(guest->host);
	return known;
}
