// SPDX-License-Identifier: GPL-2.0
/*
 * Hosts, guests and vcpus: creation and teardown (the host lock:
 * hv-internal.h).
 * The page-state machine of the model: Documentation/state-machine.rst.
 */
#include <stdlib.h>
#include "pstate.h"

static __thread struct hv_guest *hv_current_guest;
static __thread bool hv_problem_state;

struct hv_host *hv_host_create(const struct hv_host_config *cfg)
{
	struct hv_host *host = calloc(1, sizeof(*host));

	if (!host)
		return NULL;
	host->cfg = *cfg;
	spin_lock_init(&host->lock);
	fault_seed(host);
	return host;
}

void hv_host_destroy(struct hv_host *host)
{
	unsigned int i;

	if (!host)
		return;
	for (i = 0; i < host->nr_guests; i++)
		hv_guest_destroy(host->guests[i]);
	reclaim_fini(host);
	free(host->guests);
	spin_lock_destroy(&host->lock);
	free(host);
}

static int host_add_guest(struct hv_host *host, struct hv_guest *g)
{
	if (host->nr_guests == host->cap_guests) {
		unsigned int cap = host->cap_guests ? host->cap_guests * 2 : 8;
		void *p = realloc(host->guests, cap * sizeof(*host->guests));

		if (!p)
			return -1;
		host->guests = p;
		host->cap_guests = cap;
	}
	g->id = host->nr_guests;
	host->guests[host->nr_guests++] = g;
	return 0;
}

static int guest_setup(struct hv_host *host, struct hv_guest *g)
{
	if (host_add_guest(host, g))
		return -1;
	if (pst_table_init(g)) {
		host->guests[g->id] = NULL;
		return -1;
	}
	if (gmem_init(g)) {
		host->guests[g->id] = NULL;
		pst_table_fini(g);
		return -1;
	}
	return 0;
}

struct hv_guest *hv_guest_create(struct hv_host *host, unsigned long nr_pages)
{
	struct hv_guest *g;

	/* pfns are kept in 32 bits (CBRL, reclaim queues) */
	if (!nr_pages || nr_pages > UINT32_MAX)
		return NULL;
	g = calloc(1, sizeof(*g));
	if (!g)
		return NULL;
	g->host = host;
	g->nr_pages = nr_pages;
	g->swap_fd = -1;
	hv_lock(host);
	if (guest_setup(host, g)) {
		free(g);
		g = NULL;
	}
	hv_unlock(host);
	return g;
}

/* The guest's pages leave the host's gauges; its events stay counted. */
static void host_forget_guest(struct hv_host *host, struct hv_guest *g)
{
	host->stats.host_resident_pages -= g->stats.host_resident_pages;
	host->stats.pages_unused -= g->stats.pages_unused;
	host->stats.pages_zero -= g->stats.pages_zero;
	host->stats.pages_unused_or_zero -= g->stats.pages_unused_or_zero;
	host->stats.pages_required -= g->stats.pages_required;
	host->guests[g->id] = NULL;
}

void hv_guest_destroy(struct hv_guest *guest)
{
	struct hv_host *host;

	if (!guest)
		return;
	host = guest->host;
	hv_lock(host);
	host_forget_guest(host, guest);
	hv_unlock(host);
	if (hv_current_guest == guest)
		hv_current_guest = NULL;
	swap_fini(guest);
	gmem_fini(guest);
	pst_table_fini(guest);
	free(guest);
}

unsigned long hv_guest_nr_pages(const struct hv_guest *guest)
{
	return guest->nr_pages;
}

void hv_vcpu_enter(struct hv_guest *guest)
{
	hv_current_guest = guest;
}

struct hv_guest *hv_vcpu_current(void)
{
	return hv_current_guest;
}

void hv_vcpu_set_problem_state(bool problem_state)
{
	hv_problem_state = problem_state;
}

bool hv_vcpu_problem_state(void)
{
	return hv_problem_state;
}
