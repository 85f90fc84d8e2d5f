// SPDX-License-Identifier: GPL-2.0
/*
 * The line layout the three trace formats share:
 *
 *   tracefs:   COMM-PID [(TGID)] [CPU] FLAGS SECONDS.USEC: EVENT: PAYLOAD
 *   trace-cmd: [BUFFER:] COMM-PID [CPU] SECONDS.USEC: EVENT: PAYLOAD
 *   perf:      COMM PID [CPU] SECONDS.USEC: SYSTEM:EVENT: PAYLOAD
 *
 * COMM may hold spaces and dashes, so a line is read from the cpu field
 * "[NNN]" on, the first bracket that holds only digits. Two layouts have
 * no such field:
 *
 *   trace-cmd report -l:  COMM-PID  CPUFLAGS  SECONDS.USEC: EVENT: ...
 *                         ("fuzz_loa-32274   0.....   973.820880:")
 *   perf script -F without cpu: [COMM] [TID]  SECONDS.USEC: SYSTEM:EVENT:
 *
 * and are read from their timestamp on (the cpu in front of the flags, or
 * cpu 0). Between the timestamp and the event name, trace-cmd --ts-diff
 * writes "(+DELTA)" and perf -F period a count: both are skipped.
 */
#include <string.h>
#include <linux/kernel.h>
#include "trace_format.h"
#include "trace_scan.h"

const char *trace_line_cpu(const char *line, const char *end, u16 *cpu)
{
	const char *p = line;
	u64 v;

	while ((p = memchr(p, '[', (size_t)(end - p))) != NULL) {
		const char *q = scan_dec(p + 1, end, &v);

		p++;
		if (q && q < end && *q == ']') {
			if (v >= TRACE_MAX_CPUS)
				return NULL;
			*cpu = (u16)v;
			return q + 1;
		}
	}
	return NULL;
}

/* A "[DIGITS]" field, even one trace_line_cpu() refused (cpu too big)? */
static bool has_cpu_bracket(const char *line, const char *end)
{
	const char *p = line, *q;
	u64 v;

	while ((p = memchr(p, '[', (size_t)(end - p))) != NULL) {
		p++;
		q = scan_token_end(p, end);
		if (q > p && q[-1] == ']' && scan_dec(p, q, &v) == q - 1)
			return true;
	}
	return false;
}

/*
 * A whole "SECONDS.FRACTION:" token at p: the position after its ':', or
 * NULL. One pass, no separate search for the token's end.
 */
static const char *timestamp_end(const char *p, const char *end, u64 *ns)
{
	const char *q = scan_time_ns(p, end, ns);

	if (!q || q >= end || *q != ':')
		return NULL;
	q++;
	return q == end || *q == ' ' || *q == '\t' ? q : NULL;
}

static const char no_timestamp[] =
	"no timestamp (perf script -F needs time; tracefs needs the context-info option and no latency-format)";

/* irqs-off, the first flag: 'd' off, 'D' off in NMI, 'X' unknown, '.' */
static bool is_irq_flag(char c)
{
	return c == '.' || c == 'd' || c == 'D' || c == 'X';
}

/*
 * A line without "[CPU]": find its timestamp token; the token before it
 * is the cpu glued to the flags ("1....."), or the line has no cpu.
 */
static const char *locate_unbracketed(const char *line, const char *end,
				      u16 *cpu, enum trace_cpu_field *how)
{
	const char *p = scan_spaces(line, end), *prev = NULL, *q;
	u64 ns, v;

	while (p < end) {
		if (scan_is_digit(*p) && timestamp_end(p, end, &ns))
			break;
		prev = p;
		p = scan_spaces(scan_token_end(p, end), end);
	}
	if (p >= end)
		return NULL;
	if (prev) {
		q = scan_dec(prev, end, &v);
		if (q && q + 1 < p && is_irq_flag(*q) && v < TRACE_MAX_CPUS) {
			*cpu = (u16)v;
			*how = TRACE_CPU_GLUED;
			return q;	/* at the flags */
		}
	}
	*cpu = 0;
	*how = TRACE_CPU_NONE;
	return p;
}

const char *trace_line_locate(const char *line, const char *end, u16 *cpu,
			      enum trace_cpu_field *how)
{
	const char *p = trace_line_cpu(line, end, cpu);

	if (p) {
		*how = TRACE_CPU_BRACKET;
		return p;
	}
	if (has_cpu_bracket(line, end))
		return NULL;	/* a cpu number out of range */
	return locate_unbracketed(line, end, cpu, how);
}

