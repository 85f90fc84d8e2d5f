// SPDX-License-Identifier: GPL-2.0
/*
 * The guest's virtual clock and delayed work for the userspace build.
 *
 * ktime_get_ns() is the latest time the guest's driver gave mm_tick();
 * schedule_delayed_work() queues a work for the guest the calling thread
 * runs, due delay jiffies (nanoseconds, linux/jiffies.h) from now; the
 * thread whose tick reaches the due time runs it, outside the clock's
 * lock. A work taken off the list to run is not queued, so it never runs
 * twice at once; it may queue itself again.
 */
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/workqueue.h>
#include <linux/ktime.h>
#include "vclock.h"

#define VCLOCK_NONE	(~0ULL)

void vclock_init(struct vclock *clock)
{
	spin_lock_init(&clock->lock);
	clock->now = 0;
	clock->next_due = VCLOCK_NONE;
	INIT_LIST_HEAD(&clock->works);
}

u64 ktime_get_ns(void)
{
	return current_pgdat ? READ_ONCE(current_pgdat->vclock.now) : 0;
}

/* Lock held. */
static void vclock_update_due(struct vclock *clock)
{
	struct delayed_work *dw;
	u64 due = VCLOCK_NONE;

	list_for_each_entry(dw, &clock->works, entry)
		due = min(due, dw->due);
	WRITE_ONCE(clock->next_due, due);
}

bool schedule_delayed_work(struct delayed_work *dwork, unsigned long delay)
{
	struct pglist_data *pgdat = current_pgdat;
	struct vclock *clock;

	BUG_ON(!pgdat);
	clock = &pgdat->vclock;
	spin_lock(&clock->lock);
	if (dwork->queued) {
		spin_unlock(&clock->lock);
		return false;
	}
	dwork->owner = pgdat;
	dwork->due = READ_ONCE(clock->now) + jiffies_to_nsecs(delay);
	dwork->queued = true;
	list_add_tail(&dwork->entry, &clock->works);
	if (dwork->due < clock->next_due)
		WRITE_ONCE(clock->next_due, dwork->due);
	spin_unlock(&clock->lock);
	return true;
}

bool cancel_delayed_work_sync(struct delayed_work *dwork)
{
	struct pglist_data *pgdat = dwork->owner;
	bool was = false;

	if (!pgdat)
		return false;
	spin_lock(&pgdat->vclock.lock);
	if (dwork->queued) {
		list_del_init(&dwork->entry);
		dwork->queued = false;
		vclock_update_due(&pgdat->vclock);
		was = true;
	}
	spin_unlock(&pgdat->vclock.lock);
	return was;
}

/* The earliest work due at now, taken off the list; NULL if none. */
static struct delayed_work *vclock_take_due(struct vclock *clock, u64 now)
{
	struct delayed_work *dw, *first = NULL;

	spin_lock(&clock->lock);
	list_for_each_entry(dw, &clock->works, entry)
		if (dw->due <= now && (!first || dw->due < first->due))
			first = dw;
	if (first) {
		list_del_init(&first->entry);
		first->queued = false;
		vclock_update_due(clock);
	}
	spin_unlock(&clock->lock);
	return first;
}

void vclock_advance(struct pglist_data *pgdat, u64 now_ns)
{
	struct vclock *clock = &pgdat->vclock;
	struct delayed_work *dw;
	u64 old = READ_ONCE(clock->now);

	while (now_ns > old &&
	       !__atomic_compare_exchange_n(&clock->now, &old, now_ns, false,
					    __ATOMIC_RELAXED,
					    __ATOMIC_RELAXED))
		;
	/* called for every event: the lock only when a work is due */
	if (now_ns < READ_ONCE(clock->next_due))
		return;
	while ((dw = vclock_take_due(clock, now_ns)))
		dw->work.func(&dw->work);
}
