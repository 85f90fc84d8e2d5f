/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A loaded trace: the replayable events in time order, the pages that were
 * in use before the capture began, and what the input looked like.
 *
 * Loading applies the quirks of real captures (DESIGN.md section 8):
 *  - mm_page_free_batched right after mm_page_free of the same pfn is one
 *    free (the kernel emits both since Linux 5.x);
 *  - a free (or page cache delete) of a pfn the trace never allocated is a
 *    page that was in use before the capture: it is allocated at start,
 *    stable and resident (struct trace_prealloc);
 *  - allocations never freed just stay allocated;
 *  - timestamps that go backwards across cpus are sorted within a window
 *    of TRACE_REORDER_WINDOW events; older ones are clamped to the last
 *    time replayed (and counted);
 *  - a truncated last line is dropped;
 *  - with a time window (--time), events outside it are skipped after
 *    they are put in time order, as if the capture had begun and ended
 *    there (pages freed in it that were allocated before are pages in
 *    use before the trace).
 * Bounds, each a fatal error with its own message: a line longer than
 * LINES_MAX_LINE; pfn tables over TRACE_MEM_PER_EVENT bytes per event.
 * A block that runs past TRACE_MAX_PFN is a malformed line.
 * Everything not replayed is counted in skipped[] by reason.
 */
#ifndef _PAGESTATES_TRACE_H
#define _PAGESTATES_TRACE_H

#include <stdio.h>
#include "evbuf.h"
#include "lines.h"
#include "trace_format.h"

#define TRACE_REORDER_WINDOW	256
/* Memory the loader's pfn tables may take (trace_load.c check_memory). */
#define TRACE_MEM_FLOOR		(256u << 20)
#define TRACE_MEM_PER_EVENT	4096u

enum trace_skip {
	SKIP_MALFORMED,		/* unparsable line */
	SKIP_TRUNCATED_LINE,	/* last line without newline */
	SKIP_UNKNOWN_EVENT,	/* a tracepoint we do not replay */
	SKIP_PCPU_DRAIN,	/* informational: the free happened before */
	SKIP_FREE_BATCHED_DUP,	/* mm_page_free_batched after mm_page_free */
	SKIP_DOUBLE_FREE,	/* free of a free page: alloc_pages_bulk() is untraced */
	SKIP_FAILED_ALLOC,	/* page=(null) */
	SKIP_ALLOC_INSIDE_BLOCK, /* pfn inside another live block */
	SKIP_PARTIAL_FREE,	/* part of a block freed, rest still live */
	SKIP_CACHE_ADD_FREE_PAGE, /* page cache add of a freed page */
	SKIP_CACHE_ADD_DUP,	/* index already cached */
	SKIP_CACHE_DEL_UNCACHED, /* delete of a page not in the cache */
	SKIP_LOOKUP_UNCACHED,	/* lookup of pages cached before the trace */
	SKIP_BEFORE_WINDOW,	/* earlier than --time START */
	SKIP_AFTER_WINDOW,	/* later than --time END */
	NR_TRACE_SKIPS,
};

const char *trace_skip_name(enum trace_skip reason);

struct trace_prealloc {
	u64 pfn;
	u64 index;		/* page cache index when cached */
	u32 file;
	u8 order;
	bool cached;
};

struct trace_info {
	const char *format;		/* detected format name */
	u64 lines;
	u64 bytes;
	u64 records[NR_TRACE_REC_TYPES]; /* parsed events by tracepoint */
	u64 events;			/* replayable events produced */
	u64 skipped[NR_TRACE_SKIPS];
	u64 lost_events;		/* the tracer said it lost these */
	u64 reordered;			/* moved back into time order */
	u64 clamped;			/* older than the reorder window */
	u64 split_frees;		/* blocks freed in parts */
	u64 implicit_frees;		/* realloc of a live pfn: free missed */
	u64 lookup_pages_uncached;
	u64 start_ns;			/* time of the first event */
	u64 duration_ns;
	unsigned int nr_cpus;		/* highest cpu + 1 */
	u64 nr_files;
	u64 preexisting_pages;
	u64 never_freed_pages;
	u64 peak_live_pages;		/* incl. pages in use before start */
	u64 alloc_pages;		/* pages allocated by the trace */
	bool truncated;			/* input ended early (archive) */
	bool window;			/* --time given: */
	u64 window_start_ns, window_end_ns; /* events outside skipped */
};

struct trace {
	struct evbuf events;
	struct ps_file *files;		/* by id, info.nr_files of them */
	struct trace_prealloc *pre;
	size_t nr_pre, pre_cap;
	struct trace_info info;
};

struct trace_load_opts {
	const char *name;		/* for messages */
	const struct trace_format *format; /* NULL: detect */
	bool strict;			/* first malformed line is fatal */
	FILE *diag;			/* messages (NULL: silent) */
	unsigned int max_messages;	/* malformed lines shown */
	/* --time: only events in [window_start_ns, window_end_ns] */
	bool window;
	u64 window_start_ns, window_end_ns;
	void (*progress)(void *ctx, u64 lines, u64 bytes);
	void *progress_ctx;
};

/*
 * Read all lines into t. Returns 0, or -1 with err set (only for a fatal
 * problem: --strict, no trace at all, out of memory).
 */
int trace_load_lines(struct trace *t, struct lines *lines,
		     const struct trace_load_opts *opts, char *err,
		     size_t errlen);
void trace_free(struct trace *t);

#endif
