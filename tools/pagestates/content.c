// SPDX-License-Identifier: GPL-2.0
/*
 * The replayed guest's content: a trace says which pages are in use, not
 * what is in them, so the replay writes a tag into each page it
 * allocates (the host keeps a page's first word even without memory
 * behind it: hypervisor-model/gmem.c) and keeps a copy. A page must
 * still hold its tag whenever the trace implies it is used: when it is
 * freed or handed to the page cache, and at every checker run. A zero or
 * another word is content the host lost (a stable page dropped instead
 * of paged out, a page given up while in use): a violation. The page
 * cache tags its own pages (backing_store_tag) and checks them on
 * lookups (mm/filemap.c).
 *
 * The checks look at the word where the host holds it, without an
 * access (guest_mem_peek_word): no swap in, no fault, so the measured
 * host traffic is the trace's own. Only mapped reads access the page: a
 * user read through a pte, which takes the discard fault on a page the
 * host discarded. The cost: 4 bytes a guest page here and 4 at the host.
 *
 * Mapped reads go through vmas of 64 pages of a file ("windows"), made
 * on a window's first fault and kept until the end: pages mapped once
 * stay mapped (potentially volatile, not volatile) until the page cache
 * deletes them, as a long-lived user mapping keeps them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <asm-generic/guest-memory.h>
#include "content.h"

#define WINDOW_SHIFT	6
#define WINDOW_PAGES	(1UL << WINDOW_SHIFT)

int content_init(struct content *c, unsigned long nr_pages)
{
	c->tag = calloc(nr_pages, sizeof(*c->tag));
	c->nr_pages = nr_pages;
	c->gen = 0;
	c->violations = 0;
	if (!c->tag || u64map_init(&c->windows, 16) < 0) {
		free(c->tag);
		c->tag = NULL;
		return -1;
	}
	return 0;
}

void content_unmap(struct content *c)
{
	struct u64map_slot *s;

	if (!c->windows.slots)
		return;
	u64map_for_each(&c->windows, s)
		filemap_munmap((struct vm_area_struct *)(uintptr_t)s->val);
	u64map_clear(&c->windows);
}

void content_free(struct content *c)
{
	content_unmap(c);
	u64map_free(&c->windows);
	free(c->tag);
	c->tag = NULL;
}

/* A tag: the pfn and a count mixed, never 0. */
static u32 make_tag(unsigned long pfn, u32 gen)
{
	u64 x = ((u64)pfn << 32 | gen) * 0x9e3779b97f4a7c15ULL;

	return (u32)(x >> 32) | 1;
}

int content_write(struct content *c, struct page *page)
{
	unsigned long pfn = page_to_pfn(page);
	u32 tag = make_tag(pfn, ++c->gen);

	if (pfn >= c->nr_pages)
		return -1;
	c->tag[pfn] = tag;
	return guest_mem_write(pfn, 0, &tag, sizeof(tag));
}

static void check_pfn(struct content *c, unsigned long pfn, const char *when)
{
	u32 word;

	if (guest_mem_peek_word(pfn, &word) || word == c->tag[pfn])
		return;
	fprintf(stderr, "content: pfn %#lx %s: %s (%#x, wrote %#x)\n", pfn,
		when, word ? "another page's content" : "a zero page",
		word, c->tag[pfn]);
	c->violations++;
}

void content_check(struct content *c, struct page *page, const char *when)
{
	unsigned long pfn = page_to_pfn(page);

	if (pfn >= c->nr_pages || !c->tag[pfn])
		return;
	check_pfn(c, pfn, when);
	c->tag[pfn] = 0;
}

void content_check_all(struct content *c)
{
	unsigned long pfn;

	for (pfn = 0; pfn < c->nr_pages; pfn++)
		if (c->tag[pfn])
			check_pfn(c, pfn, "in use");
}

static struct vm_area_struct *window(struct content *c,
				     struct address_space *mapping, u32 file,
				     pgoff_t index)
{
	u64 key = (u64)file << 40 | (index >> WINDOW_SHIFT);
	struct vm_area_struct *vma;
	bool created;
	u64 *v;

	/* indices past 2^46 share windows by their low bits: still right */
	key &= ~(1ULL << 63);
	v = u64map_put(&c->windows, key, &created);
	if (!v)
		return NULL;
	if (!created)
		return (struct vm_area_struct *)(uintptr_t)*v;
	vma = filemap_mmap(mapping, index & ~(WINDOW_PAGES - 1), WINDOW_PAGES);
	if (!vma) {
		u64map_del(&c->windows, key);
		return NULL;
	}
	*v = (u64)(uintptr_t)vma;
	return vma;
}

void content_map_read(struct content *c, struct address_space *mapping,
		      u32 file, pgoff_t index)
{
	struct vm_area_struct *vma = window(c, mapping, file, index);
	struct inode *inode = mapping->host;
	u32 word;

	if (!vma || vma->mapping != mapping ||
	    vma->pgoff != (index & ~(WINDOW_PAGES - 1)))
		return;
	if (filemap_map_read(vma, index - vma->pgoff, &word))
		return;
	if (word == backing_store_tag(inode, index))
		return;
	fprintf(stderr, "content: ino %lu index %lu read through a mapping: %s (%#x)\n",
		inode->i_ino, (unsigned long)index,
		word ? "another page's content" : "a zero page", word);
	c->violations++;
}
