// SPDX-License-Identifier: GPL-2.0
/*
 * The three trace formats, one line at a time: the first byte picks the
 * format (tracefs, perf script, trace-cmd), the rest is the line, held
 * in a buffer of exactly its size (a read past the line is a heap
 * overflow under ASan). Checked besides memory safety:
 *   - the format probe and the parse never touch anything past the line;
 *   - an event has a known type, a cpu below TRACE_MAX_CPUS, a pfn below
 *     TRACE_MAX_PFN and an order up to TRACE_MAX_ORDER; a malformed line
 *     says why;
 *   - the one-pass payload scanner (trace_payload_fast) and the general
 *     one agree on every payload the fast one accepts.
 */
#include <string.h>
#include "fuzz.h"
#include "../../tools/pagestates/trace_format.h"
#include "../../tools/pagestates/trace_scan.h"

static const struct trace_format *const formats[] = {
	&trace_format_tracefs, &trace_format_perf, &trace_format_tracecmd,
};

static void check_event(const struct trace_rec *rec)
{
	fuzz_assert(rec->type < NR_TRACE_REC_TYPES);
	fuzz_assert(rec->cpu < TRACE_MAX_CPUS);
	if (rec->type <= TR_CACHE_DEL) {
		fuzz_assert(rec->pfn < TRACE_MAX_PFN);
		fuzz_assert(rec->order <= TRACE_MAX_ORDER);
	}
}

static bool same_payload(const struct trace_rec *a, const struct trace_rec *b)
{
	if (a->type != b->type)
		return false;
	switch (a->type) {
	case TR_CACHE_GET_PAGES:
	case TR_CACHE_FAULT:
	case TR_CACHE_MAP_PAGES:
		return a->dev == b->dev && a->ino == b->ino &&
		       a->ofs == b->ofs && a->ofs_end == b->ofs_end;
	case TR_CACHE_ADD:
	case TR_CACHE_DEL:
		return a->dev == b->dev && a->ino == b->ino &&
		       a->ofs == b->ofs && a->pfn == b->pfn &&
		       a->order == b->order;
	default:
		return a->pfn == b->pfn && a->order == b->order &&
		       a->null_page == b->null_page;
	}
}

/* Wherever an event name could start: fast and general must agree. */
static void check_payload_scanners(const char *line, const char *end)
{
	const char *p, *colon;
	struct trace_rec fast, gen;
	const char *err = NULL;
	enum trace_rec_type t;

	for (p = line; p < end; p++) {
		if (*p != 'm')
			continue;
		memset(&fast, 0, sizeof(fast));
		if (!trace_payload_fast(p, end, &fast))
			continue;
		check_event(&fast);
		t = trace_event_token(p, end, &colon);
		if (t == TR_OTHER)
			fuzz_fail("fast scanner took a payload the event name lookup refuses");
		memset(&gen, 0, sizeof(gen));
		gen.type = (u8)t;
		if (trace_payload_parse(scan_spaces(colon + 1, end), end, &gen,
					&err) != TL_EVENT)
			fuzz_fail("fast scanner took a payload the general one refuses (%s)",
				  err ? err : "?");
		if (!same_payload(&fast, &gen))
			fuzz_fail("fast and general payload scanners disagree");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct trace_format *f, *probed;
	struct trace_rec rec;
	const char *err = NULL;
	char *line;
	int score = 0;

	if (!size)
		return 0;
	f = formats[data[0] % 3];
	line = malloc(size - 1 ? size - 1 : 1);
	if (!line)
		return 0;
	memcpy(line, data + 1, size - 1);

	probed = trace_format_probe(line, line + size - 1, &score);
	fuzz_assert(!probed || score > 0);
	f->probe(line, line + size - 1);
	memset(&rec, 0, sizeof(rec));
	switch (f->parse(line, line + size - 1, &rec, &err)) {
	case TL_EVENT:
		check_event(&rec);
		break;
	case TL_MALFORMED:
		fuzz_assert(err && *err);
		break;
	case TL_LOST:
	case TL_IGNORED:
		break;
	default:
		fuzz_fail("unknown line kind");
	}
	check_payload_scanners(line, line + size - 1);
	free(line);
	return 0;
}
