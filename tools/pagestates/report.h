/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What one invocation measured: the input, the set-up and the metrics of
 * every strategy run. The outputs (table, JSON, CSV, plot) read only this.
 */
#ifndef _PAGESTATES_REPORT_H
#define _PAGESTATES_REPORT_H

#include <stdio.h>
#include <linux/mmzone.h>
#include "frontier.h"
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
	const char *start;		/* "aged", "fresh" */
	const char *host;		/* host semantics: "kvm", "zvm" */
	bool guest_mem_fixed;		/* --guest-mem given: not sized */
	/* results */
	struct ps_metrics runs[NR_HINT_STRATEGIES];
	unsigned int nr_runs;
	const struct ps_frontier *frontier;	/* NULL: not computed */
};

/* One line on the start state and one on the host semantics. */
const char *ps_start_description(const char *start);
const char *ps_host_description(const char *host);

/* compare.c: what a comparison derives from its runs. */
struct ps_derived {
	bool have_saving;		/* none was run */
	double saving_pages;		/* none's host_required_mean less ours */
	bool have_share;		/* cmma was run and saves something */
	double share_of_cmma;		/* our saving / cmma's */
	bool have_distance;		/* the frontier is known */
	double distance_pages;		/* unhinted_free_mean above the bound */
};

const struct ps_metrics *ps_report_run(const struct ps_report *rep,
				       const char *strategy);
void ps_derive(const struct ps_report *rep, const struct ps_metrics *m,
	       struct ps_derived *d);
/* The rows of ps_derived (key, value or NAN) for the table and CSV. */
enum ps_derived_row { PS_ROW_SAVING, PS_ROW_SHARE, PS_ROW_DISTANCE,
		      PS_NR_DERIVED_ROWS };
extern const char *const ps_derived_keys[PS_NR_DERIVED_ROWS];
double ps_derived_value(const struct ps_derived *d, enum ps_derived_row r);
/* Same input for every run? false, with the reason in why. */
bool ps_report_valid(const struct ps_report *rep, char *why, size_t len);
/* Memory within which two runs save the same (the verdict). */
double ps_equal_saving_pages(const struct ps_report *rep);
/* The one-line verdict of a comparison. */
void ps_verdict(const struct ps_report *rep, char *buf, size_t len);

void output_table(FILE *f, const struct ps_report *rep);
int output_json(FILE *f, const struct ps_report *rep);
int output_csv(FILE *f, const struct ps_report *rep);
/* The table's metrics, one row per strategy (output_csv.c). */
int output_summary_csv(FILE *f, const struct ps_report *rep);
/* Render the charts with gnuplot; 0, or -1 with a message on stderr. */
int output_plot(const char *path, const struct ps_report *rep);

/* pagestates frontier: the curve alone. */
void output_frontier_table(FILE *f, const struct ps_report *rep);
int output_frontier_json(FILE *f, const struct ps_report *rep);
int output_frontier_plot(const char *path, const struct ps_report *rep);

#endif
