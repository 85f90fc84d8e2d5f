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

const char *const ps_derived_keys[PS_NR_DERIVED_ROWS] = {
	[PS_ROW_SAVING] = "host_saving_vs_none_pages",
	[PS_ROW_SHARE] = "share_of_cmma_saving",
	[PS_ROW_DISTANCE] = "frontier_distance_pages",
};

double ps_derived_value(const struct ps_derived *d, enum ps_derived_row r)
{
	switch (r) {
	case PS_ROW_SAVING:
		return d->have_saving ? d->saving_pages : NAN;
	case PS_ROW_SHARE:
		return d->have_share ? d->share_of_cmma : NAN;
	default:
		return d->have_distance ? d->distance_pages : NAN;
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
 * The verdict (Documentation/metrics.rst, "The verdict"): of the hinting
 * runs whose host_required_mean_pages is within the tolerance of the
 * lowest one ("equal saving"), the one with the fewest hint_ops wins;
 * it is compared with the run that saved the most and with the next
 * cheapest at equal saving. The tolerance is 5% of the largest saving
 * against none, and at least 1 MiB (only 1 MiB when none was not run).
 */
#define EQUAL_SHARE	0.05
#define EQUAL_PAGES	256.0

static bool hinting(const struct ps_metrics *m)
{
	return strcmp(m->strategy, "none") != 0;
}

/* The run that needs the least host memory (saves the most), or NULL. */
static const struct ps_metrics *most_saving(const struct ps_report *rep)
{
	const struct ps_metrics *best = NULL;
	unsigned int i;

	for (i = 0; i < rep->nr_runs; i++) {
		const struct ps_metrics *m = &rep->runs[i];

		if (hinting(m) && (!best || m->host_required_mean_pages <
					    best->host_required_mean_pages))
			best = m;
	}
	return best;
}

double ps_equal_saving_pages(const struct ps_report *rep)
{
	const struct ps_metrics *none = ps_report_run(rep, "none");
	const struct ps_metrics *best = most_saving(rep);
	double t = 0;

	if (none && best)
		t = EQUAL_SHARE * (none->host_required_mean_pages -
				   best->host_required_mean_pages);
	return t > EQUAL_PAGES ? t : EQUAL_PAGES;
}

/* The cheapest run at equal saving other than skip (may be NULL). */
static const struct ps_metrics *cheapest(const struct ps_report *rep,
					 const struct ps_metrics *best,
					 const struct ps_metrics *skip)
{
	const struct ps_metrics *w = NULL;
	double tol = ps_equal_saving_pages(rep);
	unsigned int i;

	for (i = 0; i < rep->nr_runs; i++) {
		const struct ps_metrics *m = &rep->runs[i];

		if (!hinting(m) || m == skip ||
		    m->host_required_mean_pages >
		    best->host_required_mean_pages + tol)
			continue;
		if (!w || m->hint_ops < w->hint_ops ||
		    (m->hint_ops == w->hint_ops &&
		     m->host_required_mean_pages < w->host_required_mean_pages))
			w = m;
	}
	return w;
}

/* "40%" of b's hint ops, or "2.5x" when more */
static void ratio_text(char *buf, size_t len, double a, double b)
{
	if (b <= 0)
		snprintf(buf, len, "-");
	else if (a <= b)
		snprintf(buf, len, "%.0f%%", 100.0 * a / b);
	else
		snprintf(buf, len, "%.1fx", a / b);
}

#define APPEND(buf, len, n, ...) do {					\
	if ((n) >= 0 && (size_t)(n) < (len))				\
		(n) += snprintf((buf) + (n), (len) - (size_t)(n),	\
				__VA_ARGS__);				\
} while (0)

void ps_verdict(const struct ps_report *rep, char *buf, size_t len)
{
	const struct ps_metrics *w, *best, *next;
	struct ps_derived dw, db;
	char why[256], r[16];
	int n;

	if (!rep->nr_runs) {
		snprintf(buf, len, "verdict: nothing was run");
		return;
	}
	if (!ps_report_valid(rep, why, sizeof(why))) {
		snprintf(buf, len, "verdict: not a valid comparison: %s", why);
		return;
	}
	best = most_saving(rep);
	if (!best) {
		snprintf(buf, len, "verdict: no hinting strategy was run");
		return;
	}
	w = cheapest(rep, best, NULL);
	next = cheapest(rep, best, w);
	ps_derive(rep, w, &dw);
	ps_derive(rep, best, &db);
	if (dw.have_saving && db.saving_pages <= EQUAL_PAGES) {
		snprintf(buf, len, "verdict: no strategy saves host memory against none (at most %.1f MiB)",
			 mib(db.saving_pages));
		return;
	}
	n = snprintf(buf, len, "verdict: %s wins on hints at equal saving: %.0f hint ops per 1k freed",
		     w->strategy, w->hint_ops_per_1k_freed);
	if (dw.have_saving)
		APPEND(buf, len, n, ", saves %.1f MiB", mib(dw.saving_pages));
	if (w != best) {
		ratio_text(r, sizeof(r), (double)w->hint_ops,
			   (double)best->hint_ops);
		if (dw.have_saving)
			APPEND(buf, len, n, " (%.1f%% of %s's %.1f MiB) with %s of its hint ops (%s: %.0f)",
			       100.0 * dw.saving_pages / db.saving_pages,
			       best->strategy, mib(db.saving_pages), r,
			       best->strategy, best->hint_ops_per_1k_freed);
		else
			APPEND(buf, len, n, " (%.1f MiB less than %s) with %s of its hint ops (%s: %.0f)",
			       mib(w->host_required_mean_pages -
				   best->host_required_mean_pages),
			       best->strategy, r, best->strategy,
			       best->hint_ops_per_1k_freed);
	} else {
		APPEND(buf, len, n, ", the most of all");
	}
	if (next && next->hint_ops >= 2 * w->hint_ops && w->hint_ops)
		APPEND(buf, len, n, "; next %s, %.1fx the hint ops",
		       next->strategy,
		       (double)next->hint_ops / (double)w->hint_ops);
	else if (next && next->hint_ops > w->hint_ops && w->hint_ops)
		APPEND(buf, len, n, "; next %s, %.1f%% more hint ops",
		       next->strategy,
		       100.0 * ((double)next->hint_ops / (double)w->hint_ops -
				1.0));
	else if (next && next->hint_ops > w->hint_ops)
		APPEND(buf, len, n, "; next %s, %.0f hint ops per 1k freed",
		       next->strategy, next->hint_ops_per_1k_freed);
	else if (next)
		APPEND(buf, len, n, "; %s ties", next->strategy);
	else
		APPEND(buf, len, n, "; no other strategy at equal saving");
	APPEND(buf, len, n, " (equal: within %.1f MiB)",
	       mib(ps_equal_saving_pages(rep)));
	if (dw.have_distance)
		APPEND(buf, len, n, "; %.1f MiB above the oracle bound",
		       mib(dw.distance_pages));
}
