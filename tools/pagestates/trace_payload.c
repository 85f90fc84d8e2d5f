// SPDX-License-Identifier: GPL-2.0
/*
 * The payloads of the kmem and filemap tracepoints, as the kernel prints
 * them (include/trace/events/kmem.h, filemap.h):
 *
 *   mm_page_alloc          page=%p pfn=0x%lx order=%d migratetype=%d gfp_flags=%s
 *   mm_page_free           page=%p pfn=0x%lx order=%d
 *   mm_page_free_batched   page=%p pfn=0x%lx order=%d
 *   mm_page_pcpu_drain     page=%p pfn=0x%lx order=%d migratetype=%d
 *   mm_filemap_add_to_page_cache, mm_filemap_delete_from_page_cache
 *                          dev %d:%d ino %lx pfn=0x%lx ofs=%lu order=%u
 *   mm_filemap_get_pages, mm_filemap_map_pages
 *                          dev=%d:%d ino=%lx ofs=%lld-%lld
 *   mm_filemap_fault       dev=%d:%d ino=%lx ofs=%lld
 *
 * Older kernels print pfn=%lu (decimal), page=%p in the filemap events and
 * no order; both are accepted.
 *
 * Of mm_page_alloc's gfp_flags (the names show_gfp_flags() prints, see
 * include/trace/events/mmflags.h) the allocator model uses what picks the
 * free lists (__GFP_MOVABLE, __GFP_RECLAIMABLE, and the composite names
 * that contain them) and __GFP_ZERO; other names and numbers are ignored.
 * migratetype= is the kernel's enum since Linux 4.4 (0 unmovable,
 * 1 movable, 2 reclaimable).
 */
#include <string.h>
#include <linux/kernel.h>
#include <linux/gfp.h>
#include "trace_format.h"
#include "trace_scan.h"

#define EVENT_NAME(s, t)	{ s, sizeof(s) - 1, t }

static const struct {
	const char *name;
	size_t len;		/* no strlen() per trace line */
	enum trace_rec_type type;
} event_names[] = {
	EVENT_NAME("mm_page_alloc", TR_PAGE_ALLOC),
	EVENT_NAME("mm_page_free", TR_PAGE_FREE),
	EVENT_NAME("mm_page_free_batched", TR_PAGE_FREE_BATCHED),
	EVENT_NAME("mm_page_pcpu_drain", TR_PCPU_DRAIN),
	EVENT_NAME("mm_filemap_add_to_page_cache", TR_CACHE_ADD),
	EVENT_NAME("mm_filemap_delete_from_page_cache", TR_CACHE_DEL),
	EVENT_NAME("mm_filemap_get_pages", TR_CACHE_GET_PAGES),
	EVENT_NAME("mm_filemap_fault", TR_CACHE_FAULT),
	EVENT_NAME("mm_filemap_map_pages", TR_CACHE_MAP_PAGES),
	/* names before Linux 3.3 */
	EVENT_NAME("mm_page_free_direct", TR_PAGE_FREE),
	EVENT_NAME("mm_pagevec_free", TR_PAGE_FREE_BATCHED),
};

enum trace_rec_type trace_event_type(const char *name, size_t len)
{
	size_t i;

	if (len < 12 || name[0] != 'm' || name[1] != 'm' || name[2] != '_')
		return TR_OTHER;
	for (i = 0; i < ARRAY_SIZE(event_names); i++)
		if (event_names[i].len == len &&
		    !memcmp(event_names[i].name, name, len))
			return event_names[i].type;
	return TR_OTHER;
}

enum trace_rec_type trace_event_token(const char *p, const char *end,
				      const char **colon)
{
	size_t i, n, left = (size_t)(end - p);

	if (left < 13 || p[0] != 'm' || p[1] != 'm' || p[2] != '_')
		return TR_OTHER;
	for (i = 0; i < ARRAY_SIZE(event_names); i++) {
		n = event_names[i].len;
		/* the cheap tests first: ':' and a blank right after it */
		if (left <= n || p[n] != ':' ||
		    (left > n + 1 && p[n + 1] != ' ' && p[n + 1] != '\t'))
			continue;
		if (!memcmp(p + 3, event_names[i].name + 3, n - 3)) {
			*colon = p + n;
			return event_names[i].type;
		}
	}
	return TR_OTHER;
}

const char *trace_rec_type_name(enum trace_rec_type type)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(event_names); i++)
		if (event_names[i].type == type)
			return event_names[i].name;
	return "other";
}

