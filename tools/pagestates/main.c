// SPDX-License-Identifier: GPL-2.0
/*
 * pagestates: compare guest page-state hinting strategies on synthetic
 * workloads and real kmem/filemap traces, and capture such traces. See
 * `pagestates help` and Documentation/pagestates.rst.
 */
#include <stdio.h>
#include "options.h"
#include "record.h"
#include "run.h"
#include "stdio_guard.h"

#define PAGESTATES_VERSION	"0.2"

static int run_command(const struct ps_options *o)
{
	switch (o->command) {
	case CMD_HELP:
		ps_usage(stdout, o->help_for);
		return 0;
	case CMD_VERSION:
		printf("pagestates %s\n", PAGESTATES_VERSION);
		return 0;
	case CMD_LIST:
		ps_list(stdout);
		return 0;
	case CMD_RECORD:
		return ps_record(o);
	default:
		return ps_run(o);
	}
}

int main(int argc, char **argv)
{
	struct ps_options o;
	int ret;

	ps_stdio_guard();
	if (ps_parse_options(argc, argv, &o) < 0)
		return 2;
	ret = run_command(&o);
	/* a lost table is a failure, whatever the run found */
	return ps_stdout_finish() ? 1 : ret;
}
