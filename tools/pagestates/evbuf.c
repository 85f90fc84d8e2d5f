// SPDX-License-Identifier: GPL-2.0
/* Chunked event array (see evbuf.h). */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "evbuf.h"

#define CHUNK_BYTES	(EVBUF_CHUNK * sizeof(struct ps_event))

/*
 * A chunk is exactly a 2 MiB huge page where the kernel gives them on
 * request (transparent huge pages "madvise"): one page fault for 65536
 * events instead of 512.
 */
static struct ps_event *chunk_alloc(void)
{
	void *c = aligned_alloc(CHUNK_BYTES, CHUNK_BYTES);

#ifdef MADV_HUGEPAGE
	if (c)
		madvise(c, CHUNK_BYTES, MADV_HUGEPAGE);
#endif
	return c;
}

void evbuf_init(struct evbuf *b)
{
	memset(b, 0, sizeof(*b));
}

void evbuf_free(struct evbuf *b)
{
	size_t i;

	for (i = 0; i < b->nr_chunks; i++)
		free(b->chunks[i]);
	free(b->chunks);
	evbuf_init(b);
}

int evbuf_grow(struct evbuf *b)
{
	struct ps_event **nc, *c;

	nc = realloc(b->chunks, (b->nr_chunks + 1) * sizeof(*nc));
	if (!nc)
		return -1;
	b->chunks = nc;
	c = chunk_alloc();
	if (!c)
		return -1;
	b->chunks[b->nr_chunks++] = c;
	return 0;
}
