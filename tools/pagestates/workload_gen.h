/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Helpers the workload generators share: a seeded PRNG, block ids, the
 * virtual clock and a queue of frees due later (kept in time order, so
 * the events leave in time order).
 */
#ifndef _PAGESTATES_WORKLOAD_GEN_H
#define _PAGESTATES_WORKLOAD_GEN_H

#include <math.h>
#include "workload.h"

#define WL_MS	1000000ULL
#define WL_US	1000ULL

/* The generators, one a file; workload.c lists them. */
extern const struct workload workload_anon_churn;
extern const struct workload workload_file_stream;
extern const struct workload workload_kbuild;
extern const struct workload workload_overcommit;

struct wl_due {
	u64 time_ns;
	u64 id;
	u32 guest;
	u16 cpu;
	u8 order;
};

struct wl_gen {
	const struct workload_params *p;
	const struct workload_out *out;
	u64 rng;
	u64 now_ns;
	u64 end_ns;
	u64 next_id;
	struct wl_due *heap;		/* min-heap on time_ns */
	size_t nr_due, cap_due;
	unsigned long *live;		/* pages allocated, per guest */
};

int wl_init(struct wl_gen *g, const struct workload_params *p,
	    const struct workload_out *out);
void wl_fini(struct wl_gen *g);

/* xorshift64*: deterministic per seed */
static inline u64 wl_rand(struct wl_gen *g)
{
	g->rng ^= g->rng >> 12;
	g->rng ^= g->rng << 25;
	g->rng ^= g->rng >> 27;
	return g->rng * 0x2545f4914f6cdd1dULL;
}

static inline double wl_uniform(struct wl_gen *g)
{
	return (double)(wl_rand(g) >> 11) * (1.0 / 9007199254740992.0);
}

static inline u64 wl_below(struct wl_gen *g, u64 n)
{
	return n ? wl_rand(g) % n : 0;
}

/* Exponentially distributed, mean in nanoseconds. */
static inline u64 wl_exp_ns(struct wl_gen *g, double mean_ns)
{
	return (u64)(-log(1.0 - wl_uniform(g)) * mean_ns);
}

/* Advance the clock to t (emitting the frees due until then). */
void wl_advance(struct wl_gen *g, u64 t_ns);
bool wl_done(const struct wl_gen *g);

u64 wl_alloc(struct wl_gen *g, unsigned int guest, int cpu,
	     unsigned int order);
void wl_free(struct wl_gen *g, unsigned int guest, int cpu, u64 id,
	     unsigned int order);
void wl_free_at(struct wl_gen *g, unsigned int guest, int cpu, u64 id,
		unsigned int order, u64 when_ns);
void wl_cache_add(struct wl_gen *g, unsigned int guest, int cpu, u64 id,
		  u32 file, u64 index);
void wl_cache_del(struct wl_gen *g, unsigned int guest, int cpu, u64 id,
		  u32 file, u64 index);
void wl_lookup(struct wl_gen *g, unsigned int guest, int cpu, u32 file,
	       u64 index, u64 nr);

#endif
