// SPDX-License-Identifier: GPL-2.0
/* The oracle bound (see frontier.h). */
#include <stdlib.h>
#include <string.h>
#include "frontier.h"

/* Levels (below..h] of the free pool, free since start. */
struct level_run {
	u64 h;
	u64 start_ns;
	bool initial;		/* free when the input began */
};

/* count pages free for len_ns, costing cost hints each. */
struct level_interval {
	u64 len_ns;
	u32 count;
	u8 cost;
};

struct fguest {
	u64 live;
	u64 touched;		/* fresh: the most pages ever in use */
	u64 free;		/* F: touched free pages now */
	struct level_run *runs;
	size_t nr_runs, cap_runs;
};

struct ps_frontier_builder {
	enum ps_start start;
	u64 guest_pages;
	unsigned int nr_guests;
	struct fguest *g;
	struct level_interval *iv;
	size_t nr_iv, cap_iv;
	bool failed;		/* out of memory */
};

struct ps_frontier_builder *frontier_create(enum ps_start start,
					    unsigned long guest_pages,
					    unsigned int nr_guests)
{
	struct ps_frontier_builder *fb = calloc(1, sizeof(*fb));

	if (!fb)
		return NULL;
	fb->start = start;
	fb->guest_pages = guest_pages;
	fb->nr_guests = nr_guests;
	fb->g = calloc(nr_guests ? nr_guests : 1, sizeof(*fb->g));
	if (!fb->g) {
		free(fb);
		return NULL;
	}
	return fb;
}

void frontier_destroy(struct ps_frontier_builder *fb)
{
	unsigned int i;

	if (!fb)
		return;
	for (i = 0; i < fb->nr_guests; i++)
		free(fb->g[i].runs);
	free(fb->g);
	free(fb->iv);
	free(fb);
}

static void fr_emit(struct ps_frontier_builder *fb, const struct level_run *run,
		 u64 count, u64 end_ns, bool open_end)
{
	struct level_interval *n;
	u8 cost;

	if (!count || end_ns <= run->start_ns)
		return;		/* no page-seconds to gain */
	cost = (u8)(!(run->initial && fb->start == PS_START_AGED) +
		    !open_end);
	if (fb->nr_iv == fb->cap_iv) {
		size_t cap = fb->cap_iv ? fb->cap_iv * 2 : 4096;

		n = realloc(fb->iv, cap * sizeof(*n));
		if (!n) {
			fb->failed = true;
			return;
		}
		fb->iv = n;
		fb->cap_iv = cap;
	}
	fb->iv[fb->nr_iv++] = (struct level_interval){
		.len_ns = end_ns - run->start_ns,
		.count = (u32)count,
		.cost = cost,
	};
}

static void fr_push_run(struct ps_frontier_builder *fb, struct fguest *g,
		     u64 h, u64 t_ns, bool initial)
{
	struct level_run *n;

	if (g->nr_runs == g->cap_runs) {
		size_t cap = g->cap_runs ? g->cap_runs * 2 : 256;

		n = realloc(g->runs, cap * sizeof(*n));
		if (!n) {
			fb->failed = true;
			return;
		}
		g->runs = n;
		g->cap_runs = cap;
	}
	g->runs[g->nr_runs++] = (struct level_run){
		.h = h, .start_ns = t_ns, .initial = initial,
	};
}

/* The pool falls to f at t_ns: the levels above f end their intervals. */
static void fr_fall_to(struct ps_frontier_builder *fb, struct fguest *g,
		    u64 f, u64 t_ns, bool open_end)
{
	while (g->nr_runs) {
		struct level_run *top = &g->runs[g->nr_runs - 1];
		u64 below = g->nr_runs > 1 ? top[-1].h : 0;

		if (top->h <= f)
			break;
		if (below < f) {
			fr_emit(fb, top, top->h - f, t_ns, open_end);
			top->h = f;
			break;
		}
		fr_emit(fb, top, top->h - below, t_ns, open_end);
		g->nr_runs--;
	}
}

static void fr_set_free(struct ps_frontier_builder *fb, struct fguest *g,
		     u64 f, u64 t_ns, bool initial)
{
	if (f > g->free)
		fr_push_run(fb, g, f, t_ns, initial);
	else if (f < g->free)
		fr_fall_to(fb, g, f, t_ns, false);
	g->free = f;
}

static u64 fr_touched_free(struct ps_frontier_builder *fb, struct fguest *g)
{
	if (fb->start == PS_START_AGED)
		return g->live < fb->guest_pages ? fb->guest_pages - g->live : 0;
	if (g->live > g->touched)
		g->touched = g->live;
	return g->touched - g->live;
}

void frontier_start(struct ps_frontier_builder *fb, unsigned int guest,
		    u64 live)
{
	struct fguest *g = &fb->g[guest];

	g->live = live;
	g->touched = live;
	fr_set_free(fb, g, fr_touched_free(fb, g), 0, true);
}

