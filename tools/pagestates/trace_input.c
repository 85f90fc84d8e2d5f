// SPDX-License-Identifier: GPL-2.0
/*
 * Trace files: plain, xz (liblzma), gzip (zlib) or standard input; and
 * the binary captures of perf and trace-cmd, read through the text their
 * own tool prints (`perf script`, `trace-cmd report`), run on the file.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <lzma.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>
#include <linux/kernel.h>
#include "program.h"
#include "trace_input.h"

#define IN_BUF_SIZE	(256u << 10)

enum compression { COMP_PLAIN, COMP_XZ, COMP_GZIP, COMP_PERF, COMP_TRACECMD };

extern char **environ;

/* Binary captures, told by their magic bytes, and the text they become. */
static const struct converter {
	enum compression comp;
	const char *what;
	const char *magic;
	size_t magic_len;
	const char *argv[6];	/* the file's path goes in the NULL */
} converters[] = {
	{ COMP_PERF, "a perf.data file", "PERFILE2", 8,
	  { "perf", "script", "--ns", "-i", NULL } },
	{ COMP_TRACECMD, "a trace-cmd trace.dat file", "\x17\x08\x44tracing", 10,
	  { "trace-cmd", "report", "-t", "-i", NULL } },
};

struct trace_input {
	struct lines lines;
	int fd;
	enum compression comp;
	unsigned char *in;		/* compressed bytes not yet decoded */
	size_t in_pos, in_len;
	bool in_eof;
	u64 consumed, size;		/* file bytes read, file size */
	void *map;			/* a plain file mapped whole, or NULL */
	lzma_stream xz;
	z_stream gz;
	bool gz_member_done;
	pid_t child;			/* the converter, or 0 */
	const char *tool;		/* its name */
	char child_error[64];
	const char *error;
};

/* The converter is done: was it happy? */
static int reap_child(struct trace_input *in)
{
	int status;

	if (!in->child || waitpid(in->child, &status, 0) != in->child)
		return 0;
	in->child = 0;
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	snprintf(in->child_error, sizeof(in->child_error),
		 WIFEXITED(status) ? "%s failed (exit status %d)" :
				     "%s was killed (signal %d)",
		 in->tool, WIFEXITED(status) ? WEXITSTATUS(status) :
					       WTERMSIG(status));
	in->error = in->child_error;
	return -1;
}

static ssize_t read_fd(struct trace_input *in, void *buf, size_t len)
{
	ssize_t n;

	do
		n = read(in->fd, buf, len);
	while (n < 0 && errno == EINTR);
	if (n < 0) {
		in->error = strerror(errno);
		return -1;
	}
	if (n == 0 && reap_child(in) < 0)
		return -1;
	in->consumed += (u64)n;
	return n;
}

/* Make sure compressed input is buffered; false at end of file. */
static bool refill(struct trace_input *in)
{
	ssize_t n;

	if (in->in_pos < in->in_len)
		return true;
	if (in->in_eof)
		return false;
	n = read_fd(in, in->in, IN_BUF_SIZE);
	if (n <= 0) {
		in->in_eof = true;
		return false;
	}
	in->in_pos = 0;
	in->in_len = (size_t)n;
	return true;
}

static ssize_t read_plain(void *ctx, char *buf, size_t len)
{
	struct trace_input *in = ctx;
	size_t n;

	if (in->in_pos < in->in_len) {	/* the sniffed bytes first */
		n = in->in_len - in->in_pos;
		if (n > len)
			n = len;
		memcpy(buf, in->in + in->in_pos, n);
		in->in_pos += n;
		return (ssize_t)n;
	}
	return read_fd(in, buf, len);
}

static ssize_t read_xz(void *ctx, char *buf, size_t len)
{
	struct trace_input *in = ctx;
	lzma_ret ret;

	in->xz.next_out = (uint8_t *)buf;
	in->xz.avail_out = len;
	while (in->xz.avail_out == len) {
		bool more = refill(in);

		in->xz.next_in = in->in + in->in_pos;
		in->xz.avail_in = in->in_len - in->in_pos;
		ret = lzma_code(&in->xz, more ? LZMA_RUN : LZMA_FINISH);
		in->in_pos = in->in_len - in->xz.avail_in;
		if (ret == LZMA_STREAM_END)
			break;
		if (ret != LZMA_OK) {
			in->error = ret == LZMA_BUF_ERROR ?
				"xz data ends early (truncated file?)" :
				"corrupt xz data";
			if (in->xz.avail_out == len)
				return -1;
			break;
		}
		if (!more && in->xz.avail_out == len) {
			in->error = "xz data ends early (truncated file?)";
			return -1;
		}
	}
	return (ssize_t)(len - in->xz.avail_out);
}

