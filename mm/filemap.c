// SPDX-License-Identifier: GPL-2.0
/*
 * The page cache, modelled on Linux's mm/filemap.c.
 *
 * Each inode's address_space maps a file index to its cached page through
 * a hash (Linux: an xarray), protected by mapping->tree_lock. The cache
 * holds one reference per page; lookups take one for the caller under the
 * tree lock. Cached pages sit on their super block's LRU.
 *
 * The volatile page cache hooks in here: every lookup makes the page
 * stable (page_make_stable) and, if the host discarded it, drops it and
 * reads it again; unlock after read I/O, writeback end, LRU add and
 * activation try to make it volatile (page_make_volatile). A discarded
 * page leaves a shadow entry in the hash (as Linux leaves workingset
 * shadows), so its reread is counted as guest_rereads.
 */
#include <errno.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mmzone.h>
#include <linux/page-flags.h>
#include <linux/page-states.h>
#include <linux/pagemap.h>
#include <asm-generic/guest-memory.h>

#define ENTRY_SHADOW		1UL	/* discarded by the host */
#define INODE_HASH_SIZE		256
#define SHRINK_BATCH		32

static bool entry_is_page(unsigned long entry)
{
	return entry && !(entry & 1);
}

/* Guest memory access to one page. */
int filemap_page_access(struct page *page, size_t offset, void *buf,
			size_t len, bool write)
{
	unsigned long pfn = page_to_pfn(page);

	if (write)
		return guest_mem_write(pfn, offset, buf, len);
	return guest_mem_read(pfn, offset, buf, len);
}

/* The page lock. */
bool trylock_page(struct page *page)
{
	return !test_and_set_bit_lock(PG_locked, &page->flags);
}

void lock_page(struct page *page)
{
	while (!trylock_page(page))
		sched_yield();
}

void unlock_page(struct page *page)
{
	clear_bit_unlock(PG_locked, &page->flags);
	page_make_volatile(page, 1);
}

/* The per-mapping hash: open addressing, backward-shift deletion. */
static unsigned long slot_hash(pgoff_t index, unsigned long nr_slots)
{
	return (index * 0x9e3779b97f4a7c15ULL >> 17) & (nr_slots - 1);
}

static struct page_slot *slot_find(struct address_space *mapping,
				   pgoff_t index)
{
	unsigned long mask = mapping->nr_slots - 1;
	unsigned long i = slot_hash(index, mapping->nr_slots);

	while (mapping->slots[i].entry && mapping->slots[i].index != index)
		i = (i + 1) & mask;
	return &mapping->slots[i];
}

static int slots_grow(struct address_space *mapping)
{
	struct page_slot *old = mapping->slots;
	unsigned long old_nr = mapping->nr_slots, i;
	unsigned long nr = old_nr ? 2 * old_nr : 64;
	struct page_slot *slots = calloc(nr, sizeof(*slots));

	if (!slots)
		return -ENOMEM;
	mapping->slots = slots;
	mapping->nr_slots = nr;
	for (i = 0; i < old_nr; i++)
		if (old[i].entry)
			*slot_find(mapping, old[i].index) = old[i];
	free(old);
	return 0;
}

static void slot_delete(struct address_space *mapping, struct page_slot *slot)
{
	unsigned long mask = mapping->nr_slots - 1;
	unsigned long i = slot - mapping->slots, j, home;

	mapping->slots[i].entry = 0;
	mapping->nr_used--;
	for (j = (i + 1) & mask; mapping->slots[j].entry; j = (j + 1) & mask) {
		home = slot_hash(mapping->slots[j].index, mapping->nr_slots);
		if (((j - home) & mask) >= ((j - i) & mask)) {
			mapping->slots[i] = mapping->slots[j];
			mapping->slots[j].entry = 0;
			i = j;
		}
	}
}

/* Tree lock held: the page at index, or NULL. */
static struct page *slot_page(struct address_space *mapping, pgoff_t index)
{
	struct page_slot *slot;

	if (!mapping->nr_used)
		return NULL;
	slot = slot_find(mapping, index);
	return entry_is_page(slot->entry) ? (struct page *)slot->entry : NULL;
}

/* LRU. */
static void lru_cache_add(struct super_block *sb, struct page *page)
{
	spin_lock(&sb->lru_lock);
	list_add(&page->lru, &sb->lru);
	SetPageLRU(page);
	atomic_long_inc(&sb->nr_lru);
	spin_unlock(&sb->lru_lock);
}