/* One "key=value" token; *val is NULL for a token without '='. */
struct kv {
	const char *key, *val, *end;
	size_t key_len;
};

static const char *kv_next(const char *p, const char *end, struct kv *kv)
{
	const char *q;

	p = scan_spaces(p, end);
	kv->key = p;
	/* the key up to the first '=', then the value: one pass */
	for (q = p; q < end && *q != '=' && *q != ' ' && *q != '\t'; q++)
		;
	kv->key_len = (size_t)(q - p);
	if (q < end && *q == '=') {
		kv->val = q + 1;
		kv->end = scan_token_end(q + 1, end);
	} else {
		kv->val = NULL;
		kv->end = q;
	}
	return kv->end;
}

static bool kv_is(const struct kv *kv, const char *key, size_t len)
{
	return kv->val && kv->key_len == len && !memcmp(kv->key, key, len);
}

/*
 * The %p token at p: its end, and in *null whether it is a NULL pointer:
 * "(null)", "(nil)", "0x0" or all zeros. One pass over the token.
 */
static const char *scan_pointer(const char *p, const char *end, bool *null)
{
	const char *q = p;
	unsigned char nonzero = 0;

	if (q < end && *q == '(') {
		*null = true;
		return scan_token_end(q, end);
	}
	/* skip "0x" when more follows in the token */
	if (end - q > 2 && q[0] == '0' && (q[1] | 0x20) == 'x' &&
	    q[2] != ' ' && q[2] != '\t')
		q += 2;
	for (; q < end && *q != ' ' && *q != '\t'; q++)
		nonzero |= (unsigned char)(*q ^ '0');
	*null = !nonzero;
	return q;
}

static bool num_field(const struct kv *kv, u64 *v)
{
	return scan_num(kv->val, kv->end, v) == kv->end;
}

static enum trace_line_kind check_pfn_order(struct trace_rec *rec,
					    bool have_pfn, const char **err)
{
	if (!have_pfn) {
		*err = "no pfn= field";
		return TL_MALFORMED;
	}
	if (rec->pfn >= TRACE_MAX_PFN) {
		*err = "pfn out of range";
		return TL_MALFORMED;
	}
	return TL_EVENT;
}

static bool order_field(const struct kv *kv, struct trace_rec *rec,
			const char **err)
{
	u64 v = 0;

	if (!num_field(kv, &v)) {
		*err = "bad order= value";
		return false;
	}
	if (v > TRACE_MAX_ORDER) {
		*err = "order out of range (above 10)";
		return false;
	}
	rec->order = (u8)v;
	return true;
}

#define GFP_NAME(s, f)		{ s, sizeof(s) - 1, f }

static const struct {
	const char *name;
	size_t len;
	gfp_t gfp;
} gfp_names[] = {
	GFP_NAME("__GFP_ZERO", __GFP_ZERO),
	GFP_NAME("__GFP_MOVABLE", __GFP_MOVABLE),
	GFP_NAME("GFP_TRANSHUGE", __GFP_MOVABLE),
	GFP_NAME("__GFP_RECLAIMABLE", __GFP_RECLAIMABLE),
	GFP_NAME("GFP_TRANSHUGE_LIGHT", __GFP_MOVABLE),
	GFP_NAME("GFP_HIGHUSER_MOVABLE", __GFP_MOVABLE),
};

/* One name of a gfp_flags= value: the model's flags it stands for. */
static gfp_t gfp_name_flags(const char *p, size_t len)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(gfp_names); i++)
		if (gfp_names[i].len == len &&
		    !memcmp(gfp_names[i].name, p, len))
			return gfp_names[i].gfp;
	return 0;
}

/* "NAME|NAME|..." in [p, end): the model's gfp_t. */
static gfp_t gfp_flags_value(const char *p, const char *end)
{
	const char *q;
	gfp_t gfp = 0;

	for (; p < end; p = q + 1) {
		q = memchr(p, '|', (size_t)(end - p));
		if (!q)
			q = end;
		/* the names the model knows are 10 to 20 characters long */
		if (q - p >= 10 && q - p <= 20)
			gfp |= gfp_name_flags(p, (size_t)(q - p));
	}
	return gfp;
}

/*
 * The gfp_flags= token that ends the line at p, or up to its first blank:
 * its end, *gfp its value. A capture repeats a few flag sets: the values
 * of tokens that ended a line are kept (per thread, one per length
 * modulo GFP_MEMO_SLOTS) and a line ending in the same bytes takes the
 * value without a scan (the bytes kept have no blank, so the token is
 * all of them).
 */
