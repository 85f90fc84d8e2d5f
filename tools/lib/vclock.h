/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The guest's virtual clock (tools/lib/vclock.c): what ktime_get_ns() and
 * delayed work (tools/include/linux/workqueue.h) run on in the userspace
 * build. The driver advances it with mm_tick().
 */
#ifndef _TOOLS_VCLOCK_H
#define _TOOLS_VCLOCK_H

#include <linux/mmzone.h>

void vclock_init(struct vclock *clock);
/* Time is now_ns (if later): run the delayed work now due, in order. */
void vclock_advance(struct pglist_data *pgdat, u64 now_ns);

#endif
