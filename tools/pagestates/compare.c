// SPDX-License-Identifier: GPL-2.0
/*
 * What a comparison derives from its runs: each strategy's saving of host
 * memory against none (host_required_mean_pages), that saving as a share
 * of cmma's, its distance from the oracle bound (frontier.h), whether
 * every run replayed the same input, and the verdict line.
 */
#include <math.h>
#include <string.h>
#include "report.h"

const char *ps_start_description(const char *start)
{
	if (start && !strcmp(start, "fresh"))
		return "fresh: a just-booted guest, memory it never touched is stable and logically zero at the host (free for it)";
	return "aged: a guest that has run for long, every page touched before the input, free memory as the strategy leaves long-free memory (unused for the hinting strategies, reported for report, stable for none)";
}

const char *ps_host_description(const char *host)
{
	if (host && !strcmp(host, "zvm"))
		return "zvm: the series' hypervisor, volatile and clean potentially volatile pages discarded under pressure, discard faults";
	return "kvm: KVM on Linux 6.1, reclaim drops unused pages, pages volatile ones out like stable ones, no discard faults";
}

const struct ps_metrics *ps_report_run(const struct ps_report *rep,
				       const char *strategy)
{
	unsigned int i;

	for (i = 0; i < rep->nr_runs; i++)
		if (!strcmp(rep->runs[i].strategy, strategy))
			return &rep->runs[i];
	return NULL;
}

void ps_derive(const struct ps_report *rep, const struct ps_metrics *m,
	       struct ps_derived *d)
{
	const struct ps_metrics *none = ps_report_run(rep, "none");
	const struct ps_metrics *cmma = ps_report_run(rep, "cmma");
	double cmma_saving;

	memset(d, 0, sizeof(*d));
	if (none) {
		d->have_saving = true;
		d->saving_pages = none->host_required_mean_pages -
				  m->host_required_mean_pages;
		cmma_saving = cmma ? none->host_required_mean_pages -
				     cmma->host_required_mean_pages : 0;
		if (cmma_saving > 0) {
			d->have_share = true;
			d->share_of_cmma = d->saving_pages / cmma_saving;
		}
	}
	if (rep->frontier && rep->frontier->nr) {
		d->have_distance = true;
		d->distance_pages = m->unhinted_free_mean_pages -
				    frontier_at(rep->frontier,
						m->hint_ops_per_1k_freed);
	}
}

bool ps_report_valid(const struct ps_report *rep, char *why, size_t len)
{
	unsigned int i;

	for (i = 0; i < rep->nr_runs; i++) {
		if (rep->runs[i].failed_allocations) {
			snprintf(why, len, "%s failed %llu allocations",
				 rep->runs[i].strategy,
				 (unsigned long long)rep->runs[i].failed_allocations);
			return false;
		}
		if (rep->runs[i].freed_pages != rep->runs[0].freed_pages) {
			snprintf(why, len, "%s freed %llu pages, %s %llu",
				 rep->runs[i].strategy,
				 (unsigned long long)rep->runs[i].freed_pages,
				 rep->runs[0].strategy,
				 (unsigned long long)rep->runs[0].freed_pages);
			return false;
		}
		if (rep->runs[i].violations) {
			snprintf(why, len, "%s has %llu violations",
				 rep->runs[i].strategy,
				 (unsigned long long)rep->runs[i].violations);
			return false;
		}
	}
	return true;
}

static double mib(double pages)
{
	return pages / 256.0;
}

/*
 * Near the bound: unhinted free memory at most a quarter above the
 * oracle's at the same hint cost, or 1 MiB above it where the bound is
 * about nothing.
 */
#define NEAR_SHARE	0.25
#define NEAR_PAGES	256.0

static bool near_bound(const struct ps_report *rep, const struct ps_metrics *m,
		       const struct ps_derived *d)
{
	double bound = frontier_at(rep->frontier, m->hint_ops_per_1k_freed);

	return d->distance_pages <= NEAR_PAGES ||
	       d->distance_pages <= NEAR_SHARE * bound;
}

/*
 * The cheapest hinting run near the bound; if none is, the one nearest
 * it (*near says which). NULL if there is no hinting run.
 */
static const struct ps_metrics *pick(const struct ps_report *rep, bool *near)
{
	const struct ps_metrics *best = NULL, *closest = NULL;
	struct ps_derived d, cd = { 0 };
	unsigned int i;

	for (i = 0; i < rep->nr_runs; i++) {
		const struct ps_metrics *m = &rep->runs[i];

		if (!strcmp(m->strategy, "none") && rep->nr_runs > 1)
			continue;
		ps_derive(rep, m, &d);
		if (!closest || d.distance_pages < cd.distance_pages) {
			closest = m;
			cd = d;
		}
		if (near_bound(rep, m, &d) &&
		    (!best || m->hint_ops < best->hint_ops))
			best = m;
	}
	*near = best != NULL;
	return best ? best : closest;
}

void ps_verdict(const struct ps_report *rep, char *buf, size_t len)
{
	const struct ps_metrics *m, *cmma = ps_report_run(rep, "cmma");
	struct ps_derived d, dc;
	char why[256];
	bool near;
	int n;

	if (!rep->nr_runs) {
		snprintf(buf, len, "verdict: nothing was run");
		return;
	}
	if (!ps_report_valid(rep, why, sizeof(why))) {
		snprintf(buf, len, "verdict: not a valid comparison: %s", why);
		return;
	}
	if (!rep->frontier || !rep->frontier->nr) {
		m = &rep->runs[0];
		snprintf(buf, len, "verdict: %s, %.1f MiB unhinted free memory at %.0f hint ops per 1k freed",
			 m->strategy, mib(m->unhinted_free_mean_pages),
			 m->hint_ops_per_1k_freed);
		return;
	}
	m = pick(rep, &near);
	ps_derive(rep, m, &d);
	n = snprintf(buf, len, "verdict: %s %s: %.0f hint ops per 1k freed, %.1f MiB above the oracle bound",
		     near ? "cheapest near the oracle bound:" :
			    "no strategy near the oracle bound; nearest:",
		     m->strategy, m->hint_ops_per_1k_freed,
		     mib(d.distance_pages));
	if (d.have_share && n > 0 && (size_t)n < len)
		n += snprintf(buf + n, len - (size_t)n,
			      ", %.0f%% of cmma's saving",
			      100.0 * d.share_of_cmma);
	if (cmma && cmma != m && n > 0 && (size_t)n < len) {
		ps_derive(rep, cmma, &dc);
		snprintf(buf + n, len - (size_t)n,
			 " (cmma: %.0f, %.1f MiB above)",
			 cmma->hint_ops_per_1k_freed, mib(dc.distance_pages));
	}
}
