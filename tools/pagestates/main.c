// SPDX-License-Identifier: GPL-2.0
/*
 * pagestates: compare guest page-state hinting strategies on synthetic
 * workloads and real kmem/filemap traces. See `pagestates --help` and
 * Documentation/pagestates.rst.
 */
#include <stdio.h>
#include "options.h"
#include "run.h"

#define PAGESTATES_VERSION	"0.1"

int main(int argc, char **argv)
{
	struct ps_options o;
	int ret = ps_parse_options(argc, argv, &o);

	if (ret < 0)
		return 2;
	switch (o.command) {
	case CMD_HELP:
		ps_usage(stdout);
		return 0;
	case CMD_VERSION:
		printf("pagestates %s\n", PAGESTATES_VERSION);
		return 0;
	case CMD_LIST:
		ps_list(stdout);
		return 0;
	default:
		return ps_run(&o);
	}
}
