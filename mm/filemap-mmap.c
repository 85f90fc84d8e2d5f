// SPDX-License-Identifier: GPL-2.0
/*
 * Mapped files: vmas over an address_space, page faults, the reverse map
 * and the discard fault.
 *
 * A pte holds a page reference and counts in _mapcount. Mapped clean
 * pages may be made potentially volatile: user accesses do not look the
 * page up, so they go straight to guest memory, and an access to a page
 * the host discarded raises a discard fault (0x1A). The handler removes
 * the page from every pte and from the page cache, and the access is
 * retried: it faults the page in again from the backing store. A write
 * makes the page stable first (the write fault of a software dirty bit).
 */
#include <errno.h>
#include <stdlib.h>
#include <linux/kernel.h>
#include <linux/pagemap.h>
#include <asm-generic/guest-memory.h>

struct vm_area_struct *filemap_mmap(struct address_space *mapping,
				    pgoff_t pgoff, unsigned long nr_pages)
{
	struct vm_area_struct *vma = calloc(1, sizeof(*vma));

	if (!vma)
		return NULL;
	vma->ptes = calloc(nr_pages, sizeof(*vma->ptes));
	if (!vma->ptes) {
		free(vma);
		return NULL;
	}
	vma->mapping = mapping;
	vma->pgoff = pgoff;
	vma->nr_pages = nr_pages;
	spin_lock_init(&vma->ptl);
	spin_lock(&mapping->i_mmap_lock);
	list_add(&vma->shared, &mapping->i_mmap);
	spin_unlock(&mapping->i_mmap_lock);
	return vma;
}

/* ptl held: clear pte i; the caller drops the pte's reference. */
static struct page *zap_pte(struct vm_area_struct *vma, unsigned long i)
{
	struct page *page = vma->ptes[i];

	if (page) {
		vma->ptes[i] = NULL;
		atomic_dec(&page->_mapcount);
	}
	return page;
}

void filemap_munmap(struct vm_area_struct *vma)
{
	struct address_space *mapping = vma->mapping;
	struct page *page;
	unsigned long i;

	spin_lock(&mapping->i_mmap_lock);
	list_del(&vma->shared);
	spin_unlock(&mapping->i_mmap_lock);
	for (i = 0; i < vma->nr_pages; i++) {
		spin_lock(&vma->ptl);
		page = zap_pte(vma, i);
		spin_unlock(&vma->ptl);
		if (!page)
			continue;
		page_make_volatile(page, 1);	/* hook: unmap */
		put_page(page);
	}
	spin_lock_destroy(&vma->ptl);
	free(vma->ptes);
	free(vma);
}

void unmap_mapping_page(struct page *page)
{
	struct address_space *mapping = page_mapping(page);
	struct vm_area_struct *vma;
	struct page *zapped;
	unsigned long i;

	if (!mapping || !page_mapcount(page))
		return;
	spin_lock(&mapping->i_mmap_lock);
	list_for_each_entry(vma, &mapping->i_mmap, shared) {
		if (page->index < vma->pgoff ||
		    page->index - vma->pgoff >= vma->nr_pages)
			continue;
		i = page->index - vma->pgoff;
		zapped = NULL;
		spin_lock(&vma->ptl);
		if (vma->ptes[i] == page)
			zapped = zap_pte(vma, i);
		spin_unlock(&vma->ptl);
		/* never the last reference: the caller holds one */
		if (zapped)
			put_page(zapped);
	}
	spin_unlock(&mapping->i_mmap_lock);
}

/* Fault page i of vma in: look it up (stable) or read it, map it. */
static int filemap_fault(struct vm_area_struct *vma, unsigned long i)
{
	struct address_space *mapping = vma->mapping;
	struct page *page = read_cache_page(mapping, vma->pgoff + i);

	if (!page)
		return -ENOMEM;
	mark_page_accessed(page);
	spin_lock(&vma->ptl);
	if (!vma->ptes[i] && page_mapping(page) == mapping) {
		vma->ptes[i] = page;
		atomic_inc(&page->_mapcount);
		page = NULL;	/* the reference is the pte's now */
	}
	spin_unlock(&vma->ptl);
	if (page)
		put_page(page);
	return 0;
}

int vma_access(struct vm_area_struct *vma, u64 addr, void *buf, size_t len,
	       bool write)
{
	struct super_block *sb = vma->mapping->host->i_sb;
	unsigned long i = addr / PAGE_SIZE;
	size_t off = addr % PAGE_SIZE;
	struct page *page;
	int ret;

	if (i >= vma->nr_pages || off + len > PAGE_SIZE)
		return -EFAULT;
	for (;;) {
		spin_lock(&vma->ptl);
		page = vma->ptes[i];
		if (page)
			get_page(page);
		spin_unlock(&vma->ptl);
		if (!page) {
			ret = filemap_fault(vma, i);
			if (ret)
				return ret;
			continue;
		}
		/*
		 * A write through a clean pte is a write fault: the page must
		 * be stable before it gets dirty, else writeback would clear
		 * the change bit of a potentially volatile page and the host
		 * could drop it while its new content is on the way out.
		 */
		if (write && !page_make_stable(page)) {
			if (page_discard(page))
				atomic_long_inc(&sb->st_discards_on_lookup);
			put_page(page);
			continue;
		}
		ret = filemap_page_access(page, off, buf, len, write);
		if (ret != PGM_DISCARD)
			break;
		atomic_long_inc(&sb->st_discard_faults);
		/* a dirty page the host discarded is lost data */
		if (PageDirty(page))
			atomic_long_inc(&sb->st_violations);
		if (do_discard_fault(page))
			atomic_long_inc(&sb->st_violations);
		put_page(page);
	}
	if (!ret && write)
		set_page_dirty(page);
	put_page(page);
	return ret ? -EFAULT : 0;
}

int filemap_map_read(struct vm_area_struct *vma, unsigned long i, u32 *word)
{
	struct address_space *mapping = vma->mapping;
	struct super_block *sb = mapping->host->i_sb;
	struct page *page;
	int ret;

	if (i >= vma->nr_pages)
		return -EFAULT;
	spin_lock(&vma->ptl);
	page = vma->ptes[i];
	if (page)
		get_page(page);
	spin_unlock(&vma->ptl);
	if (!page) {
		/* the fault: a lookup, never a read */
		page = find_get_page(mapping, vma->pgoff + i);
		if (!page)
			return -ENOENT;
		mark_page_accessed(page);
		spin_lock(&vma->ptl);
		if (!vma->ptes[i] && page_mapping(page) == mapping) {
			vma->ptes[i] = page;
			atomic_inc(&page->_mapcount);
			get_page(page);	/* the pte's */
		}
		spin_unlock(&vma->ptl);
	}
	ret = filemap_page_access(page, 0, word, sizeof(*word), false);
	if (ret == PGM_DISCARD) {
		atomic_long_inc(&sb->st_discard_faults);
		if (PageDirty(page))
			atomic_long_inc(&sb->st_violations);
		if (do_discard_fault(page))
			atomic_long_inc(&sb->st_violations);
		ret = -ENOENT;
	} else if (ret) {
		ret = -EFAULT;
	}
	put_page(page);
	return ret;
}
