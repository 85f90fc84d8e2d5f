/* SPDX-License-Identifier: GPL-2.0 */
/*
 * record --command-only: the lines of the command's tasks. tracefs's
 * set_event_pid lets other tasks' events through now and then (a traced
 * task woken from another's context clears the cpu's ignore flag until
 * the next switch), so the recorder keeps a line only if its task is
 * the command or one of the tasks it forked, learnt from
 * sched_process_fork lines, which are not written.
 */
#ifndef _PAGESTATES_RECORD_FILTER_H
#define _PAGESTATES_RECORD_FILTER_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>
#include "u64map.h"

struct record_filter {
	struct u64map pids;	/* the command's tasks */
	u64 dropped;		/* lines of other tasks */
};

int record_filter_init(struct record_filter *f, long pid);
void record_filter_free(struct record_filter *f);
/* Whether to write the line (len bytes, no newline); learns forks. */
bool record_filter_keep(struct record_filter *f, const char *line,
			size_t len);
/* The task id of a tracefs text line ("comm-PID [CPU] ..."), or -1. */
long record_filter_pid(const char *line, size_t len);

#endif
