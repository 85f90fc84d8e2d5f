// SPDX-License-Identifier: GPL-2.0
/*
 * kbuild: a kernel-build-like mix on every cpu. Compiler processes of a
 * few hundred milliseconds build up anonymous memory and free it all when
 * they exit; they read hot header pages from the page cache all the time
 * and leave an object file behind (page cache, evicted oldest first);
 * short-lived kernel buffers and slab-like order 1-3 blocks around them.
 */
#include <stdlib.h>
#include "workload_gen.h"

#define TICK_NS		(100 * WL_US)
#define JOB_MEAN_NS	(400.0 * WL_MS)
#define NR_HEADER_FILES	300
#define HEADER_PAGES	10
#define FIRST_OBJ_FILE	NR_HEADER_FILES
#define OBJ_PERCENT	25
#define LIVE_PERCENT	75
#define JOB_MAX_BLOCKS	16384

struct job {
	u64 end_ns;
	u64 *ids;			/* kept until the process exits */
	size_t nr;
};

struct obj_page {
	u64 id;
	u32 file;
	u64 index;
};

struct kbuild {
	struct wl_gen g;
	struct job *jobs;		/* per cpu */
	struct obj_page *objs;		/* ring, oldest first */
	size_t obj_cap, obj_head, obj_nr;
	u32 next_obj_file;
	unsigned long live_limit;
};

static void read_header(struct kbuild *k, int cpu)
{
	/* a few headers are hot: square the uniform draw */
	double u = wl_uniform(&k->g);
	u32 file = (u32)(u * u * NR_HEADER_FILES);

	wl_lookup(&k->g, 0, cpu, file, wl_below(&k->g, HEADER_PAGES), 1);
}

static void cache_headers(struct kbuild *k)
{
	u32 f;
	u64 i, id;

	for (f = 0; f < NR_HEADER_FILES; f++) {
		for (i = 0; i < HEADER_PAGES; i++) {
			id = wl_alloc(&k->g, 0, (int)f, 0);
			wl_cache_add(&k->g, 0, (int)f, id, f, i);
		}
	}
}

static void write_object(struct kbuild *k, int cpu)
{
	u32 file = k->next_obj_file;
	u64 i, n = 8 + wl_below(&k->g, 32);
	struct obj_page *o;

	k->next_obj_file = FIRST_OBJ_FILE + (k->next_obj_file + 1 -
		FIRST_OBJ_FILE) % (WORKLOAD_NR_FILES - FIRST_OBJ_FILE);
	for (i = 0; i < n; i++) {
		if (k->obj_nr == k->obj_cap) {
			o = &k->objs[k->obj_head];
			wl_cache_del(&k->g, 0, cpu, o->id, o->file, o->index);
			wl_free(&k->g, 0, cpu, o->id, 0);
			k->obj_head = (k->obj_head + 1) % k->obj_cap;
			k->obj_nr--;
		}
		o = &k->objs[(k->obj_head + k->obj_nr++) % k->obj_cap];
		o->id = wl_alloc(&k->g, 0, cpu, 0);
		o->file = file;
		o->index = i;
		wl_cache_add(&k->g, 0, cpu, o->id, file, i);
	}
}

static void end_job(struct kbuild *k, int cpu)
{
	struct job *j = &k->jobs[cpu];
	size_t i;

	for (i = 0; i < j->nr; i++)	/* process exit */
		wl_free(&k->g, 0, cpu, j->ids[i], 0);
	j->nr = 0;
	write_object(k, cpu);
}

static void start_job(struct kbuild *k, int cpu)
{
	struct job *j = &k->jobs[cpu];
	u64 len = wl_exp_ns(&k->g, JOB_MEAN_NS);
	int i;

	if (len < 50 * WL_MS)
		len = 50 * WL_MS;
	j->end_ns = k->g.now_ns + len;
	for (i = 0; i < 20; i++)
		read_header(k, cpu);
}

static void job_tick(struct kbuild *k, int cpu)
{
	struct job *j = &k->jobs[cpu];
	u64 r = wl_below(&k->g, 100), id;
	unsigned int order = 0;

	if (r < 5)		/* slab-like */
		order = 1 + (unsigned int)wl_below(&k->g, 3);
	if (k->g.live[0] + (1UL << order) > k->live_limit)
		return;
	id = wl_alloc(&k->g, 0, cpu, order);
	if (r >= 35 && j->nr < JOB_MAX_BLOCKS)
		j->ids[j->nr++] = id;
	else
		wl_free_at(&k->g, 0, cpu, id, order,
			   k->g.now_ns + wl_exp_ns(&k->g, 3.0 * WL_MS));
	if (wl_below(&k->g, 2))
		read_header(k, cpu);
}

static void kbuild_generate(const struct workload_params *p,
			    const struct workload_out *out)
{
	struct kbuild k = { .next_obj_file = FIRST_OBJ_FILE };
	int cpu;

	k.obj_cap = p->guest_pages * OBJ_PERCENT / 100;
	k.live_limit = p->guest_pages * LIVE_PERCENT / 100;
	k.jobs = calloc((size_t)p->nr_cpus, sizeof(*k.jobs));
	k.objs = calloc(k.obj_cap + 1, sizeof(*k.objs));
	if (!k.jobs || !k.objs || wl_init(&k.g, p, out))
		goto out;
	for (cpu = 0; cpu < p->nr_cpus; cpu++) {
		k.jobs[cpu].ids = calloc(JOB_MAX_BLOCKS, sizeof(u64));
		if (!k.jobs[cpu].ids)
			goto out;
	}
	cache_headers(&k);
	while (!wl_done(&k.g)) {
		wl_advance(&k.g, k.g.now_ns + TICK_NS);
		for (cpu = 0; cpu < p->nr_cpus; cpu++) {
			if (k.g.now_ns >= k.jobs[cpu].end_ns) {
				if (k.jobs[cpu].end_ns)
					end_job(&k, cpu);
				start_job(&k, cpu);
			}
			job_tick(&k, cpu);
		}
	}
	wl_fini(&k.g);
out:
	for (cpu = 0; k.jobs && cpu < p->nr_cpus; cpu++)
		free(k.jobs[cpu].ids);
	free(k.jobs);
	free(k.objs);
}

const struct workload workload_kbuild = {
	.name = "kbuild",
	.description = "kernel-build-like mix: compiler processes, hot headers, object files",
	.guest_pages = 131072,		/* 512 MiB */
	.nr_guests = 1,
	.nr_cpus = 4,
	.duration_s = 8,
	.generate = kbuild_generate,
};
