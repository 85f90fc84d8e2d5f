/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What one invocation measured: the input, the set-up and the metrics of
 * every strategy run. The outputs (table, JSON, CSV, plot) read only this.
 */
#ifndef _PAGESTATES_REPORT_H
#define _PAGESTATES_REPORT_H

#include <stdio.h>
#include <linux/mmzone.h>
#include "metrics.h"
#include "trace.h"

struct ps_report {
	/* input */
	bool is_trace;
	const char *input;		/* trace path or workload name */
	const char *description;	/* workload */
	const char *compression;	/* trace */
	const struct trace_info *trace;	/* trace */
	u64 seed;
	double duration_s;		/* of the input's own clock */
	/* set-up */
	unsigned long guest_pages;	/* per guest */
	unsigned int nr_guests;
	int nr_cpus;
	unsigned long host_pages;	/* 0: unlimited */
	const char *host_mode;
	const char *backend;
	/* results */
	struct ps_metrics runs[NR_HINT_STRATEGIES];
	unsigned int nr_runs;
};

void output_table(FILE *f, const struct ps_report *rep);
int output_json(FILE *f, const struct ps_report *rep);
int output_csv(FILE *f, const struct ps_report *rep);
/* Render the charts with gnuplot; 0, or -1 with a message on stderr. */
int output_plot(const char *path, const struct ps_report *rep);

#endif
