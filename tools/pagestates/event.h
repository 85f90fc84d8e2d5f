/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One replayable event: what a trace line or a synthetic workload asks the
 * simulated guest to do. Kept at 32 bytes, a whole trace is held in memory.
 */
#ifndef _PAGESTATES_EVENT_H
#define _PAGESTATES_EVENT_H

#include <linux/types.h>

enum ps_event_type {
	PS_EV_ALLOC,		/* pfn, order, gfp, migratetype */
	PS_EV_FREE,		/* pfn, order */
	PS_EV_CACHE_ADD,	/* pfn, order, file, index */
	PS_EV_CACHE_DEL,	/* pfn, order, file, index */
	PS_EV_CACHE_LOOKUP,	/* file, index, nr pages in pfn, order: */
	NR_PS_EVENT_TYPES,
};

/* A lookup's order: a page cache read, or a user access through a mapping. */
#define PS_LOOKUP_READ		0	/* mm_filemap_get_pages */
#define PS_LOOKUP_MAPPED	1	/* mm_filemap_fault, _map_pages */

struct ps_event {
	u64 time_ns;
	u64 pfn;		/* lookups: number of pages */
	union {
		u64 index;	/* page cache index (offset >> 12) */
		struct {	/* allocations, as traced */
			gfp_t gfp;	/* the model's gfp flags */
			u8 migratetype;	/* enum migratetype */
		};
	};
	u32 file;		/* interned (dev, inode) */
	u16 cpu;
	u8 type;		/* enum ps_event_type */
	u8 order;
};

_Static_assert(sizeof(struct ps_event) == 32, "ps_event must stay small");

/* A file the events name by id (struct ps_event.file). */
struct ps_file {
	u64 ino;
	u32 dev;		/* major << 20 | minor */
};

#endif
