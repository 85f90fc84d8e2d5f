// SPDX-License-Identifier: GPL-2.0
/*
 * What the guest tells the host, on its console: its used memory from
 * /proc/meminfo (MemTotal - MemFree: anonymous, page cache and kernel
 * memory alike, every page the guest does not count as free) and the
 * page_states_* counters of /proc/vmstat, plus pgalloc and pgfree.
 * A sampler process prints the memory line every period until stopped.
 */
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>

#include "e2e.h"

void e2e_say(const char *fmt, ...)
{
	char line[512];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	/* one write per line: lines of processes never interleave */
	printf("e2e: %s\n", line);
	fflush(stdout);
}

double e2e_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int e2e_meminfo(unsigned long *total_kib, unsigned long *free_kib,
		unsigned long *used_kib)
{
	char name[64];
	unsigned long v;
	int found = 0;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return -1;
	*total_kib = *free_kib = 0;
	while (fscanf(f, "%63s %lu%*[^\n]", name, &v) == 2) {
		if (!strcmp(name, "MemTotal:")) {
			*total_kib = v;
			found |= 1;
		} else if (!strcmp(name, "MemFree:")) {
			*free_kib = v;
			found |= 2;
		}
	}
	fclose(f);
	if (found != 3 || *free_kib > *total_kib)
		return -1;
	*used_kib = *total_kib - *free_kib;
	return 0;
}

void e2e_print_mem(double t0)
{
	unsigned long total, free_, used;

	if (e2e_meminfo(&total, &free_, &used))
		e2e_say("mem t=%.3f unreadable", e2e_now() - t0);
	else
		e2e_say("mem t=%.3f total_kib=%lu free_kib=%lu used_kib=%lu",
			e2e_now() - t0, total, free_, used);
}

void e2e_print_vmstat(const char *when)
{
	char name[64];
	unsigned long v, pgalloc = 0, pgfree = 0;
	FILE *f = fopen("/proc/vmstat", "r");

	if (!f) {
		e2e_say("vmstat %s unreadable", when);
		return;
	}
	while (fscanf(f, "%63s %lu", name, &v) == 2) {
		if (!strncmp(name, "page_states_", 12))
			e2e_say("vmstat %s %s %lu", when, name, v);
		else if (!strncmp(name, "pgalloc_", 8))
			pgalloc += v;
		else if (!strcmp(name, "pgfree"))
			pgfree = v;
	}
	fclose(f);
	e2e_say("vmstat %s pgalloc %lu", when, pgalloc);
	e2e_say("vmstat %s pgfree %lu", when, pgfree);
}

int e2e_sampler_start(unsigned int period_ms, double t0)
{
	struct timespec ts = {
		.tv_sec = period_ms / 1000,
		.tv_nsec = (long)(period_ms % 1000) * 1000000L,
	};
	pid_t pid = fork();

	if (pid)
		return pid;		/* parent, or -1 */
	for (;;) {
		e2e_print_mem(t0);
		nanosleep(&ts, NULL);
	}
}

void e2e_sampler_stop(int pid)
{
	if (pid <= 0)
		return;
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
}
