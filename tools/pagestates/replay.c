// SPDX-License-Identifier: GPL-2.0
/* The replay engine (see replay.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/pagemap.h>
#include <sim.h>
#include "content.h"
#include "frontier.h"
#include "inject.h"
#include "replay.h"
#include "pfntab.h"

/*
 * What a trace pfn stands for in our guest, packed in a pfntab value:
 * our pfn, the order, and where the block is now; 0 for nothing.
 */
#define REPLAY_MAX_SAMPLES	100000	/* a bad sample step cannot run away */

#define ENT_PFN_MASK	((1ULL << 40) - 1)
#define ENT_ORDER_SHIFT	40
#define ENT_KIND_SHIFT	44
#define ENT_PRESENT	(1ULL << 63)

enum ent_kind {
	ENT_PLAIN,	/* allocated, ours: __free_pages() */
	ENT_CACHED,	/* in the page cache (it may swap the page) */
	ENT_RELEASED,	/* deleted from the cache: put_page() */
	ENT_GONE,	/* the cache dropped it already (discarded) */
	ENT_FAILED,	/* our allocation failed: events on it are dropped */
};

static u64 ent_make(unsigned long pfn, unsigned int order, enum ent_kind k)
{
	return (u64)pfn | (u64)order << ENT_ORDER_SHIFT |
	       (u64)k << ENT_KIND_SHIFT | ENT_PRESENT;
}

static unsigned long ent_pfn(u64 e)
{
	return (unsigned long)(e & ENT_PFN_MASK);
}

static unsigned int ent_order(u64 e)
{
	return (unsigned int)(e >> ENT_ORDER_SHIFT) & 0xf;
}

static enum ent_kind ent_kind(u64 e)
{
	return (enum ent_kind)((e >> ENT_KIND_SHIFT) & 0x7);
}

struct rsb {
	u32 dev;
	struct super_block *sb;
};

struct rguest {
	struct sim_guest *sg;
	struct pfntab map;		/* trace pfn -> ent */
	struct address_space **mappings; /* by file id, made on first use */
	struct rsb *sbs;
	size_t nr_sbs;
	u64 val[PS_NR_GAUGES];		/* after the last event */
	u64 inuse_zero;			/* discarded volatile pages in use */
	u64 live;			/* pages the input has in use */
	struct content content;		/* tags of the pages in use */
	/* counters at replay_start: the measured part begins there */
	struct page_states_stats hint0;
	struct hv_stats hv0;
	u64 rereads0;
	bool stopped;			/* the host stopped it (page-in error) */
};

struct replay {
	struct replay_config cfg;
	struct hv_host *host;
	struct rguest *guests;
	struct ps_integral integ;
	u64 now_ns;
	u64 next_sample_ns;
	u64 events;
	u64 freed_pages;
	u64 failed_allocations;
	u64 clock_ofs;			/* strategy clock: input time + this */
	u64 large_folio_pages;
	u64 violations;
	u64 check_countdown;		/* events to the next checker run */
	bool stale;			/* values older than the events */
	bool faults;			/* host faults injected (inject.c) */
	bool started;
	struct ps_series series;
};

static void enter(struct replay *r, unsigned int gi, int cpu)
{
	/* event cpus wrap; most are in range (no division) */
	if (cpu >= r->cfg.nr_cpus)
		cpu %= r->cfg.nr_cpus;
	sim_guest_enter(r->guests[gi].sg, cpu);
}

/* --- measurements ------------------------------------------------------ */

/* Discarded volatile pages still in use: the host's z count covers them. */
static u64 count_inuse_zero(struct rguest *g)
{
	unsigned long pfn, nr = g->sg->pgdat->node_spanned_pages;
	u64 n = 0;

	for (pfn = 0; pfn < nr; pfn++) {
		struct page *page = pfn_to_page(pfn);

		if (PageStateVolatile(page) &&
		    (hv_peek_state(g->sg->hv, pfn) & ESSA_RES_HOST_MASK) ==
		    ESSA_RES_HOST_ZERO)
			n++;
	}
	return n;
}

static inline u64 sub_clamp(u64 a, u64 b)
{
	return a > b ? a - b : 0;
}

