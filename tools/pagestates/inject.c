// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only bugs: PAGESTATES_TEST_BUGS, a comma-separated list, gives the
 * replayed guests and their host a bug each, so that the tests can show
 * that violations and exit status 3 follow (tests/safety/checker_bugs.t):
 *
 *   host-drop-stable   the host's page out loses the content
 *   no-discard-fault   a zvm host gives a discarded page as zeros
 *   commit-no-recheck  the volatile commit skips its re-check
 *   free-volatile      a volatile page is freed without its stable hint
 *
 * An unknown name is an error (the test would test nothing).
 *
 * PAGESTATES_TEST_FAULTS=seed=S,act=N,write=N,read=N,delay=N injects
 * host faults (hypervisor-model/fault.c), rates per 1000: act at every
 * fault point (the guest's hint points: page_states_point()), write and
 * read on page outs and page ins, delay on exits. scripts/faults.sh
 * (make faults) runs it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/page-states.h>
#include <hv/hv.h>
#include "inject.h"

static const struct {
	const char *name;
	unsigned int host;		/* HV_BUG_* */
	int guest;			/* enum page_states_bug, or -1 */
} bugs[] = {
	{ "host-drop-stable", HV_BUG_DROP_STABLE, -1 },
	{ "no-discard-fault", HV_BUG_NO_DISCARD_FAULT, -1 },
	{ "commit-no-recheck", 0, PAGE_STATES_BUG_COMMIT_NO_RECHECK },
	{ "free-volatile", 0, PAGE_STATES_BUG_FREE_VOLATILE },
};

static unsigned int inject_bugs(void)
{
	const char *env = getenv("PAGESTATES_TEST_BUGS");
	unsigned int host = 0;
	const char *p = env;
	size_t len, i;

	page_states_bugs = 0;
	for (; p && *p; p += len + (p[len] == ',')) {
		len = strcspn(p, ",");
		for (i = 0; i < ARRAY_SIZE(bugs); i++)
			if (strlen(bugs[i].name) == len &&
			    !strncmp(bugs[i].name, p, len))
				break;
		if (i == ARRAY_SIZE(bugs)) {
			fprintf(stderr, "pagestates: PAGESTATES_TEST_BUGS: unknown bug '%.*s'\n",
				(int)len, p);
			exit(1);
		}
		host |= bugs[i].host;
		if (bugs[i].guest >= 0)
			page_states_bugs |= 1UL << bugs[i].guest;
	}
	return host;
}

static void at_point(enum page_states_point point)
{
	(void)point;
	hv_fault_point(hv_vcpu_current());
}

static void inject_faults(struct hv_faults *f)
{
	const char *p = getenv("PAGESTATES_TEST_FAULTS");
	unsigned long long v;
	char name[16];
	int len;

	memset(f, 0, sizeof(*f));
	page_states_point_hook = NULL;
	for (; p && *p; p += len + (p[len] == ',')) {
		if (sscanf(p, "%15[a-z]=%llu%n", name, &v, &len) != 2)
			goto bad;
		if (!strcmp(name, "seed"))
			f->seed = v;
		else if (!strcmp(name, "act") && v <= 1000)
			f->act = (unsigned int)v;
		else if (!strcmp(name, "write") && v <= 1000)
			f->write_error = (unsigned int)v;
		else if (!strcmp(name, "read") && v <= 1000)
			f->read_error = (unsigned int)v;
		else if (!strcmp(name, "delay") && v <= 1000)
			f->delay = (unsigned int)v;
		else
			goto bad;
		if (p[len] && p[len] != ',')
			goto bad;
	}
	if (f->seed)
		page_states_point_hook = at_point;
	return;
bad:
	fprintf(stderr, "pagestates: PAGESTATES_TEST_FAULTS: cannot parse '%s' (seed=S,act=N,write=N,read=N,delay=N, rates per 1000)\n",
		p);
	exit(1);
}

void inject_config(struct hv_host_config *hc)
{
	hc->bugs = inject_bugs();
	inject_faults(&hc->faults);
}