static void lru_cache_del(struct super_block *sb, struct page *page)
{
	spin_lock(&sb->lru_lock);
	if (PageLRU(page)) {
		list_del_init(&page->lru);
		ClearPageLRU(page);
		atomic_long_dec(&sb->nr_lru);
	}
	spin_unlock(&sb->lru_lock);
}

void mark_page_accessed(struct page *page)
{
	SetPageReferenced(page);
	page_make_volatile(page, 1);
}

/*
 * Insert a locked page at index, taking the cache's reference. *shadow is
 * set if a discarded page's shadow was there (the read is a reread).
 */
static int __add_to_page_cache(struct page *page,
			       struct address_space *mapping, pgoff_t index,
			       bool *shadow)
{
	struct super_block *sb = mapping->host->i_sb;
	struct page_slot *slot;

	spin_lock(&mapping->tree_lock);
	if (2 * (mapping->nr_used + 1) > mapping->nr_slots &&
	    slots_grow(mapping)) {
		spin_unlock(&mapping->tree_lock);
		return -ENOMEM;
	}
	slot = slot_find(mapping, index);
	if (entry_is_page(slot->entry)) {
		spin_unlock(&mapping->tree_lock);
		return -EEXIST;
	}
	*shadow = slot->entry == ENTRY_SHADOW;
	if (*shadow)
		mapping->nrshadows--;
	else
		mapping->nr_used++;
	slot->index = index;
	slot->entry = (unsigned long)page;
	get_page(page);
	page->index = index;
	__atomic_store_n(&page->mapping, mapping, __ATOMIC_RELEASE);
	mapping->nrpages++;
	spin_unlock(&mapping->tree_lock);
	atomic_long_inc(&sb->nr_cached);
	lru_cache_add(sb, page);
	return 0;
}

int add_to_page_cache_lru(struct page *page, struct address_space *mapping,
			  pgoff_t index)
{
	bool shadow;

	return __add_to_page_cache(page, mapping, index, &shadow);
}

/* Tree lock held: unlink page from the hash (leaving a shadow or not). */
static void __remove_page(struct address_space *mapping, struct page *page,
			  struct page_slot *slot, bool shadow)
{
	if (shadow) {
		slot->entry = ENTRY_SHADOW;
		mapping->nrshadows++;
	} else {
		slot_delete(mapping, slot);
	}
	mapping->nrpages--;
	__atomic_store_n(&page->mapping, NULL, __ATOMIC_RELEASE);
}

/* Remove page if it is still cached in mapping; drops the cache's ref. */
bool filemap_remove_page(struct address_space *mapping, struct page *page,
			 bool shadow)
{
	struct super_block *sb = mapping->host->i_sb;
	struct page_slot *slot;
	bool removed = false;

	spin_lock(&mapping->tree_lock);
	if (page_mapping(page) == mapping) {
		slot = slot_find(mapping, page->index);
		if (slot->entry == (unsigned long)page) {
			__remove_page(mapping, page, slot, shadow);
			removed = true;
		}
	}
	spin_unlock(&mapping->tree_lock);
	if (!removed)
		return false;
	atomic_long_dec(&sb->nr_cached);
	lru_cache_del(sb, page);
	put_page(page);
	return true;
}

void delete_from_page_cache(struct page *page)
{
	struct address_space *mapping = page_mapping(page);

	if (mapping)
		filemap_remove_page(mapping, page, false);
}

/*
 * The host discarded page (the caller holds a reference): unmap it and
 * drop it from the page cache, leaving a shadow entry that counts the
 * reread (as Linux leaves workingset shadows).
 */
bool page_discard(struct page *page)
{
	struct address_space *mapping;

	unmap_mapping_page(page);
	mapping = page_mapping(page);
	return mapping && filemap_remove_page(mapping, page, true);
}

/* The page at index with a reference, without making it stable. */
static struct page *find_get_page_raw(struct address_space *mapping,
				      pgoff_t index)
{
	struct page *page;

	spin_lock(&mapping->tree_lock);
	page = slot_page(mapping, index);
	if (page)
		get_page(page);
	spin_unlock(&mapping->tree_lock);
	return page;
}

