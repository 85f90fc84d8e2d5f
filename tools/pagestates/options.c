// SPDX-License-Identifier: GPL-2.0
/*
 * Command line parsing (see options.h). One table of options says which
 * commands take each one; it drives getopt, the per-command help and the
 * checks that an option fits the command and the input.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include "options.h"
#include "workload.h"

/* Which commands an option belongs to. */
#define C_RUN		0x01
#define C_REPLAY	0x02
#define C_COMPARE	0x04
#define C_RECORD	0x08
#define C_LIST		0x10
#define C_HELP		0x20
#define C_FRONTIER	0x40
#define C_SIM		(C_RUN | C_REPLAY | C_COMPARE)
#define C_BOUND		(C_SIM | C_FRONTIER)	/* sizing, start, outputs */
#define C_ALL		0x7f

/* Which inputs a simulation option belongs to (0: any). */
#define I_TRACE		1
#define I_WORKLOAD	2

enum {
	OPT_HOST_MODE = 256, OPT_BACKEND, OPT_SEED, OPT_DURATION, OPT_JSON,
	OPT_CSV, OPT_PLOT, OPT_FORMAT, OPT_STRICT, OPT_CHECK, OPT_PROGRESS,
	OPT_NO_PROGRESS, OPT_TIMING, OPT_VERSION, OPT_AGING_DELAY,
	OPT_START, OPT_HOST, OPT_GUEST_MEM_MAX, OPT_SUMMARY_CSV, OPT_TIME,
	OPT_COMMAND_ONLY, OPT_ADAPTIVE_COST,
};

struct ps_opt {
	const char *name;	/* long name */
	int key;		/* short letter or OPT_* */
	const char *arg;	/* its argument in the help; NULL: none */
	unsigned int cmds;	/* C_* */
	unsigned int input;	/* I_* */
	const char *help;	/* lines split by '\n'; NULL: an alias */
};

