// SPDX-License-Identifier: GPL-2.0
/*
 * "Guests that fit": the 2019 free page hinting measurement, scaled down
 * 1/20 (15 GiB host, 5 GiB guests that touch 4 GiB and free it again).
 * Not further: free page reporting only runs while a zone has more than
 * 32 free 2 MiB blocks (64 MiB, as in Linux 6.1), which a 1/100 guest
 * (51 MiB) never has, so "report" would look like "none".
 * Guests start one after another on one host, each keeps a live set
 * (its OS, 1/10 of its memory) and runs the workload: touch 4 GiB, free
 * it all; guests stay up. Counted: how many guests ran before the host
 * had to page anything out, per strategy and transport. With every freed
 * page back at the host, the count is bounded by the live sets only:
 *   ideal = 1 + (host - (live + work)) / live.
 *
 *   guests_fit [--scale N] [--max-guests N]     (make bench)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/mm.h>
#include "sim.h"

struct fit_config {
	unsigned long host_pages, guest_pages, work_pages, live_pages;
	unsigned int max_guests;
};

struct transport {
	const char *backend;
	enum hv_mode mode;
	const char *mode_name;
};

static const struct transport transports[] = {
	{ "essa-direct", HV_MODE_INTERCEPT, "intercept" },
	{ "essa-direct", HV_MODE_INTERPRET, "interpret" },
	{ "pv", HV_MODE_INTERPRET, "interpret" },
};

static u64 clock_ns;

static struct page **alloc_touch(unsigned long n)
{
	struct page **pages = malloc(n * sizeof(*pages));
	unsigned long i;

	if (!pages)
		exit(1);
	for (i = 0; i < n; i++) {
		pages[i] = alloc_page(GFP_HIGHUSER_MOVABLE);
		if (!pages[i]) {
			fprintf(stderr, "guests_fit: guest out of memory\n");
			exit(1);
		}
		sim_touch_page(pages[i]);
	}
	return pages;
}

/* Let timed strategy work (free page reporting's 2 s delay) run. */
static void idle(unsigned int seconds)
{
	unsigned int i;

	for (i = 0; i < seconds * 10; i++) {
		clock_ns += 100000000ULL;
		mm_tick(clock_ns);
	}
}

/* One guest's life up to idle: live set, touch the work set, free it. */
static void run_guest(struct sim_guest *sg, const struct fit_config *fc)
{
	struct page **work;
	unsigned long i;

	sim_guest_enter(sg, 0);
	free(alloc_touch(fc->live_pages));	/* kept: the guest's OS */
	work = alloc_touch(fc->work_pages);
	for (i = 0; i < fc->work_pages; i++)
		__free_page(work[i]);
	free(work);
	idle(5);
}

static unsigned long swapped(struct hv_host *host)
{
	struct hv_stats st;

	hv_host_get_stats(host, &st);
	return st.host_swap_out_pages;
}

/* Guests that ran before the first host page out (max_guests: capped). */
static unsigned int guests_fit(enum hint_strategy s, const struct transport *t,
			       const struct fit_config *fc)
{
	struct hv_host_config hc = {
		.mem_limit_pages = fc->host_pages,
		.mode = t->mode,
		.essa_available = true,
	};
	struct hv_host *host = hv_host_create(&hc);
	struct sim_guest_config gc = {
		.nr_pages = fc->guest_pages,
		.nr_cpus = 2,
		.strategy = s,
		.backend = t->backend,
		.host = host,
	};
	struct sim_guest **sg = calloc(fc->max_guests, sizeof(*sg));
	unsigned int n, fit = fc->max_guests;

	for (n = 0; n < fc->max_guests; n++) {
		sg[n] = sim_guest_create(&gc);
		if (!sg[n]) {
			fprintf(stderr, "%s: cannot create a guest\n",
				__func__);
			exit(1);
		}
		run_guest(sg[n], fc);
		if (swapped(host)) {
			fit = n++;
			break;
		}
	}
	while (n--)
		sim_guest_destroy(sg[n]);
	free(sg);
	hv_host_destroy(host);
	return fit;
}

int main(int argc, char **argv)
{
	unsigned long scale = 20;
	struct fit_config fc = { .max_guests = 64 };
	unsigned int s, t, ideal;
	int i;

	for (i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--scale"))
			scale = strtoul(argv[i + 1], NULL, 0);
		else if (!strcmp(argv[i], "--max-guests"))
			fc.max_guests = strtoul(argv[i + 1], NULL, 0);
	}
	fc.host_pages = (15UL << 18) / scale;	/* GiB -> 4 KiB pages */
	fc.guest_pages = (5UL << 18) / scale;
	fc.work_pages = (4UL << 18) / scale;
	fc.live_pages = fc.guest_pages / 10;
	ideal = 1 + (fc.host_pages - fc.live_pages - fc.work_pages) /
		fc.live_pages;
	printf("guests_fit: host %lu pages, guest %lu, work %lu, live %lu (1/%lu of 15/5/4 GiB); ideal %u, cap %u\n",
	       fc.host_pages,
	       fc.guest_pages, fc.work_pages, fc.live_pages, scale, ideal,
	       fc.max_guests);
	printf("%-16s", "strategy");
	for (t = 0; t < ARRAY_SIZE(transports); t++)
		printf("  %s/%s", transports[t].backend, transports[t].mode_name);
	printf("\n");
	for (s = 0; s < NR_HINT_STRATEGIES; s++) {
		printf("%-16s", hint_strategy_name(s));
		for (t = 0; t < ARRAY_SIZE(transports); t++)
			printf("  %*u", (int)(strlen(transports[t].backend) +
					      strlen(transports[t].mode_name) + 1),
			       guests_fit(s, &transports[t], &fc));
		printf("\n");
		fflush(stdout);
	}
	return 0;
}
