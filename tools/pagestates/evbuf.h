/* SPDX-License-Identifier: GPL-2.0 */
/* A growing array of events in fixed chunks (no copying on growth). */
#ifndef _PAGESTATES_EVBUF_H
#define _PAGESTATES_EVBUF_H

#include <stddef.h>
#include "event.h"

#define EVBUF_CHUNK_SHIFT	16
#define EVBUF_CHUNK		(1u << EVBUF_CHUNK_SHIFT)

struct evbuf {
	struct ps_event **chunks;
	size_t nr_chunks;
	size_t count;
};

void evbuf_init(struct evbuf *b);
void evbuf_free(struct evbuf *b);
/* Room for another chunk of events: 0, or -1 without memory. */
int evbuf_grow(struct evbuf *b);

/* Append a copy of *ev: 0, or -1 without memory. */
static inline int evbuf_push(struct evbuf *b, const struct ps_event *ev)
{
	size_t chunk = b->count >> EVBUF_CHUNK_SHIFT;

	if (chunk == b->nr_chunks && evbuf_grow(b) < 0)
		return -1;
	b->chunks[chunk][b->count & (EVBUF_CHUNK - 1)] = *ev;
	b->count++;
	return 0;
}

static inline const struct ps_event *evbuf_get(const struct evbuf *b,
					       size_t i)
{
	return &b->chunks[i >> EVBUF_CHUNK_SHIFT][i & (EVBUF_CHUNK - 1)];
}

#endif