static const struct ps_opt ps_opts[] = {
	{ "strategy", 's', "NAME[,NAME...]", C_SIM, 0,
	  "strategies or all (`pagestates list`); run,\n"
	  "replay: one (default cmma); compare: several\n"
	  "(default all), each once, in the order given" },
	{ "strategies", 's', "NAME[,NAME...]", C_SIM, 0, NULL },
	{ "trace", 't', "TRACE", C_COMPARE, I_TRACE,
	  "the input is TRACE (as if given as the input)" },
	{ "guest-mem", 'm', "SIZE", C_BOUND, 0,
	  "guest memory: K, M, G, T (binary) or p (4 KiB\n"
	  "pages); default: sized so that every strategy\n"
	  "replays every event (a failed allocation is\n"
	  "then an error)" },
	{ "guest-mem-max", OPT_GUEST_MEM_MAX, "SIZE", C_BOUND, 0,
	  "sizing gives up above SIZE (default 1T)" },
	{ "start", OPT_START, "aged|fresh", C_BOUND, 0,
	  "aged (default): every page touched before the\n"
	  "input, free memory as the strategy leaves\n"
	  "long-free memory; fresh: just booted" },
	{ "host", OPT_HOST, "kvm|zvm", C_SIM, 0,
	  "host semantics: kvm (default, KVM on Linux\n"
	  "6.1) or zvm (volatile pages discarded)" },
	{ "host-mem", 'H', "SIZE|N%|unlimited", C_SIM, 0,
	  "host memory limit, or a percentage of all guest\n"
	  "memory (at least 0.1%); default 80%" },
	{ "cpus", 'c', "N", C_BOUND, 0,
	  "guest cpus, decimal (default: the trace's or\n"
	  "the workload's)" },
	{ "guests", 'g', "N", C_RUN | C_COMPARE, I_WORKLOAD,
	  "guests on the host (workloads; a trace is one)" },
	{ "host-mode", OPT_HOST_MODE, "MODE", C_SIM, 0,
	  "intercept (default) or interpret" },
	{ "backend", OPT_BACKEND, "NAME", C_SIM, 0,
	  "hint transport (see `pagestates list`)" },
	{ "seed", OPT_SEED, "N", C_RUN | C_COMPARE, I_WORKLOAD,
	  "workload seed, decimal (default 1)" },
	{ "duration", OPT_DURATION, "SECONDS", C_RUN | C_COMPARE, I_WORKLOAD,
	  "workload length in virtual time" },
	{ "json", OPT_JSON, "FILE|-", C_BOUND, 0, "metrics as JSON" },
	{ "csv", OPT_CSV, "FILE|-", C_SIM, 0,
	  "time series (guest used/free, host resident,\n"
	  "reclaimable) per strategy" },
	{ "summary-csv", OPT_SUMMARY_CSV, "FILE|-", C_SIM, 0,
	  "the table's metrics as CSV, one row per\n"
	  "strategy (memory in pages)" },
	{ "plot", OPT_PLOT, "FILE.svg|FILE.png", C_BOUND, 0,
	  "charts via gnuplot" },
	{ "format", OPT_FORMAT, "NAME", C_REPLAY | C_COMPARE | C_FRONTIER,
	  I_TRACE,
	  "trace format: tracefs, perf-script, trace-cmd\n"
	  "(default: detect)" },
	{ "time", OPT_TIME, "START,END", C_REPLAY | C_COMPARE | C_FRONTIER,
	  I_TRACE,
	  "replay only the events from START to END,\n"
	  "the trace's timestamps in seconds (as in perf\n"
	  "script; either may be left out)" },
	{ "strict", OPT_STRICT, NULL, C_REPLAY | C_COMPARE | C_FRONTIER,
	  I_TRACE,
	  "the first malformed trace line is fatal" },
	{ "check-every", OPT_CHECK, "N", C_SIM, 0,
	  "run the checker every N events" },
	{ "aging-delay", OPT_AGING_DELAY, "MS", C_SIM, 0,
	  "strategy aging: hint pages free this long\n"
	  "(milliseconds, default 40)" },
	{ "adaptive-cost", OPT_ADAPTIVE_COST, "MS", C_SIM, 0,
	  "strategy adaptive: what two hints are worth,\n"
	  "in page-milliseconds (default 100)" },
	{ "progress", OPT_PROGRESS, NULL, C_BOUND, 0,
	  "progress bar on stderr (default: on a tty)" },
	{ "no-progress", OPT_NO_PROGRESS, NULL, C_BOUND, 0,
	  "no progress bar" },
	{ "timing", OPT_TIMING, NULL, C_BOUND, 0,
	  "parse and replay rates on stderr" },
	{ "output", 'o', "FILE", C_RECORD, 0,
	  "the capture (default pagestates.trace; a name\n"
	  "ending in .xz or .gz: compressed)" },
	{ "buffer-size", 'b', "KB", C_RECORD, 0,
	  "trace buffer per cpu in KiB (default 8192)" },
	{ "command-only", OPT_COMMAND_ONLY, NULL, C_RECORD, 0,
	  "only the events of COMMAND and the tasks it\n"
	  "starts (set_event_pid), not the whole system" },
	{ "quiet", 'q', NULL, C_BOUND | C_RECORD, 0,
	  "no table on stdout (record: no summary)" },
	{ "help", 'h', NULL, C_ALL, 0, "this text" },
	{ "version", OPT_VERSION, NULL, C_ALL, 0, "the version" },
};

#define NR_PS_OPTS	ARRAY_SIZE(ps_opts)

struct ps_cmd {
	const char *name;
	enum ps_command cmd;
	unsigned int bit;
	const char *synopsis;
	const char *brief;	/* synopsis in the list of commands */
	const char *summary;	/* for the list of commands */
	const char *text;	/* the command's own help */
};

