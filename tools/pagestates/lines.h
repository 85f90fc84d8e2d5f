/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Split a byte stream into lines without copying: each line is returned as
 * a pointer into an internal buffer, valid until the next call.
 */
#ifndef _PAGESTATES_LINES_H
#define _PAGESTATES_LINES_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>
#include <sys/types.h>
#include <linux/types.h>

/* Fill buf with up to len bytes: >0 bytes, 0 end of input, <0 error. */
typedef ssize_t (*lines_read_fn)(void *ctx, char *buf, size_t len);

/*
 * The longest line accepted (a trace line is a few hundred bytes): input
 * without a newline this long is not a trace, and is not kept growing
 * in memory (/dev/zero). The reader stops there with too_long set.
 */
#define LINES_MAX_LINE		(1u << 20)

struct lines {
	lines_read_fn read;
	void *ctx;
	char *buf;
	size_t cap, start, end;
	u64 lineno;		/* number of the line last returned */
	bool eof;
	bool read_error;	/* the source failed (truncated archive...) */
	bool unterminated;	/* the last line had no newline */
	bool too_long;		/* stopped at a line over LINES_MAX_LINE */
	bool borrowed;		/* buf is the caller's, not ours to free */
};

int lines_init(struct lines *l, lines_read_fn read, void *ctx);
/* Lines of a whole input already in memory (buf stays the caller's). */
void lines_init_buffer(struct lines *l, const char *buf, size_t len);
void lines_free(struct lines *l);
int lines_next_slow(struct lines *l, const char **line, size_t *len);

/* Hand out the line ending at the newline nl. */
static inline void lines_take(struct lines *l, char *nl, const char **line,
			      size_t *len)
{
	*line = l->buf + l->start;
	*len = (size_t)(nl - *line);
	if (*len && nl[-1] == '\r')
		(*len)--;
	l->start = (size_t)(nl + 1 - l->buf);
	l->lineno++;
}

/* 1: a line (without '\n'), 0: end of input (or of what could be read). */
static inline int lines_next(struct lines *l, const char **line, size_t *len)
{
	char *nl = memchr(l->buf + l->start, '\n', l->end - l->start);

	if (!nl)	/* refill the buffer */
		return lines_next_slow(l, line, len);
	lines_take(l, nl, line, len);
	return 1;
}

#endif