#define GFP_MEMO_SLOTS	16
#define GFP_MEMO_MAX	192

static __thread struct gfp_memo {
	size_t len;
	gfp_t gfp;
	char s[GFP_MEMO_MAX];
} gfp_memo[GFP_MEMO_SLOTS];

static const char *gfp_flags_token(const char *p, const char *end,
				   gfp_t *gfp)
{
	size_t n = (size_t)(end - p);
	struct gfp_memo *m = &gfp_memo[n % GFP_MEMO_SLOTS];
	const char *t;

	if (n && n == m->len && !memcmp(p, m->s, n)) {
		*gfp = m->gfp;
		return end;
	}
	t = scan_token_end(p, end);
	*gfp = gfp_flags_value(p, t);
	if (t == end && n <= GFP_MEMO_MAX) {
		memcpy(m->s, p, n);
		m->len = n;
		m->gfp = *gfp;
	}
	return t;
}

static u8 migratetype_value(u64 v)
{
	return v < MIGRATE_TYPES ? (u8)v : TRACE_MIGRATETYPE_NONE;
}

/*
 * The usual %p, 16 hex digits and a blank, as scan_pointer() reads it
 * but two words at a time; NULL for anything else.
 */
static const char *scan_pointer16(const char *q, const char *end, bool *null)
{
	const u64 zeros = 0x3030303030303030ULL;
	u64 a, b;

	if (end - q < 17 || q[16] != ' ' || q[0] == '(' || (q[1] | 0x20) == 'x')
		return NULL;
	a = scan_load8(q);
	b = scan_load8(q + 8);
	/* a blank inside would end the token early: leave it to the loop */
	if (scan_word_has_less(a, 0x21) || scan_word_has_less(b, 0x21))
		return NULL;
	*null = ((a ^ zeros) | (b ^ zeros)) == 0;
	return q + 16;
}

/*
 * The usual "page=%p pfn=0x%lx order=%d", then optionally
 * " migratetype=%d" and " gfp_flags=%s", and nothing else.
 */
static bool page_event_fast(const char *p, const char *end,
			    struct trace_rec *rec)
{
	const char *q;
	u64 order, mt = 0;

	if (!scan_prefix(p, end, "page=", 5))
		return false;
	q = scan_pointer16(p + 5, end, &rec->null_page);
	if (!q)
		q = scan_pointer(p + 5, end, &rec->null_page);
	if (!scan_prefix(q, end, " pfn=", 5))
		return false;
	q = scan_num(q + 5, end, &rec->pfn);
	if (!q || !scan_prefix(q, end, " order=", 7))
		return false;
	q = scan_dec(q + 7, end, &order);
	if (!q || (q < end && *q != ' ') || order > TRACE_MAX_ORDER ||
	    rec->pfn >= TRACE_MAX_PFN)
		return false;
	rec->order = (u8)order;
	rec->migratetype = TRACE_MIGRATETYPE_NONE;
	rec->gfp = 0;
	if (scan_prefix(q, end, " migratetype=", 13)) {
		q = scan_dec(q + 13, end, &mt);
		if (!q || (q < end && *q != ' '))
			return false;
		rec->migratetype = migratetype_value(mt);
	}
	if (scan_prefix(q, end, " gfp_flags=", 11))
		q = gfp_flags_token(q + 11, end, &rec->gfp);
	return scan_spaces(q, end) == end;
}

static enum trace_line_kind parse_page_event(const char *p, const char *end,
					     struct trace_rec *rec,
					     const char **err)
{
	bool have_pfn = false;
	struct kv kv;
	u64 mt = 0;

	if (page_event_fast(p, end, rec))
		return TL_EVENT;
	rec->order = 0;
	rec->null_page = false;
	rec->migratetype = TRACE_MIGRATETYPE_NONE;
	rec->gfp = 0;
	while (p < end) {
		p = kv_next(p, end, &kv);
		if (kv_is(&kv, "pfn", 3)) {
			if (!num_field(&kv, &rec->pfn)) {
				*err = "bad pfn= value";
				return TL_MALFORMED;
			}
			have_pfn = true;
		} else if (kv_is(&kv, "order", 5)) {
			if (!order_field(&kv, rec, err))
				return TL_MALFORMED;
		} else if (kv_is(&kv, "page", 4)) {
			scan_pointer(kv.val, kv.end, &rec->null_page);
		} else if (kv_is(&kv, "migratetype", 11)) {
			/* a value the model cannot use is no value */
			rec->migratetype = num_field(&kv, &mt) ?
					   migratetype_value(mt) :
					   TRACE_MIGRATETYPE_NONE;
		} else if (kv_is(&kv, "gfp_flags", 9)) {
			rec->gfp = gfp_flags_value(kv.val, kv.end);
		}
	}
	return check_pfn_order(rec, have_pfn, err);
}