static const struct ps_cmd ps_cmds[] = {
	{ "run", CMD_RUN, C_RUN, "run WORKLOAD [options]", "run WORKLOAD",
	  "a built-in workload under one strategy",
	  "Runs a built-in workload (see `pagestates list`) under one\n"
	  "strategy and prints its metrics.\n" },
	{ "replay", CMD_REPLAY, C_REPLAY, "replay TRACE [options]", "replay TRACE",
	  "a real kmem/filemap capture under one strategy",
	  "Replays a capture of a real guest's page allocator and page\n"
	  "cache events under one strategy.\n" },
	{ "compare", CMD_COMPARE, C_COMPARE,
	  "compare (WORKLOAD | TRACE | --trace TRACE) [options]",
	  "compare INPUT",
	  "every strategy on the same input, side by side",
	  "Runs every strategy (or those of --strategy) on the same workload\n"
	  "or trace and prints them side by side. An input that is not a\n"
	  "workload name is a trace file.\n" },
	{ "frontier", CMD_FRONTIER, C_FRONTIER,
	  "frontier TRACE [--json FILE|-] [--plot FILE] [options]",
	  "frontier TRACE",
	  "the oracle bound of a trace",
	  "For each hint budget, the least unhinted free memory any strategy\n"
	  "could reach knowing the future, with placement that reuses touched\n"
	  "pages first (Documentation/pagestates.rst, THE ORACLE BOUND).\n" },
	{ "record", CMD_RECORD, C_RECORD,
	  "record [-o FILE] [-b KB] [--] COMMAND [ARG...]",
	  "record -- COMMAND",
	  "capture the kmem/filemap events while COMMAND runs",
	  "Enables the kmem and filemap tracepoints in a tracefs instance of\n"
	  "its own, runs COMMAND, and writes every event of the whole system\n"
	  "until COMMAND exits (as tracefs text, replayable as it is). Needs\n"
	  "root. The tracefs top level is not touched; the instance is\n"
	  "removed at the end, also on errors and signals. Exit status: the\n"
	  "command's, or 1 if the capture failed.\n" },
	{ "list", CMD_LIST, C_LIST, "list", "list",
	  "strategies, workloads, backends, trace formats",
	  "Lists the strategies, workloads, hint backends and trace formats\n"
	  "by the names the options take.\n" },
	{ "help", CMD_HELP, C_HELP, "help [COMMAND]", "help [COMMAND]",
	  "this text, or the options of COMMAND",
	  "Lists the commands, or, given COMMAND, its usage and options (as\n"
	  "`pagestates COMMAND --help` does). `man pagestates` is the whole\n"
	  "manual.\n" },
};

static const char trace_text[] =
"TRACE: tracefs trace/trace_pipe text, `perf script` or `trace-cmd report`\n"
"text (detected), plain, .xz or .gz (detected), or - for standard input;\n"
"a perf.data or trace.dat file is converted by running perf or trace-cmd.\n";

static const struct ps_cmd *cmd_by_name(const char *s)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ps_cmds); i++)
		if (!strcmp(s, ps_cmds[i].name))
			return &ps_cmds[i];
	return NULL;
}

static const struct ps_cmd *cmd_of(enum ps_command cmd)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(ps_cmds); i++)
		if (ps_cmds[i].cmd == cmd)
			return &ps_cmds[i];
	return NULL;
}

#define HELP_COLUMN	32

static void print_option(FILE *f, const struct ps_opt *p)
{
	const char *line = p->help, *nl;
	int n;

	if (p->key < 256)
		n = fprintf(f, "  -%c, --%s", p->key, p->name);
	else
		n = fprintf(f, "      --%s", p->name);
	if (p->arg)
		n += fprintf(f, " %s", p->arg);
	for (;;) {
		nl = strchr(line, '\n');
		if (n >= HELP_COLUMN - 1) {
			fputc('\n', f);
			n = 0;
		}
		fprintf(f, "%*s%.*s\n", HELP_COLUMN - n, "",
			nl ? (int)(nl - line) : (int)strlen(line), line);
		if (!nl)
			break;
		line = nl + 1;
		n = 0;
	}
}

void ps_usage(FILE *f, enum ps_command cmd)
{
	const struct ps_cmd *c = cmd_of(cmd);
	size_t i;

	if (!c) {
		fputs("usage: pagestates COMMAND [options]\n\n"
		      "Simulates s390-style guest page-state hinting (CMMA, ESSA) on a\n"
		      "real allocator and host model and measures each strategy's cost\n"
		      "and benefit.\n\ncommands:\n", f);
		for (i = 0; i < ARRAY_SIZE(ps_cmds); i++)
			fprintf(f, "  %-*s%s\n", HELP_COLUMN - 10,
				ps_cmds[i].brief, ps_cmds[i].summary);
		fprintf(f, "\n%s\n"
			"Options may come before or after the command.\n"
			"`pagestates help COMMAND` (or `pagestates COMMAND --help`)\n"
			"lists its options; `man pagestates` explains them.\n",
			trace_text);
		return;
	}
	fprintf(f, "usage: pagestates %s\n\n%s", c->synopsis,
		c->text ? c->text : "");
	if (c->bit & (C_REPLAY | C_COMPARE))
		fprintf(f, "\n%s", trace_text);
	fputs("\noptions:\n", f);
	for (i = 0; i < NR_PS_OPTS; i++)
		if ((ps_opts[i].cmds & c->bit) && ps_opts[i].help)
			print_option(f, &ps_opts[i]);
}

