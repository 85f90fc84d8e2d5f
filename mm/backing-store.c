// SPDX-License-Identifier: GPL-2.0
/*
 * The backing store of a file: what a read from disk returns.
 *
 * A page never written back has generated content, a hash of (dev, ino,
 * index, word), so readers can verify every byte without keeping copies;
 * a written page is kept by content. Reads and writes are counted per
 * file and per super block.
 */
#include <stdlib.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/fs.h>

#define STORE_EMPTY	((pgoff_t)-1)

static u64 mix64(u64 x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static void generate_content(const struct inode *inode, pgoff_t index,
			     void *buf)
{
	u64 seed = mix64(((u64)inode->i_sb->s_dev << 40) ^ inode->i_ino);
	u64 *word = buf;
	unsigned int i;

	seed = mix64(seed ^ mix64(index));
	for (i = 0; i < PAGE_SIZE / sizeof(u64); i++)
		word[i] = mix64(seed + i);
}

u32 backing_store_tag(const struct inode *inode, pgoff_t index)
{
	u64 seed = mix64(((u64)inode->i_sb->s_dev << 40) ^ inode->i_ino);

	return (u32)mix64(seed ^ mix64(index)) | 1;
}

void backing_store_init(struct backing_store *store)
{
	spin_lock_init(&store->lock);
	store->written = NULL;
	store->nr_slots = 0;
	store->nr_written = 0;
	atomic_long_set(&store->reads, 0);
	atomic_long_set(&store->writes, 0);
}

void backing_store_exit(struct backing_store *store)
{
	unsigned long i;

	for (i = 0; i < store->nr_slots; i++)
		if (store->written[i].index != STORE_EMPTY)
			free((void *)store->written[i].entry);
	free(store->written);
	spin_lock_destroy(&store->lock);
}

static unsigned long store_hash(pgoff_t index, unsigned long nr_slots)
{
	return mix64(index) & (nr_slots - 1);
}

/* Slot of index, or the empty slot where it would go. Lock held. */
static struct page_slot *store_slot(struct backing_store *store,
				    pgoff_t index)
{
	unsigned long i = store_hash(index, store->nr_slots);

	while (store->written[i].index != STORE_EMPTY &&
	       store->written[i].index != index)
		i = (i + 1) & (store->nr_slots - 1);
	return &store->written[i];
}

static int store_grow(struct backing_store *store)
{
	struct page_slot *old = store->written;
	unsigned long old_nr = store->nr_slots, i;
	unsigned long nr = old_nr ? old_nr * 2 : 16;

	store->written = malloc(nr * sizeof(*store->written));
	if (!store->written) {
		store->written = old;
		return -1;
	}
	store->nr_slots = nr;
	for (i = 0; i < nr; i++)
		store->written[i].index = STORE_EMPTY;
	for (i = 0; i < old_nr; i++)
		if (old[i].index != STORE_EMPTY)
			*store_slot(store, old[i].index) = old[i];
	free(old);
	return 0;
}

void backing_store_content(struct inode *inode, pgoff_t index, void *buf)
{
	struct backing_store *store = &inode->i_store;
	struct page_slot *slot = NULL;

	spin_lock(&store->lock);
	if (store->nr_written)
		slot = store_slot(store, index);
	if (slot && slot->index == index)
		memcpy(buf, (void *)slot->entry, PAGE_SIZE);
	else
		generate_content(inode, index, buf);
	spin_unlock(&store->lock);
}

void backing_store_read(struct inode *inode, pgoff_t index, void *buf)
{
	backing_store_content(inode, index, buf);
	atomic_long_inc(&inode->i_store.reads);
	atomic_long_inc(&inode->i_sb->st_store_reads);
}

void backing_store_write(struct inode *inode, pgoff_t index, const void *buf)
{
	struct backing_store *store = &inode->i_store;
	struct page_slot *slot;

	spin_lock(&store->lock);
	if (2 * (store->nr_written + 1) > store->nr_slots &&
	    store_grow(store))
		BUG();
	slot = store_slot(store, index);
	if (slot->index != index) {
		slot->index = index;
		slot->entry = (unsigned long)malloc(PAGE_SIZE);
		BUG_ON(!slot->entry);
		store->nr_written++;
	}
	memcpy((void *)slot->entry, buf, PAGE_SIZE);
	spin_unlock(&store->lock);
	atomic_long_inc(&store->writes);
	atomic_long_inc(&inode->i_sb->st_store_writes);
}
