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
 * With -l the cpu is glued to the flags ("cat-24537   1.....   2397.84...");
 * with -t the time has nine digits; with --ts-diff "(+N)" follows it; a
 * trace.dat of several buffers (record -B, extract -B) puts "NAME: " in
 * front of each line. Event names are padded.
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

/*
 * "BUFFER: CPU:0 [12 EVENTS DROPPED]": a lost-events line of a trace.dat
 * of several buffers; the position of "CPU:", or NULL.
 */
static const char *buffer_lost_line(const char *line, const char *end)
{
	const char *p = scan_token_end(line, end);

	if (p - line < 2 || p[-1] != ':')
		return NULL;
	p = scan_spaces(p, end);
	return scan_prefix(p, end, "CPU:", 4) ? p : NULL;
}

static int tracecmd_probe(const char *line, const char *end)
{
	enum trace_cpu_field how;
	u64 lost;
	u16 cpu;

	if (is_header(line, end))
		return 2;
	if (is_empty_cpu(line, end))
		return 2;
	if (trace_line_lost(line, end, &lost))	/* tracefs says LOST */
		return memmem(line, (size_t)(end - line), "DROPPED", 7) ? 2 : 0;
	if (!trace_line_locate(line, end, &cpu, &how) ||
	    how == TRACE_CPU_NONE || trace_line_has_system(line, end))
		return 0;
	/* only report -l glues the cpu to the flags */
	return how == TRACE_CPU_GLUED ? 2 : 1;
}

static enum trace_line_kind tracecmd_parse(const char *line, const char *end,
					   struct trace_rec *rec,
					   const char **err)
{
	const char *lost;

	if (is_header(line, end) || is_empty_cpu(line, end))
		return TL_IGNORED;
	lost = line[0] != ' ' ? buffer_lost_line(line, end) : NULL;
	if (lost)
		line = lost;
	return trace_line_parse(line, end, TRACE_LINE_LOST, rec, err);
}

const struct trace_format trace_format_tracecmd = {
	.name = "trace-cmd",
	.probe = tracecmd_probe,
	.parse = tracecmd_parse,
};
