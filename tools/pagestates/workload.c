// SPDX-License-Identifier: GPL-2.0
/* Workload registry and the generators' shared helpers. */
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include "workload_gen.h"

static const struct workload *const workloads[] = {
	&workload_anon_churn,
	&workload_file_stream,
	&workload_kbuild,
	&workload_overcommit,
};

const struct workload *workload_at(unsigned int i)
{
	return i < ARRAY_SIZE(workloads) ? workloads[i] : NULL;
}

const struct workload *workload_by_name(const char *name)
{
	const struct workload *w;
	unsigned int i;

	for (i = 0; (w = workload_at(i)); i++)
		if (!strcmp(w->name, name))
			return w;
	return NULL;
}

const struct ps_file *workload_files(void)
{
	static struct ps_file files[WORKLOAD_NR_FILES];
	unsigned int i;

	if (!files[0].ino)
		for (i = 0; i < WORKLOAD_NR_FILES; i++)
			files[i] = (struct ps_file){ .dev = 8 << 20 | 1,
						     .ino = i + 1 };
	return files;
}

int wl_init(struct wl_gen *g, const struct workload_params *p,
	    const struct workload_out *out)
{
	memset(g, 0, sizeof(*g));
	g->p = p;
	g->out = out;
	g->rng = p->seed * 0x9e3779b97f4a7c15ULL + 0x1234567;
	if (!g->rng)
		g->rng = 1;
	g->end_ns = (u64)(p->duration_s * 1e9);
	g->live = calloc(p->nr_guests, sizeof(*g->live));
	return g->live ? 0 : -1;
}

void wl_fini(struct wl_gen *g)
{
	free(g->heap);
	free(g->live);
}

static void emit(struct wl_gen *g, unsigned int guest, int cpu, u8 type,
		 u64 pfn, unsigned int order, u32 file, u64 index, u64 t)
{
	struct ps_event ev = {
		.time_ns = t, .pfn = pfn, .index = index, .file = file,
		.cpu = (u16)(cpu % g->p->nr_cpus), .type = type,
		.order = (u8)order,
	};

	g->out->emit(g->out->ctx, guest, &ev);
}

static void heap_swap(struct wl_due *a, struct wl_due *b)
{
	struct wl_due t = *a;

	*a = *b;
	*b = t;
}

static void heap_pop(struct wl_gen *g)
{
	size_t i = 0, c;

	g->heap[0] = g->heap[--g->nr_due];
	for (;;) {
		c = 2 * i + 1;
		if (c >= g->nr_due)
			break;
		if (c + 1 < g->nr_due &&
		    g->heap[c + 1].time_ns < g->heap[c].time_ns)
			c++;
		if (g->heap[i].time_ns <= g->heap[c].time_ns)
			break;
		heap_swap(&g->heap[i], &g->heap[c]);
		i = c;
	}
}

void wl_advance(struct wl_gen *g, u64 t_ns)
{
	while (g->nr_due && g->heap[0].time_ns <= t_ns) {
		struct wl_due d = g->heap[0];

		heap_pop(g);
		g->now_ns = d.time_ns > g->now_ns ? d.time_ns : g->now_ns;
		wl_free(g, d.guest, d.cpu, d.id, d.order);
	}
	if (t_ns > g->now_ns)
		g->now_ns = t_ns;
}

bool wl_done(const struct wl_gen *g)
{
	return g->now_ns >= g->end_ns;
}

u64 wl_alloc(struct wl_gen *g, unsigned int guest, int cpu,
	     unsigned int order)
{
	u64 id = ++g->next_id << 10;	/* room for order-10 tail ids */

	emit(g, guest, cpu, PS_EV_ALLOC, id, order, 0, 0, g->now_ns);
	g->live[guest] += 1UL << order;
	return id;
}

void wl_free(struct wl_gen *g, unsigned int guest, int cpu, u64 id,
	     unsigned int order)
{
	emit(g, guest, cpu, PS_EV_FREE, id, order, 0, 0, g->now_ns);
	g->live[guest] -= 1UL << order;
}

void wl_free_at(struct wl_gen *g, unsigned int guest, int cpu, u64 id,
		unsigned int order, u64 when_ns)
{
	size_t i;

	if (g->nr_due == g->cap_due) {
		size_t cap = g->cap_due ? g->cap_due * 2 : 4096;
		struct wl_due *h = realloc(g->heap, cap * sizeof(*h));

		if (!h) {	/* no memory: free it now instead */
			wl_free(g, guest, cpu, id, order);
			return;
		}
		g->heap = h;
		g->cap_due = cap;
	}
	i = g->nr_due++;
	g->heap[i] = (struct wl_due){ .time_ns = when_ns, .id = id,
				      .guest = guest, .cpu = (u16)cpu,
				      .order = (u8)order };
	while (i && g->heap[(i - 1) / 2].time_ns > g->heap[i].time_ns) {
		heap_swap(&g->heap[(i - 1) / 2], &g->heap[i]);
		i = (i - 1) / 2;
	}
}

void wl_cache_add(struct wl_gen *g, unsigned int guest, int cpu, u64 id,
		  u32 file, u64 index)
{
	emit(g, guest, cpu, PS_EV_CACHE_ADD, id, 0, file, index, g->now_ns);
}

void wl_cache_del(struct wl_gen *g, unsigned int guest, int cpu, u64 id,
		  u32 file, u64 index)
{
	emit(g, guest, cpu, PS_EV_CACHE_DEL, id, 0, file, index, g->now_ns);
}

void wl_lookup(struct wl_gen *g, unsigned int guest, int cpu, u32 file,
	       u64 index, u64 nr)
{
	emit(g, guest, cpu, PS_EV_CACHE_LOOKUP, nr, 0, file, index,
	     g->now_ns);
}