void frontier_note(struct ps_frontier_builder *fb, unsigned int guest,
		   u64 t_ns, u64 live)
{
	struct fguest *g = &fb->g[guest];

	if (live == g->live)
		return;
	g->live = live;
	fr_set_free(fb, g, fr_touched_free(fb, g), t_ns, false);
}

/* Most page-seconds per hint first; free ones (cost 0) before all. */
static int fr_by_yield(const void *a, const void *b)
{
	const struct level_interval *x = a, *y = b;
	u64 l, r;

	if (!x->cost || !y->cost)
		return (int)!y->cost - (int)!x->cost;
	/* x.len / x.cost against y.len / y.cost, without division */
	l = (u64)y->cost * x->len_ns;
	r = (u64)x->cost * y->len_ns;
	return l > r ? -1 : l < r ? 1 : 0;
}

int frontier_finish(struct ps_frontier_builder *fb, u64 end_ns,
		    u64 freed_pages, struct ps_frontier *out)
{
	double area = 0, removed = 0, cost = 0, per_1k, t;
	size_t i, n;
	unsigned int gi;

	memset(out, 0, sizeof(*out));
	for (gi = 0; gi < fb->nr_guests; gi++)
		fr_fall_to(fb, &fb->g[gi], 0, end_ns, true);
	if (fb->failed)
		return -1;
	qsort(fb->iv, fb->nr_iv, sizeof(*fb->iv), fr_by_yield);
	for (i = 0; i < fb->nr_iv; i++)
		area += (double)fb->iv[i].count * (double)fb->iv[i].len_ns;
	out->pts = malloc((fb->nr_iv + 1) * sizeof(*out->pts));
	if (!out->pts)
		return -1;
	t = end_ns ? (double)end_ns : 1;
	per_1k = 1000.0 / (double)(freed_pages ? freed_pages : 1);
	for (i = 0; i < fb->nr_iv && !fb->iv[i].cost; i++)
		removed += (double)fb->iv[i].count * (double)fb->iv[i].len_ns;
	n = 0;
	out->pts[n++] = (struct ps_frontier_point){
		.hint_ops_per_1k_freed = 0,
		.unhinted_free_mean_pages = (area - removed) / t,
	};
	for (; i < fb->nr_iv; i++) {
		cost += (double)fb->iv[i].count * fb->iv[i].cost;
		removed += (double)fb->iv[i].count * (double)fb->iv[i].len_ns;
		out->pts[n++] = (struct ps_frontier_point){
			.hint_ops_per_1k_freed = cost * per_1k,
			.unhinted_free_mean_pages = (area - removed) / t,
		};
	}
	/* everything hinted: nothing left, rounding aside */
	out->pts[n - 1].unhinted_free_mean_pages = 0;
	out->nr = n;
	out->freed_pages = freed_pages;
	out->duration_s = (double)end_ns * 1e-9;
	out->touched_free_mean_pages = area / t;
	out->intervals = fb->nr_iv;
	return 0;
}

double frontier_at(const struct ps_frontier *f, double x)
{
	size_t lo = 0, hi, mid;
	const struct ps_frontier_point *a, *b;

	if (!f->nr)
		return 0;
	if (x <= f->pts[0].hint_ops_per_1k_freed)
		return f->pts[0].unhinted_free_mean_pages;
	hi = f->nr - 1;
	if (x >= f->pts[hi].hint_ops_per_1k_freed)
		return f->pts[hi].unhinted_free_mean_pages;
	/* pts[lo].x < x <= pts[hi].x */
	while (hi - lo > 1) {
		mid = lo + (hi - lo) / 2;
		if (f->pts[mid].hint_ops_per_1k_freed < x)
			lo = mid;
		else
			hi = mid;
	}
	a = &f->pts[lo];
	b = &f->pts[hi];
	return a->unhinted_free_mean_pages +
	       (b->unhinted_free_mean_pages - a->unhinted_free_mean_pages) *
	       (x - a->hint_ops_per_1k_freed) /
	       (b->hint_ops_per_1k_freed - a->hint_ops_per_1k_freed);
}

size_t frontier_thin(const struct ps_frontier *f, size_t max,
		     struct ps_frontier_point *out)
{
	double x0, x1, want;
	size_t i = 0, k, n = 0;

	if (f->nr <= max) {
		memcpy(out, f->pts, f->nr * sizeof(*out));
		return f->nr;
	}
	x0 = f->pts[0].hint_ops_per_1k_freed;
	x1 = f->pts[f->nr - 1].hint_ops_per_1k_freed;
	out[n++] = f->pts[0];
	for (k = 1; k + 1 < max; k++) {
		want = x0 + (x1 - x0) * (double)k / (double)(max - 1);
		while (i + 1 < f->nr && f->pts[i].hint_ops_per_1k_freed < want)
			i++;
		if (out[n - 1].hint_ops_per_1k_freed <
		    f->pts[i].hint_ops_per_1k_freed && i + 1 < f->nr)
			out[n++] = f->pts[i];
	}
	out[n++] = f->pts[f->nr - 1];
	return n;
}

void frontier_free(struct ps_frontier *f)
{
	free(f->pts);
	f->pts = NULL;
	f->nr = 0;
}