/*
 * The gauges of the current guest, now. Pages in use are stable (or
 * volatile page cache) and touched; the only ones logically zero are the
 * discarded volatile pages the guest has not noticed yet (inuse_zero):
 * the host's unused-or-zero and zero counts less those are free pages.
 */
static __always_inline void measure_guest(struct rguest *g)
{
	u64 free = nr_free_pages(), reclaimable, zero;
	struct hv_gauges hg;

	hv_guest_get_gauges(g->sg->hv, &hg);
	reclaimable = min(sub_clamp(hg.unused_or_zero, g->inuse_zero), free);
	zero = min(sub_clamp(hg.zero, g->inuse_zero), reclaimable);
	g->val[PS_G_FREE] = free;
	g->val[PS_G_RECLAIMABLE] = reclaimable;
	g->val[PS_G_TOUCHED_FREE] = free - zero;
	g->val[PS_G_TOUCHED_RECLAIMABLE] = reclaimable - zero;
	g->val[PS_G_UNHINTED_FREE] = free - reclaimable;
	g->val[PS_G_REQUIRED] = hg.required;
}

/* The same, with the discarded volatile pages in use counted again. */
static void measure_guest_full(struct rguest *g)
{
	struct hv_stats st;

	hv_guest_get_stats(g->sg->hv, &st);
	/* a volatile page is only ever dropped under host pressure */
	g->inuse_zero = st.host_discards_volatile ? count_inuse_zero(g) : 0;
	measure_guest(g);
}

static void sum_values(struct replay *r)
{
	unsigned int i, k;

	for (k = 0; k < PS_NR_GAUGES; k++) {
		r->integ.cur[k] = 0;
		for (i = 0; i < r->cfg.nr_guests; i++)
			r->integ.cur[k] += r->guests[i].val[k];
	}
}

static void add_sample(struct replay *r, u64 t_ns)
{
	struct hv_stats hs;
	struct ps_sample s = {
		.time_s = (double)t_ns * 1e-9,
		.guest_free = r->integ.cur[PS_G_FREE],
		.reclaimable = r->integ.cur[PS_G_RECLAIMABLE],
		.host_required = r->integ.cur[PS_G_REQUIRED],
		.unhinted_free = r->integ.cur[PS_G_UNHINTED_FREE],
	};

	hv_host_get_stats(r->host, &hs);
	s.host_resident = hs.host_resident_pages;
	s.guest_used = (u64)r->cfg.guest_pages * r->cfg.nr_guests -
		       r->integ.cur[PS_G_FREE];
	ps_series_add(&r->series, &s);
}

/*
 * The values after the latest events, for every guest (host reclaim for
 * one guest changes the others' states too). Taken only when time moves
 * on: until then nothing reads them.
 */
static void measure_all(struct replay *r)
{
	struct rguest *g = r->guests;
	unsigned int i;

	if (r->cfg.nr_guests == 1) {
		/* the latest event entered it already */
		measure_guest(g);
		memcpy(r->integ.cur, g->val, sizeof(r->integ.cur));
	} else {
		for (i = 0; i < r->cfg.nr_guests; i++) {
			enter(r, i, 0);
			measure_guest(&r->guests[i]);
		}
		sum_values(r);
	}
	r->stale = false;
}

/* Periodic work of every guest: timed strategy work, exact values. */
static void periodic(struct replay *r, u64 t_ns)
{
	unsigned int i;

	for (i = 0; i < r->cfg.nr_guests; i++) {
		enter(r, i, 0);
		mm_tick(t_ns + r->clock_ofs);
		measure_guest_full(&r->guests[i]);
	}
	sum_values(r);
}

static bool sample_due(const struct replay *r, u64 t_ns)
{
	return r->cfg.sample_ns && r->next_sample_ns <= t_ns &&
	       r->series.nr < REPLAY_MAX_SAMPLES;
}

static void advance_to(struct replay *r, u64 t_ns)
{
	if (r->stale && t_ns > r->now_ns)
		measure_all(r);
	while (sample_due(r, t_ns)) {
		ps_integral_advance(&r->integ, r->next_sample_ns);
		periodic(r, r->next_sample_ns);
		add_sample(r, r->next_sample_ns);
		r->next_sample_ns += r->cfg.sample_ns;
	}
	ps_integral_advance(&r->integ, t_ns);
	r->now_ns = t_ns;
}

