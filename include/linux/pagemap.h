/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The page cache (mm/filemap.c), mapped files (mm/filemap-mmap.c) and the
 * volatile page cache (mm/page-states-volatile.c).
 *
 * References: the page cache holds one reference per cached page, every
 * user mapping (pte) one more and counts in _mapcount; lookups return a
 * page with a reference of the caller's own. A page the host may discard
 * is volatile (PG_state_volatile); every lookup makes it stable again
 * (page_make_stable) and reads it again if the host had discarded it, so
 * a caller of find_get_page() always holds stable, correct content.
 */
#ifndef _LINUX_PAGEMAP_H
#define _LINUX_PAGEMAP_H

#include <linux/types.h>
#include <linux/fs.h>
#include <linux/mm.h>
#include <linux/page-flags.h>
#include <linux/page-states.h>

/* References (page_count, get_page, put_page: linux/mm.h). */
static inline int page_mapcount(const struct page *page)
{
	return atomic_read(&page->_mapcount);
}

static inline struct address_space *page_mapping(const struct page *page)
{
	return __atomic_load_n(&page->mapping, __ATOMIC_ACQUIRE);
}

/* The page lock (PG_locked); waiters yield. */
void lock_page(struct page *page);
bool trylock_page(struct page *page);
/* Unlock; hook point: the page may become volatile (caller holds a ref). */
void unlock_page(struct page *page);
void wait_on_page_locked(struct page *page);

/*
 * Guest memory access to one page through the arch primitive. Returns 0,
 * or the program interruption code (PGM_DISCARD: discarded).
 */
int filemap_page_access(struct page *page, size_t offset, void *buf,
			size_t len, bool write);

/* Page cache core. */
int add_to_page_cache_lru(struct page *page, struct address_space *mapping,
			  pgoff_t index);
struct page *find_get_page(struct address_space *mapping, pgoff_t index);
struct page *find_lock_page(struct address_space *mapping, pgoff_t index);
/* Page locked by the caller; drops the page cache's reference. */
void delete_from_page_cache(struct page *page);
/* LRU activation; hook point (caller holds one reference). */
void mark_page_accessed(struct page *page);

/* Reading, writing, writeback. */
struct page *read_cache_page(struct address_space *mapping, pgoff_t index);
ssize_t filemap_read(struct inode *inode, u64 pos, void *buf, size_t len);
ssize_t filemap_write(struct inode *inode, u64 pos, const void *buf,
		      size_t len);
void set_page_dirty(struct page *page);
/* Page locked and dirty: write it back, unlock it. */
int write_one_page(struct page *page);
unsigned long filemap_writeback(struct address_space *mapping);
void end_page_writeback(struct page *page);
void truncate_inode_pages(struct address_space *mapping);
/* Evict up to nr clean unused pages from the LRU tail; returns how many. */
unsigned long shrink_page_cache(struct super_block *sb, unsigned long nr);

/*
 * Trace replay (pagestates replay): drive the cache with a trace's events.
 * filemap_add_page: mm_filemap_add_to_page_cache; the page was allocated
 *   by the caller, is filled from the backing store and the caller's
 *   reference passes to the page cache (do not use the pointer afterwards:
 *   a discarded page is replaced by another one). -EEXIST if index cached.
 * filemap_delete_page: mm_filemap_delete_from_page_cache; returns the page
 *   now cached at index (or NULL) with the cache's reference, which the
 *   caller drops with put_page() (the trace's mm_page_free).
 * filemap_lookup_range: mm_filemap_get_pages / _fault / _map_pages; every
 *   cached page in [first, last] is looked up (made stable, read again if
 *   discarded) and released; returns the number of cached pages found.
 */
int filemap_add_page(struct address_space *mapping, pgoff_t index,
		     struct page *page);
struct page *filemap_delete_page(struct address_space *mapping,
				 pgoff_t index);
unsigned long filemap_lookup_range(struct address_space *mapping,
				   pgoff_t first, pgoff_t last);
/*
 * filemap_map_read: mm_filemap_fault / _map_pages: a user read of the
 *   first word of the vma's page i through its pte, no lookup. A page not
 *   mapped yet is looked up (stable) and mapped if cached, never read in;
 *   a page the host discarded takes the discard fault (it leaves the
 *   cache, as vma_access handles it, and is not read again). 0 with the
 *   word, -ENOENT if the page is not (or no longer) cached.
 */
struct vm_area_struct;
int filemap_map_read(struct vm_area_struct *vma, unsigned long i, u32 *word);

/* Internal to the page cache and the volatile code. */
void filemap_check_tag(struct page *page);
void filemap_check_tags(struct super_block *sb);
bool filemap_remove_page(struct address_space *mapping, struct page *page,
			 bool shadow);

/*
 * Mapped files (mm/filemap-mmap.c). A vma maps nr_pages of a file from
 * pgoff; ptes[] points at the mapped pages (NULL: not present). Accesses
 * go through vma_access(), which faults pages in and handles discard
 * faults (the page is removed and the access retried). A write dirties
 * the page (a software dirty bit); the host sees it by the change bit.
 */
struct vm_area_struct {
	struct address_space *mapping;
	pgoff_t pgoff;
	unsigned long nr_pages;
	spinlock_t ptl;			/* protects ptes */
	struct page **ptes;
	struct list_head shared;	/* on mapping->i_mmap */
	void *private;			/* the owner's (replay: its key) */
};

struct vm_area_struct *filemap_mmap(struct address_space *mapping,
				    pgoff_t pgoff, unsigned long nr_pages);
void filemap_munmap(struct vm_area_struct *vma);
/* addr is a byte offset in the vma; one page at most. 0 or -errno. */
int vma_access(struct vm_area_struct *vma, u64 addr, void *buf, size_t len,
	       bool write);
/* Remove page from every pte mapping it (rmap walk). */
void unmap_mapping_page(struct page *page);

/* Volatile page cache: linux/page-states.h. */

#endif