static ssize_t read_gzip(void *ctx, char *buf, size_t len)
{
	struct trace_input *in = ctx;
	int ret;

	in->gz.next_out = (Bytef *)buf;
	in->gz.avail_out = (uInt)len;
	while (in->gz.avail_out == len) {
		if (!refill(in)) {
			if (!in->gz_member_done) {
				in->error = "gzip data ends early (truncated file?)";
				return -1;
			}
			break;
		}
		if (in->gz_member_done) {	/* concatenated members */
			inflateReset(&in->gz);
			in->gz_member_done = false;
		}
		in->gz.next_in = in->in + in->in_pos;
		in->gz.avail_in = (uInt)(in->in_len - in->in_pos);
		ret = inflate(&in->gz, Z_NO_FLUSH);
		in->in_pos = in->in_len - in->gz.avail_in;
		if (ret == Z_STREAM_END) {
			in->gz_member_done = true;
		} else if (ret != Z_OK && ret != Z_BUF_ERROR) {
			in->error = "corrupt gzip data";
			if (in->gz.avail_out == len)
				return -1;
			break;
		}
	}
	return (ssize_t)(len - in->gz.avail_out);
}

/* A mapped file cut short under us: say so instead of dying of SIGBUS. */
static void on_sigbus(int sig)
{
	static const char msg[] =
		"pagestates: the trace file shrank while it was read\n";

	(void)sig;
	if (write(STDERR_FILENO, msg, sizeof(msg) - 1) < 0)
		_exit(1);
	_exit(1);
}

/*
 * A plain regular file is parsed where it lies in the page cache: mapped,
 * not copied (read() costs twice as much as the page faults of a mapping
 * read in order). False if it cannot be mapped; then it is read.
 */
static bool map_plain(struct trace_input *in)
{
	struct sigaction sa = { .sa_handler = on_sigbus };

	if (!in->size || in->size > SIZE_MAX ||
	    sigaction(SIGBUS, &sa, NULL) < 0)
		return false;
	in->map = mmap(NULL, (size_t)in->size, PROT_READ, MAP_PRIVATE, in->fd,
		       0);
	if (in->map == MAP_FAILED) {
		in->map = NULL;
		return false;
	}
	madvise(in->map, (size_t)in->size, MADV_SEQUENTIAL);
	lines_init_buffer(&in->lines, in->map, (size_t)in->size);
	in->consumed = in->size;
	return true;
}

/*
 * A perf.data or trace.dat: run its tool on the file and read what it
 * prints instead. 0 (or 1: not such a file), -1 with err set.
 */
static int start_converter(struct trace_input *in, const char *path,
			   char *err, size_t errlen)
{
	const struct converter *c = NULL;
	const char *argv[ARRAY_SIZE(converters[0].argv)];
	posix_spawn_file_actions_t fa;
	int fds[2], ret;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(converters); i++)
		if (in->in_len >= converters[i].magic_len &&
		    !memcmp(in->in, converters[i].magic,
			    converters[i].magic_len))
			c = &converters[i];
	if (!c)
		return 1;
	if (!strcmp(path, "-")) {
		snprintf(err, errlen, "standard input is %s: give its name instead (%s %s runs on files)",
			 c->what, c->argv[0], c->argv[1]);
		return -1;
	}
	memcpy(argv, c->argv, sizeof(argv));
	for (i = 0; argv[i]; i++)
		;
	argv[i] = path;
	if (pipe2(fds, O_CLOEXEC) < 0) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		return -1;
	}
	ret = ps_find_program(argv[0]);
	if (!ret) {
		posix_spawn_file_actions_init(&fa);
		posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
		ret = posix_spawnp(&in->child, argv[0], &fa, NULL,
				   (char *const *)argv, environ);
		posix_spawn_file_actions_destroy(&fa);
	}
	close(fds[1]);
	if (ret) {
		close(fds[0]);
		in->child = 0;
		snprintf(err, errlen, "%s is %s, and %s cannot be run here (%s): where %s is installed, run `%s %s %s %s %s > %s.txt` and give the text",
			 path, c->what, argv[0], strerror(ret), argv[0],
			 argv[0], argv[1], argv[2], argv[3], path, path);
		return -1;
	}
	if (in->fd > 0)
		close(in->fd);
	in->fd = fds[0];
	in->tool = c->argv[0];
	in->comp = c->comp;
	in->size = 0;		/* the text's size is not known */
	in->in_pos = in->in_len = 0;
	in->in_eof = false;
	in->consumed = 0;
	refill(in);
	return 0;
}