/* Move the clock to t_ns: integrals, timed work, samples. */
static inline void advance(struct replay *r, u64 t_ns)
{
	/* the same time (or earlier: clamped) and no sample due: no-op */
	if (t_ns <= r->now_ns && !sample_due(r, r->now_ns))
		return;
	advance_to(r, t_ns > r->now_ns ? t_ns : r->now_ns);
}

/* A guest the host could not give a page back to stops here. */
static bool guest_stops(struct replay *r, unsigned int gi)
{
	struct rguest *g = &r->guests[gi];

	if (!g->stopped && hv_guest_stopped(g->sg->hv)) {
		g->stopped = true;
		fprintf(stderr, "pagestates: %s: guest %u stopped after %llu events: the host could not read a page back (injected page-in error)\n",
			hint_strategy_name(r->cfg.strategy), gi,
			(unsigned long long)r->events);
	}
	return g->stopped;
}

static void run_checker(struct replay *r)
{
	unsigned int i;
	size_t j;

	for (i = 0; i < r->cfg.nr_guests; i++) {
		if (r->faults && guest_stops(r, i))
			continue;	/* its memory is gone: nothing to check */
		enter(r, i, 0);
		r->violations += (u64)check_guest_pages();
		content_check_all(&r->guests[i].content);
		for (j = 0; j < r->guests[i].nr_sbs; j++)
			filemap_check_tags(r->guests[i].sbs[j].sb);
	}
}

/* --- page cache -------------------------------------------------------- */

static struct super_block *guest_sb(struct rguest *g, u32 dev)
{
	struct rsb *n;
	size_t i;

	for (i = 0; i < g->nr_sbs; i++)
		if (g->sbs[i].dev == dev)
			return g->sbs[i].sb;
	n = realloc(g->sbs, (g->nr_sbs + 1) * sizeof(*n));
	if (!n)
		return NULL;
	g->sbs = n;
	n[g->nr_sbs].dev = dev;
	n[g->nr_sbs].sb = sb_create((dev_t)dev, 0);
	if (!n[g->nr_sbs].sb)
		return NULL;
	/* no real memory behind guest pages: a tag for content */
	n[g->nr_sbs].sb->s_nodata = true;
	return g->sbs[g->nr_sbs++].sb;
}

static struct address_space *guest_mapping(struct replay *r,
					   struct rguest *g, u32 file)
{
	struct super_block *sb;
	struct inode *inode;

	if (file >= r->cfg.nr_files)
		return NULL;
	if (g->mappings[file])
		return g->mappings[file];
	sb = guest_sb(g, r->cfg.files[file].dev);
	inode = sb ? iget(sb, (unsigned long)r->cfg.files[file].ino) : NULL;
	if (!inode)
		return NULL;
	g->mappings[file] = &inode->i_data;
	return g->mappings[file];
}

/* The page cache counters replay reports, over all the guest's files. */
struct cache_totals {
	u64 rereads;		/* reads of a page the host discarded */
	u64 violations;		/* wrong bytes or unexpected faults */
};

static struct cache_totals guest_cache_totals(struct rguest *g)
{
	struct cache_totals t = { 0, 0 };
	struct filemap_stats fs;
	size_t i;

	for (i = 0; i < g->nr_sbs; i++) {
		sb_get_stats(g->sbs[i].sb, &fs);
		t.rereads += fs.guest_rereads;
		t.violations += fs.violations;
	}
	return t;
}

/* --- events ------------------------------------------------------------ */

/* The entry of a trace pfn replay knows, or NULL. */
static u64 *known_block(struct rguest *g, u64 tpfn)
{
	u64 *e = pfntab_find(&g->map, tpfn);

	return e && *e ? e : NULL;
}

/* The traced gfp, its mobility replaced by the traced migratetype. */
static gfp_t traced_gfp(const struct ps_event *ev)
{
	static const gfp_t mobility[MIGRATE_TYPES] = {
		[MIGRATE_UNMOVABLE] = 0,
		[MIGRATE_MOVABLE] = __GFP_MOVABLE,
		[MIGRATE_RECLAIMABLE] = __GFP_RECLAIMABLE,
	};
	gfp_t gfp = ev->gfp & ~GFP_MOVABLE_MASK;

	return ev->migratetype < MIGRATE_TYPES ?
	       gfp | mobility[ev->migratetype] : ev->gfp;
}

