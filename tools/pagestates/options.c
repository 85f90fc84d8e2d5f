// SPDX-License-Identifier: GPL-2.0
/* Command line parsing (see options.h and ps_usage below). */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include "options.h"

void ps_usage(FILE *f)
{
	fputs(
"usage: pagestates run WORKLOAD [options]\n"
"       pagestates replay TRACE [options]\n"
"       pagestates compare (WORKLOAD | --trace TRACE) [options]\n"
"       pagestates list\n"
"\n"
"Simulates s390-style guest page-state hinting (CMMA, ESSA) on a real\n"
"allocator and host model and measures each strategy's cost and benefit.\n"
"\n"
"commands:\n"
"  run WORKLOAD      a built-in workload under one strategy\n"
"  replay TRACE      a real kmem/filemap capture under one strategy\n"
"  compare ...       every strategy on the same input, side by side\n"
"  list              strategies, workloads, backends\n"
"\n"
"TRACE: tracefs trace/trace_pipe text, `perf script` or `trace-cmd report`\n"
"text (detected); plain, .xz or .gz (detected); - for standard input.\n"
"\n"
"options:\n"
"  -s, --strategy NAME[,NAME..] strategies (run/replay: one, default cmma;\n"
"                               compare: default all)\n"
"  -t, --trace TRACE            compare: replay TRACE\n"
"  -m, --guest-mem SIZE         guest memory (K/M/G/T or p for pages);\n"
"                               default: what the trace needs, or the\n"
"                               workload's own\n"
"  -H, --host-mem SIZE|N%       host memory limit, or a percentage of all\n"
"                               guest memory, or \"unlimited\"; default 80%\n"
"  -c, --cpus N                 guest cpus (default: the trace's, or 2)\n"
"  -g, --guests N               guests on the host (workloads)\n"
"      --host-mode MODE         intercept (default) or interpret\n"
"      --backend NAME           hint transport (see `pagestates list`)\n"
"      --seed N                 workload seed (default 1)\n"
"      --duration SECONDS       workload length in virtual time\n"
"      --json FILE|-            metrics as JSON\n"
"      --csv FILE               time series (guest used/free, host\n"
"                               resident, reclaimable) per strategy\n"
"      --plot FILE.svg|.png     charts via gnuplot\n"
"      --format NAME            trace format: tracefs, perf-script,\n"
"                               trace-cmd (default: detect)\n"
"      --strict                 the first malformed trace line is fatal\n"
"      --check-every N          run the checker every N events\n"
"      --aging-delay MS         strategy aging: hint pages free this long\n"
"                               (milliseconds, default 40)\n"
"      --progress, --no-progress  progress bar (default: if stderr is a tty)\n"
"      --timing                 parse and replay rates on stderr\n"
"  -q, --quiet                  no table on standard output\n"
"  -h, --help                   this text\n"
"      --version\n", f);
}

enum {
	OPT_HOST_MODE = 256, OPT_BACKEND, OPT_SEED, OPT_DURATION, OPT_JSON,
	OPT_CSV, OPT_PLOT, OPT_FORMAT, OPT_STRICT, OPT_CHECK, OPT_PROGRESS,
	OPT_NO_PROGRESS, OPT_TIMING, OPT_VERSION, OPT_AGING_DELAY,
};

static const struct option long_opts[] = {
	{ "strategy", required_argument, NULL, 's' },
	{ "strategies", required_argument, NULL, 's' },
	{ "trace", required_argument, NULL, 't' },
	{ "guest-mem", required_argument, NULL, 'm' },
	{ "host-mem", required_argument, NULL, 'H' },
	{ "cpus", required_argument, NULL, 'c' },
	{ "guests", required_argument, NULL, 'g' },
	{ "host-mode", required_argument, NULL, OPT_HOST_MODE },
	{ "backend", required_argument, NULL, OPT_BACKEND },
	{ "seed", required_argument, NULL, OPT_SEED },
	{ "duration", required_argument, NULL, OPT_DURATION },
	{ "json", required_argument, NULL, OPT_JSON },
	{ "csv", required_argument, NULL, OPT_CSV },
	{ "plot", required_argument, NULL, OPT_PLOT },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "strict", no_argument, NULL, OPT_STRICT },
	{ "check-every", required_argument, NULL, OPT_CHECK },
	{ "aging-delay", required_argument, NULL, OPT_AGING_DELAY },
	{ "progress", no_argument, NULL, OPT_PROGRESS },
	{ "no-progress", no_argument, NULL, OPT_NO_PROGRESS },
	{ "timing", no_argument, NULL, OPT_TIMING },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, OPT_VERSION },
	{ NULL, 0, NULL, 0 },
};

