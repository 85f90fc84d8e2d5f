/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Text in memory as a byte source for the trace readers (the read
 * callback of tools/pagestates/lines.h), so tests need no files.
 */
#ifndef _TESTS_MEM_SOURCE_H
#define _TESTS_MEM_SOURCE_H

#include <stddef.h>
#include <sys/types.h>

/* Set up with { .p = text, .left = length } (and .max_read). */
struct mem_source {
	const char *p;
	size_t left;
	size_t max_read;	/* 0: no limit; small: lines span reads */
};

/* Copies up to len bytes (and max_read) into buf; 0 at the end. */
ssize_t mem_source_read(void *ctx, char *buf, size_t len);

#endif
