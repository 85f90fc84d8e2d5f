// SPDX-License-Identifier: GPL-2.0
/*
 * vm event counters of the userspace build: per guest (the node the
 * calling thread runs), with the hint accounting the tool reports on top
 * of them. A kernel shows the same counters in /proc/vmstat.
 */
#include <linux/mm.h>
#include <linux/vmstat.h>

void count_vm_events(enum vm_event_item item, long delta)
{
	atomic_long_add(delta, &current_pgdat->vm_events[item]);
}

static unsigned long events(struct pglist_data *pgdat, int item)
{
	return (unsigned long)atomic_long_read(&pgdat->vm_events[item]);
}

static unsigned long boot_events(struct pglist_data *pgdat, int item)
{
	return (unsigned long)atomic_long_read(&pgdat->boot_events[item]);
}

/* Everything counted so far was boot; the rest is the workload's. */
void page_states_boot_done(void)
{
	struct pglist_data *pgdat = current_pgdat;
	int i;

	for (i = 0; i < NR_VM_EVENT_ITEMS; i++)
		atomic_long_set(&pgdat->boot_events[i], (long)events(pgdat, i));
}

void page_states_get_stats(struct page_states_stats *stats)
{
	struct pglist_data *pgdat = current_pgdat;

	stats->boot_hint_ops = boot_events(pgdat, PAGE_STATES_HINTS);
	stats->boot_hint_calls = boot_events(pgdat, PAGE_STATES_BATCHES);
	stats->hint_ops = events(pgdat, PAGE_STATES_HINTS) -
			  stats->boot_hint_ops;
	stats->hint_calls = events(pgdat, PAGE_STATES_BATCHES) -
			    stats->boot_hint_calls;
}

void page_states_reset_stats(void)
{
	struct pglist_data *pgdat = current_pgdat;
	int i;

	for (i = 0; i < NR_VM_EVENT_ITEMS; i++) {
		atomic_long_set(&pgdat->vm_events[i], 0);
		atomic_long_set(&pgdat->boot_events[i], 0);
	}
}

unsigned long page_states_event(enum vm_event_item item)
{
	return events(current_pgdat, item);
}