/* "MAJOR:MINOR" */
static const char *scan_dev(const char *p, const char *end, u32 *dev)
{
	u64 major, minor;

	p = scan_dec(p, end, &major);
	if (!p || p >= end || *p != ':' || major >= (1u << 12))
		return NULL;
	p = scan_dec(p + 1, end, &minor);
	if (!p || minor >= (1u << 20))
		return NULL;
	*dev = (u32)(major << 20 | minor);
	return p;
}

/* "dev MAJOR:MINOR ino INODE" */
static const char *scan_dev_ino(const char *p, const char *end,
				struct trace_rec *rec)
{
	if (!scan_prefix(p, end, "dev ", 4))
		return NULL;
	p = scan_dev(scan_spaces(p + 4, end), end, &rec->dev);
	if (!p || !scan_prefix(p, end, " ino ", 5))
		return NULL;
	return scan_hex(scan_spaces(p + 5, end), end, &rec->ino);
}

static enum trace_line_kind parse_cache_change(const char *p,
					       const char *end,
					       struct trace_rec *rec,
					       const char **err)
{
	bool have_pfn = false, have_ofs = false;
	struct kv kv;

	rec->order = 0;
	p = scan_dev_ino(p, end, rec);
	if (!p) {
		*err = "expected \"dev MAJOR:MINOR ino INODE\"";
		return TL_MALFORMED;
	}
	while (p < end) {
		p = kv_next(p, end, &kv);
		if (kv_is(&kv, "pfn", 3)) {
			have_pfn = num_field(&kv, &rec->pfn);
			if (!have_pfn)
				break;
		} else if (kv_is(&kv, "ofs", 3)) {
			have_ofs = num_field(&kv, &rec->ofs);
			if (!have_ofs)
				break;
		} else if (kv_is(&kv, "order", 5)) {
			if (!order_field(&kv, rec, err))
				return TL_MALFORMED;
		}
	}
	if (!have_ofs) {
		*err = "no (valid) ofs= field";
		return TL_MALFORMED;
	}
	return check_pfn_order(rec, have_pfn, err);
}

static enum trace_line_kind parse_cache_lookup(const char *p,
					       const char *end,
					       struct trace_rec *rec,
					       const char **err)
{
	bool have_dev = false, have_ino = false, have_ofs = false;
	const char *q;
	struct kv kv;

	rec->order = 0;
	while (p < end) {
		p = kv_next(p, end, &kv);
		if (kv_is(&kv, "dev", 3)) {
			have_dev = scan_dev(kv.val, kv.end, &rec->dev) ==
				   kv.end;
		} else if (kv_is(&kv, "ino", 3)) {
			have_ino = scan_hex(kv.val, kv.end, &rec->ino) ==
				   kv.end;
		} else if (kv_is(&kv, "ofs", 3)) {
			q = scan_dec(kv.val, kv.end, &rec->ofs);
			rec->ofs_end = rec->ofs;
			if (q && q < kv.end && *q == '-')
				q = scan_dec(q + 1, kv.end, &rec->ofs_end);
			have_ofs = q == kv.end && rec->ofs_end >= rec->ofs;
		}
	}
	if (!have_dev || !have_ino || !have_ofs) {
		*err = "expected dev=MAJOR:MINOR ino=INODE ofs=START[-END]";
		return TL_MALFORMED;
	}
	return TL_EVENT;
}

enum trace_line_kind trace_payload_parse(const char *p, const char *end,
					 struct trace_rec *rec,
					 const char **err)
{
	switch (rec->type) {
	case TR_PAGE_ALLOC:
	case TR_PAGE_FREE:
	case TR_PAGE_FREE_BATCHED:
	case TR_PCPU_DRAIN:
		return parse_page_event(p, end, rec, err);
	case TR_CACHE_ADD:
	case TR_CACHE_DEL:
		return parse_cache_change(p, end, rec, err);
	case TR_CACHE_GET_PAGES:
	case TR_CACHE_FAULT:
	case TR_CACHE_MAP_PAGES:
		return parse_cache_lookup(p, end, rec, err);
	default:
		return TL_EVENT;
	}
}