/*
 * Look up a page and make it stable; a page the host discarded is dropped
 * (the caller then reads it again). Returns the page with a reference.
 */
struct page *find_get_page(struct address_space *mapping, pgoff_t index)
{
	struct super_block *sb = mapping->host->i_sb;
	struct page *page;

	atomic_long_inc(&sb->st_lookups);
	for (;;) {
		page = find_get_page_raw(mapping, index);
		if (!page)
			return NULL;
		if (page_make_stable(page))
			break;
		if (page_discard(page))
			atomic_long_inc(&sb->st_discards_on_lookup);
		put_page(page);
	}
	atomic_long_inc(&sb->st_lookup_hits);
	return page;
}

/*
 * The page at index found by find (with a reference) and locked; looked
 * up again if it left the mapping while we waited for the lock.
 */
static struct page *lock_cached_page(struct address_space *mapping,
				     pgoff_t index,
				     struct page *(*find)(struct address_space *,
							  pgoff_t))
{
	struct page *page;

	for (;;) {
		page = find(mapping, index);
		if (!page)
			return NULL;
		lock_page(page);
		if (page_mapping(page) == mapping)
			return page;
		/* truncated or discarded while we waited */
		clear_bit_unlock(PG_locked, &page->flags);
		put_page(page);
	}
}

struct page *find_lock_page(struct address_space *mapping, pgoff_t index)
{
	return lock_cached_page(mapping, index, find_get_page);
}

/* Allocate a page for the cache, reclaiming cache pages if needed. */
static struct page *page_cache_alloc(struct super_block *sb)
{
	struct page *page;
	int tries;

	if (sb->max_pages &&
	    (unsigned long)atomic_long_read(&sb->nr_cached) >= sb->max_pages)
		shrink_page_cache(sb, SHRINK_BATCH);
	for (tries = 0; tries < 8; tries++) {
		page = alloc_page(GFP_HIGHUSER_MOVABLE);
		if (page) {
			__atomic_store_n(&page->mapping, NULL,
					 __ATOMIC_RELAXED);
			atomic_set(&page->_mapcount, 0);
			return page;
		}
		if (!shrink_page_cache(sb, SHRINK_BATCH))
			break;
	}
	return NULL;
}

/* Fill a locked, cached page from the backing store. */
static void read_page(struct address_space *mapping, struct page *page,
		      bool reread)
{
	struct inode *inode = mapping->host;
	struct super_block *sb = inode->i_sb;
	unsigned char buf[PAGE_SIZE];
	int err;

	if (reread)
		atomic_long_inc(&sb->st_rereads);
	if (sb->s_nodata) {
		u32 tag = backing_store_tag(inode, page->index);

		atomic_long_inc(&inode->i_store.reads);
		atomic_long_inc(&sb->st_store_reads);
		err = filemap_page_access(page, 0, &tag, sizeof(tag), true);
	} else {
		backing_store_read(inode, page->index, buf);
		err = filemap_page_access(page, 0, buf, PAGE_SIZE, true);
	}
	/* a host that stopped the guest (PGM_HOST_IO_ERROR) gave no data */
	if (err && err != PGM_HOST_IO_ERROR)
		atomic_long_inc(&sb->st_violations);
	/* the content matches the store: clean for the host (SSKE) */
	guest_mem_clear_dirty(page_to_pfn(page));
	SetPageUptodate(page);
}

void wait_on_page_locked(struct page *page)
{
	while (PageLocked(page))
		sched_yield();
}

/* The page at index, read from the backing store if not cached. */
struct page *read_cache_page(struct address_space *mapping, pgoff_t index)
{
	struct super_block *sb = mapping->host->i_sb;
	struct page *page;
	bool shadow;
	int err;

	for (;;) {
		page = find_get_page(mapping, index);
		if (page) {
			/* being read by somebody else */
			if (!PageUptodate(page))
				wait_on_page_locked(page);
			return page;
		}
		page = page_cache_alloc(sb);
		if (!page)
			return NULL;
		SetPageLocked(page);
		err = __add_to_page_cache(page, mapping, index, &shadow);
		if (!err)
			break;
		clear_bit_unlock(PG_locked, &page->flags);
		put_page(page);
		if (err != -EEXIST)
			return NULL;
	}
	read_page(mapping, page, shadow);
	unlock_page(page);
	return page;
}

