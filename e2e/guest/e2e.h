/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The in-guest end-to-end workload (Documentation/e2e.rst): one static
 * s390x program that is PID 1 of the e2e initramfs, or runs the same
 * workload as an ordinary process (qemu-s390x user mode, the TAP test).
 */
#ifndef E2E_GUEST_H
#define E2E_GUEST_H

#include <stdint.h>
#include <stddef.h>

#define E2E_PAGE	4096UL

/* The workload's sizes; e2e_params_full() and _small() fill them. */
struct e2e_params {
	uint64_t seed;
	unsigned int churn_rounds;	/* rounds of children */
	unsigned int churn_children;	/* children alive at once per round */
	unsigned int churn_ops;		/* map/unmap operations per child */
	unsigned long child_cap_pages;	/* live pages per child at most */
	unsigned long pool_step_pages;	/* long-lived pool growth per round */
	unsigned int nr_files;		/* file set */
	unsigned long file_pages;	/* pages per file */
	unsigned int idle_ms;		/* the idle phase */
	unsigned int settle_ms;		/* after the bulk free */
};

void e2e_params_full(struct e2e_params *p);
void e2e_params_small(struct e2e_params *p);

/* Deterministic generator (splitmix64): the same seed, the same run. */
static inline uint64_t e2e_rand(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

/* Console lines: every one starts with "e2e: " (the host parses them). */
void e2e_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
double e2e_now(void);			/* CLOCK_MONOTONIC, seconds */

/* report.c: /proc/meminfo and /proc/vmstat on the console */
int e2e_meminfo(unsigned long *total_kib, unsigned long *free_kib,
		unsigned long *used_kib);
void e2e_print_mem(double t0);
void e2e_print_vmstat(const char *when);
int e2e_sampler_start(unsigned int period_ms, double t0);
void e2e_sampler_stop(int pid);

/* fileset.c: the file set, its content a function of (seed, file, page) */
uint64_t e2e_page_word(uint64_t seed, unsigned int file, unsigned long page);
int e2e_fileset_write(const char *path, const struct e2e_params *p);
int e2e_fileset_read(const char *path, const struct e2e_params *p,
		     unsigned long *pages_read);

/* workload.c: the phases; returns the number of failures */
int e2e_workload(const struct e2e_params *p, const char *fileset);

/* tracing.c: the kmem and filemap events through tracefs */
int e2e_trace_start(const char *tracefs, unsigned long buffer_kib);
void e2e_trace_stop(const char *tracefs);
int e2e_trace_dump(const char *tracefs, const char *out);

#endif
