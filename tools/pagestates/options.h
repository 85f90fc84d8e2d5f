/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Command line of the pagestates tool: `pagestates COMMAND [options]`,
 * options before or after the command, one table (options.c) for the
 * parser, the per-command help and the completion.
 */
#ifndef _PAGESTATES_OPTIONS_H
#define _PAGESTATES_OPTIONS_H

#include <stdbool.h>
#include <stdio.h>
#include <linux/types.h>
#include <linux/mmzone.h>
#include <hv/hv.h>
#include "replay.h"

enum ps_command { CMD_NONE, CMD_RUN, CMD_REPLAY, CMD_COMPARE, CMD_RECORD,
		  CMD_FRONTIER, CMD_LIST, CMD_HELP, CMD_VERSION };

struct ps_options {
	enum ps_command command;
	enum ps_command help_for;	/* CMD_HELP: CMD_NONE for all (never
					 * CMD_VERSION) */
	const char *input;		/* workload name or trace path */
	bool input_is_trace;
	/* strategies to run, in order, each once */
	enum hint_strategy strategies[NR_HINT_STRATEGIES];
	unsigned int nr_strategies;
	unsigned long guest_pages;	/* 0: what the input needs */
	unsigned long guest_pages_max;	/* sizing stops here; 0: default */
	enum ps_start start;		/* --start, default aged */
	enum hv_semantics host;		/* --host, default kvm */
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
	const char *summary_csv;
	const char *plot;
	const char *format;		/* trace format, NULL: detect */
	bool time_window;		/* --time START,END */
	u64 time_start_ns, time_end_ns;	/* end: U64_MAX if open */
	bool strict;
	bool quiet;
	int progress;			/* -1 auto, 0 off, 1 on */
	bool timing;			/* parse and replay times on stderr */
	u64 check_every;		/* 0: automatic */
	u64 aging_delay_ns;		/* 0: the strategy's default */
	u64 adaptive_cost_ns;		/* 0: the strategy's default */
	/* record */
	const char *output;		/* capture file */
	unsigned long buffer_kb;	/* per cpu, 0: default */
	bool command_only;		/* events of the command's tasks only */
	char **cmd_argv;		/* the command, NULL-terminated */
};

/* Smallest --host-mem percentage: 1 page of the smallest guest (4 MiB). */
#define PS_MIN_HOST_PERCENT	0.1

/*
 * 0 ok (o filled; CMD_HELP and CMD_VERSION are left to the caller),
 * -1 bad usage (the message is out on stderr). Reentrant: it can be
 * called again on other arguments.
 */
int ps_parse_options(int argc, char **argv, struct ps_options *o);
/* The usage of one command, or of all for CMD_NONE. */
void ps_usage(FILE *f, enum ps_command cmd);

/*
 * "512M", "2G", "1.5GiB", "100000p": pages. Decimal digits only (no
 * sign, exponent, hex, nan or inf), a unit always. -1 with a message in
 * err if bad or out of range (1 page .. 4 PiB).
 */
int ps_parse_size(const char *s, unsigned long *pages, char *err,
		  size_t errlen);

#endif
