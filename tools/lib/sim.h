/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Simulation glue: one guest kernel (a pglist_data with its allocator and
 * hint strategy) on a host of the hypervisor model, booted and ready.
 *
 *   struct sim_guest_config cfg = { .nr_pages = 4096, .nr_cpus = 2,
 *                                   .strategy = HINT_SPILL };
 *   struct sim_guest *sg = sim_guest_create(&cfg);  // enters cpu 0
 *   struct page *p = alloc_page(GFP_KERNEL);
 *   sim_touch_page(p);
 *   ...
 *   sim_guest_destroy(sg);
 *
 * A thread that runs a guest cpu calls sim_guest_enter(sg, cpu) first.
 */
#ifndef _TOOLS_SIM_H
#define _TOOLS_SIM_H

#include <linux/mm.h>
#include <hv/hv.h>

struct sim_guest_config {
	unsigned long nr_pages;		/* guest memory, 4 KiB pages */
	int nr_cpus;
	enum hint_strategy strategy;
	const char *backend;		/* NULL: sim_default_backend */
	struct hv_host *host;		/* NULL: a private unlimited host */
	int pcp_high, pcp_batch;	/* 0: computed as Linux does */
};

struct sim_guest {
	struct pglist_data *pgdat;
	struct hv_guest *hv;
	struct hv_host *host;
	bool own_host;
	const struct page_states_backend *backend; /* NULL: none/failed */
};

/* The backend a native build uses when the config names none. */
extern const char *const sim_default_backend;

/* Name of backend i (0, 1, ...), NULL past the last one. */
const char *sim_backend_name(unsigned int i);

/*
 * Look up a backend by name; "none" gives NULL. Returns 0, or -1 for an
 * unknown name.
 */
int sim_backend_by_name(const char *name,
			const struct page_states_backend **backend);

/* Create, boot (free all memory; cmma hints it) and enter cpu 0. */
struct sim_guest *sim_guest_create(const struct sim_guest_config *cfg);
/* This thread now runs cpu of the guest. */
void sim_guest_enter(struct sim_guest *sg, int cpu);
void sim_guest_destroy(struct sim_guest *sg);

/* The workload writes a page it got (the host sees the touch). */
int sim_touch_page(struct page *page);

#endif
