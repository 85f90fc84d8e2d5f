/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The file `pagestates record` writes: plain text, or xz or gzip when its
 * name ends in .xz or .gz (compressed here, no helper process).
 */
#ifndef _PAGESTATES_RECORD_OUT_H
#define _PAGESTATES_RECORD_OUT_H

#include <stddef.h>
#include <linux/types.h>

struct record_out;

/* NULL with a message in err. */
struct record_out *record_out_open(const char *path, char *err,
				   size_t errlen);
/* 0, or -1 with a message in err (the file is then unusable). */
int record_out_write(struct record_out *out, const void *buf, size_t len,
		     char *err, size_t errlen);
/*
 * Flush, close and free; 0 or -1 with a message in err. *file_bytes
 * (if not NULL): the size of the file.
 */
int record_out_close(struct record_out *out, u64 *file_bytes, char *err,
		     size_t errlen);

#endif