/*
 * The cached page holding byte pos, read in if needed, with a reference;
 * *off: pos within the page, *n: how many of the len bytes lie in it.
 */
static struct page *get_io_page(struct address_space *mapping, u64 pos,
				size_t len, size_t *off, size_t *n)
{
	*off = pos % PAGE_SIZE;
	*n = min_t(size_t, len, PAGE_SIZE - *off);
	return read_cache_page(mapping, pos / PAGE_SIZE);
}

ssize_t filemap_read(struct inode *inode, u64 pos, void *buf, size_t len)
{
	struct address_space *mapping = &inode->i_data;
	size_t done = 0, off, n;
	struct page *page;

	if (pos >= inode->i_size)
		return 0;
	len = min_t(u64, len, inode->i_size - pos);
	while (done < len) {
		page = get_io_page(mapping, pos + done, len - done, &off, &n);
		if (!page)
			return done ? (ssize_t)done : -ENOMEM;
		/* the page is stable: a fault here is a broken invariant */
		if (filemap_page_access(page, off, (char *)buf + done, n,
					false))
			atomic_long_inc(&inode->i_sb->st_violations);
		mark_page_accessed(page);
		put_page(page);
		done += n;
	}
	return done;
}

void set_page_dirty(struct page *page)
{
	SetPageDirty(page);
}

ssize_t filemap_write(struct inode *inode, u64 pos, const void *buf,
		      size_t len)
{
	struct address_space *mapping = &inode->i_data;
	size_t done = 0, off, n;
	struct page *page;

	while (done < len) {
		page = get_io_page(mapping, pos + done, len - done, &off, &n);
		if (!page)
			return done ? (ssize_t)done : -ENOMEM;
		lock_page(page);
		if (page_mapping(page) != mapping) {
			/* truncated under us: try again */
			clear_bit_unlock(PG_locked, &page->flags);
			put_page(page);
			continue;
		}
		if (filemap_page_access(page, off, (void *)((char *)buf + done),
					n, true))
			atomic_long_inc(&inode->i_sb->st_violations);
		set_page_dirty(page);
		unlock_page(page);
		put_page(page);
		done += n;
	}
	if (pos + len > inode->i_size)
		inode->i_size = pos + len;
	return done;
}

void end_page_writeback(struct page *page)
{
	ClearPageWriteback(page);
	page_make_volatile(page, 1);
}

int write_one_page(struct page *page)
{
	struct address_space *mapping = page_mapping(page);
	unsigned char buf[PAGE_SIZE];
	int err = 0;

	if (!mapping || !PageDirty(page) || PageWriteback(page)) {
		unlock_page(page);
		return 0;
	}
	ClearPageDirty(page);
	/* clear_page_dirty_for_io: a write from now on dirties it again */
	guest_mem_clear_dirty(page_to_pfn(page));
	SetPageWriteback(page);
	unlock_page(page);
	if (filemap_page_access(page, 0, buf, PAGE_SIZE, false)) {
		atomic_long_inc(&mapping->host->i_sb->st_violations);
		err = -EIO;
	} else {
		backing_store_write(mapping->host, page->index, buf);
	}
	end_page_writeback(page);
	return err;
}

/* Grab references to every cached page of mapping (tree lock held). */
static struct page **gang_lookup(struct address_space *mapping,
				 unsigned long *nr)
{
	struct page **pages;
	unsigned long i, n = 0;

	pages = malloc((mapping->nrpages + 1) * sizeof(*pages));
	BUG_ON(!pages);
	for (i = 0; i < mapping->nr_slots; i++) {
		if (!entry_is_page(mapping->slots[i].entry))
			continue;
		pages[n] = (struct page *)mapping->slots[i].entry;
		get_page(pages[n++]);
	}
	*nr = n;
	return pages;
}

unsigned long filemap_writeback(struct address_space *mapping)
{
	unsigned long i, nr, written = 0;
	struct page **pages;

	spin_lock(&mapping->tree_lock);
	pages = gang_lookup(mapping, &nr);
	spin_unlock(&mapping->tree_lock);
	for (i = 0; i < nr; i++) {
		if (PageDirty(pages[i])) {
			lock_page(pages[i]);
			written += !write_one_page(pages[i]);
		}
		put_page(pages[i]);
	}
	free(pages);
	return written;
}