/* --- the fast way: the usual lines of current kernels, in one pass ----- */

/* [q, end) starts with the n bytes of lit: the position after, or NULL. */
static const char *fast_lit(const char *q, const char *end, const char *lit,
			    size_t n)
{
	return scan_prefix(q, end, lit, n) ? q + n : NULL;
}

#define FAST_LIT(q, end, s)	fast_lit(q, end, s, sizeof(s) - 1)

/* The same as a test: true with *after past lit. */
static bool fast_is(const char *q, const char *end, const char *lit,
		    size_t n, const char **after)
{
	if (!scan_prefix(q, end, lit, n))
		return false;
	*after = q + n;
	return true;
}

#define FAST_IS(q, end, s, after)	fast_is(q, end, s, sizeof(s) - 1, after)

/* "mm_page_NAME: " or "mm_filemap_NAME: " at p: the type, *after past it. */
static enum trace_rec_type fast_event_name(const char *p, const char *end,
					   const char **after)
{
	const char *q;

	if (FAST_IS(p, end, "mm_page_", &q)) {
		if (FAST_IS(q, end, "alloc: ", after))
			return TR_PAGE_ALLOC;
		if (FAST_IS(q, end, "free: ", after))
			return TR_PAGE_FREE;
		if (FAST_IS(q, end, "free_batched: ", after))
			return TR_PAGE_FREE_BATCHED;
		if (FAST_IS(q, end, "pcpu_drain: ", after))
			return TR_PCPU_DRAIN;
	} else if (FAST_IS(p, end, "mm_filemap_", &q)) {
		if (FAST_IS(q, end, "add_to_page_cache: ", after))
			return TR_CACHE_ADD;
		if (FAST_IS(q, end, "map_pages: ", after))
			return TR_CACHE_MAP_PAGES;
		if (FAST_IS(q, end, "get_pages: ", after))
			return TR_CACHE_GET_PAGES;
		if (FAST_IS(q, end, "delete_from_page_cache: ", after))
			return TR_CACHE_DEL;
		if (FAST_IS(q, end, "fault: ", after))
			return TR_CACHE_FAULT;
	}
	return TR_OTHER;
}

/* "dev M:N ino I pfn=0xP ofs=O order=R" and nothing after. */
static bool cache_change_fast(const char *p, const char *end,
			      struct trace_rec *rec)
{
	u64 order = 0;

	p = scan_dev_ino(p, end, rec);
	if (p)
		p = FAST_LIT(p, end, " pfn=");
	if (p)
		p = scan_num(p, end, &rec->pfn);
	if (p)
		p = FAST_LIT(p, end, " ofs=");
	if (p)
		p = scan_dec(p, end, &rec->ofs);
	if (p)
		p = FAST_LIT(p, end, " order=");
	if (p)
		p = scan_dec(p, end, &order);
	if (p != end || order > TRACE_MAX_ORDER || rec->pfn >= TRACE_MAX_PFN)
		return false;
	rec->order = (u8)order;
	return true;
}

/* "dev=M:N ino=I ofs=A[-B]" and nothing after. */
static bool cache_lookup_fast(const char *p, const char *end,
			      struct trace_rec *rec)
{
	p = FAST_LIT(p, end, "dev=");
	if (p)
		p = scan_dev(p, end, &rec->dev);
	if (p)
		p = FAST_LIT(p, end, " ino=");
	if (p)
		p = scan_hex(p, end, &rec->ino);
	if (p)
		p = FAST_LIT(p, end, " ofs=");
	if (p)
		p = scan_dec(p, end, &rec->ofs);
	if (!p)
		return false;
	rec->ofs_end = rec->ofs;
	if (p < end && *p == '-')
		p = scan_dec(p + 1, end, &rec->ofs_end);
	if (p != end || rec->ofs_end < rec->ofs)
		return false;
	rec->order = 0;
	return true;
}

bool trace_payload_fast(const char *p, const char *end, struct trace_rec *rec)
{
	enum trace_rec_type t = fast_event_name(p, end, &p);

	if (t == TR_OTHER)
		return false;
	rec->type = (u8)t;
	p = scan_spaces(p, end);
	switch (t) {
	case TR_CACHE_ADD:
	case TR_CACHE_DEL:
		return cache_change_fast(p, end, rec);
	case TR_CACHE_GET_PAGES:
	case TR_CACHE_FAULT:
	case TR_CACHE_MAP_PAGES:
		return cache_lookup_fast(p, end, rec);
	default:
		return page_event_fast(p, end, rec);
	}
}
