// SPDX-License-Identifier: GPL-2.0
/*
 * `perf script` text of a `perf record -e kmem:... -e filemap:...`:
 *
 *              cat  4130 [001]  1234.567890: kmem:mm_page_alloc: page=...
 *   Web Content 2211/2230 [003] 1234.567891: kmem:mm_page_free: page=...
 *
 * The command may hold spaces, the pid may be PID/TID, the time may have
 * nine digits (--ns). With -g each event is followed by its callchain,
 * indented lines "ADDRESS SYMBOL (DSO)", and a blank line: ignored.
 */
#include "trace_format.h"
#include "trace_scan.h"

static int perf_probe(const char *line, const char *end)
{
	return trace_line_has_system(line, end) ? 2 : 0;
}

/* "\t ffffffff812c3d5e __alloc_pages+0x1e ([kernel.kallsyms])" */
static bool is_callchain(const char *line, const char *end)
{
	const char *p = scan_spaces(line, end);
	u64 addr;

	return p > line && scan_hex(p, end, &addr) != NULL;
}

static enum trace_line_kind perf_parse(const char *line, const char *end,
				       struct trace_rec *rec, const char **err)
{
	const char *p;

	if (trace_line_blank(line, end) || (line < end && *line == '#'))
		return TL_IGNORED;
	p = trace_line_cpu(line, end, &rec->cpu);
	if (!p) {
		if (is_callchain(line, end))
			return TL_IGNORED;
		*err = "no [CPU] field";
		return TL_MALFORMED;
	}
	return trace_line_body(p, end, rec, err);
}

const struct trace_format trace_format_perf = {
	.name = "perf-script",
	.probe = perf_probe,
	.parse = perf_parse,
};
