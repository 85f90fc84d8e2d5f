/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The replay engine: events (from a trace or a synthetic workload) driven
 * through real guests (mm/: allocator, strategy, page cache) on a real
 * host model, one strategy per struct replay.
 *
 * Each traced allocation is an allocation of the same order on the same
 * cpu in our guest, a tag written into each page (content.c); the trace's pfn
 * is mapped to our page in a pfn table. Each traced free frees it. Page
 * cache adds, deletes and lookups drive the guest's page cache, whose
 * clean pages the spill+volatile strategy makes volatile. The events'
 * timestamps are the clock (mm_tick for timed strategy work); the time
 * integrals of free and reclaimable pages are kept event by event.
 */
#ifndef _PAGESTATES_REPLAY_H
#define _PAGESTATES_REPLAY_H

#include <linux/mmzone.h>
#include <hv/hv.h>
#include "event.h"
#include "metrics.h"
#include "trace.h"

/* The guest the input starts on (--start). */
enum ps_start {
	PS_START_AGED,		/* run for long: every page touched before */
	PS_START_FRESH,		/* just booted: untouched memory is Sz */
};

struct ps_frontier_builder;

struct replay_config {
	enum hint_strategy strategy;
	enum ps_start start;
	enum hv_semantics host_semantics;
	/* if set, told the pages the input has in use after every event */
	struct ps_frontier_builder *frontier;
	const char *backend;		/* NULL: sim_default_backend */
	unsigned long guest_pages;	/* per guest */
	unsigned int nr_guests;
	int nr_cpus;			/* per guest; event cpus wrap */
	unsigned long host_pages;	/* host memory limit, 0: none */
	enum hv_mode host_mode;
	u64 sample_ns;			/* time series step, 0: none */
	u64 check_every;		/* events between checker runs */
	u64 aging_delay_ns;		/* strategy aging, 0: its default */
	u64 adaptive_cost_ns;		/* strategy adaptive, 0: default */
	const struct ps_file *files;	/* by file id */
	size_t nr_files;
};

struct replay;

struct replay *replay_create(const struct replay_config *cfg, char *err,
			     size_t errlen);
/* Before start: pages in use before the trace began (boot accounting). */
int replay_preallocate(struct replay *r, unsigned int guest,
		       const struct trace_prealloc *pre, size_t nr);
/* The workload starts now: what follows is measured. */
void replay_start(struct replay *r);
void replay_event(struct replay *r, unsigned int guest,
		  const struct ps_event *ev);
/*
 * A cache hint for an event that comes soon (a trace knows its events
 * ahead): the entry of its pfn is fetched meanwhile. Changes nothing.
 */
void replay_prefetch(struct replay *r, unsigned int guest,
		     const struct ps_event *ev);
/* Run the checker, take the measurements; end_ns: the end of time. */
void replay_finish(struct replay *r, u64 end_ns, struct ps_metrics *m);
void replay_destroy(struct replay *r);

#endif
