// SPDX-License-Identifier: GPL-2.0
/*
 * Guest memory backing: when the host config says backed, a guest's memory
 * is one anonymous NORESERVE mapping, so only touched pages cost real
 * memory, and the host dropping a page (madvise MADV_DONTNEED) really
 * returns it; the next touch reads zeros. A page that is not resident at
 * the host (states p and z) has no memory behind it. Without backing the
 * host keeps the states and the first 32-bit word of every page (4 bytes
 * a page, calloc'd: untouched words cost nothing): enough for a guest to
 * store a tag of what it wrote and see whether the host kept it. The word
 * goes where the content would: out to swap and back (it stays in the
 * array), to zero when the host drops the page.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <linux/bug.h>
#include "hv-internal.h"

int gmem_init(struct hv_guest *g)
{
	void *p;

	if (!g->host->cfg.backed) {
		g->word = calloc(g->nr_pages, sizeof(*g->word));
		return g->word ? 0 : -1;
	}
	p = mmap(NULL, g->nr_pages << HV_PAGE_SHIFT, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	g->mem = p;
	return 0;
}

void gmem_fini(struct hv_guest *g)
{
	if (g->mem)
		munmap(g->mem, g->nr_pages << HV_PAGE_SHIFT);
	g->mem = NULL;
	free(g->word);
	g->word = NULL;
}

void *gmem_page(struct hv_guest *g, uint64_t pfn)
{
	return g->mem ? g->mem + (pfn << HV_PAGE_SHIFT) : NULL;
}

/* Give the page's memory back to the operating system. */
void gmem_release(struct hv_guest *g, uint64_t pfn)
{
	if (g->word)
		g->word[pfn] = 0;
	if (!g->mem)
		return;
	if (madvise(gmem_page(g, pfn), HV_PAGE_SIZE, MADV_DONTNEED))
		BUG();
}

/*
 * An access to an unbacked page: bytes 0-3 are the page's word, the rest
 * reads as zeros and takes no writes.
 */
void gmem_copy_word(struct hv_guest *g, uint64_t pfn, size_t offset,
		    void *buf, size_t len, bool write)
{
	uint8_t *w = (uint8_t *)&g->word[pfn];
	size_t n = offset < sizeof(*g->word) ?
		   sizeof(*g->word) - offset : 0;

	if (n > len)
		n = len;
	if (write) {
		memcpy(w + offset, buf, n);
		return;
	}
	memcpy(buf, w + offset, n);
	memset((uint8_t *)buf + n, 0, len - n);
}