static int bad(const char *fmt, const char *arg)
{
	fputs("pagestates: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'pagestates --help'.\n", stderr);
	return -1;
}

int ps_parse_size(const char *s, unsigned long *pages, char *err,
		  size_t errlen)
{
	char *end;
	double v, mult;

	errno = 0;
	v = strtod(s, &end);
	if (end == s || errno || v <= 0) {
		snprintf(err, errlen, "bad size \"%s\"", s);
		return -1;
	}
	switch (*end) {
	case 'p':
	case 'P':
		mult = 1.0 / 4096;
		break;
	case 'k':
	case 'K':
		mult = 1024.0;
		break;
	case 'm':
	case 'M':
		mult = 1048576.0;
		break;
	case 'g':
	case 'G':
		mult = 1073741824.0;
		break;
	case 't':
	case 'T':
		mult = 1099511627776.0;
		break;
	default:
		snprintf(err, errlen,
			 "size \"%s\" needs a unit: K, M, G, T, or p for pages",
			 s);
		return -1;
	}
	end++;
	if (*end == 'i' && mult > 1)
		end++;
	if (*end == 'B' && mult > 1)
		end++;
	if (!strcmp(end, "ages") && mult < 1)
		end += 4;
	if (*end) {
		snprintf(err, errlen, "bad size \"%s\"", s);
		return -1;
	}
	v = v * mult / 4096.0;
	if (v < 1 || v > (double)(1UL << 40)) {
		snprintf(err, errlen, "size \"%s\" out of range (1 page .. 4 PiB)",
			 s);
		return -1;
	}
	*pages = (unsigned long)(v + 0.5);
	return 0;
}

static int parse_host_mem(const char *s, struct ps_options *o)
{
	char err[128], *end;
	double pct;

	if (!strcmp(s, "unlimited") || !strcmp(s, "0")) {
		o->host_unlimited = true;
		return 0;
	}
	if (s[0] && s[strlen(s) - 1] == '%') {
		errno = 0;
		pct = strtod(s, &end);
		if (errno || end != s + strlen(s) - 1 || pct <= 0 ||
		    pct > 10000)
			return bad("bad --host-mem percentage \"%s\"", s);
		o->host_percent = pct;
		return 0;
	}
	if (ps_parse_size(s, &o->host_pages, err, sizeof(err)) < 0)
		return bad("--host-mem: %s", err);
	o->host_percent = -1;
	return 0;
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
				o->strategies[o->nr_strategies++] = st;
			continue;
		}
		st = hint_strategy_by_name(tok);
		if (st < 0)
			return bad("unknown strategy \"%s\" (see `pagestates list`)",
				   tok);
		if (o->nr_strategies >= NR_HINT_STRATEGIES)
			return bad("too many strategies: %s", s);
		o->strategies[o->nr_strategies++] = st;
	}
	if (!o->nr_strategies)
		return bad("empty --strategy \"%s\"", s);
	return 0;
}

static int parse_ulong(const char *s, const char *what, unsigned long min,
		       unsigned long max, unsigned long *v)
{
	char *end;

	errno = 0;
	*v = strtoul(s, &end, 0);
	if (errno || end == s || *end || *v < min || *v > max || s[0] == '-') {
		fprintf(stderr, "pagestates: bad %s \"%s\" (%lu..%lu)\n", what, s,
			min, max);
		return -1;
	}
	return 0;
}

static enum ps_command command_of(const char *s)
{
	static const struct { const char *name; enum ps_command cmd; } c[] = {
		{ "run", CMD_RUN }, { "replay", CMD_REPLAY },
		{ "compare", CMD_COMPARE }, { "list", CMD_LIST },
		{ "help", CMD_HELP },
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(c); i++)
		if (!strcmp(s, c[i].name))
			return c[i].cmd;
	return CMD_NONE;
}

