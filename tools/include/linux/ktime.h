/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace shim: the clock. A guest's time is the virtual clock its
 * driver advances (mm_tick, tools/lib/vclock.c), not the host's.
 */
#ifndef _SHIM_LINUX_KTIME_H
#define _SHIM_LINUX_KTIME_H

#include <linux/types.h>

u64 ktime_get_ns(void);

#endif