static void alloc_block(struct replay *r, struct rguest *g, u64 tpfn,
			unsigned int order, gfp_t gfp)
{
	struct page *page = alloc_pages(gfp, order);
	unsigned int i;
	u64 *e;

	e = pfntab_slot(&g->map, tpfn);
	if (!e)
		return;
	g->live += 1ULL << order;
	if (!page) {
		r->failed_allocations++;
		*e = ent_make(0, order, ENT_FAILED);
		return;
	}
	for (i = 0; i < (1u << order); i++)
		content_write(&g->content, page + i);
	*e = ent_make(page_to_pfn(page), order, ENT_PLAIN);
}

static void check_block(struct rguest *g, struct page *page,
			unsigned int order, const char *when)
{
	unsigned int i;

	for (i = 0; i < (1u << order); i++)
		content_check(&g->content, page + i, when);
}

static void free_block(struct replay *r, struct rguest *g, u64 tpfn)
{
	u64 *e = known_block(g, tpfn);
	struct page *page;

	if (!e)
		return;
	page = pfn_to_page(ent_pfn(*e));
	switch (ent_kind(*e)) {
	case ENT_PLAIN:
		check_block(g, page, ent_order(*e), "freed");
		__free_pages(page, ent_order(*e));
		r->freed_pages += 1ULL << ent_order(*e);
		g->live -= 1ULL << ent_order(*e);
		break;
	case ENT_RELEASED:
		put_page(page);
		r->freed_pages++;
		g->live--;
		break;
	case ENT_GONE:		/* freed when the cache dropped it */
		r->freed_pages++;
		g->live--;
		break;
	case ENT_FAILED:	/* in use in the input, not in our guest */
		g->live -= 1ULL << ent_order(*e);
		break;
	default:
		break;
	}
	*e = 0;
}

static void cache_add(struct replay *r, struct rguest *g,
		      const struct ps_event *ev)
{
	u64 *e = known_block(g, ev->pfn);
	struct address_space *mapping;

	if (!e || ent_kind(*e) != ENT_PLAIN)
		return;
	if (ent_order(*e)) {
		/* large folios: the page cache model holds order-0 pages */
		r->large_folio_pages += 1ULL << ent_order(*e);
		return;
	}
	mapping = guest_mapping(r, g, ev->file);
	if (!mapping)
		return;
	/* the cache fills it: our tag is checked, the cache's comes */
	content_check(&g->content, pfn_to_page(ent_pfn(*e)), "added to the cache");
	if (filemap_add_page(mapping, ev->index, pfn_to_page(ent_pfn(*e)))) {
		/* not added: still ours, with a new tag */
		content_write(&g->content, pfn_to_page(ent_pfn(*e)));
		return;
	}
	*e = ent_make(0, 0, ENT_CACHED);
}

static void cache_delete(struct replay *r, struct rguest *g,
			 const struct ps_event *ev)
{
	u64 *e = known_block(g, ev->pfn);
	struct address_space *mapping;
	struct page *page;

	if (!e || ent_kind(*e) != ENT_CACHED)
		return;
	mapping = guest_mapping(r, g, ev->file);
	page = mapping ? filemap_delete_page(mapping, ev->index) : NULL;
	if (page)
		*e = ent_make(page_to_pfn(page), 0, ENT_RELEASED);
	else
		*e = ent_make(0, 0, ENT_GONE);
}

static void cache_lookup(struct replay *r, struct rguest *g,
			 const struct ps_event *ev)
{
	struct address_space *mapping = guest_mapping(r, g, ev->file);
	u64 i;

	if (!mapping || !ev->pfn)
		return;
	if (ev->order != PS_LOOKUP_MAPPED) {
		filemap_lookup_range(mapping, ev->index,
				     ev->index + ev->pfn - 1);
		return;
	}
	for (i = 0; i < ev->pfn; i++)
		content_map_read(&g->content, mapping, ev->file,
				 ev->index + i);
}

