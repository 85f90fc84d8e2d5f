// SPDX-License-Identifier: GPL-2.0
/*
 * cmma-test: bare-metal tests of ESSA on a machine that provides it (QEMU
 * with qemu/patches; Documentation/qemu.rst). The kernel command line
 * (QEMU's -append, at 0x10480 for an image entered at 0x10000) chooses:
 *   mode=codes [essa=off]   every code, start state and exception
 *   mode=discard [drop=auto] dropped volatile pages and discard faults
 *   mode=rss [mib=N]        the host's resident memory shrinks
 *   mode=migrate            states and dropped pages survive migration
 *   mode=bench [iter=N]     ESSA cost against a no-op loop
 * Requests to the harness are "CMMA-REQUEST what" lines; the last line is
 * "CMMA-RESULT: PASS|FAIL mode=...", and the machine stops in the pass
 * or fail disabled wait.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../baremetal.h"
#include "cmma-test.h"

#define CMDLINE	((const char *)0x10480)

unsigned long failures;

static const char *option(const char *name)
{
	const char *s = CMDLINE;
	size_t n = strlen(name);

	while (s && *s) {
		while (*s == ' ')
			s++;
		if (!strncmp(s, name, n) && s[n] == '=')
			return s + n + 1;
		s = strchr(s, ' ');
	}
	return NULL;
}

static bool option_is(const char *name, const char *value)
{
	const char *v = option(name);
	size_t n = strlen(value);

	return v && !strncmp(v, value, n) && (v[n] == ' ' || !v[n]);
}

static unsigned long option_ul(const char *name, unsigned long dflt)
{
	const char *v = option(name);

	return v ? strtoul(v, NULL, 10) : dflt;
}

void bm_main(void);
void bm_main(void)
{
	const char *mode = "none";
	int rc = 1;

	sclp_console_init();
	printf("cmma-test: command line \"%s\"\n", CMDLINE);
	if (option_is("mode", "codes")) {
		mode = "codes";
		rc = test_codes(!option_is("essa", "off"));
	} else if (option_is("mode", "discard")) {
		mode = "discard";
		rc = test_discard(option_is("drop", "auto"));
	} else if (option_is("mode", "rss")) {
		mode = "rss";
		rc = test_rss(option_ul("mib", 64));
	} else if (option_is("mode", "migrate")) {
		mode = "migrate";
		rc = test_migrate();
	} else if (option_is("mode", "bench")) {
		mode = "bench";
		rc = test_bench(option_ul("iter", 1000000));
	} else {
		printf("cmma-test: no mode= on the command line\n");
	}
	printf("CMMA-RESULT: %s mode=%s failures=%lu\n", rc ? "FAIL" : "PASS",
	       mode, failures);
	bm_halt(rc ? BM_HALT_FAIL : BM_HALT_PASS);
}
