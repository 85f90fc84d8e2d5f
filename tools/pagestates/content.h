/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the replayed guest keeps in its pages: a tag per page in use, so
 * that the checker sees lost content (see content.c).
 */
#ifndef _PAGESTATES_CONTENT_H
#define _PAGESTATES_CONTENT_H

#include <linux/pagemap.h>
#include "u64map.h"

struct content {
	u32 *tag;		/* by our pfn: what we wrote last, 0: none */
	unsigned long nr_pages;
	u32 gen;		/* tags written so far */
	struct u64map windows;	/* (file, index / 64) -> its vma */
	u64 violations;
};

int content_init(struct content *c, unsigned long nr_pages);
/* Unmap every window (before the page cache goes). */
void content_unmap(struct content *c);
void content_free(struct content *c);

/* An allocated page: the guest writes a new tag into it. */
int content_write(struct content *c, struct page *page);
/* A page leaves our use (freed, or the page cache took it). */
void content_check(struct content *c, struct page *page, const char *when);
/* Every page holding a tag, as the checker runs. */
void content_check_all(struct content *c);
/* A user read of a cached page through a mapping (fault, map_pages). */
void content_map_read(struct content *c, struct address_space *mapping,
		      u32 file, pgoff_t index);

#endif
