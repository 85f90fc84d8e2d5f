/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A trace file as lines: plain, xz or gzip (told by the magic bytes, not
 * the name), or standard input for "-"; a perf.data or trace.dat file as
 * the text of `perf script --ns -i FILE` or `trace-cmd report -t -i FILE`.
 */
#ifndef _PAGESTATES_TRACE_INPUT_H
#define _PAGESTATES_TRACE_INPUT_H

#include "lines.h"

struct trace_input;

struct trace_input *trace_input_open(const char *path, char *err,
				     size_t errlen);
void trace_input_close(struct trace_input *in);
struct lines *trace_input_lines(struct trace_input *in);
/* "plain", "xz", "gzip", "perf.data" or "trace.dat" */
const char *trace_input_compression(const struct trace_input *in);
/* Why the input ended early, or NULL. */
const char *trace_input_error(const struct trace_input *in);
/*
 * How far the file is read, in its own bytes (compressed ones for xz and
 * gzip), and its size: *total 0 when unknown (pipes, converters).
 */
void trace_input_position(const struct trace_input *in, u64 *done,
			  u64 *total);
/* Fraction of the file consumed, 0..1; negative when unknown (pipes). */
double trace_input_progress(const struct trace_input *in);

#endif
