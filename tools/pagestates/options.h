/* SPDX-License-Identifier: GPL-2.0 */
/* Command line of the pagestates tool. */
#ifndef _PAGESTATES_OPTIONS_H
#define _PAGESTATES_OPTIONS_H

#include <stdbool.h>
#include <linux/types.h>
#include <linux/mmzone.h>
#include <hv/hv.h>

enum ps_command { CMD_NONE, CMD_RUN, CMD_REPLAY, CMD_COMPARE, CMD_LIST,
		  CMD_HELP, CMD_VERSION };

struct ps_options {
	enum ps_command command;
	const char *input;		/* workload name or trace path */
	bool input_is_trace;
	/* strategies to run, in order */
	enum hint_strategy strategies[NR_HINT_STRATEGIES];
	unsigned int nr_strategies;
	unsigned long guest_pages;	/* 0: what the input needs */
	unsigned long host_pages;	/* when host_percent < 0 */
	double host_percent;		/* of all guest memory; <0: pages */
	bool host_unlimited;
	int nr_cpus;			/* 0: the input's */
	unsigned int nr_guests;		/* 0: the workload's */
	enum hv_mode host_mode;
	const char *backend;		/* NULL: default */
	u64 seed;
	double duration_s;		/* workloads; 0: their default */
	const char *json;		/* file or "-" */
	const char *csv;
	const char *plot;
	const char *format;		/* trace format, NULL: detect */
	bool strict;
	bool quiet;
	int progress;			/* -1 auto, 0 off, 1 on */
	bool timing;			/* parse and replay times on stderr */
	u64 check_every;		/* 0: automatic */
	u64 aging_delay_ns;		/* 0: the strategy's default */
};

/* 0 ok (o filled), 1 asked for help/version, -1 bad usage (message out). */
int ps_parse_options(int argc, char **argv, struct ps_options *o);
void ps_usage(FILE *f);

/* "512M", "2G", "100000p": pages; -1 with a message in err if bad. */
int ps_parse_size(const char *s, unsigned long *pages, char *err,
		  size_t errlen);

#endif
