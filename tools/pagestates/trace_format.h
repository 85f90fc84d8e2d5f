/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Trace text formats (DESIGN.md section 8): tracefs trace/trace_pipe,
 * `perf script` and `trace-cmd report`. Each format turns one line into a
 * struct trace_rec; the layout shared by all three lives in trace_line.c,
 * the event payloads in trace_payload.c.
 */
#ifndef _PAGESTATES_TRACE_FORMAT_H
#define _PAGESTATES_TRACE_FORMAT_H

#include <linux/types.h>

enum trace_line_kind {
	TL_EVENT,		/* rec filled in */
	TL_IGNORED,		/* blank, comment, header, callchain */
	TL_LOST,		/* the tracer lost events here; rec->pfn = count */
	TL_MALFORMED,		/* *err says why */
};

/* Tracepoints we know, by name (trace_rec_type_name()). */
enum trace_rec_type {
	TR_PAGE_ALLOC,
	TR_PAGE_FREE,
	TR_PAGE_FREE_BATCHED,
	TR_PCPU_DRAIN,
	TR_CACHE_ADD,
	TR_CACHE_DEL,
	TR_CACHE_GET_PAGES,
	TR_CACHE_FAULT,
	TR_CACHE_MAP_PAGES,
	TR_OTHER,		/* some other tracepoint */
	NR_TRACE_REC_TYPES,
};

/* One parsed trace line, before any semantics are applied. */
struct trace_rec {
	u64 time_ns;
	u64 pfn;
	u64 ofs;		/* page cache: byte offset */
	u64 ofs_end;		/* lookups: last byte (inclusive) */
	u64 ino;
	u32 dev;		/* major << 20 | minor */
	u32 gfp;		/* page events: gfp_flags= as the model's gfp_t */
	u16 cpu;
	u8 type;		/* enum trace_rec_type */
	u8 order;
	u8 migratetype;		/* page events: migratetype=, or _NONE */
	bool null_page;		/* failed allocation: page=(null) */
};

/* No migratetype= field, or one the model has no free lists for. */
#define TRACE_MIGRATETYPE_NONE	0xff

struct trace_format {
	const char *name;
	/* 0: not this format, 1: an event line that fits, 2: proof */
	int (*probe)(const char *line, const char *end);
	enum trace_line_kind (*parse)(const char *line, const char *end,
				      struct trace_rec *rec, const char **err);
};

extern const struct trace_format trace_format_tracefs;
extern const struct trace_format trace_format_perf;
extern const struct trace_format trace_format_tracecmd;

/* Best format for this line, or NULL if it proves nothing yet. */
const struct trace_format *trace_format_probe(const char *line,
					      const char *end, int *score);
const struct trace_format *trace_format_by_name(const char *name);

const char *trace_rec_type_name(enum trace_rec_type type);

/* trace_line.c: the layout all three formats share. */
#define TRACE_MAX_CPUS		4096
#define TRACE_MAX_PFN		(1ULL << 40)	/* 4 PiB of memory */
#define TRACE_MAX_ORDER		10		/* MAX_ORDER - 1 */

/* Find "[CPU]"; returns the position after ']' or NULL. */
const char *trace_line_cpu(const char *line, const char *end, u16 *cpu);

/* How a line gives its cpu (trace_line.c's comment shows the layouts). */
enum trace_cpu_field {
	TRACE_CPU_BRACKET,	/* "[001]" */
	TRACE_CPU_GLUED,	/* trace-cmd report -l: "1....." */
	TRACE_CPU_NONE,		/* perf script -F without cpu: cpu 0 */
};
/*
 * Where the fields after the cpu start: after "[CPU]", at the flags glued
 * to the cpu, or at the timestamp of a line without cpu. NULL when the
 * line has neither a cpu field nor a timestamp.
 */
const char *trace_line_locate(const char *line, const char *end, u16 *cpu,
			      enum trace_cpu_field *how);
/* The trace-cmd report -l layout ("COMM-PID  1.....  SECONDS:")? */
bool trace_line_glued_cpu(const char *line, const char *end);

/* trace_line_parse() options: the lines only some formats write. */
#define TRACE_LINE_LOST		0x1	/* "CPU:N [LOST M EVENTS]" markers */
#define TRACE_LINE_CALLCHAIN	0x2	/* perf -g: indented "ADDR SYMBOL" */
/*
 * A line after the format's own headers are sorted out: blank and '#'
 * lines are ignored, then the cpu field, an optional flags column,
 * "SECONDS.FRACTION:", the event name (optionally "system:name:") and
 * its payload.
 */
enum trace_line_kind trace_line_parse(const char *line, const char *end,
				      unsigned int opts, struct trace_rec *rec,
				      const char **err);
/* Event name after the timestamp has "system:" in front (perf). */
bool trace_line_has_system(const char *line, const char *end);
bool trace_line_blank(const char *line, const char *end);
/* A "lost events" marker line; *count is 0 when the tracer gives none. */
bool trace_line_lost(const char *line, const char *end, u64 *count);
/* Is there a flags column ("d..2.") between cpu and timestamp? */
bool trace_line_has_flags(const char *line, const char *end);

/* trace_payload.c: the tracepoints' own text. */
enum trace_rec_type trace_event_type(const char *name, size_t len);
/*
 * A known event name written "NAME:" at p and followed by a blank or the
 * end: its type, *colon at that ':'. TR_OTHER (*colon untouched) if not.
 */
enum trace_rec_type trace_event_token(const char *p, const char *end,
				      const char **colon);
enum trace_line_kind trace_payload_parse(const char *p, const char *end,
					 struct trace_rec *rec,
					 const char **err);
/*
 * The usual page allocator event at p ("mm_page_alloc: page=%p pfn=0x%lx
 * order=%d ..."), *rec filled in; false for anything else, which then
 * takes the general way (with the same result for what this accepts).
 */
bool trace_payload_fast(const char *p, const char *end, struct trace_rec *rec);

#endif
