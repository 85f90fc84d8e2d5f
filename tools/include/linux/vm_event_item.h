/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace shim: the vm event counters page-state hinting adds to Linux
 * (/proc/vmstat page_states_*). Here they are counted per guest.
 */
#ifndef _SHIM_LINUX_VM_EVENT_ITEM_H
#define _SHIM_LINUX_VM_EVENT_ITEM_H

enum vm_event_item {
	PAGE_STATES_HINTS,		/* page-state changes requested */
	PAGE_STATES_BATCHES,		/* backend calls */
	PAGE_STATES_VOLATILE,		/* pages set (potentially) volatile */
	PAGE_STATES_COMMITS,		/* volatile pending table commits */
	PAGE_STATES_DISCARDS,		/* discarded pages the guest saw */
	NR_VM_EVENT_ITEMS
};

#endif
