// SPDX-License-Identifier: GPL-2.0
/* Line splitting over a read callback (see lines.h). */
#include <stdlib.h>
#include <string.h>
#include "lines.h"

#define LINES_BUF_SIZE	(1u << 17)

int lines_init(struct lines *l, lines_read_fn read, void *ctx)
{
	memset(l, 0, sizeof(*l));
	l->read = read;
	l->ctx = ctx;
	l->cap = LINES_BUF_SIZE;
	l->buf = malloc(l->cap);
	return l->buf ? 0 : -1;
}

void lines_init_buffer(struct lines *l, const char *buf, size_t len)
{
	memset(l, 0, sizeof(*l));
	l->buf = (char *)buf;
	l->cap = len;
	l->end = len;
	l->eof = true;
	l->borrowed = true;
}

void lines_free(struct lines *l)
{
	if (!l->borrowed)
		free(l->buf);
	l->buf = NULL;
}

/* Make room after the data and read more; false at end of input. */
static bool lines_fill(struct lines *l)
{
	ssize_t n;

	if (l->eof)
		return false;
	if (l->start > 0) {
		memmove(l->buf, l->buf + l->start, l->end - l->start);
		l->end -= l->start;
		l->start = 0;
	}
	if (l->end == l->cap) {
		char *nb;

		if (l->cap > LINES_MAX_LINE) {
			l->too_long = true;
			l->eof = true;
			return false;
		}
		nb = realloc(l->buf, l->cap * 2);

		if (!nb) {
			l->read_error = true;
			l->eof = true;
			return false;
		}
		l->buf = nb;
		l->cap *= 2;
	}
	n = l->read(l->ctx, l->buf + l->end, l->cap - l->end);
	if (n <= 0) {
		l->eof = true;
		l->read_error = n < 0;
		return false;
	}
	l->end += (size_t)n;
	return true;
}

int lines_next_slow(struct lines *l, const char **line, size_t *len)
{
	size_t scanned = 0;
	char *nl;

	for (;;) {
		nl = memchr(l->buf + l->start + scanned, '\n',
			    l->end - l->start - scanned);
		if (nl)
			break;
		scanned = l->end - l->start;
		if (!lines_fill(l)) {
			if (l->end == l->start || l->too_long)
				return 0;
			/* a last line without newline */
			l->unterminated = true;
			*line = l->buf + l->start;
			*len = l->end - l->start;
			l->start = l->end;
			l->lineno++;
			return 1;
		}
	}
	lines_take(l, nl, line, len);
	return 1;
}
