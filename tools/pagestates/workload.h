/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Built-in synthetic workloads. A workload generates the same events a
 * trace gives (event.h), in time order on a virtual clock, with the guest
 * each one runs on; "pfn" is the generator's own block id. Same seed, same
 * events: every strategy of a compare sees the same input.
 */
#ifndef _PAGESTATES_WORKLOAD_H
#define _PAGESTATES_WORKLOAD_H

#include <stddef.h>
#include "event.h"

struct workload_params {
	u64 seed;
	unsigned long guest_pages;	/* per guest */
	unsigned int nr_guests;
	int nr_cpus;
	double duration_s;
};

struct workload_out {
	void (*emit)(void *ctx, unsigned int guest, const struct ps_event *ev);
	void *ctx;
};

struct workload {
	const char *name;
	const char *description;
	/* defaults */
	unsigned long guest_pages;
	unsigned int nr_guests;
	int nr_cpus;
	double duration_s;
	double host_percent;		/* host memory, % of all guests' */
	void (*generate)(const struct workload_params *p,
			 const struct workload_out *out);
};

const struct workload *workload_by_name(const char *name);
const struct workload *workload_at(unsigned int i);	/* NULL past end */

/* The files workloads read and write: id i is (dev 8:1, inode i + 1). */
#define WORKLOAD_NR_FILES	4096
const struct ps_file *workload_files(void);

#endif