static int setup_decoder(struct trace_input *in, const char *path, char *err,
			 size_t errlen)
{
	static const unsigned char xz_magic[6] = { 0xfd, '7', 'z', 'X', 'Z', 0 };
	lines_read_fn fn = read_plain;
	int conv;

	refill(in);
	conv = start_converter(in, path, err, errlen);
	if (conv < 0)
		return -1;
	if (conv == 0) {
		/* the tool's text is read as it comes */
	} else if (in->in_len >= 6 && !memcmp(in->in, xz_magic, 6)) {
		in->comp = COMP_XZ;
		in->xz = (lzma_stream)LZMA_STREAM_INIT;
		if (lzma_stream_decoder(&in->xz, UINT64_MAX,
					LZMA_CONCATENATED) != LZMA_OK) {
			snprintf(err, errlen, "cannot start the xz decoder");
			return -1;
		}
		fn = read_xz;
	} else if (in->in_len >= 2 && in->in[0] == 0x1f && in->in[1] == 0x8b) {
		in->comp = COMP_GZIP;
		if (inflateInit2(&in->gz, 15 + 32) != Z_OK) {
			snprintf(err, errlen, "cannot start the gzip decoder");
			return -1;
		}
		fn = read_gzip;
	} else if (map_plain(in)) {
		return 0;
	}
	if (lines_init(&in->lines, fn, in) < 0) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

struct trace_input *trace_input_open(const char *path, char *err,
				     size_t errlen)
{
	struct trace_input *in = calloc(1, sizeof(*in));
	struct stat st;

	if (in)
		in->in = malloc(IN_BUF_SIZE);
	if (!in || !in->in) {
		snprintf(err, errlen, "out of memory");
		goto fail;
	}
	in->fd = strcmp(path, "-") ? open(path, O_RDONLY | O_CLOEXEC) : 0;
	if (in->fd < 0) {
		snprintf(err, errlen, "cannot open %s: %s", path,
			 strerror(errno));
		goto fail;
	}
	if (fstat(in->fd, &st) == 0 && S_ISREG(st.st_mode))
		in->size = (u64)st.st_size;
	else if (fstat(in->fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s is a directory", path);
		goto fail;
	}
	if (setup_decoder(in, path, err, errlen) < 0)
		goto fail;
	if (in->error) {
		snprintf(err, errlen, "cannot read %s: %s", path, in->error);
		goto fail;
	}
	return in;
fail:
	trace_input_close(in);
	return NULL;
}

void trace_input_close(struct trace_input *in)
{
	if (!in)
		return;
	if (in->comp == COMP_XZ)
		lzma_end(&in->xz);
	else if (in->comp == COMP_GZIP)
		inflateEnd(&in->gz);
	lines_free(&in->lines);
	if (in->map)
		munmap(in->map, (size_t)in->size);
	if (in->fd > 0)
		close(in->fd);
	if (in->child) {	/* stopped early: the pipe is closed, so it ends */
		kill(in->child, SIGTERM);
		waitpid(in->child, NULL, 0);
	}
	free(in->in);
	free(in);
}

struct lines *trace_input_lines(struct trace_input *in)
{
	return &in->lines;
}

const char *trace_input_compression(const struct trace_input *in)
{
	static const char *const names[] = { "plain", "xz", "gzip",
					     "perf.data", "trace.dat" };

	return names[in->comp];
}

const char *trace_input_error(const struct trace_input *in)
{
	return in->error;
}

void trace_input_position(const struct trace_input *in, u64 *done,
			  u64 *total)
{
	u64 buffered;

	*total = in->size;
	if (in->map) {			/* handed out as lines so far */
		*done = in->lines.start;
		return;
	}
	/* read from the file, less what waits in a buffer */
	buffered = in->comp == COMP_XZ || in->comp == COMP_GZIP ?
		   in->in_len - in->in_pos :
		   in->lines.end - in->lines.start;
	*done = in->consumed > buffered ? in->consumed - buffered : 0;
}

double trace_input_progress(const struct trace_input *in)
{
	if (!in->size)
		return -1.0;
	return (double)in->consumed / (double)in->size;
}
