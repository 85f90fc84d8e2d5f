// SPDX-License-Identifier: GPL-2.0
/* An in-memory byte source for tests of the trace readers. */
#include <string.h>
#include "mem_source.h"

ssize_t mem_source_read(void *ctx, char *buf, size_t len)
{
	struct mem_source *m = ctx;

	if (len > m->left)
		len = m->left;
	if (m->max_read && len > m->max_read)
		len = m->max_read;
	memcpy(buf, m->p, len);
	m->p += len;
	m->left -= len;
	return (ssize_t)len;
}
