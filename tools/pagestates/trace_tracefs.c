// SPDX-License-Identifier: GPL-2.0
/*
 * tracefs text: /sys/kernel/tracing/trace and trace_pipe.
 *
 *   # tracer: nop
 *   # entries-in-buffer/entries-written: 370/4240   #P:2
 *   #           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION
 *        cat-24537   [001] .....  2397.844599: mm_page_alloc: page=...
 *   CPU:1 [LOST 1234 EVENTS]
 *
 * With the "record-tgid" option a "(TGID)" column sits before the cpu;
 * with "irq-info" off the flags column is missing. Both are accepted.
 * What the ring buffer overwrote is lost: trace_pipe says so in "LOST"
 * lines, the trace file in its entries header (written - in buffer).
 */
#include "trace_format.h"
#include "trace_scan.h"

static int tracefs_probe(const char *line, const char *end)
{
	u16 cpu;
	u64 n;

	if (scan_prefix(line, end, "# tracer:", 9))
		return 2;
	if (trace_line_lost(line, end, &n))	/* trace-cmd says DROPPED */
		return memmem(line, (size_t)(end - line), "LOST", 4) ? 1 : 0;
	if (!trace_line_cpu(line, end, &cpu) ||
	    trace_line_has_system(line, end))
		return 0;
	return trace_line_has_flags(line, end) ? 2 : 1;
}

/*
 * The trace file's header counts what the ring buffer overwrote:
 * "# entries-in-buffer/entries-written: 370/4240   #P:2"; *lost = 3870.
 */
static bool entries_header(const char *line, const char *end, u64 *lost)
{
	static const char key[] = "# entries-in-buffer/entries-written: ";
	const char *p;
	u64 in, written;

	if (!scan_prefix(line, end, key, sizeof(key) - 1))
		return false;
	p = scan_dec(line + sizeof(key) - 1, end, &in);
	if (!p || p >= end || *p != '/')
		return false;
	p = scan_dec(p + 1, end, &written);
	if (!p || written < in)
		return false;
	*lost = written - in;
	return true;
}

static enum trace_line_kind tracefs_parse(const char *line, const char *end,
					  struct trace_rec *rec,
					  const char **err)
{
	u64 lost;

	if (*line == '#' && entries_header(line, end, &lost)) {
		rec->pfn = lost;
		return TL_LOST;
	}
	return trace_line_parse(line, end, TRACE_LINE_LOST, rec, err);
}

const struct trace_format trace_format_tracefs = {
	.name = "tracefs",
	.probe = tracefs_probe,
	.parse = tracefs_parse,
};
