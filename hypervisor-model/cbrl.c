// SPDX-License-Identifier: GPL-2.0
/*
 * The collaborative-memory block-release list of interpret mode.
 *
 * With hardware assist ESSA runs without the host; a page set unused is
 * logged in a 4 KiB list of 511 usable entries. When it is full the guest
 * exits once and the host works through the list. A kvm host frees only
 * entries already swapped out or zero (Linux 6.1 __gmap_zap ->
 * ptep_zap_unused; here ESSA made those z already), so a resident unused
 * page stays resident until host reclaim drops it; a zvm host drops every
 * listed page that is still unused and resident, in one batch.
 * (Hardware logs the pages it cannot handle itself; DESIGN.md section 2
 * logs every page set unused, so that exits are one per 511 unused
 * hints.) One list per guest: vcpus are not modelled apart.
 */
#include "pstate.h"

void cbrl_flush(struct hv_guest *g)
{
	unsigned int i;

	hv_count(g, exits, 1);
	hv_count(g, cbrl_flushes, 1);
	fault_exit(g);
	fault_act(g);
	for (i = 0; !pst_kvm(g) && i < g->cbrl_nr; i++) {
		pst_t b = pst_get(g, g->cbrl[i]);

		if (pst_pair(b) == PST_UR)
			reclaim_drop(g, g->cbrl[i]);
	}
	g->cbrl_nr = 0;
}

void cbrl_append(struct hv_guest *g, uint64_t pfn)
{
	g->cbrl[g->cbrl_nr++] = (uint32_t)pfn;
	if (g->cbrl_nr == HV_CBRL_ENTRIES)
		cbrl_flush(g);
}