/* Drop every page and shadow of mapping (dirty pages are lost). */
void truncate_inode_pages(struct address_space *mapping)
{
	unsigned long i, nr;
	struct page **pages;

	spin_lock(&mapping->tree_lock);
	pages = gang_lookup(mapping, &nr);
	spin_unlock(&mapping->tree_lock);
	for (i = 0; i < nr; i++) {
		lock_page(pages[i]);
		unmap_mapping_page(pages[i]);
		ClearPageDirty(pages[i]);
		delete_from_page_cache(pages[i]);
		clear_bit_unlock(PG_locked, &pages[i]->flags);
		put_page(pages[i]);
	}
	free(pages);
	/* drop the shadows; slot_delete shifts the next entry into i */
	spin_lock(&mapping->tree_lock);
	for (i = 0; i < mapping->nr_slots;) {
		if (mapping->slots[i].entry == ENTRY_SHADOW) {
			slot_delete(mapping, &mapping->slots[i]);
			mapping->nrshadows--;
		} else {
			i++;
		}
	}
	spin_unlock(&mapping->tree_lock);
}

/* Isolated page (our reference, locked): evict it if nobody else uses it. */
static bool evict_page(struct page *page)
{
	struct address_space *mapping = page_mapping(page);
	struct super_block *sb;
	struct page_slot *slot;
	bool removed = false;

	if (!mapping || PageDirty(page) || PageWriteback(page) ||
	    page_mapcount(page))
		return false;
	sb = mapping->host->i_sb;
	spin_lock(&mapping->tree_lock);
	/* the cache's and ours: lookups take theirs under the tree lock */
	if (page_mapping(page) == mapping && page_count(page) == 2) {
		slot = slot_find(mapping, page->index);
		__remove_page(mapping, page, slot, false);
		removed = true;
	}
	spin_unlock(&mapping->tree_lock);
	if (removed) {
		atomic_long_dec(&sb->nr_cached);
		atomic_long_inc(&sb->st_evictions);
		put_page(page);	/* the cache's reference */
	}
	return removed;
}

/*
 * Put an isolated page back on the LRU if it is still cached; hook point
 * (LRU add: the caller holds one reference).
 */
static void putback_lru_page(struct super_block *sb, struct page *page)
{
	spin_lock(&sb->lru_lock);
	if (page_mapping(page) && !PageLRU(page)) {
		list_add(&page->lru, &sb->lru);
		SetPageLRU(page);
		atomic_long_inc(&sb->nr_lru);
	}
	spin_unlock(&sb->lru_lock);
	page_make_volatile(page, 1);
}

/*
 * Take the LRU's oldest page with a reference; a referenced one rotates
 * (NULL, *empty false). *empty: the LRU is empty.
 */
static struct page *isolate_lru_page(struct super_block *sb, bool *empty)
{
	struct page *page = NULL;

	spin_lock(&sb->lru_lock);
	*empty = list_empty(&sb->lru);
	if (!*empty) {
		page = list_last_entry(&sb->lru, struct page, lru);
		if (TestClearPageReferenced(page)) {
			list_move(&page->lru, &sb->lru);
			page = NULL;
		} else {
			list_del_init(&page->lru);
			ClearPageLRU(page);
			atomic_long_dec(&sb->nr_lru);
			get_page(page);
		}
	}
	spin_unlock(&sb->lru_lock);
	return page;
}

unsigned long shrink_page_cache(struct super_block *sb, unsigned long nr)
{
	unsigned long scan = 2 * atomic_long_read(&sb->nr_lru) + 1;
	unsigned long freed = 0;
	struct page *page;
	bool empty;

	while (freed < nr && scan--) {
		page = isolate_lru_page(sb, &empty);
		if (empty)
			break;
		if (!page)
			continue;
		if (trylock_page(page)) {
			if (PageDirty(page) && !page_mapcount(page)) {
				write_one_page(page);	/* unlocks */
				lock_page(page);
			}
			if (evict_page(page))
				freed++;
			clear_bit_unlock(PG_locked, &page->flags);
		}
		putback_lru_page(sb, page);
		put_page(page);
	}
	return freed;
}

/*
 * Every cached page of sb not volatile (the host may drop those: the
 * guest finds out when it uses them; pending ones are still stable) must
 * hold its tag; s_nodata only.
 */
