// SPDX-License-Identifier: GPL-2.0
/* The capture file of `pagestates record` (see record_out.h). */
#include <errno.h>
#include <fcntl.h>
#include <lzma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include "record_out.h"

#define OUT_BUF_SIZE	(256u << 10)

enum out_kind { OUT_PLAIN, OUT_XZ, OUT_GZIP };

struct record_out {
	int fd;
	enum out_kind kind;
	unsigned char *buf;	/* bytes for the file, not yet written */
	size_t len;
	u64 file_bytes;
	lzma_stream xz;
	z_stream gz;
};

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	return n > m && !strcmp(s + n - m, suffix);
}

static int write_all(struct record_out *out, const unsigned char *p,
		     size_t len, char *err, size_t errlen)
{
	ssize_t n;

	while (len) {
		n = write(out->fd, p, len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			snprintf(err, errlen, "cannot write the capture: %s",
				 n < 0 ? strerror(errno) : "no space");
			return -1;
		}
		p += n;
		len -= (size_t)n;
		out->file_bytes += (u64)n;
	}
	return 0;
}

static int flush_buf(struct record_out *out, char *err, size_t errlen)
{
	int ret = write_all(out, out->buf, out->len, err, errlen);

	out->len = 0;
	return ret;
}

struct record_out *record_out_open(const char *path, char *err,
				   size_t errlen)
{
	struct record_out *out = calloc(1, sizeof(*out));

	if (out)
		out->buf = malloc(OUT_BUF_SIZE);
	if (!out || !out->buf) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	if (ends_with(path, ".xz")) {
		out->kind = OUT_XZ;
		out->xz = (lzma_stream)LZMA_STREAM_INIT;
		/* preset 1: fast enough to keep up with a busy kernel */
		if (lzma_easy_encoder(&out->xz, 1, LZMA_CHECK_CRC64) !=
		    LZMA_OK) {
			snprintf(err, errlen, "cannot start the xz encoder");
			goto fail;
		}
	} else if (ends_with(path, ".gz")) {
		out->kind = OUT_GZIP;
		if (deflateInit2(&out->gz, 1, Z_DEFLATED, 15 + 16, 8,
				 Z_DEFAULT_STRATEGY) != Z_OK) {
			snprintf(err, errlen, "cannot start the gzip encoder");
			goto fail;
		}
	}
	out->fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (out->fd < 0) {
		snprintf(err, errlen, "cannot create %s: %s", path,
			 strerror(errno));
		goto fail;
	}
	return out;
fail:
	if (out && out->kind == OUT_XZ)
		lzma_end(&out->xz);
	else if (out && out->kind == OUT_GZIP)
		deflateEnd(&out->gz);
	if (out)
		free(out->buf);
	free(out);
	return NULL;
}

/* Run the encoder on [p, p + len) (len 0 and finish: the end). */
static int encode(struct record_out *out, const void *p, size_t len,
		  bool finish, char *err, size_t errlen)
{
	bool done = false;

	if (out->kind == OUT_XZ) {
		out->xz.next_in = p;
		out->xz.avail_in = len;
	} else {
		out->gz.next_in = (Bytef *)(uintptr_t)p;
		out->gz.avail_in = (uInt)len;
	}
	while (!done) {
		size_t room = OUT_BUF_SIZE - out->len, made;

		if (!room) {
			if (flush_buf(out, err, errlen) < 0)
				return -1;
			room = OUT_BUF_SIZE;
		}
		if (out->kind == OUT_XZ) {
			lzma_ret r;

			out->xz.next_out = out->buf + out->len;
			out->xz.avail_out = room;
			r = lzma_code(&out->xz, finish ? LZMA_FINISH : LZMA_RUN);
			made = room - out->xz.avail_out;
			if (r != LZMA_OK && r != LZMA_STREAM_END) {
				snprintf(err, errlen, "xz encoder error %d",
					 (int)r);
				return -1;
			}
			done = finish ? r == LZMA_STREAM_END :
					!out->xz.avail_in;
		} else {
			int r;

			out->gz.next_out = out->buf + out->len;
			out->gz.avail_out = (uInt)room;
			r = deflate(&out->gz, finish ? Z_FINISH : Z_NO_FLUSH);
			made = room - out->gz.avail_out;
			if (r == Z_STREAM_ERROR) {
				snprintf(err, errlen, "gzip encoder error");
				return -1;
			}
			done = finish ? r == Z_STREAM_END : !out->gz.avail_in;
		}
		out->len += made;
	}
	return 0;
}

int record_out_write(struct record_out *out, const void *buf, size_t len,
		     char *err, size_t errlen)
{
	if (out->kind != OUT_PLAIN)
		return encode(out, buf, len, false, err, errlen);
	if (out->len + len > OUT_BUF_SIZE && flush_buf(out, err, errlen) < 0)
		return -1;
	if (len >= OUT_BUF_SIZE)
		return write_all(out, buf, len, err, errlen);
	memcpy(out->buf + out->len, buf, len);
	out->len += len;
	return 0;
}

int record_out_close(struct record_out *out, u64 *file_bytes, char *err,
		     size_t errlen)
{
	int ret = 0;

	if (out->kind != OUT_PLAIN)
		ret = encode(out, NULL, 0, true, err, errlen);
	if (!ret)
		ret = flush_buf(out, err, errlen);
	if (close(out->fd) < 0 && !ret) {
		snprintf(err, errlen, "cannot write the capture: %s",
			 strerror(errno));
		ret = -1;
	}
	if (file_bytes)
		*file_bytes = out->file_bytes;
	if (out->kind == OUT_XZ)
		lzma_end(&out->xz);
	else if (out->kind == OUT_GZIP)
		deflateEnd(&out->gz);
	free(out->buf);
	free(out);
	return ret;
}