/* Skip to the event name; NULL if there is no timestamp. */
static const char *after_timestamp(const char *p, const char *end, u64 *ns)
{
	const char *q;

	p = scan_spaces(p, end);
	q = timestamp_end(p, end, ns);
	if (!q) {
		/* a flags column ("d..2.") comes first */
		p = scan_spaces(scan_token_end(p, end), end);
		q = timestamp_end(p, end, ns);
		if (!q)
			return NULL;
	}
	return scan_spaces(q, end);
}

/*
 * Columns some tools write between the timestamp and the event name:
 * trace-cmd --ts-diff "(+DELTA)", perf -F period a number. The event
 * name after them, or p.
 */
static const char *skip_extra_columns(const char *p, const char *end)
{
	const char *q = scan_token_end(p, end), *r;
	u64 v;

	if (q - p >= 4 && p[0] == '(' && (p[1] == '+' || p[1] == '-') &&
	    q[-1] == ')') {
		r = scan_dec(p + 2, end, &v);
		return r == q - 1 ? scan_spaces(q, end) : p;
	}
	r = scan_dec(p, end, &v);
	if (r == q && q < end)
		return scan_spaces(q, end);
	return p;
}

/* The first column after the cpu field, or NULL; *how says which. */
static const char *after_cpu(const char *line, const char *end,
			     enum trace_cpu_field *how)
{
	u16 cpu;
	const char *p = trace_line_locate(line, end, &cpu, how);

	return p ? scan_spaces(p, end) : NULL;
}

bool trace_line_has_flags(const char *line, const char *end)
{
	enum trace_cpu_field how;
	const char *p = after_cpu(line, end, &how);
	u64 ns;

	if (!p || how != TRACE_CPU_BRACKET)
		return false;
	return p < end && !timestamp_end(p, end, &ns) &&
	       after_timestamp(p, end, &ns) != NULL;
}

bool trace_line_glued_cpu(const char *line, const char *end)
{
	enum trace_cpu_field how;

	return after_cpu(line, end, &how) && how == TRACE_CPU_GLUED;
}

bool trace_line_has_system(const char *line, const char *end)
{
	enum trace_cpu_field how;
	const char *p = after_cpu(line, end, &how);
	const char *tok_end;
	u64 ns;

	if (p)
		p = after_timestamp(p, end, &ns);
	if (!p)
		return false;
	p = skip_extra_columns(p, end);
	tok_end = scan_token_end(p, end);
	return tok_end - p > 2 && tok_end[-1] == ':' &&
	       memchr(p, ':', (size_t)(tok_end - 1 - p)) != NULL;
}

/*
 * The event name token: its type in *type and the position of its final
 * ':', or NULL when the token is not "NAME:" or "SYSTEM:NAME:".
 */
static const char *event_name(const char *p, const char *end, u8 *type)
{
	const char *q = p, *colon, *name_end;
	enum trace_rec_type t;

	while (q < end && *q != ':' && *q != ' ' && *q != '\t')
		q++;
	colon = q < end && *q == ':' ? q : NULL;
	/* perf writes "system:event:" */
	if (colon) {
		t = trace_event_token(colon + 1, end, &name_end);
		if (t != TR_OTHER) {
			*type = (u8)t;
			return name_end;
		}
	}
	name_end = scan_token_end(q, end);
	/* without a ':' up to q, the token cannot end in one */
	if (name_end - p < 2 || name_end[-1] != ':')
		return NULL;
	name_end--;
	if (colon != name_end)
		p = colon + 1;
	*type = (u8)trace_event_type(p, (size_t)(name_end - p));
	return name_end;
}

/* After the cpu field: flags, timestamp, event name and payload. */
static enum trace_line_kind trace_line_body(const char *p, const char *end,
					    struct trace_rec *rec,
					    const char **err)
{
	const char *name_end, *q;
	enum trace_rec_type t;

	p = after_timestamp(p, end, &rec->time_ns);
	if (!p) {
		*err = no_timestamp;
		return TL_MALFORMED;
	}
	/* the usual case first: a known "NAME:" token, matched in place */
	t = trace_event_token(p, end, &name_end);
	if (t == TR_OTHER && (q = skip_extra_columns(p, end)) != p) {
		p = q;
		t = trace_event_token(p, end, &name_end);
	}
	rec->type = (u8)t;
	if (t == TR_OTHER) {
		name_end = event_name(p, end, &rec->type);
		if (!name_end) {
			*err = "no event name";
			return TL_MALFORMED;
		}
		if (rec->type == TR_OTHER)
			return TL_EVENT;
	}
	return trace_payload_parse(scan_spaces(name_end + 1, end), end, rec,
				   err);
}

static const struct trace_format *const formats[] = {
	&trace_format_tracefs,
	&trace_format_perf,
	&trace_format_tracecmd,
};