void filemap_check_tags(struct super_block *sb)
{
	struct page *page;

	if (!sb->s_nodata)
		return;
	spin_lock(&sb->lru_lock);
	list_for_each_entry(page, &sb->lru, lru)
		if (page_mapping(page) && !PageStateVolatile(page))
			filemap_check_tag(page);
	spin_unlock(&sb->lru_lock);
}

/* Replay entry points (see pagemap.h). */

/*
 * A s_nodata page found in the cache must hold its tag: looked at where
 * the host keeps it, without an access (the trace shows a lookup, not
 * how the page is read). A zero or wrong word is lost content.
 */
void filemap_check_tag(struct page *page)
{
	struct inode *inode = page_mapping(page)->host;
	u32 word;

	if (guest_mem_peek_word(page_to_pfn(page), &word) == 0 &&
	    word != backing_store_tag(inode, page->index)) {
		pr_err("filemap: pfn %#lx, ino %lu index %lu: content lost (%#x)\n",
		       page_to_pfn(page), inode->i_ino,
		       (unsigned long)page->index, word);
		atomic_long_inc(&inode->i_sb->st_violations);
	}
}
int filemap_add_page(struct address_space *mapping, pgoff_t index,
		     struct page *page)
{
	bool shadow;
	int err;

	__atomic_store_n(&page->mapping, NULL, __ATOMIC_RELAXED);
	atomic_set(&page->_mapcount, 0);
	SetPageLocked(page);
	err = __add_to_page_cache(page, mapping, index, &shadow);
	if (err) {
		clear_bit_unlock(PG_locked, &page->flags);
		return err;
	}
	read_page(mapping, page, shadow);
	unlock_page(page);
	put_page(page);	/* the caller's reference */
	return 0;
}

/*
 * Like truncation or reclaim, deletion does not look the page up: it
 * leaves use, and a pending or volatile page is handled when freed.
 */
struct page *filemap_delete_page(struct address_space *mapping,
				 pgoff_t index)
{
	struct page *page = lock_cached_page(mapping, index, find_get_page_raw);

	if (!page)
		return NULL;
	unmap_mapping_page(page);
	ClearPageDirty(page);
	delete_from_page_cache(page);
	clear_bit_unlock(PG_locked, &page->flags);
	return page;
}

unsigned long filemap_lookup_range(struct address_space *mapping,
				   pgoff_t first, pgoff_t last)
{
	unsigned long found = 0;
	struct page *page;
	pgoff_t index;

	for (index = first; index <= last; index++) {
		page = find_get_page(mapping, index);
		if (!page)
			continue;
		found++;
		if (mapping->host->i_sb->s_nodata)
			filemap_check_tag(page);
		mark_page_accessed(page);
		put_page(page);
		if (index == (pgoff_t)-1)
			break;
	}
	return found;
}

/* Super blocks and inodes. */
static void address_space_init(struct address_space *mapping,
			       struct inode *inode)
{
	memset(mapping, 0, sizeof(*mapping));
	mapping->host = inode;
	spin_lock_init(&mapping->tree_lock);
	spin_lock_init(&mapping->i_mmap_lock);
	INIT_LIST_HEAD(&mapping->i_mmap);
}

static struct inode *inode_alloc(struct super_block *sb, unsigned long ino)
{
	struct inode *inode = calloc(1, sizeof(*inode));

	if (!inode)
		return NULL;
	inode->i_sb = sb;
	inode->i_ino = ino;
	inode->i_size = ~0ULL;
	address_space_init(&inode->i_data, inode);
	backing_store_init(&inode->i_store);
	return inode;
}

static void inode_free(struct inode *inode)
{
	truncate_inode_pages(&inode->i_data);
	BUG_ON(!list_empty(&inode->i_data.i_mmap));
	free(inode->i_data.slots);
	spin_lock_destroy(&inode->i_data.tree_lock);
	spin_lock_destroy(&inode->i_data.i_mmap_lock);
	backing_store_exit(&inode->i_store);
	free(inode);
}

struct super_block *sb_create(dev_t dev, unsigned long max_pages)
{
	struct super_block *sb = calloc(1, sizeof(*sb));

	if (!sb)
		return NULL;
	sb->s_inode_hash = calloc(INODE_HASH_SIZE, sizeof(*sb->s_inode_hash));
	if (!sb->s_inode_hash) {
		free(sb);
		return NULL;
	}
	sb->s_dev = dev;
	sb->s_inode_hash_size = INODE_HASH_SIZE;
	sb->max_pages = max_pages;
	spin_lock_init(&sb->s_inode_lock);
	spin_lock_init(&sb->lru_lock);
	INIT_LIST_HEAD(&sb->lru);
	return sb;
}

