/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A progress bar on standard error: done/total, rate, ETA. Drawn only when
 * enabled (by default: stderr is a terminal), at most ten times a second.
 */
#ifndef _PAGESTATES_PROGRESS_H
#define _PAGESTATES_PROGRESS_H

#include <stdbool.h>
#include <stdio.h>
#include <linux/types.h>

struct progress {
	bool enabled;
	FILE *out;
	const char *label;
	const char *unit;
	u64 total;		/* 0: unknown (no bar, no ETA) */
	bool bytes;		/* done/total are bytes: shown in MiB */
	double start, last_draw;
	bool drawn;
};

/*
 * mode: -1 auto (isatty), 0 off, 1 on. An enabled bar on stderr takes
 * over stderr: whatever else is written there clears the bar first.
 */
void progress_init(struct progress *p, int mode, FILE *out);
void progress_begin(struct progress *p, const char *label, const char *unit,
		    u64 total);
void progress_draw(struct progress *p, u64 done);
static inline void progress_update(struct progress *p, u64 done)
{
	if (p->enabled && !(done & 0x3fff))
		progress_draw(p, done);
}
/* Clear the line. */
void progress_end(struct progress *p);

double ps_now(void);	/* monotonic seconds */
double ps_cpu_now(void);	/* CPU seconds of this process */

#endif