static int bad(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int bad(const char *fmt, ...)
{
	va_list ap;

	fputs("pagestates: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'pagestates --help'.\n", stderr);
	return -1;
}

/*
 * A plain decimal number at s: digits, optionally a '.' and more digits;
 * no sign, blanks, exponent, hex, nan or inf. The position after it, or
 * NULL if there is none.
 */
static const char *scan_decimal(const char *s, double *v)
{
	const char *p = s;
	char buf[64];
	size_t len;

	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	len = (size_t)(p - s);
	if (!len || (len == 1 && *s == '.') || len >= sizeof(buf))
		return NULL;
	memcpy(buf, s, len);
	buf[len] = 0;
	*v = strtod(buf, NULL);
	return isfinite(*v) ? p : NULL;
}

/* A plain decimal integer (no sign, no base prefix) within min..max. */
static int parse_count(const char *s, const char *what, unsigned long min,
		       unsigned long max, unsigned long *v)
{
	unsigned long x = 0;
	const char *p;

	for (p = s; *p >= '0' && *p <= '9'; p++) {
		if (x > (~0UL - (unsigned long)(*p - '0')) / 10)
			break;
		x = x * 10 + (unsigned long)(*p - '0');
	}
	if (p == s || *p || x < min || x > max)
		return bad("bad %s \"%s\" (a decimal number, %lu..%lu)", what,
			   s, min, max);
	*v = x;
	return 0;
}

int ps_parse_size(const char *s, unsigned long *pages, char *err,
		  size_t errlen)
{
	static const struct { char unit; double bytes; } units[] = {
		{ 'p', 4096.0 }, { 'k', 1024.0 }, { 'm', 1048576.0 },
		{ 'g', 1073741824.0 }, { 't', 1099511627776.0 },
	};
	const char *end;
	double v, bytes = 0;
	size_t i;

	end = scan_decimal(s, &v);
	if (!end) {
		snprintf(err, errlen, "bad size \"%s\"", s);
		return -1;
	}
	for (i = 0; i < ARRAY_SIZE(units); i++)
		if ((*end | 0x20) == units[i].unit)
			bytes = units[i].bytes;
	if (!bytes) {
		snprintf(err, errlen, *end ?
			 "bad size \"%s\" (digits and a unit: 512M, 1.5G, 100000p)" :
			 "size \"%s\" needs a unit: K, M, G, T, or p for pages",
			 s);
		return -1;
	}
	end++;
	if (bytes == 4096.0) {
		if (!strcmp(end, "ages"))
			end += 4;
	} else {
		if (*end == 'i')
			end++;
		if (*end == 'B')
			end++;
	}
	if (*end) {
		snprintf(err, errlen, "bad size \"%s\"", s);
		return -1;
	}
	v = v * bytes / 4096.0;
	if (!(v >= 1) || v > (double)(1UL << 40)) {
		snprintf(err, errlen, "size \"%s\" out of range (1 page .. 4 PiB)",
			 s);
		return -1;
	}
	*pages = (unsigned long)(v + 0.5);
	return 0;
}

static int parse_host_mem(const char *s, struct ps_options *o)
{
	char err[128];
	const char *end;
	double pct;

	o->host_unlimited = false;
	if (!strcmp(s, "unlimited")) {
		o->host_unlimited = true;
		return 0;
	}
	if (s[0] && s[strlen(s) - 1] == '%') {
		end = scan_decimal(s, &pct);
		if (!end || *end != '%' || end[1] || pct < PS_MIN_HOST_PERCENT ||
		    pct > 10000)
			return bad("bad --host-mem percentage \"%s\" (%g%% .. 10000%%; \"unlimited\" for no limit)",
				   s, PS_MIN_HOST_PERCENT);
		o->host_percent = pct;
		return 0;
	}
	if (ps_parse_size(s, &o->host_pages, err, sizeof(err)) < 0)
		return bad("--host-mem: %s", err);
	o->host_percent = -1;
	return 0;
}

/*
 * --time START,END as in perf script: seconds of the trace's timestamps,
 * decimal; START or END may be empty (from the first, to the last event).
 */
#define TIME_MAX_S	1.8e10	/* u64 nanoseconds */

static int parse_time(const char *s, struct ps_options *o)
{
	const char *comma = strchr(s, ','), *end;
	double a = 0, b = TIME_MAX_S;

	if (!comma)
		return bad("bad --time \"%s\" (START,END in seconds, e.g. 1234.5,1240 or 1234.5,)",
			   s);
	if (comma != s) {
		end = scan_decimal(s, &a);
		if (end != comma || a > TIME_MAX_S)
			return bad("bad --time START \"%.*s\" (seconds)",
				   (int)(comma - s), s);
	}
	if (comma[1]) {
		end = scan_decimal(comma + 1, &b);
		if (!end || *end || b > TIME_MAX_S)
			return bad("bad --time END \"%s\" (seconds)", comma + 1);
	}
	if (b < a)
		return bad("--time %s: END before START", s);
	o->time_window = true;
	o->time_start_ns = (u64)(a * 1e9 + 0.5);
	o->time_end_ns = comma[1] ? (u64)(b * 1e9 + 0.5) : ~0ULL;
	return 0;
}

static bool has_strategy(const struct ps_options *o, enum hint_strategy st)
{
	unsigned int i;

	for (i = 0; i < o->nr_strategies; i++)
		if (o->strategies[i] == st)
			return true;
	return false;
}

static void add_strategy(struct ps_options *o, enum hint_strategy st)
{
	if (!has_strategy(o, st) && o->nr_strategies < NR_HINT_STRATEGIES)
		o->strategies[o->nr_strategies++] = st;
}

static int parse_strategies(const char *s, struct ps_options *o)
{
	char buf[256], *tok, *save = NULL;
	int st;

	if (strlen(s) >= sizeof(buf))
		return bad("--strategy list too long: %s", s);
	strcpy(buf, s);
	o->nr_strategies = 0;
	for (tok = strtok_r(buf, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (!strcmp(tok, "all")) {
			for (st = 0; st < NR_HINT_STRATEGIES; st++)
				add_strategy(o, st);
			continue;
		}
		st = hint_strategy_by_name(tok);
		if (st < 0)
			return bad("unknown strategy \"%s\" (see `pagestates list`)",
				   tok);
		add_strategy(o, st);
	}
	if (!o->nr_strategies)
		return bad("empty --strategy \"%s\"", s);
	return 0;
}

/* What one parse keeps besides struct ps_options. */
struct parse_state {
	bool given[NR_PS_OPTS];
	const char *trace_opt;		/* --trace's argument */
	const char *positional;		/* the input given as an argument */
	bool want_help;
	bool want_version;
};

static int parse_one(int opt, const char *arg, struct ps_options *o,
		     struct parse_state *ps)
{
	unsigned long v;
	char err[128];
	double d;
	const char *end;

	switch (opt) {
	case 's':
		return parse_strategies(arg, o);
	case 't':
		if (ps->trace_opt)
			return bad("two traces given: --trace %s and --trace %s",
				   ps->trace_opt, arg);
		ps->trace_opt = arg;
		return 0;
	case 'm':
		if (ps_parse_size(arg, &o->guest_pages, err, sizeof(err)) < 0)
			return bad("--guest-mem: %s", err);
		if (o->guest_pages < 1024)
			return bad("--guest-mem %s: at least 4M please", arg);
		return 0;
	case OPT_GUEST_MEM_MAX:
		if (ps_parse_size(arg, &o->guest_pages_max, err,
				  sizeof(err)) < 0)
			return bad("--guest-mem-max: %s", err);
		return 0;
	case OPT_START:
		if (!strcmp(arg, "aged"))
			o->start = PS_START_AGED;
		else if (!strcmp(arg, "fresh"))
			o->start = PS_START_FRESH;
		else
			return bad("--start must be aged or fresh, not \"%s\"",
				   arg);
		return 0;
	case OPT_HOST:
		if (!strcmp(arg, "kvm"))
			o->host = HV_HOST_KVM;
		else if (!strcmp(arg, "zvm"))
			o->host = HV_HOST_ZVM;
		else
			return bad("--host must be kvm or zvm, not \"%s\"", arg);
		return 0;
	case 'H':
		return parse_host_mem(arg, o);
	case 'c':
		if (parse_count(arg, "--cpus", 1, 256, &v))
			return -1;
		o->nr_cpus = (int)v;
		return 0;
	case 'g':
		if (parse_count(arg, "--guests", 1, 64, &v))
			return -1;
		o->nr_guests = (unsigned int)v;
		return 0;
	case OPT_HOST_MODE:
		if (!strcmp(arg, "intercept"))
			o->host_mode = HV_MODE_INTERCEPT;
		else if (!strcmp(arg, "interpret"))
			o->host_mode = HV_MODE_INTERPRET;
		else
			return bad("--host-mode must be intercept or interpret, not \"%s\"",
				   arg);
		return 0;
	case OPT_BACKEND:
		o->backend = arg;
		return 0;
	case OPT_SEED:
		if (parse_count(arg, "--seed", 0, ~0UL, &v))
			return -1;
		o->seed = v;
		return 0;
	case OPT_DURATION:
		end = scan_decimal(arg, &d);
		if (!end || *end || !(d > 0) || d > 1e6)
			return bad("bad --duration \"%s\" (seconds, up to 1e6)",
				   arg);
		o->duration_s = d;
		return 0;
	case OPT_JSON:
		o->json = arg;
		return 0;
	case OPT_CSV:
		o->csv = arg;
		return 0;
	case OPT_TIME:
		return parse_time(arg, o);
	case OPT_SUMMARY_CSV:
		o->summary_csv = arg;
		return 0;
	case OPT_PLOT:
		o->plot = arg;
		return 0;
	case OPT_FORMAT:
		o->format = arg;
		return 0;
	case OPT_STRICT:
		o->strict = true;
		return 0;
	case OPT_CHECK:
		if (parse_count(arg, "--check-every", 1, ~0UL, &v))
			return -1;
		o->check_every = v;
		return 0;
	case OPT_AGING_DELAY:
		if (parse_count(arg, "--aging-delay", 1, 3600UL * 1000, &v))
			return -1;
		o->aging_delay_ns = (u64)v * 1000000;
		return 0;
	case OPT_ADAPTIVE_COST:
		if (parse_count(arg, "--adaptive-cost", 1, 3600UL * 1000, &v))
			return -1;
		o->adaptive_cost_ns = (u64)v * 1000000;
		return 0;
	case OPT_PROGRESS:
		o->progress = 1;
		return 0;
	case OPT_NO_PROGRESS:
		o->progress = 0;
		return 0;
	case OPT_TIMING:
		o->timing = true;
		return 0;
	case 'o':
		if (!*arg)
			return bad("%s", "empty --output name");
		o->output = arg;
		return 0;
	case 'b':
		if (parse_count(arg, "--buffer-size", 64, 4UL << 20, &v))
			return -1;
		o->buffer_kb = v;
		return 0;
	case OPT_COMMAND_ONLY:
		o->command_only = true;
		return 0;
	case 'q':
		o->quiet = true;
		return 0;
	case 'h':
		ps->want_help = true;
		return 0;
	case OPT_VERSION:
		ps->want_version = true;
		return 0;
	default:
		return -1;	/* getopt said why */
	}
}

/* An argument that is not an option: the command, its input, or help's. */
static int positional(char *arg, struct ps_options *o, struct parse_state *ps)
{
	const struct ps_cmd *c;

	if (o->command == CMD_NONE) {
		c = cmd_by_name(arg);
		if (!c)
			return bad("unknown command \"%s\"", arg);
		o->command = c->cmd;
		return 0;
	}
	if (o->command == CMD_HELP) {
		c = cmd_by_name(arg);
		if (!c)
			return bad("no help for \"%s\": not a command", arg);
		if (o->help_for != CMD_NONE)
			return bad("unexpected argument \"%s\"", arg);
		o->help_for = c->cmd;
		return 0;
	}
	if (o->command == CMD_LIST)
		return bad("list takes no argument, not \"%s\"", arg);
	if (ps->positional)
		return bad("unexpected argument \"%s\" (the input is \"%s\")",
			   arg, ps->positional);
	ps->positional = arg;
	return 0;
}

static bool is_file(const char *path)
{
	return !strcmp(path, "-") || access(path, F_OK) == 0;
}

/* Decide what the input is: a workload name or a trace file. */
static int resolve_input(struct ps_options *o, struct parse_state *ps)
{
	const char *name = o->command == CMD_REPLAY ? "replay" :
			   o->command == CMD_FRONTIER ? "frontier" :
			   o->command == CMD_RUN ? "run" : "compare";

	if (ps->trace_opt && ps->positional)
		return bad("two inputs: \"%s\" and --trace %s; give one",
			   ps->positional, ps->trace_opt);
	if (ps->trace_opt) {
		o->input = ps->trace_opt;
		o->input_is_trace = true;
		return 0;
	}
	o->input = ps->positional;
	if (!o->input)
		return bad("%s needs an input (%s)", name,
			   o->command == CMD_REPLAY ||
			   o->command == CMD_FRONTIER ? "a trace file" :
			   "a workload or a trace file");
	if (o->command == CMD_REPLAY || o->command == CMD_FRONTIER) {
		if (!is_file(o->input) && workload_by_name(o->input))
			return bad("\"%s\" is a workload: pagestates run %s, or compare %s",
				   o->input, o->input, o->input);
		o->input_is_trace = true;
		return 0;
	}
	if (workload_by_name(o->input)) {
		if (strcmp(o->input, "-") && access(o->input, F_OK) == 0)
			fprintf(stderr, "pagestates: note: \"%s\" is the built-in workload; for the file, say ./%s\n",
				o->input, o->input);
		return 0;
	}
	if (!is_file(o->input))
		return bad("\"%s\" is neither a workload (see `pagestates list`) nor a file",
			   o->input);
	o->input_is_trace = true;
	return 0;
}

/* Every option given must belong to the command and fit the input. */
static int check_scope(const struct ps_options *o,
		       const struct parse_state *ps)
{
	const struct ps_cmd *c = cmd_of(o->command);
	size_t i;

	for (i = 0; i < NR_PS_OPTS; i++) {
		const struct ps_opt *p = &ps_opts[i];

		if (!ps->given[i])
			continue;
		if (!(p->cmds & c->bit))
			return bad("--%s does not apply to %s", p->name,
				   c->name);
		if (p->input == I_TRACE && !o->input_is_trace)
			return bad("--%s applies to traces, and %s is a workload",
				   p->name, o->input);
		if (p->input == I_WORKLOAD && o->input_is_trace)
			return bad("--%s applies to workloads, and %s is a trace",
				   p->name, o->input);
	}
	return 0;
}

static int check_combination(struct ps_options *o, struct parse_state *ps)
{
	size_t len;

	if (o->command == CMD_RECORD) {
		if (!o->cmd_argv || !o->cmd_argv[0])
			return bad("%s", "record needs a command: pagestates record [-o FILE] -- COMMAND...");
		return check_scope(o, ps);
	}
	if (o->command == CMD_LIST)
		return check_scope(o, ps);
	if (resolve_input(o, ps) < 0 || check_scope(o, ps) < 0)
		return -1;
	if (o->command == CMD_FRONTIER)	/* the input alone: no strategy */
		add_strategy(o, HINT_NONE);
	if (o->command != CMD_COMPARE && o->nr_strategies > 1)
		return bad("%s takes one --strategy; use compare for several",
			   o->command == CMD_RUN ? "run" : "replay");
	if (!o->nr_strategies) {
		if (o->command == CMD_COMPARE) {
			int st;

			for (st = 0; st < NR_HINT_STRATEGIES; st++)
				add_strategy(o, st);
		} else {
			add_strategy(o, HINT_CMMA);
		}
	}
	if (o->plot) {
		len = strlen(o->plot);
		if (len < 5 || (strcmp(o->plot + len - 4, ".svg") &&
				strcmp(o->plot + len - 4, ".png")))
			return bad("--plot %s: the name must end in .svg or .png",
				   o->plot);
	}
	if ((o->json && !strcmp(o->json, "-")) +
	    (o->csv && !strcmp(o->csv, "-")) +
	    (o->summary_csv && !strcmp(o->summary_csv, "-")) > 1)
		return bad("%s", "only one of --json, --csv and --summary-csv can write to stdout (-)");
	return 0;
}

/* getopt's tables, made from ps_opts[]. */
struct getopt_tables {
	struct option longs[NR_PS_OPTS + 1];
	char shorts[2 * NR_PS_OPTS + 2];
};

static void make_tables(struct getopt_tables *t)
{
	char *s = t->shorts;
	size_t i;

	*s++ = '+';	/* stop at the first non-option: we place them */
	for (i = 0; i < NR_PS_OPTS; i++) {
		t->longs[i] = (struct option){
			.name = ps_opts[i].name,
			.has_arg = ps_opts[i].arg ? required_argument :
						    no_argument,
			.val = ps_opts[i].key,
		};
		if (ps_opts[i].key < 256 && ps_opts[i].help) {
			*s++ = (char)ps_opts[i].key;
			if (ps_opts[i].arg)
				*s++ = ':';
		}
	}
	*s = 0;
	memset(&t->longs[NR_PS_OPTS], 0, sizeof(t->longs[0]));
}

/* The table entry of what getopt returned (long index or short key). */
static int opt_index(int key, int long_index)
{
	size_t i;

	if (long_index >= 0)
		return long_index;
	for (i = 0; i < NR_PS_OPTS; i++)
		if (ps_opts[i].key == key)
			return (int)i;
	return -1;
}

static void defaults(struct ps_options *o)
{
	memset(o, 0, sizeof(*o));
	o->host_percent = 80;
	o->progress = -1;
	o->seed = 1;
	o->host_mode = HV_MODE_INTERCEPT;
}

/* After "--": arguments only (record: the rest is the command). */
static int rest_positional(int argc, char **argv, struct ps_options *o,
			   struct parse_state *ps)
{
	while (optind < argc) {
		if (o->command == CMD_RECORD) {
			o->cmd_argv = &argv[optind];
			return 0;
		}
		if (positional(argv[optind++], o, ps) < 0)
			return -1;
	}
	return 0;
}

int ps_parse_options(int argc, char **argv, struct ps_options *o)
{
	struct getopt_tables tab;
	struct parse_state ps = { 0 };
	int opt, idx, before;

	defaults(o);
	if (argc < 2) {
		ps_usage(stderr, CMD_NONE);
		return -1;
	}
	make_tables(&tab);
	optind = 0;		/* glibc: start over */
	while (optind == 0 || optind < argc) {
		before = optind ? optind : 1;
		idx = -1;
		opt = getopt_long(argc, argv, tab.shorts, tab.longs, &idx);
		if (opt != -1) {
			int i = opt_index(opt, idx);

			if (opt == '?' || opt == ':' || i < 0) {
				fputs("Try 'pagestates --help'.\n", stderr);
				return -1;
			}
			ps.given[i] = true;
			if (parse_one(opt, optarg, o, &ps) < 0)
				return -1;
			continue;
		}
		if (optind == before + 1 && !strcmp(argv[before], "--")) {
			if (rest_positional(argc, argv, o, &ps) < 0)
				return -1;
			break;
		}
		if (optind >= argc)
			break;
		/* record: the first argument after its options is the command */
		if (o->command == CMD_RECORD) {
			o->cmd_argv = &argv[optind];
			break;
		}
		if (positional(argv[optind++], o, &ps) < 0)
			return -1;
	}
	if (ps.want_version) {
		o->command = CMD_VERSION;
		return 0;
	}
	/* `help help` and `help --help`: help's own usage, as for any command */
	if (ps.want_help || o->command == CMD_HELP) {
		if (o->command != CMD_HELP || (ps.want_help &&
					       o->help_for == CMD_NONE))
			o->help_for = o->command;
		o->command = CMD_HELP;
		return 0;
	}
	if (o->command == CMD_NONE) {
		ps_usage(stderr, CMD_NONE);
		return -1;
	}
	return check_combination(o, &ps);
}
