// SPDX-License-Identifier: GPL-2.0
/*
 * `perf script` text of a `perf record -e kmem:... -e filemap:...`:
 *
 *              cat  4130 [001]  1234.567890: kmem:mm_page_alloc: page=...
 *   Web Content 2211/2230 [003] 1234.567891: kmem:mm_page_free: page=...
 *
 * The command may hold spaces, the pid may be PID/TID, the time may have
 * nine digits (--ns). With -g each event is followed by its callchain,
 * indented lines "ADDRESS SYMBOL (DSO)", and a blank line: ignored. -F
 * field sets: without comm or tid, fine; with period, a number before the
 * event; with ip,sym, words after the payload; without cpu, every event
 * is on cpu 0; without time, refused (no clock to replay).
 */
#include "trace_format.h"
#include "trace_scan.h"

/* "kmem:mm_page_alloc:" as the first word: perf -F without time */
static bool starts_with_system(const char *line, const char *end)
{
	const char *p = scan_spaces(line, end);

	return scan_prefix(p, end, "kmem:mm_", 8) ||
	       scan_prefix(p, end, "filemap:mm_", 11);
}

static int perf_probe(const char *line, const char *end)
{
	if (trace_line_has_system(line, end))
		return 2;
	/* perf, but without time: parse says so */
	return starts_with_system(line, end) ? 1 : 0;
}

static enum trace_line_kind perf_parse(const char *line, const char *end,
				       struct trace_rec *rec, const char **err)
{
	return trace_line_parse(line, end, TRACE_LINE_CALLCHAIN, rec, err);
}

const struct trace_format trace_format_perf = {
	.name = "perf-script",
	.probe = perf_probe,
	.parse = perf_parse,
};