const struct trace_format *trace_format_probe(const char *line,
					      const char *end, int *score)
{
	const struct trace_format *best = NULL;
	int best_score = 0;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(formats); i++) {
		int s = formats[i]->probe(line, end);

		if (s > best_score) {
			best = formats[i];
			best_score = s;
		}
	}
	*score = best_score;
	return best;
}

const struct trace_format *trace_format_by_name(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(formats); i++)
		if (!strcmp(formats[i]->name, name))
			return formats[i];
	return NULL;
}

bool trace_line_blank(const char *line, const char *end)
{
	return scan_spaces(line, end) == end;
}

/*
 * "CPU:N [LOST M EVENTS]" (tracefs) or "CPU:N [M EVENTS DROPPED]" and
 * "CPU:N [EVENTS DROPPED]" (trace-cmd)
 */
bool trace_line_lost(const char *line, const char *end, u64 *count)
{
	const char *p;
	u64 cpu;

	if (!scan_prefix(line, end, "CPU:", 4))
		return false;
	p = scan_dec(line + 4, end, &cpu);
	if (!p || !scan_prefix(p, end, " [", 2))
		return false;
	p += 2;
	*count = 0;
	if (scan_prefix(p, end, "EVENTS DROPPED]", 15))
		return true;	/* trace-cmd, when it does not know how many */
	if (scan_prefix(p, end, "LOST ", 5))
		p = scan_dec(p + 5, end, count);
	else
		p = scan_dec(p, end, count);
	return p != NULL;
}

/* "\t ffffffff812c3d5e __alloc_pages+0x1e ([kernel.kallsyms])" (perf -g) */
static bool is_callchain(const char *line, const char *end)
{
	const char *p = scan_spaces(line, end);
	u64 addr;

	if (p == line)
		return false;
	p = scan_hex(p, end, &addr);
	return p && (p == end || *p == ' ' || *p == '\t');
}

/*
 * The common line in one pass: "...[CPU] [FLAGS] SECONDS.FRAC: " and a
 * page allocator event. False for anything else (and for anything odd
 * about it): the general way below then parses the line, to the same
 * result where this one succeeds.
 */
static bool trace_line_fast(const char *line, const char *end,
			    struct trace_rec *rec)
{
	const char *p = memchr(line, '[', (size_t)(end - line));
	u64 v;

	if (!p)
		return false;
	p = scan_dec(p + 1, end, &v);
	if (!p || end - p < 2 || p[0] != ']' || p[1] != ' ' ||
	    v >= TRACE_MAX_CPUS)
		return false;
	rec->cpu = (u16)v;
	p = scan_spaces(p + 1, end);
	if (p < end && !scan_is_digit(*p))	/* the flags column */
		p = scan_spaces(scan_token_end_short(p, end), end);
	p = scan_time_ns(p, end, &rec->time_ns);
	if (!p || end - p < 2 || p[0] != ':' || p[1] != ' ')
		return false;
	p = scan_spaces(p + 2, end);
	/* perf names the system first */
	if (scan_prefix(p, end, "kmem:", 5))
		p += 5;
	else if (scan_prefix(p, end, "filemap:", 8))
		p += 8;
	return trace_payload_fast(p, end, rec);
}

/* Any line after the comments and "lost events" markers. */
static enum trace_line_kind trace_line_general(const char *line,
					       const char *end,
					       unsigned int opts,
					       struct trace_rec *rec,
					       const char **err)
{
	enum trace_cpu_field how;
	const char *p = trace_line_cpu(line, end, &rec->cpu);

	if (p)
		return trace_line_body(p, end, rec, err);
	/* a blank line has no '[': checked only here */
	if (trace_line_blank(line, end))
		return TL_IGNORED;
	if (has_cpu_bracket(line, end)) {
		*err = "cpu number out of range";
		return TL_MALFORMED;
	}
	/* a callchain line has no timestamp: "ADDRESS SYMBOL (DSO)" */
	p = locate_unbracketed(line, end, &rec->cpu, &how);
	if (!p && (opts & TRACE_LINE_CALLCHAIN) && is_callchain(line, end))
		return TL_IGNORED;
	if (!p) {
		*err = no_timestamp;
		return TL_MALFORMED;
	}
	return trace_line_body(p, end, rec, err);
}

enum trace_line_kind trace_line_parse(const char *line, const char *end,
				      unsigned int opts, struct trace_rec *rec,
				      const char **err)
{
	u64 lost;

	if (line == end || *line == '#')
		return TL_IGNORED;
	if ((opts & TRACE_LINE_LOST) && *line == 'C' &&
	    trace_line_lost(line, end, &lost)) {
		rec->pfn = lost;
		return TL_LOST;
	}
	if (trace_line_fast(line, end, rec))
		return TL_EVENT;
	return trace_line_general(line, end, opts, rec, err);
}
