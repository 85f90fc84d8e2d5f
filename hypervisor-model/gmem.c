// SPDX-License-Identifier: GPL-2.0
/*
 * Guest memory backing: when the host config says backed, a guest's memory
 * is one anonymous NORESERVE mapping, so only touched pages cost real
 * memory, and the host dropping a page (madvise MADV_DONTNEED) really
 * returns it; the next touch reads zeros. A page that is not resident at
 * the host (states p and z) has no memory behind it. Without backing only
 * the states are kept.
 */
#include <sys/mman.h>
#include <linux/bug.h>
#include "hv-internal.h"

int gmem_init(struct hv_guest *g)
{
	void *p;

	if (!g->host->cfg.backed)
		return 0;
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
}

void *gmem_page(struct hv_guest *g, uint64_t pfn)
{
	return g->mem ? g->mem + (pfn << HV_PAGE_SHIFT) : NULL;
}

/* Give the page's memory back to the operating system. */
void gmem_release(struct hv_guest *g, uint64_t pfn)
{
	if (!g->mem)
		return;
	if (madvise(gmem_page(g, pfn), HV_PAGE_SIZE, MADV_DONTNEED))
		BUG();
}
