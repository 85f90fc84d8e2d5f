/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Files as the page cache sees them: a super_block per device, an inode
 * per file, an address_space per inode (its page cache) and a backing
 * store per inode (the "disk").
 *
 * The backing store's content is deterministic per (dev, ino, index) until
 * a page is written back, so every read can be verified; its reads and
 * writes are counted. A super block also holds its pages' LRU (Linux keeps
 * one per node; here a guest mounts one or a few devices).
 */
#ifndef _LINUX_FS_H
#define _LINUX_FS_H

#include <linux/types.h>
#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/atomic.h>
#include <linux/mm_types.h>

struct super_block;
struct inode;

/* One slot of an address_space's page hash (index -> page or shadow). */
struct page_slot {
	pgoff_t index;
	unsigned long entry;	/* struct page *, or a shadow (bit 0 set) */
};

/* The page cache of one file (Linux: struct address_space, i_pages). */
struct address_space {
	struct inode *host;
	spinlock_t tree_lock;		/* protects the slots */
	struct page_slot *slots;	/* open addressing, power of two */
	unsigned long nr_slots;
	unsigned long nr_used;		/* pages + shadows */
	unsigned long nrpages;
	unsigned long nrshadows;	/* discarded pages not read again */
	spinlock_t i_mmap_lock;		/* protects i_mmap */
	struct list_head i_mmap;	/* vm_area_structs mapping this file */
};

/* Pages written back, kept by content; the others are generated. */
struct backing_store {
	spinlock_t lock;
	struct page_slot *written;	/* index -> malloc'ed page copy */
	unsigned long nr_slots;
	unsigned long nr_written;
	atomic_long_t reads;		/* pages read from the store */
	atomic_long_t writes;		/* pages written to the store */
};

struct inode {
	struct super_block *i_sb;
	unsigned long i_ino;
	u64 i_size;			/* bytes; readers stop here */
	struct inode *i_hash_next;	/* sb inode hash chain */
	struct address_space i_data;
	struct backing_store i_store;
};

/* Page cache statistics of one super block (DESIGN.md section 7 names). */
struct filemap_stats {
	unsigned long store_reads;	/* pages read from backing stores */
	unsigned long store_writes;	/* pages written back */
	unsigned long guest_rereads;	/* reads of a page the host discarded */
	unsigned long lookups;		/* page cache lookups */
	unsigned long lookup_hits;
	unsigned long discards_on_lookup; /* lookup found the page discarded */
	unsigned long discard_faults;	/* mapped access hit a discarded page */
	unsigned long evictions;	/* pages the guest reclaimed */
	unsigned long violations;	/* wrong bytes or unexpected fault */
};

struct super_block {
	dev_t s_dev;
	spinlock_t s_inode_lock;
	struct inode **s_inode_hash;
	unsigned long s_inode_hash_size;
	unsigned long s_nr_inodes;
	/* LRU of this device's page cache pages (oldest at the tail). */
	spinlock_t lru_lock;
	struct list_head lru;
	atomic_long_t nr_lru;
	atomic_long_t nr_cached;	/* pages in all its address_spaces */
	unsigned long max_pages;	/* 0: until the allocator fails */
	/*
	 * reads write only a tag, the page's first word (backing_store_tag),
	 * and lookups check it: no other content (trace replay speed)
	 */
	bool s_nodata;
	/* Statistics (atomic; read with sb_get_stats). */
	atomic_long_t st_store_reads;
	atomic_long_t st_store_writes;
	atomic_long_t st_lookups;
	atomic_long_t st_lookup_hits;
	atomic_long_t st_rereads;
	atomic_long_t st_discards_on_lookup;
	atomic_long_t st_discard_faults;
	atomic_long_t st_evictions;
	atomic_long_t st_violations;
};

/* Super blocks and inodes (mm/filemap.c). */
struct super_block *sb_create(dev_t dev, unsigned long max_pages);
void sb_destroy(struct super_block *sb);	/* drops every cached page */
struct inode *iget(struct super_block *sb, unsigned long ino);
struct inode *ilookup(struct super_block *sb, unsigned long ino);
void sb_get_stats(struct super_block *sb, struct filemap_stats *stats);
void sb_reset_stats(struct super_block *sb);

/* Backing store (mm/backing-store.c). */
void backing_store_init(struct backing_store *store);
void backing_store_exit(struct backing_store *store);
/* The current content of (inode, index): not counted, for verification. */
void backing_store_content(struct inode *inode, pgoff_t index, void *buf);
/* The first word of a s_nodata page: a hash of (dev, ino, index), never 0. */
u32 backing_store_tag(const struct inode *inode, pgoff_t index);
/* A read or a write of one page, counted. */
void backing_store_read(struct inode *inode, pgoff_t index, void *buf);
void backing_store_write(struct inode *inode, pgoff_t index, const void *buf);

#endif