void sb_destroy(struct super_block *sb)
{
	struct inode *inode, *next;
	unsigned long i;

	for (i = 0; i < sb->s_inode_hash_size; i++) {
		for (inode = sb->s_inode_hash[i]; inode; inode = next) {
			next = inode->i_hash_next;
			inode_free(inode);
		}
	}
	BUG_ON(atomic_long_read(&sb->nr_cached));
	free(sb->s_inode_hash);
	spin_lock_destroy(&sb->s_inode_lock);
	spin_lock_destroy(&sb->lru_lock);
	free(sb);
}

static unsigned long inode_hash(unsigned long ino, unsigned long size)
{
	return (ino * 0x9e3779b97f4a7c15ULL >> 24) % size;
}

static struct inode **inode_bucket(struct super_block *sb, unsigned long ino)
{
	return &sb->s_inode_hash[inode_hash(ino, sb->s_inode_hash_size)];
}

/*
 * Double the hash once it holds twice as many inodes as buckets, so that
 * chains stay short (a trace may touch thousands of files). Without
 * memory the chains just grow. s_inode_lock held.
 */
static void inode_hash_grow(struct super_block *sb)
{
	unsigned long size = sb->s_inode_hash_size * 2, i;
	struct inode **hash = calloc(size, sizeof(*hash));
	struct inode *inode, *next, **bucket;

	if (!hash)
		return;
	for (i = 0; i < sb->s_inode_hash_size; i++) {
		for (inode = sb->s_inode_hash[i]; inode; inode = next) {
			next = inode->i_hash_next;
			bucket = &hash[inode_hash(inode->i_ino, size)];
			inode->i_hash_next = *bucket;
			*bucket = inode;
		}
	}
	free(sb->s_inode_hash);
	sb->s_inode_hash = hash;
	sb->s_inode_hash_size = size;
}

struct inode *ilookup(struct super_block *sb, unsigned long ino)
{
	struct inode *inode;

	spin_lock(&sb->s_inode_lock);
	for (inode = *inode_bucket(sb, ino); inode; inode = inode->i_hash_next)
		if (inode->i_ino == ino)
			break;
	spin_unlock(&sb->s_inode_lock);
	return inode;
}

struct inode *iget(struct super_block *sb, unsigned long ino)
{
	struct inode **bucket = inode_bucket(sb, ino), *inode;

	spin_lock(&sb->s_inode_lock);
	for (inode = *bucket; inode; inode = inode->i_hash_next)
		if (inode->i_ino == ino)
			break;
	if (!inode) {
		inode = inode_alloc(sb, ino);
		if (inode) {
			inode->i_hash_next = *bucket;
			*bucket = inode;
			sb->s_nr_inodes++;
			if (sb->s_nr_inodes > 2 * sb->s_inode_hash_size)
				inode_hash_grow(sb);
		}
	}
	spin_unlock(&sb->s_inode_lock);
	return inode;
}

void sb_get_stats(struct super_block *sb, struct filemap_stats *s)
{
	s->store_reads = atomic_long_read(&sb->st_store_reads);
	s->store_writes = atomic_long_read(&sb->st_store_writes);
	s->guest_rereads = atomic_long_read(&sb->st_rereads);
	s->lookups = atomic_long_read(&sb->st_lookups);
	s->lookup_hits = atomic_long_read(&sb->st_lookup_hits);
	s->discards_on_lookup = atomic_long_read(&sb->st_discards_on_lookup);
	s->discard_faults = atomic_long_read(&sb->st_discard_faults);
	s->evictions = atomic_long_read(&sb->st_evictions);
	s->violations = atomic_long_read(&sb->st_violations);
}

void sb_reset_stats(struct super_block *sb)
{
	atomic_long_t *c[] = {
		&sb->st_store_reads, &sb->st_store_writes, &sb->st_lookups,
		&sb->st_lookup_hits, &sb->st_rereads,
		&sb->st_discards_on_lookup, &sb->st_discard_faults,
		&sb->st_evictions, &sb->st_violations,
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(c); i++)
		atomic_long_set(c[i], 0);
}
