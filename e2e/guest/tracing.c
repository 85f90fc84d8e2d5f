// SPDX-License-Identifier: GPL-2.0
/*
 * The capture: the kmem and filemap events of DESIGN.md section 8
 * recorded by the guest's tracefs into its ring buffer while the
 * workload runs, then written out for the host: to a disk (an empty
 * virtio disk: a header page "E2ETRACE bytes lost", then the tracefs
 * text) or, without one, to the console as lines "e2e-trace: ...".
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "e2e.h"

static const char *const events[] = {
	"kmem/mm_page_alloc",
	"kmem/mm_page_free",
	"kmem/mm_page_free_batched",
	"kmem/mm_page_pcpu_drain",
	"filemap/mm_filemap_add_to_page_cache",
	"filemap/mm_filemap_delete_from_page_cache",
	"filemap/mm_filemap_get_pages",
	"filemap/mm_filemap_fault",
	"filemap/mm_filemap_map_pages",
};

static int put(const char *tracefs, const char *file, const char *val)
{
	char path[512];
	int fd, ret = 0;
	size_t len = strlen(val);

	snprintf(path, sizeof(path), "%s/%s", tracefs, file);
	fd = open(path, O_WRONLY | O_TRUNC);
	if (fd < 0)
		return -1;
	if (write(fd, val, len) != (ssize_t)len)
		ret = -1;
	close(fd);
	return ret;
}

int e2e_trace_start(const char *tracefs, unsigned long buffer_kib)
{
	char buf[32], file[128];
	unsigned int i, on = 0;

	if (put(tracefs, "tracing_on", "0")) {
		e2e_say("trace: no tracefs at %s (%s)", tracefs,
			strerror(errno));
		return -1;
	}
	snprintf(buf, sizeof(buf), "%lu", buffer_kib);
	if (put(tracefs, "buffer_size_kb", buf))
		e2e_say("trace: buffer_size_kb %s refused", buf);
	put(tracefs, "trace", "");
	for (i = 0; i < sizeof(events) / sizeof(events[0]); i++) {
		snprintf(file, sizeof(file), "events/%s/enable", events[i]);
		if (put(tracefs, file, "1"))
			e2e_say("trace: no event %s", events[i]);
		else
			on++;
	}
	e2e_say("trace: %u events on, %s KiB per cpu", on, buf);
	return put(tracefs, "tracing_on", "1");
}

void e2e_trace_stop(const char *tracefs)
{
	put(tracefs, "tracing_on", "0");
}

/* events the ring buffer lost (overrun), over every cpu */
static unsigned long trace_lost(const char *tracefs)
{
	char path[512], line[256];
	unsigned long lost = 0, v;
	unsigned int cpu;

	for (cpu = 0; cpu < 4096; cpu++) {
		FILE *f;

		snprintf(path, sizeof(path), "%s/per_cpu/cpu%u/stats",
			 tracefs, cpu);
		f = fopen(path, "r");
		if (!f)
			break;
		while (fgets(line, sizeof(line), f))
			if (sscanf(line, "overrun: %lu", &v) == 1)
				lost += v;
		fclose(f);
	}
	return lost;
}

static int dump_console(FILE *in)
{
	char line[4096];

	while (fgets(line, sizeof(line), in)) {
		size_t n = strlen(line);

		if (n && line[n - 1] == '\n')
			line[--n] = '\0';
		printf("e2e-trace: %s\n", line);
	}
	fflush(stdout);
	return 0;
}

static int dump_disk(FILE *in, const char *out, unsigned long lost,
		     unsigned long long *bytes)
{
	char buf[65536], hdr[E2E_PAGE];
	off_t off = E2E_PAGE;
	size_t n;
	int fd = open(out, O_WRONLY);

	if (fd < 0)
		return -1;
	while ((n = fread(buf, 1, sizeof(buf), in)) > 0) {
		if (pwrite(fd, buf, n, off) != (ssize_t)n)
			goto fail;
		off += n;
	}
	*bytes = off - E2E_PAGE;
	memset(hdr, 0, sizeof(hdr));
	snprintf(hdr, sizeof(hdr), "E2ETRACE %llu %lu\n", *bytes, lost);
	if (pwrite(fd, hdr, sizeof(hdr), 0) != (ssize_t)sizeof(hdr) ||
	    fsync(fd))
		goto fail;
	return close(fd);
fail:
	close(fd);
	return -1;
}

/* out: a disk device, or NULL for the console */
int e2e_trace_dump(const char *tracefs, const char *out)
{
	char path[512];
	unsigned long lost = trace_lost(tracefs);
	unsigned long long bytes = 0;
	FILE *in;
	int ret;

	snprintf(path, sizeof(path), "%s/trace", tracefs);
	in = fopen(path, "r");
	if (!in) {
		e2e_say("trace: cannot read %s (%s)", path, strerror(errno));
		return -1;
	}
	e2e_say("trace: lost %lu events", lost);
	if (out) {
		ret = dump_disk(in, out, lost, &bytes);
		e2e_say("trace: %llu bytes to %s%s", bytes, out,
			ret ? " failed" : "");
	} else {
		e2e_say("trace: to the console");
		ret = dump_console(in);
		e2e_say("trace: end");
	}
	fclose(in);
	return ret;
}
