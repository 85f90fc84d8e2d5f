/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hash map u64 -> u64: open addressing, linear probing, deletion by
 * backward shift (no tombstones). Maps trace pfns to our pages.
 */
#ifndef _PAGESTATES_U64MAP_H
#define _PAGESTATES_U64MAP_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

#define U64MAP_EMPTY	(~0ULL)		/* the one key that cannot be stored */

struct u64map_slot {
	u64 key;
	u64 val;
};

struct u64map {
	struct u64map_slot *slots;
	size_t mask;
	size_t count;
};

int u64map_init(struct u64map *m, size_t expected);
void u64map_free(struct u64map *m);
void u64map_clear(struct u64map *m);

static inline size_t u64map_hash(const struct u64map *m, u64 key)
{
	u64 h = key * 0x9e3779b97f4a7c15ULL;

	/* fold the high half in: keys may differ only in high bits */
	return (size_t)(h ^ (h >> 32)) & m->mask;
}

/* The value of key, or NULL. */
static inline u64 *u64map_get(const struct u64map *m, u64 key)
{
	size_t i = u64map_hash(m, key);

	for (;; i = (i + 1) & m->mask) {
		if (m->slots[i].key == key)
			return &m->slots[i].val;
		if (m->slots[i].key == U64MAP_EMPTY)
			return NULL;
	}
}

/* Insert key (value 0) if absent; its value slot, NULL without memory. */
u64 *u64map_put(struct u64map *m, u64 key, bool *created);
bool u64map_del(struct u64map *m, u64 key);

#define u64map_for_each(m, s)						\
	for ((s) = (m)->slots; (s) <= (m)->slots + (m)->mask; (s)++)	\
		if ((s)->key != U64MAP_EMPTY)

#endif
