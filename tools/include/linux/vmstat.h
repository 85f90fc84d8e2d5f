/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace shim: vm event counters, counted for the guest the calling
 * thread runs (mm/vmstat.c of the userspace build).
 */
#ifndef _SHIM_LINUX_VMSTAT_H
#define _SHIM_LINUX_VMSTAT_H

#include <linux/vm_event_item.h>

void count_vm_events(enum vm_event_item item, long delta);

static inline void count_vm_event(enum vm_event_item item)
{
	count_vm_events(item, 1);
}

#endif
