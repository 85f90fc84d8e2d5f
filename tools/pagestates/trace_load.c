// SPDX-License-Identifier: GPL-2.0
/*
 * Loading a trace: lines -> records (format parsers) -> time order (a
 * small reorder window) -> replayable events, applying the quirks of real
 * captures described in trace.h.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <linux/gfp.h>
#include "trace.h"
#include "pfntab.h"
#include "u64map.h"

#define PROGRESS_LINES	65536
#define MAX_LOOKUP_PAGES 4096	/* one lookup event covers at most this */
#define MAX_INDEX	(1ULL << 40)

/*
 * Memory of the pfn tables, checked every MEM_CHECK_LINES lines: beyond
 * TRACE_MEM_FLOOR they may take TRACE_MEM_PER_EVENT bytes per event on
 * average. Real captures take 8 (dense pfns) to 600 bytes (pfns 512
 * apart); pfns spread over the whole 2^40 range could take a mid table
 * each, hundreds of KiB per event.
 */
#define MEM_CHECK_LINES	1024

static const char *const skip_names[NR_TRACE_SKIPS] = {
	[SKIP_MALFORMED] = "malformed_line",
	[SKIP_TRUNCATED_LINE] = "truncated_line",
	[SKIP_UNKNOWN_EVENT] = "unknown_event",
	[SKIP_PCPU_DRAIN] = "pcpu_drain",
	[SKIP_FREE_BATCHED_DUP] = "free_batched_duplicate",
	[SKIP_DOUBLE_FREE] = "free_of_free_page",
	[SKIP_FAILED_ALLOC] = "failed_alloc",
	[SKIP_ALLOC_INSIDE_BLOCK] = "alloc_inside_live_block",
	[SKIP_PARTIAL_FREE] = "partial_free",
	[SKIP_CACHE_ADD_FREE_PAGE] = "cache_add_of_free_page",
	[SKIP_CACHE_ADD_DUP] = "cache_add_duplicate",
	[SKIP_CACHE_DEL_UNCACHED] = "cache_delete_uncached",
	[SKIP_LOOKUP_UNCACHED] = "lookup_uncached",
	[SKIP_BEFORE_WINDOW] = "before_time_window",
	[SKIP_AFTER_WINDOW] = "after_time_window",
};

const char *trace_skip_name(enum trace_skip reason)
{
	return skip_names[reason];
}

/*
 * Per trace pfn state in a pfntab entry: as the head of a block (the low
 * bits, PS_HEAD_BITS) and, independent of that, as a tail page of a live
 * block (PS_TAIL and the distance back to the head).
 */
#define PS_ORDER_MASK		0x0fULL
#define PS_LIVE			0x10ULL
#define PS_CACHED		0x20ULL
#define PS_FREED_UNBATCHED	0x40ULL	/* mm_page_free seen, batched may follow */
#define PS_SEEN			0x80ULL	/* the trace named this pfn as a head */
#define PS_SPLIT_SHIFT		8	/* pages of the block freed so far */
#define PS_SPLIT_MASK		(0xfffULL << PS_SPLIT_SHIFT)
#define PS_HEAD_BITS		((1ULL << 20) - 1)
#define PS_TAIL			(1ULL << 20)
#define PS_TAIL_OFS_SHIFT	21	/* up to 2^TRACE_MAX_ORDER - 1 */

struct loader {
	struct trace *t;
	const struct trace_load_opts *opts;
	const struct trace_format *fmt;
	char *err;
	size_t errlen;
	bool fatal;
	unsigned int messages;
	u64 unshown;
	u64 lineno;

	struct trace_rec win[TRACE_REORDER_WINDOW];
	unsigned int win_start, win_len;
	u64 last_ns;
	bool started;

	struct pfntab pages;		/* trace pfn -> PS_* */
	u64 nr_tails;			/* pages with PS_TAIL set */
	struct u64map cache;		/* cache_key(file, index) / 64 -> bitmap */
	struct pfntab cache_of;		/* cached pfn -> cache_key | KEY_SET */
	struct u64map file_ids;		/* hash(dev, ino) -> file id */
	u32 last_file;			/* file_id() found last, if any */
	u64 *file_cached;		/* cached pages per file id */
	size_t files_cap;