static void apply(struct replay *r, struct rguest *g,
		  const struct ps_event *ev)
{
	switch (ev->type) {
	case PS_EV_ALLOC:
		alloc_block(r, g, ev->pfn, ev->order, traced_gfp(ev));
		break;
	case PS_EV_FREE:
		free_block(r, g, ev->pfn);
		break;
	case PS_EV_CACHE_ADD:
		cache_add(r, g, ev);
		break;
	case PS_EV_CACHE_DEL:
		cache_delete(r, g, ev);
		break;
	case PS_EV_CACHE_LOOKUP:
		cache_lookup(r, g, ev);
		break;
	}
}

void replay_event(struct replay *r, unsigned int gi,
		  const struct ps_event *ev)
{
	advance(r, ev->time_ns);
	if (r->guests[gi].stopped)
		return;
	enter(r, gi, ev->cpu);
	mm_tick(r->now_ns + r->clock_ofs);
	apply(r, &r->guests[gi], ev);
	if (r->faults && guest_stops(r, gi))
		return;
	if (r->cfg.frontier)
		frontier_note(r->cfg.frontier, gi, r->now_ns,
			      r->guests[gi].live);
	r->stale = true;
	r->events++;
	/* every check_every events (a countdown: no division per event) */
	if (r->cfg.check_every && !--r->check_countdown) {
		r->check_countdown = r->cfg.check_every;
		run_checker(r);
	}
}

void replay_prefetch(struct replay *r, unsigned int gi,
		     const struct ps_event *ev)
{
	u64 *e;

	/* a lookup's pfn field is a page count */
	if (ev->type == PS_EV_CACHE_LOOKUP)
		return;
	e = pfntab_find(&r->guests[gi].map, ev->pfn);
	if (e)
		__builtin_prefetch(e, 1);
}

/* --- set up and tear down ---------------------------------------------- */

static struct hv_host *make_host(struct replay *r)
{
	const struct replay_config *cfg = &r->cfg;
	struct hv_host_config hc = {
		.mem_limit_pages = cfg->host_pages,
		.mode = cfg->host_mode,
		.essa_available = true,
		.semantics = cfg->host_semantics,
	};

	inject_config(&hc);
	r->faults = hc.faults.seed != 0;
	return hv_host_create(&hc);
}

/* --- the aged start ------------------------------------------------------ */

/*
 * A guest that has run for a long time: every page was in use once, and
 * free memory is in the state the strategy leaves long-free memory in.
 * The guest takes all its memory (movable, as user memory is, so that
 * the pageblocks keep their boot type), touching every page, gives it
 * back, and the strategy's timed work runs for REPLAY_AGE_NS of its own
 * clock: cmma, spill and aging leave it unused at the host, report
 * leaves it reported, none leaves it stable and resident. The replay's
 * strategy clock then runs that much ahead of the input's.
 */
#define REPLAY_AGE_NS		(120ULL * 1000 * 1000 * 1000)
#define REPLAY_AGE_TICK_NS	(10ULL * 1000 * 1000)

struct age_block {
	struct page *page;
	unsigned int order;
};

static int age_guest(struct replay *r, unsigned int gi)
{
	struct age_block *b = NULL, *nb;
	size_t n = 0, cap = 0, i;
	unsigned int order = MAX_ORDER - 1;
	struct page *page;
	u64 t;

	enter(r, gi, 0);
	for (;;) {
		page = alloc_pages(GFP_HIGHUSER_MOVABLE, order);
		if (!page) {
			if (!order)
				break;
			order--;
			continue;
		}
		if (n == cap) {
			cap = cap ? cap * 2 : 256;
			nb = realloc(b, cap * sizeof(*b));
			if (!nb) {
				free(b);
				return -1;
			}
			b = nb;
		}
		b[n++] = (struct age_block){ .page = page, .order = order };
		for (i = 0; i < (1UL << order); i++)
			sim_touch_page(page + i);
	}
	for (i = 0; i < n; i++)
		__free_pages(b[i].page, b[i].order);
	free(b);
	drain_all_pages(NULL);
	for (t = 0; t <= REPLAY_AGE_NS; t += REPLAY_AGE_TICK_NS)
		mm_tick(t);
	r->clock_ofs = REPLAY_AGE_NS + REPLAY_AGE_TICK_NS;
	measure_guest_full(&r->guests[gi]);
	return 0;
}

