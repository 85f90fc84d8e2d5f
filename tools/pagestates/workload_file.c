// SPDX-License-Identifier: GPL-2.0
/*
 * file-stream: files larger than the page cache read sequentially, page
 * by page (allocate, add to the cache, look up); the cache holds 60% of
 * the guest and evicts its oldest page beyond that; one lookup in ten
 * re-reads a recent page; a little anonymous churn on the side.
 */
#include <stdlib.h>
#include "workload_gen.h"

#define PAGE_GAP_NS	(30 * WL_US)	/* ~130 MB/s */
#define FILE_PAGES	16384		/* 64 MiB per file */
#define NR_STREAM_FILES	64
#define CACHE_PERCENT	60
#define RECENT		1024

struct cached {
	u64 id;
	u32 file;
	u64 index;
};

struct stream {
	struct cached *fifo;		/* ring of cached pages, oldest first */
	size_t cap, head, nr;
};

static void evict_oldest(struct wl_gen *g, struct stream *s, int cpu)
{
	struct cached *c = &s->fifo[s->head];

	wl_cache_del(g, 0, cpu, c->id, c->file, c->index);
	wl_free(g, 0, cpu, c->id, 0);
	s->head = (s->head + 1) % s->cap;
	s->nr--;
}

static void reread_recent(struct wl_gen *g, struct stream *s, int cpu)
{
	size_t back = (size_t)wl_below(g, s->nr < RECENT ? s->nr : RECENT);
	struct cached *c = &s->fifo[(s->head + s->nr - 1 - back) % s->cap];

	wl_lookup(g, 0, cpu, c->file, c->index, 1);
}

static void file_generate(const struct workload_params *p,
			  const struct workload_out *out)
{
	struct stream s = { .cap = p->guest_pages * CACHE_PERCENT / 100 };
	u64 page = 0;
	struct wl_gen g;

	s.fifo = calloc(s.cap + 1, sizeof(*s.fifo));
	if (!s.fifo || wl_init(&g, p, out)) {
		free(s.fifo);
		return;
	}
	while (!wl_done(&g)) {
		int cpu = (int)wl_below(&g, (u64)p->nr_cpus);
		struct cached c = {
			.file = (u32)(page / FILE_PAGES % NR_STREAM_FILES),
			.index = page % FILE_PAGES,
		};

		wl_advance(&g, g.now_ns + wl_exp_ns(&g, PAGE_GAP_NS));
		if (s.nr == s.cap)
			evict_oldest(&g, &s, cpu);
		c.id = wl_alloc(&g, 0, cpu, 0);
		wl_cache_add(&g, 0, cpu, c.id, c.file, c.index);
		wl_lookup(&g, 0, cpu, c.file, c.index, 1);
		s.fifo[(s.head + s.nr++) % s.cap] = c;
		page++;
		if (wl_below(&g, 10) == 0)
			reread_recent(&g, &s, cpu);
		if (wl_below(&g, 10) == 0) {	/* a short-lived buffer */
			u64 id = wl_alloc(&g, 0, cpu, 0);

			wl_free_at(&g, 0, cpu, id, 0,
				   g.now_ns + wl_exp_ns(&g, 5.0 * WL_MS));
		}
	}
	wl_fini(&g);
	free(s.fifo);
}

const struct workload workload_file_stream = {
	.name = "file-stream",
	.description = "sequential reads of files larger than the page cache, oldest pages evicted",
	.guest_pages = 65536,		/* 256 MiB */
	.nr_guests = 1,
	.nr_cpus = 2,
	.duration_s = 6,
	.generate = file_generate,
};