static int parse_one(int opt, const char *arg, struct ps_options *o)
{
	unsigned long v;
	char err[128];

	switch (opt) {
	case 's':
		return parse_strategies(arg, o);
	case 't':
		o->input = arg;
		o->input_is_trace = true;
		return 0;
	case 'm':
		if (ps_parse_size(arg, &o->guest_pages, err, sizeof(err)) < 0)
			return bad("--guest-mem: %s", err);
		if (o->guest_pages < 1024)
			return bad("--guest-mem %s: at least 4M please", arg);
		return 0;
	case 'H':
		return parse_host_mem(arg, o);
	case 'c':
		if (parse_ulong(arg, "--cpus", 1, 256, &v))
			return -1;
		o->nr_cpus = (int)v;
		return 0;
	case 'g':
		if (parse_ulong(arg, "--guests", 1, 64, &v))
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
		if (parse_ulong(arg, "--seed", 0, ~0UL, &v))
			return -1;
		o->seed = v;
		return 0;
	case OPT_DURATION: {
		char *end;

		o->duration_s = strtod(arg, &end);
		if (end == arg || *end || !(o->duration_s > 0) ||
		    o->duration_s > 1e6)
			return bad("bad --duration \"%s\" (seconds)", arg);
		return 0;
	}
	case OPT_JSON:
		o->json = arg;
		return 0;
	case OPT_CSV:
		o->csv = arg;
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
		if (parse_ulong(arg, "--check-every", 1, ~0UL, &v))
			return -1;
		o->check_every = v;
		return 0;
	case OPT_AGING_DELAY:
		if (parse_ulong(arg, "--aging-delay", 1, 3600UL * 1000, &v))
			return -1;
		o->aging_delay_ns = (u64)v * 1000000;
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
	case 'q':
		o->quiet = true;
		return 0;
	case 'h':
		o->command = CMD_HELP;
		return 0;
	case OPT_VERSION:
		o->command = CMD_VERSION;
		return 0;
	default:
		return -1;	/* getopt said why */
	}
}

static int check_combination(struct ps_options *o)
{
	size_t len;

	if (o->command == CMD_HELP || o->command == CMD_VERSION ||
	    o->command == CMD_LIST)
		return 0;
	if (!o->input)
		return bad("%s needs an input (a workload or a trace)",
			   o->command == CMD_REPLAY ? "replay" :
			   o->command == CMD_RUN ? "run" : "compare");
	if (o->command == CMD_REPLAY)
		o->input_is_trace = true;
	if (o->command != CMD_COMPARE && o->nr_strategies > 1)
		return bad("%s takes one --strategy; use compare for several",
			   o->command == CMD_RUN ? "run" : "replay");
	if (!o->nr_strategies) {
		if (o->command == CMD_COMPARE) {
			for (o->nr_strategies = 0;
			     o->nr_strategies < NR_HINT_STRATEGIES;
			     o->nr_strategies++)
				o->strategies[o->nr_strategies] =
					o->nr_strategies;
		} else {
			o->strategies[0] = HINT_CMMA;
			o->nr_strategies = 1;
		}
	}
	if (o->plot) {
		len = strlen(o->plot);
		if (len < 5 || (strcmp(o->plot + len - 4, ".svg") &&
				strcmp(o->plot + len - 4, ".png")))
			return bad("--plot %s: the name must end in .svg or .png",
				   o->plot);
	}
	if (o->json && o->csv && !strcmp(o->json, "-") && !strcmp(o->csv, "-"))
		return bad("%s", "--json - and --csv - cannot share stdout");
	return 0;
}

int ps_parse_options(int argc, char **argv, struct ps_options *o)
{
	int opt;

	memset(o, 0, sizeof(*o));
	o->host_percent = 80;
	o->progress = -1;
	o->seed = 1;
	o->host_mode = HV_MODE_INTERCEPT;
	if (argc < 2) {
		ps_usage(stderr);
		return -1;
	}
	if (argv[1][0] != '-') {
		o->command = command_of(argv[1]);
		if (o->command == CMD_NONE)
			return bad("unknown command \"%s\"", argv[1]);
		argc--;
		argv++;
	}
	optind = 1;
	while (optind < argc) {
		opt = getopt_long(argc, argv, "+s:t:m:H:c:g:qh", long_opts,
				  NULL);
		if (opt != -1) {
			if (parse_one(opt, optarg, o) < 0) {
				if (opt == '?' || opt == ':')
					fputs("Try 'pagestates --help'.\n",
					      stderr);
				return -1;
			}
			continue;
		}
		/* a non-option: the input; options may come after it */
		if (optind >= argc)
			break;
		if (o->input)
			return bad("unexpected argument \"%s\"", argv[optind]);
		o->input = argv[optind++];
	}
	if (o->command == CMD_NONE && o->input)
		return bad("unknown command \"%s\"", o->input);
	if (o->command == CMD_NONE) {
		ps_usage(stderr);
		return -1;
	}
	if (o->command == CMD_HELP || o->command == CMD_VERSION)
		return 1;
	return check_combination(o);
}
