// SPDX-License-Identifier: GPL-2.0
/*
 * tracefs text: /sys/kernel/tracing/trace and trace_pipe.
 *
 *   # tracer: nop
 *   #           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION
 *        cat-24537   [001] .....  2397.844599: mm_page_alloc: page=...
 *   CPU:1 [LOST 1234 EVENTS]
 *
 * With the "record-tgid" option a "(TGID)" column sits before the cpu;
 * with "irq-info" off the flags column is missing. Both are accepted.
 */
#include "trace_format.h"
#include "trace_scan.h"

static int tracefs_probe(const char *line, const char *end)
{
	u16 cpu;
	u64 n;

	if (scan_prefix(line, end, "# tracer:", 9))
		return 2;
	if (trace_line_lost(line, end, &n))
		return 1;
	if (!trace_line_cpu(line, end, &cpu) ||
	    trace_line_has_system(line, end))
		return 0;
	return trace_line_has_flags(line, end) ? 2 : 1;
}

static enum trace_line_kind tracefs_parse(const char *line, const char *end,
					  struct trace_rec *rec,
					  const char **err)
{
	return trace_line_parse(line, end, TRACE_LINE_LOST, rec, err);
}

const struct trace_format trace_format_tracefs = {
	.name = "tracefs",
	.probe = tracefs_probe,
	.parse = tracefs_parse,
};