	s64 live_minus_pre;		/* trace-allocated - preexisting freed */
	s64 live_minus_pre_peak;
	u64 alloc_live;
};

static void fail(struct loader *ld, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void fail(struct loader *ld, const char *fmt, ...)
{
	va_list ap;

	if (ld->fatal)
		return;
	va_start(ap, fmt);
	vsnprintf(ld->err, ld->errlen, fmt, ap);
	va_end(ap);
	ld->fatal = true;
}

static void skip(struct loader *ld, enum trace_skip reason)
{
	ld->t->info.skipped[reason]++;
}

/* A message about the current line, at most max_messages of them. */
static void note_line(struct loader *ld, const char *why, const char *line,
		      size_t len)
{
	const char *name = ld->opts->name ? ld->opts->name : "trace";
	int shown = len > 100 ? 100 : (int)len;

	if (ld->opts->strict) {
		fail(ld, "%s:%llu: %s: \"%.*s\"", name,
		     (unsigned long long)ld->lineno, why, shown, line);
		return;
	}
	if (ld->messages >= ld->opts->max_messages) {
		ld->unshown++;
		return;
	}
	ld->messages++;
	if (ld->opts->diag)
		fprintf(ld->opts->diag, "pagestates: %s:%llu: %s: \"%.*s\"\n",
			name, (unsigned long long)ld->lineno, why, shown,
			line);
}

/* A line not replayed because it is broken. */
static void bad_line(struct loader *ld, enum trace_skip reason,
		     const char *why, const char *line, size_t len)
{
	skip(ld, reason);
	note_line(ld, why, line, len);
}

/* --- output ------------------------------------------------------------ */

static void emit(struct loader *ld, const struct trace_rec *rec, u8 type,
		 u64 pfn, u8 order, u32 file, u64 index)
{
	struct ps_event ev = {
		.time_ns = rec->time_ns - ld->t->info.start_ns,
		.pfn = pfn,
		.index = index,
		.file = file,
		.cpu = rec->cpu,
		.type = type,
		.order = order,
	};

	if (type == PS_EV_ALLOC) {
		/* the free lists traced; without them, the gfp's */
		ev.gfp = rec->gfp;
		ev.migratetype = rec->migratetype < MIGRATE_TYPES ?
				 rec->migratetype : (u8)gfp_migratetype(rec->gfp);
	}
	if (evbuf_push(&ld->t->events, &ev) < 0)
		fail(ld, "out of memory (%zu events)", ld->t->events.count);
	ld->t->info.events++;
}

static bool add_prealloc(struct loader *ld, u64 pfn, u8 order, bool cached,
			 u32 file, u64 index)
{
	struct trace *t = ld->t;

	if (t->nr_pre == t->pre_cap) {
		size_t cap = t->pre_cap ? t->pre_cap * 2 : 1024;
		struct trace_prealloc *p = realloc(t->pre, cap * sizeof(*p));

		if (!p) {
			fail(ld, "out of memory");
			return false;
		}
		t->pre = p;
		t->pre_cap = cap;
	}
	t->pre[t->nr_pre++] = (struct trace_prealloc){
		.pfn = pfn, .order = order, .cached = cached,
		.file = file, .index = index,
	};
	t->info.preexisting_pages += 1ULL << order;
	return true;
}

/* The state of a pfn the trace named as a head before, or NULL. */
static u64 *seen_state(struct loader *ld, u64 pfn)
{
	u64 *st = pfntab_find(&ld->pages, pfn);

	return st && (*st & PS_SEEN) ? st : NULL;
}

static u64 *page_state(struct loader *ld, u64 pfn, bool *created)
{
	u64 *st = pfntab_slot(&ld->pages, pfn);

	if (!st) {
		fail(ld, "out of memory");
		return NULL;
	}
	*created = !(*st & PS_SEEN);
	*st |= PS_SEEN;
	return st;
}

/* Replace the head state, keeping the tail bits. */
static void set_head_state(u64 *st, u64 state)
{
	*st = (*st & ~PS_HEAD_BITS) | state;
}

static void account_live(struct loader *ld, s64 pages)
{
	ld->live_minus_pre += pages;
	if (ld->live_minus_pre > ld->live_minus_pre_peak)
		ld->live_minus_pre_peak = ld->live_minus_pre;
}

/* --- page cache bookkeeping -------------------------------------------- */

static u64 cache_key(u32 file, u64 index)
{
	return (u64)file << 40 | index;
}

static u32 file_id(struct loader *ld, u32 dev, u64 ino)
{
	u64 h = (ino * 0x9e3779b97f4a7c15ULL) ^ ((u64)dev << 1);
	const struct ps_file *last = ld->t->files;
	bool created;
	u64 *v;

	/* events of one file tend to come in runs */
	if (ld->t->info.nr_files) {
		last += ld->last_file;
		if (last->ino == ino && last->dev == dev)
			return ld->last_file;
	}
	/* probe on past hash collisions until the exact (dev, ino) */
	for (;; h = h + 2) {
		if (h == U64MAP_EMPTY)
			continue;
		v = u64map_put(&ld->file_ids, h, &created);
		if (!v) {
			fail(ld, "out of memory");
			return 0;
		}
		if (created)
			break;
		if (ld->t->files[*v].dev == dev &&
		    ld->t->files[*v].ino == ino) {
			ld->last_file = (u32)*v;
			return ld->last_file;
		}
	}
	if (ld->t->info.nr_files == ld->files_cap) {
		size_t cap = ld->files_cap ? ld->files_cap * 2 : 256;
		struct ps_file *f = NULL;
		u64 *c = NULL;

		if (cap < (1u << 24)) {
			f = realloc(ld->t->files, cap * sizeof(*f));
			if (f)
				ld->t->files = f;
			c = realloc(ld->file_cached, cap * sizeof(*c));
			if (c)
				ld->file_cached = c;
		}
		if (!f || !c) {
			fail(ld, "too many files in the trace");
			return 0;
		}
		ld->files_cap = cap;
	}
	*v = ld->t->info.nr_files;
	ld->t->files[*v] = (struct ps_file){ .ino = ino, .dev = dev };
	ld->file_cached[*v] = 0;
	ld->last_file = (u32)*v;
	return (u32)ld->t->info.nr_files++;
}

/*
 * The set of cached (file, index) keys is kept as 64-bit words of
 * neighbouring indexes: a lookup of a range reads one word per 64 pages.
 */
static bool cache_bit_set(struct loader *ld, u64 key)
{
	bool created;
	u64 *w = u64map_put(&ld->cache, key >> 6, &created);

	if (!w) {
		fail(ld, "out of memory");
		return false;
	}
	*w |= 1ULL << (key & 63);
	return true;
}

static void cache_bit_clear(struct loader *ld, u64 key)
{
	u64 *w = u64map_get(&ld->cache, key >> 6);

	if (!w)
		return;
	*w &= ~(1ULL << (key & 63));
	if (!*w)
		u64map_del(&ld->cache, key >> 6);
}

/* The cached bits of key and the keys after it in its word. */
static u64 cache_bits_from(struct loader *ld, u64 key)
{
	u64 *w = u64map_get(&ld->cache, key >> 6);

	return w ? *w >> (key & 63) : 0;
}

#define KEY_SET		(1ULL << 63)	/* file ids stay below 2^23 */

/* The cache_of entry of a cached pfn, or NULL. */
static u64 *cache_entry(struct loader *ld, u64 pfn)
{
	u64 *e = pfntab_find(&ld->cache_of, pfn);

	return e && *e ? e : NULL;
}

static void cache_insert(struct loader *ld, u64 pfn, u8 order, u32 file,
			 u64 index)
{
	u64 i, *v;

	for (i = 0; i < (1ULL << order); i++)
		if (!cache_bit_set(ld, cache_key(file, index + i)))
			return;
	v = pfntab_slot(&ld->cache_of, pfn);
	if (v)
		*v = cache_key(file, index) | KEY_SET;
	ld->file_cached[file] += 1ULL << order;
}

static void cache_remove(struct loader *ld, u64 pfn, u8 order)
{
	u64 *e = cache_entry(ld, pfn), key, i;

	if (!e)
		return;
	key = *e & ~KEY_SET;
	for (i = 0; i < (1ULL << order); i++)
		cache_bit_clear(ld, key + i);
	ld->file_cached[key >> 40] -= 1ULL << order;
	*e = 0;
}

static bool cached_at(struct loader *ld, u32 file, u64 index)
{
	return cache_bits_from(ld, cache_key(file, index)) & 1;
}

/* Emit a page cache delete of a cached block and forget its indexes. */
static void uncache(struct loader *ld, const struct trace_rec *rec, u64 pfn,
		    u64 *st)
{
	u64 *e = cache_entry(ld, pfn);
	u8 order = (u8)(*st & PS_ORDER_MASK);

	if (e)
		emit(ld, rec, PS_EV_CACHE_DEL, pfn, order,
		     (u32)((*e & ~KEY_SET) >> 40), *e & (MAX_INDEX - 1));
	cache_remove(ld, pfn, order);
	*st &= ~PS_CACHED;
}

/* --- page allocator events --------------------------------------------- */

/* The live block pfn is a tail page of, with its head in *head_out. */
static u64 *containing_block(struct loader *ld, u64 pfn, u64 *head_out)
{
	u64 *st;

	if (!ld->nr_tails)
		return NULL;
	st = pfntab_find(&ld->pages, pfn);
	if (!st || !(*st & PS_TAIL))
		return NULL;
	*head_out = pfn - (*st >> PS_TAIL_OFS_SHIFT);
	return seen_state(ld, *head_out);
}

static void set_tails(struct loader *ld, u64 head, u8 order, bool live)
{
	u64 i, *v;

	for (i = 1; i < (1ULL << order); i++) {
		v = live ? pfntab_slot(&ld->pages, head + i) :
			   pfntab_find(&ld->pages, head + i);
		if (!v) {
			if (live)
				fail(ld, "out of memory");
			continue;
		}
		if (*v & PS_TAIL)
			ld->nr_tails--;
		*v &= PS_HEAD_BITS;
		if (live) {
			*v |= PS_TAIL | i << PS_TAIL_OFS_SHIFT;
			ld->nr_tails++;
		}
	}
}

static void mark_live(struct loader *ld, u64 pfn, u64 *st, u8 order)
{
	set_head_state(st, PS_SEEN | order | PS_LIVE);
	if (order)
		set_tails(ld, pfn, order, true);
}

/* A block in use since before the capture, first seen now: live from then. */
static u64 *add_live_prealloc(struct loader *ld, const struct trace_rec *rec,
			      bool cached, u32 file, u64 index)
{
	bool created;
	u64 *st;

	if (!add_prealloc(ld, rec->pfn, rec->order, cached, file, index))
		return NULL;
	st = page_state(ld, rec->pfn, &created);
	if (!st)
		return NULL;
	mark_live(ld, rec->pfn, st, rec->order);
	ld->alloc_live += 1ULL << rec->order;
	return st;
}

static void free_traced_block(struct loader *ld, const struct trace_rec *rec,
			      u64 pfn, u64 *st, bool unbatched)
{
	u8 order = (u8)(*st & PS_ORDER_MASK);

	if (*st & PS_CACHED)
		uncache(ld, rec, pfn, st);
	emit(ld, rec, PS_EV_FREE, pfn, order, 0, 0);
	set_head_state(st, PS_SEEN | order |
			   (unbatched ? PS_FREED_UNBATCHED : 0));
	if (order)
		set_tails(ld, pfn, order, false);
	ld->alloc_live -= 1ULL << order;
	account_live(ld, -(s64)(1LL << order));
}

static void on_alloc(struct loader *ld, const struct trace_rec *rec)
{
	bool created;
	u64 head, *st;

	if (rec->null_page) {
		skip(ld, SKIP_FAILED_ALLOC);
		return;
	}
	st = page_state(ld, rec->pfn, &created);
	if (!st)
		return;
	if (*st & PS_LIVE) {
		/* the free of the previous use was not traced */
		ld->t->info.implicit_frees++;
		free_traced_block(ld, rec, rec->pfn, st, false);
	} else if (containing_block(ld, rec->pfn, &head)) {
		if (created)
			set_head_state(st, 0);
		skip(ld, SKIP_ALLOC_INSIDE_BLOCK);
		return;
	}
	mark_live(ld, rec->pfn, st, rec->order);
	emit(ld, rec, PS_EV_ALLOC, rec->pfn, rec->order, 0, 0);
	ld->alloc_live += 1ULL << rec->order;
	ld->t->info.alloc_pages += 1ULL << rec->order;
	account_live(ld, 1LL << rec->order);
}

/* Part of a live block freed: free the block when all of it is. */
static void on_partial_free(struct loader *ld, const struct trace_rec *rec,
			    u64 head, u64 *st)
{
	u64 done = ((*st & PS_SPLIT_MASK) >> PS_SPLIT_SHIFT) +
		   (1ULL << rec->order);

	if (done >= 1ULL << (*st & PS_ORDER_MASK)) {
		ld->t->info.split_frees++;
		free_traced_block(ld, rec, head, st, false);
		return;
	}
	*st = (*st & ~PS_SPLIT_MASK) | done << PS_SPLIT_SHIFT;
	skip(ld, SKIP_PARTIAL_FREE);
}

static void on_free(struct loader *ld, const struct trace_rec *rec)
{
	bool batched = rec->type == TR_PAGE_FREE_BATCHED;
	u64 head, *st;

	st = seen_state(ld, rec->pfn);
	if (st && (*st & PS_LIVE)) {
		if (rec->order < (*st & PS_ORDER_MASK))
			on_partial_free(ld, rec, rec->pfn, st);
		else
			free_traced_block(ld, rec, rec->pfn, st, !batched);
		return;
	}
	if (st) {
		if (batched && (*st & PS_FREED_UNBATCHED)) {
			*st &= ~PS_FREED_UNBATCHED;
			skip(ld, SKIP_FREE_BATCHED_DUP);
		} else {
			skip(ld, SKIP_DOUBLE_FREE);
		}
		return;
	}
	st = containing_block(ld, rec->pfn, &head);
	if (st) {
		on_partial_free(ld, rec, head, st);
		return;
	}
	/* in use since before the capture */
	st = add_live_prealloc(ld, rec, false, 0, 0);
	if (!st)
		return;
	/* live since the start: its free lowers the live count from there */
	free_traced_block(ld, rec, rec->pfn, st, !batched);
}

/* --- page cache events ------------------------------------------------- */

static void on_cache_add(struct loader *ld, const struct trace_rec *rec)
{
	u32 file = file_id(ld, rec->dev, rec->ino);
	u64 index = rec->ofs >> 12;
	u64 *st;
	u8 order;

	st = seen_state(ld, rec->pfn);
	if (!st) {
		/* allocated before the capture, added to the cache now */
		st = add_live_prealloc(ld, rec, false, 0, 0);
		if (!st)
			return;
	} else if (!(*st & PS_LIVE)) {
		skip(ld, SKIP_CACHE_ADD_FREE_PAGE);
		return;
	}
	order = (u8)(*st & PS_ORDER_MASK);
	if ((*st & PS_CACHED) || cached_at(ld, file, index)) {
		skip(ld, SKIP_CACHE_ADD_DUP);
		return;
	}
	*st |= PS_CACHED;
	cache_insert(ld, rec->pfn, order, file, index);
	emit(ld, rec, PS_EV_CACHE_ADD, rec->pfn, order, file, index);
}

static void on_cache_del(struct loader *ld, const struct trace_rec *rec)
{
	u32 file = file_id(ld, rec->dev, rec->ino);
	u64 index = rec->ofs >> 12;
	u64 *st;

	st = seen_state(ld, rec->pfn);
	if (!st) {
		/* cached before the capture */
		if (!add_live_prealloc(ld, rec, true, file, index))
			return;
		emit(ld, rec, PS_EV_CACHE_DEL, rec->pfn, rec->order, file,
		     index);
		return;
	}
	if (!(*st & PS_CACHED)) {
		skip(ld, SKIP_CACHE_DEL_UNCACHED);
		return;
	}
	uncache(ld, rec, rec->pfn, st);
}

/* Equal bits at the bottom of word, at most max of them (max <= 64). */
static u64 bit_run(u64 word, u64 max)
{
	u64 x = word & 1 ? ~word : word;
	u64 n = x ? (u64)__builtin_ctzll(x) : 64;

	return n < max ? n : max;
}

/*
 * A lookup of pages [first, last]: one lookup event per run of cached
 * pages, the others counted as uncached (cached before the trace).
 */
static void on_lookup(struct loader *ld, const struct trace_rec *rec)
{
	u32 file = file_id(ld, rec->dev, rec->ino);
	u64 first = rec->ofs >> 12, last = rec->ofs_end >> 12, i, run = 0;
	u64 key, word, left, n;
	bool any = false;
	u8 how = rec->type == TR_CACHE_GET_PAGES ? PS_LOOKUP_READ :
						   PS_LOOKUP_MAPPED;

	if (last - first >= MAX_LOOKUP_PAGES)
		last = first + MAX_LOOKUP_PAGES - 1;
	if (ld->fatal || !ld->file_cached[file]) {
		ld->t->info.lookup_pages_uncached += last - first + 1;
		skip(ld, SKIP_LOOKUP_UNCACHED);
		return;
	}
	for (i = first; i <= last; ) {
		key = cache_key(file, i);
		word = cache_bits_from(ld, key);
		left = 64 - (key & 63);
		if (left > last - i + 1)
			left = last - i + 1;
		/* the word's pages in runs of cached and uncached ones */
		for (; left; left -= n, i += n) {
			n = bit_run(word, left);
			if (word & 1) {
				run += n;
			} else {
				if (run) {
					emit(ld, rec, PS_EV_CACHE_LOOKUP, run,
					     how, file, i - run);
					any = true;
					run = 0;
				}
				ld->t->info.lookup_pages_uncached += n;
			}
			word = n < 64 ? word >> n : 0;
		}
	}
	if (run) {
		emit(ld, rec, PS_EV_CACHE_LOOKUP, run, how, file, i - run);
		any = true;
	}
	if (!any)
		skip(ld, SKIP_LOOKUP_UNCACHED);
}

static void apply_rec(struct loader *ld, const struct trace_rec *rec)
{
	switch (rec->type) {
	case TR_PAGE_ALLOC:
		on_alloc(ld, rec);
		break;
	case TR_PAGE_FREE:
	case TR_PAGE_FREE_BATCHED:
		on_free(ld, rec);
		break;
	case TR_PCPU_DRAIN:
		skip(ld, SKIP_PCPU_DRAIN);
		break;
	case TR_CACHE_ADD:
		on_cache_add(ld, rec);
		break;
	case TR_CACHE_DEL:
		on_cache_del(ld, rec);
		break;
	case TR_CACHE_GET_PAGES:
	case TR_CACHE_FAULT:
	case TR_CACHE_MAP_PAGES:
		on_lookup(ld, rec);
		break;
	default:
		skip(ld, SKIP_UNKNOWN_EVENT);
		break;
	}
}

/* --- time order -------------------------------------------------------- */

#define WIN_MASK	(TRACE_REORDER_WINDOW - 1)
_Static_assert((TRACE_REORDER_WINDOW & WIN_MASK) == 0, "power of two");

static struct trace_rec *win_at(struct loader *ld, unsigned int i)
{
	return &ld->win[(ld->win_start + i) & WIN_MASK];
}

static void win_pop(struct loader *ld)
{
	struct trace_rec *rec = win_at(ld, 0);
	const struct trace_load_opts *o = ld->opts;

	if (o->window && (rec->time_ns < o->window_start_ns ||
			  rec->time_ns > o->window_end_ns)) {
		skip(ld, rec->time_ns < o->window_start_ns ?
			 SKIP_BEFORE_WINDOW : SKIP_AFTER_WINDOW);
		ld->win_start = (ld->win_start + 1) & WIN_MASK;
		ld->win_len--;
		return;
	}
	if (!ld->started) {
		ld->t->info.start_ns = rec->time_ns;
		ld->started = true;
	}
	ld->last_ns = rec->time_ns;
	apply_rec(ld, rec);
	ld->win_start = (ld->win_start + 1) & WIN_MASK;
	ld->win_len--;
}

static void win_push(struct loader *ld, struct trace_rec *rec,
		     const char *line, size_t len)
{
	unsigned int i;

	if (ld->win_len == TRACE_REORDER_WINDOW)
		win_pop(ld);
	if (ld->started && rec->time_ns < ld->last_ns) {
		note_line(ld, "time goes back past the reorder window, clamped",
			  line, len);
		ld->t->info.clamped++;
		rec->time_ns = ld->last_ns;
	}
	for (i = ld->win_len; i > 0 && win_at(ld, i - 1)->time_ns >
				       rec->time_ns; i--)
		*win_at(ld, i) = *win_at(ld, i - 1);
	if (i != ld->win_len)
		ld->t->info.reordered++;
	*win_at(ld, i) = *rec;
	ld->win_len++;
}

/* --- lines ------------------------------------------------------------- */

static void detect(struct loader *ld, const char *line, const char *end)
{
	int score;
	const struct trace_format *f = trace_format_probe(line, end, &score);

	if (f)
		ld->fmt = f;
}

static void on_line(struct loader *ld, const char *line, size_t len)
{
	const char *end = line + len, *why = NULL;
	struct trace_rec rec;

	if (!ld->fmt) {
		detect(ld, line, end);
		if (!ld->fmt) {
			if (!trace_line_blank(line, end) && line[0] != '#')
				bad_line(ld, SKIP_MALFORMED,
					 "not a trace line", line, len);
			return;
		}
	}
	switch (ld->fmt->parse(line, end, &rec, &why)) {
	case TL_EVENT:
		ld->t->info.records[rec.type]++;
		if (rec.cpu + 1u > ld->t->info.nr_cpus)
			ld->t->info.nr_cpus = rec.cpu + 1u;
		if (rec.type < TR_CACHE_GET_PAGES &&
		    rec.pfn + (1ULL << rec.order) > TRACE_MAX_PFN) {
			bad_line(ld, SKIP_MALFORMED,
				 "block runs past the largest pfn (2^40)", line,
				 len);
			return;
		}
		if (rec.type != TR_OTHER && rec.type >= TR_CACHE_ADD &&
		    (rec.ofs >> 12 >= MAX_INDEX ||
		     (rec.type >= TR_CACHE_GET_PAGES &&
		      rec.ofs_end >> 12 >= MAX_INDEX))) {
			bad_line(ld, SKIP_MALFORMED, "file offset too large",
				 line, len);
			return;
		}
		win_push(ld, &rec, line, len);
		break;
	case TL_LOST:
		ld->t->info.lost_events += rec.pfn;
		break;
	case TL_MALFORMED:
		bad_line(ld, SKIP_MALFORMED, why, line, len);
		break;
	case TL_IGNORED:
		break;
	}
}

/* Fatal when the pfn tables outgrow what the events can justify. */
static void check_memory(struct loader *ld)
{
	size_t bytes = pfntab_bytes(&ld->pages) + pfntab_bytes(&ld->cache_of);
	u64 events = ld->t->info.events + ld->win_len;

	if (bytes <= TRACE_MEM_FLOOR ||
	    bytes / TRACE_MEM_PER_EVENT <= events)
		return;
	fail(ld, "%s:%llu: the pfns are spread too thin: their tables take %zu MiB for %llu events (at most %u bytes per event beyond %u MiB); is this one machine's trace?",
	     ld->opts->name ? ld->opts->name : "trace",
	     (unsigned long long)ld->lineno, bytes >> 20,
	     (unsigned long long)events, TRACE_MEM_PER_EVENT,
	     TRACE_MEM_FLOOR >> 20);
}

static int loader_init(struct loader *ld)
{
	if (pfntab_init(&ld->pages) < 0 ||
	    u64map_init(&ld->cache, 1 << 12) < 0 ||
	    pfntab_init(&ld->cache_of) < 0 ||
	    u64map_init(&ld->file_ids, 256) < 0)
		return -1;
	return 0;
}

static void loader_free(struct loader *ld)
{
	pfntab_free(&ld->pages);
	u64map_free(&ld->cache);
	pfntab_free(&ld->cache_of);
	u64map_free(&ld->file_ids);
	free(ld->file_cached);
}

static void finish(struct loader *ld, struct lines *lines)
{
	struct trace_info *info = &ld->t->info;
	const char *name = ld->opts->name ? ld->opts->name : "trace";

	while (ld->win_len && !ld->fatal)
		win_pop(ld);
	info->duration_ns = ld->last_ns - info->start_ns;
	info->never_freed_pages = ld->alloc_live;
	info->peak_live_pages = info->preexisting_pages +
				(u64)(ld->live_minus_pre_peak > 0 ?
				      ld->live_minus_pre_peak : 0);
	info->truncated = lines->read_error;
	info->format = ld->fmt ? ld->fmt->name : "unknown";
	if (ld->unshown && ld->opts->diag)
		fprintf(ld->opts->diag,
			"pagestates: %s: %llu more such lines not shown\n",
			name, (unsigned long long)ld->unshown);
	if (ld->fatal)
		return;
	if (lines->read_error && ld->opts->strict)
		fail(ld, "%s: input ends early", name);
	else if (!ld->fmt)
		fail(ld, "%s: no trace events found (expected tracefs, perf script or trace-cmd report text)",
		     name);
	else if (!info->events && ld->opts->window)
		fail(ld, "%s: no page allocator events in the --time window (%llu before it, %llu after)",
		     name,
		     (unsigned long long)info->skipped[SKIP_BEFORE_WINDOW],
		     (unsigned long long)info->skipped[SKIP_AFTER_WINDOW]);
	else if (!info->events)
		fail(ld, "%s: no page allocator events to replay (%llu lines, format %s)",
		     name, (unsigned long long)info->lines, info->format);
}

int trace_load_lines(struct trace *t, struct lines *lines,
		     const struct trace_load_opts *opts, char *err,
		     size_t errlen)
{
	struct loader ld = {
		.t = t, .opts = opts, .fmt = opts->format,
		.err = err, .errlen = errlen,
	};
	const char *line;
	size_t len = 0;

	memset(t, 0, sizeof(*t));
	evbuf_init(&t->events);
	t->info.window = opts->window;
	t->info.window_start_ns = opts->window_start_ns;
	t->info.window_end_ns = opts->window_end_ns;
	if (loader_init(&ld) < 0) {
		loader_free(&ld);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	while (!ld.fatal && lines_next(lines, &line, &len) > 0) {
		ld.lineno = lines->lineno;
		t->info.lines++;
		t->info.bytes += len + 1;
		if (len > LINES_MAX_LINE)
			break;
		if (lines->unterminated) {
			bad_line(&ld, SKIP_TRUNCATED_LINE,
				 "last line is truncated (no newline)", line,
				 len);
			break;
		}
		on_line(&ld, line, len);
		if (!(t->info.lines % MEM_CHECK_LINES))
			check_memory(&ld);
		if (opts->progress && !(t->info.lines % PROGRESS_LINES))
			opts->progress(opts->progress_ctx, t->info.lines,
				       t->info.bytes);
	}
	if (!ld.fatal && (lines->too_long || len > LINES_MAX_LINE))
		fail(&ld, "%s:%llu: a line longer than %u KiB: not a trace",
		     opts->name ? opts->name : "trace",
		     (unsigned long long)lines->lineno + lines->too_long,
		     LINES_MAX_LINE >> 10);
	if (!ld.fatal)
		check_memory(&ld);
	finish(&ld, lines);
	loader_free(&ld);
	return ld.fatal ? -1 : 0;
}

void trace_free(struct trace *t)
{
	evbuf_free(&t->events);
	free(t->pre);
	free(t->files);
	t->pre = NULL;
	t->files = NULL;
}
