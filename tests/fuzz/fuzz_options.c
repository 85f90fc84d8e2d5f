// SPDX-License-Identifier: GPL-2.0
/*
 * The command line parser (tools/pagestates/options.c) on any argument
 * vector: the input split at NUL bytes, at most 32 arguments after
 * "pagestates". What an accepted command line must give: a command, an
 * input where the command needs one, 1..NR_HINT_STRATEGIES known
 * strategies (one for run and replay), sizes and counts in their ranges.
 * Out-of-bounds writes into struct ps_options are caught by UBSan's
 * bounds checks, the rest by ASan.
 */
#include <getopt.h>
#include <string.h>
#include "fuzz.h"
#include "../../tools/pagestates/options.h"

#define MAX_ARGS	32

static void check_options(const struct ps_options *o)
{
	unsigned int i;

	switch (o->command) {
	case CMD_LIST:
	case CMD_VERSION:
		return;
	case CMD_HELP:
		/* about a command (help itself too) or all: not version */
		fuzz_assert(o->help_for <= CMD_HELP);
		return;
	case CMD_RECORD:
		fuzz_assert(o->cmd_argv && o->cmd_argv[0]);
		return;
	case CMD_RUN:
	case CMD_REPLAY:
		fuzz_assert(o->nr_strategies == 1);
		break;
	case CMD_COMPARE:
		break;
	case CMD_FRONTIER:
		/* the input alone, replayed under no hints */
		fuzz_assert(o->nr_strategies == 1 &&
			    o->strategies[0] == HINT_NONE);
		break;
	default:
		fuzz_fail("accepted without a command to run (%d)",
			  o->command);
	}
	fuzz_assert(o->input);
	fuzz_assert(o->nr_strategies >= 1 &&
		    o->nr_strategies <= NR_HINT_STRATEGIES);
	for (i = 0; i < o->nr_strategies; i++)
		fuzz_assert(o->strategies[i] < NR_HINT_STRATEGIES);
	fuzz_assert(!o->guest_pages || o->guest_pages >= 1024);
	fuzz_assert(o->host_percent > 0 || o->host_percent == -1);
	fuzz_assert(o->nr_cpus >= 0 && o->nr_cpus <= 256);
	fuzz_assert(o->nr_guests <= 64);
	fuzz_assert(o->duration_s >= 0 && o->duration_s <= 1e6);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char *const reset_argv[] = { "pagestates", NULL };
	char *buf = malloc(size + 1), *argv[MAX_ARGS + 2];
	struct ps_options o;
	int argc = 0, ret;
	size_t i, start = 0;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	buf[size] = 0;
	argv[argc++] = "pagestates";
	for (i = 0; i <= size && argc <= MAX_ARGS; i++) {
		if (buf[i])
			continue;
		if (i > start || i < size)
			argv[argc++] = buf + start;
		start = i + 1;
	}
	argv[argc] = NULL;
	/*
	 * getopt keeps a pointer into the last argument vector: a parse that
	 * stopped inside "-xq" would read freed memory next time. The tool
	 * parses once; here glibc's state is reset first (optind = 0, with
	 * the parser's own '+': the ordering is set only then).
	 */
	optind = 0;
	getopt(1, reset_argv, "+");
	ret = ps_parse_options(argc, argv, &o);
	if (ret == 0)
		check_options(&o);
	free(buf);
	return 0;
}
