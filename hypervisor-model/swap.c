// SPDX-License-Identifier: GPL-2.0
/*
 * The host's swap file: one sparse file per guest, created on the first
 * page out in cfg.swap_dir (or $TMPDIR, or /tmp) and unlinked at once. A
 * page's slot is its pfn, so no slot map is needed. Page out writes the
 * content and releases the memory; page in reads it back. Without backing
 * there is no content and no file: only the states move.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <unistd.h>
#include <linux/bug.h>
#include "hv-internal.h"

static const char *swap_dir(const struct hv_host *host)
{
	const char *dir = host->cfg.swap_dir;

	if (!dir)
		dir = getenv("TMPDIR");
	return dir && *dir ? dir : "/tmp";
}

static int swap_file(struct hv_guest *g)
{
	char path[4096];

	if (g->swap_fd >= 0)
		return g->swap_fd;
	snprintf(path, sizeof(path), "%s/hv-swap-XXXXXX", swap_dir(g->host));
	g->swap_fd = mkstemp(path);
	if (g->swap_fd < 0) {
		perror("hv: swap file");
		BUG();
	}
	unlink(path);
	return g->swap_fd;
}

static void swap_io(struct hv_guest *g, uint64_t pfn, bool out)
{
	off_t off = (off_t)(pfn << HV_PAGE_SHIFT);
	void *page = gmem_page(g, pfn);
	size_t done = 0;
	ssize_t n;

	while (done < HV_PAGE_SIZE) {
		if (out)
			n = pwrite(swap_file(g), (char *)page + done,
				   HV_PAGE_SIZE - done, off + done);
		else
			n = pread(swap_file(g), (char *)page + done,
				  HV_PAGE_SIZE - done, off + done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			perror("hv: swap I/O");
			BUG();
		}
		done += n;
	}
}

void swap_out_page(struct hv_guest *g, uint64_t pfn)
{
	if (g->host->cfg.bugs & HV_BUG_DROP_STABLE) {
		/* the injected bug: what goes out is a zero page */
		if (g->word)
			g->word[pfn] = 0;
		if (g->mem)
			memset(gmem_page(g, pfn), 0, HV_PAGE_SIZE);
	}
	if (!g->mem)
		return;
	swap_io(g, pfn, true);
	gmem_release(g, pfn);
}

void swap_in_page(struct hv_guest *g, uint64_t pfn)
{
	if (g->mem)
		swap_io(g, pfn, false);
}

void swap_fini(struct hv_guest *g)
{
	if (g->swap_fd >= 0)
		close(g->swap_fd);
	g->swap_fd = -1;
}
