/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace shim: delayed work on the guest's virtual clock. A work is
 * queued for the guest the calling thread runs (current_pgdat) and runs
 * in the thread that advances that guest's clock past its due time
 * (mm_tick, tools/lib/vclock.c), never twice at once.
 */
#ifndef _SHIM_LINUX_WORKQUEUE_H
#define _SHIM_LINUX_WORKQUEUE_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/jiffies.h>

struct work_struct;
typedef void (*work_func_t)(struct work_struct *work);

struct work_struct {
	work_func_t func;
};

struct delayed_work {
	struct work_struct work;
	struct list_head entry;		/* on the guest's list while queued */
	u64 due;			/* virtual ns */
	void *owner;			/* the guest */
	bool queued;
};

#define INIT_DELAYED_WORK(dw, fn) do {					\
	(dw)->work.func = (fn);						\
	INIT_LIST_HEAD(&(dw)->entry);					\
	(dw)->queued = false;						\
	(dw)->owner = NULL;						\
} while (0)

static inline struct delayed_work *to_delayed_work(struct work_struct *work)
{
	return container_of(work, struct delayed_work, work);
}

/* False if it was queued already (as the kernel's). */
bool schedule_delayed_work(struct delayed_work *dwork, unsigned long delay);
/* Dequeue; waits for nothing (the run is in the caller's own thread). */
bool cancel_delayed_work_sync(struct delayed_work *dwork);

#endif