static int make_guest(struct replay *r, struct rguest *g)
{
	struct sim_guest_config gc = {
		.nr_pages = r->cfg.guest_pages,
		.nr_cpus = r->cfg.nr_cpus,
		.strategy = r->cfg.strategy,
		.backend = r->cfg.backend,
		.host = r->host,
	};

	g->sg = sim_guest_create(&gc);
	if (g->sg && r->cfg.aging_delay_ns)
		hint_aging_set_delay(g->sg->pgdat, r->cfg.aging_delay_ns);
	if (g->sg && r->cfg.adaptive_cost_ns)
		hint_adaptive_set(g->sg->pgdat, r->cfg.adaptive_cost_ns, 0);
	if (!g->sg || pfntab_init(&g->map) < 0 ||
	    content_init(&g->content, r->cfg.guest_pages) < 0)
		return -1;
	g->mappings = calloc(r->cfg.nr_files ? r->cfg.nr_files : 1,
			     sizeof(*g->mappings));
	if (!g->mappings)
		return -1;
	measure_guest_full(g);
	return 0;
}

struct replay *replay_create(const struct replay_config *cfg, char *err,
			     size_t errlen)
{
	struct replay *r = calloc(1, sizeof(*r));
	unsigned int i;

	if (!r)
		goto nomem;
	r->cfg = *cfg;
	if (r->cfg.nr_cpus < 1)
		r->cfg.nr_cpus = 1;
	r->check_countdown = cfg->check_every;
	r->host = make_host(r);
	r->guests = calloc(cfg->nr_guests, sizeof(*r->guests));
	if (!r->host || !r->guests)
		goto nomem;
	for (i = 0; i < cfg->nr_guests; i++) {
		if (make_guest(r, &r->guests[i]) < 0 ||
		    (cfg->start == PS_START_AGED && age_guest(r, i) < 0)) {
			snprintf(err, errlen,
				 "cannot create guest %u (%lu pages, strategy %s)",
				 i, cfg->guest_pages,
				 hint_strategy_name(cfg->strategy));
			replay_destroy(r);
			return NULL;
		}
	}
	sum_values(r);
	return r;
nomem:
	snprintf(err, errlen, "out of memory");
	replay_destroy(r);
	return NULL;
}

int replay_preallocate(struct replay *r, unsigned int gi,
		       const struct trace_prealloc *pre, size_t nr)
{
	struct rguest *g = &r->guests[gi];
	struct ps_event ev = { 0 };
	size_t i;

	enter(r, gi, 0);
	for (i = 0; i < nr; i++) {
		/* unknown; page cache pages are movable (filemap.c) */
		alloc_block(r, g, pre[i].pfn, pre[i].order,
			    pre[i].cached ? GFP_HIGHUSER_MOVABLE : GFP_KERNEL);
		if (!pre[i].cached)
			continue;
		ev.pfn = pre[i].pfn;
		ev.file = pre[i].file;
		ev.index = pre[i].index;
		cache_add(r, g, &ev);
	}
	measure_guest_full(g);
	sum_values(r);
	return r->failed_allocations ? -1 : 0;
}

void replay_start(struct replay *r)
{
	unsigned int i;

	for (i = 0; i < r->cfg.nr_guests; i++) {
		struct rguest *g = &r->guests[i];

		enter(r, i, 0);
		page_states_get_stats(&g->hint0);
		hv_guest_get_stats(g->sg->hv, &g->hv0);
		g->rereads0 = guest_cache_totals(g).rereads;
		if (r->cfg.frontier)
			frontier_start(r->cfg.frontier, i, g->live);
	}
	r->large_folio_pages = 0;
	r->started = true;
	if (r->cfg.sample_ns)
		add_sample(r, 0);
	r->next_sample_ns = r->cfg.sample_ns;
}

static void collect_guest(struct rguest *g,
			  struct ps_metrics *m)
{
	struct cache_totals ct = guest_cache_totals(g);
	struct page_states_stats hs;
	struct hv_stats st;

