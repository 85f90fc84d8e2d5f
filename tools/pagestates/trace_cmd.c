// SPDX-License-Identifier: GPL-2.0
/*
 * `trace-cmd report` text:
 *
 *   version = 6
 *   cpus=2
 *   CPU 0 is empty
 *             cat-24537 [001]  2397.844599: mm_page_alloc:        page=...
 *   CPU:1 [12 EVENTS DROPPED]
 *
 * The flags column appears only with -l; event names are padded.
 */
#include "trace_format.h"
#include "trace_scan.h"

static bool is_header(const char *line, const char *end)
{
	return scan_prefix(line, end, "cpus=", 5) ||
	       scan_prefix(line, end, "version = ", 10) ||
	       scan_prefix(line, end, "version=", 8);
}

/* "CPU 3 is empty" */
static bool is_empty_cpu(const char *line, const char *end)
{
	const char *p;
	u64 cpu;

	if (!scan_prefix(line, end, "CPU ", 4))
		return false;
	p = scan_dec(line + 4, end, &cpu);
	return p && scan_prefix(p, end, " is empty", 9);
}

static int tracecmd_probe(const char *line, const char *end)
{
	u16 cpu;

	if (is_header(line, end))
		return 2;
	if (is_empty_cpu(line, end))
		return 2;
	if (!trace_line_cpu(line, end, &cpu) ||
	    trace_line_has_system(line, end))
		return 0;
	return 1;
}

static enum trace_line_kind tracecmd_parse(const char *line, const char *end,
					   struct trace_rec *rec,
					   const char **err)
{
	if (is_header(line, end) || is_empty_cpu(line, end))
		return TL_IGNORED;
	return trace_line_parse(line, end, TRACE_LINE_LOST, rec, err);
}

const struct trace_format trace_format_tracecmd = {
	.name = "trace-cmd",
	.probe = tracecmd_probe,
	.parse = tracecmd_parse,
};