	page_states_get_stats(&hs);
	hv_guest_get_stats(g->sg->hv, &st);
	m->hint_ops += hs.hint_ops - g->hint0.hint_ops;
	m->hint_calls += hs.hint_calls - g->hint0.hint_calls;
	/* set-up hints (pages in use before the trace) count as boot */
	m->boot_hint_ops += hs.boot_hint_ops + g->hint0.hint_ops;
	m->exits += st.exits - g->hv0.exits;
	m->host_swap_out_pages += st.host_swap_out_pages -
				  g->hv0.host_swap_out_pages;
	m->host_swap_in_pages += st.host_swap_in_pages -
				 g->hv0.host_swap_in_pages;
	m->host_discards_unused += st.host_discards_unused -
				   g->hv0.host_discards_unused;
	m->host_discards_volatile += st.host_discards_volatile -
				     g->hv0.host_discards_volatile;
	m->host_zero_fills += st.host_zero_fills - g->hv0.host_zero_fills;
	m->discard_faults += st.discard_faults - g->hv0.discard_faults;
	m->guest_rereads += ct.rereads - g->rereads0;
	m->violations += ct.violations;
	/*
	 * A touch that found its page unused at the host is a stable hint
	 * the guest missed (the host may drop what it wrote); a discarded
	 * page read without a fault lost its content: violations, under
	 * every strategy.
	 */
	m->violations += g->content.violations;
	m->violations += st.host_unused_touches - g->hv0.host_unused_touches;
	m->violations += st.discarded_touches - g->hv0.discarded_touches;
}

static void report_faults(struct replay *r, const struct hv_stats *hs)
{
	unsigned int i, stopped = 0;

	for (i = 0; i < r->cfg.nr_guests; i++)
		stopped += r->guests[i].stopped;
	fprintf(stderr, "pagestates: %s: faults injected: %lu acts, %lu delayed exits, %lu page-out errors, %lu page-in errors; %u guest%s stopped; %llu events\n",
		hint_strategy_name(r->cfg.strategy), hs->fault_acts,
		hs->fault_delays, hs->fault_write_errors, hs->fault_read_errors,
		stopped, stopped == 1 ? "" : "s",
		(unsigned long long)r->events);
}

void replay_finish(struct replay *r, u64 end_ns, struct ps_metrics *m)
{
	struct hv_stats hs;
	unsigned int i;

	advance(r, end_ns);
	periodic(r, r->now_ns);
	if (r->cfg.sample_ns)
		add_sample(r, r->now_ns);
	run_checker(r);
	memset(m, 0, sizeof(*m));
	m->strategy = hint_strategy_name(r->cfg.strategy);
	for (i = 0; i < r->cfg.nr_guests; i++) {
		enter(r, i, 0);
		collect_guest(&r->guests[i], m);
	}
	hv_host_get_stats(r->host, &hs);
	m->host_resident_peak_pages = hs.host_resident_peak_pages;
	m->freed_pages = r->freed_pages;
	m->free_page_seconds = r->integ.ps[PS_G_FREE];
	m->reclaimable_page_seconds = r->integ.ps[PS_G_RECLAIMABLE];
	m->touched_free_page_seconds = r->integ.ps[PS_G_TOUCHED_FREE];
	m->touched_reclaimable_page_seconds =
		r->integ.ps[PS_G_TOUCHED_RECLAIMABLE];
	m->unhinted_free_page_seconds = r->integ.ps[PS_G_UNHINTED_FREE];
	m->required_page_seconds = r->integ.ps[PS_G_REQUIRED];
	m->duration_s = (double)r->now_ns * 1e-9;
	m->violations += r->violations;
	m->events = r->events;
	m->failed_allocations = r->failed_allocations;
	if (r->faults)
		report_faults(r, &hs);
	m->large_folio_cache_pages = r->large_folio_pages;
	m->series = r->series;
	r->series = (struct ps_series){ 0 };
	ps_metrics_finish(m);
}

static void destroy_guest(struct replay *r, unsigned int gi)
{
	struct rguest *g = &r->guests[gi];
	size_t i;

	if (g->sg) {
		enter(r, gi, 0);
		content_unmap(&g->content);
		for (i = 0; i < g->nr_sbs; i++)
			sb_destroy(g->sbs[i].sb);
		sim_guest_destroy(g->sg);
	}
	free(g->sbs);
	free(g->mappings);
	content_free(&g->content);
	pfntab_free(&g->map);
}

void replay_destroy(struct replay *r)
{
	unsigned int i;

	if (!r)
		return;
	for (i = 0; r->guests && i < r->cfg.nr_guests; i++)
		destroy_guest(r, i);
	free(r->guests);
	if (r->host)
		hv_host_destroy(r->host);
	free(r->series.samples);
	free(r);
}
