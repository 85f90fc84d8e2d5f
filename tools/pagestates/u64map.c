// SPDX-License-Identifier: GPL-2.0
/* Hash map u64 -> u64 (see u64map.h). */
#include <stdlib.h>
#include <string.h>
#include "u64map.h"

static int alloc_slots(struct u64map *m, size_t nr)
{
	m->slots = malloc(nr * sizeof(*m->slots));
	if (!m->slots)
		return -1;
	memset(m->slots, 0xff, nr * sizeof(*m->slots));
	m->mask = nr - 1;
	m->count = 0;
	return 0;
}

int u64map_init(struct u64map *m, size_t expected)
{
	size_t nr = 64;

	while (nr < expected * 2)
		nr *= 2;
	return alloc_slots(m, nr);
}

void u64map_free(struct u64map *m)
{
	free(m->slots);
	m->slots = NULL;
}

void u64map_clear(struct u64map *m)
{
	memset(m->slots, 0xff, (m->mask + 1) * sizeof(*m->slots));
	m->count = 0;
}

static int grow(struct u64map *m)
{
	struct u64map_slot *old = m->slots;
	size_t i, old_nr = m->mask + 1;
	bool created;

	if (alloc_slots(m, old_nr * 2) < 0) {
		m->slots = old;
		m->mask = old_nr - 1;
		return -1;
	}
	for (i = 0; i < old_nr; i++)
		if (old[i].key != U64MAP_EMPTY)
			*u64map_put(m, old[i].key, &created) = old[i].val;
	free(old);
	return 0;
}

u64 *u64map_put(struct u64map *m, u64 key, bool *created)
{
	size_t i;

	if ((m->count + 1) * 2 > m->mask + 1 && grow(m) < 0)
		return NULL;
	for (i = u64map_hash(m, key);; i = (i + 1) & m->mask) {
		if (m->slots[i].key == key) {
			*created = false;
			return &m->slots[i].val;
		}
		if (m->slots[i].key == U64MAP_EMPTY)
			break;
	}
	m->slots[i].key = key;
	m->slots[i].val = 0;
	m->count++;
	*created = true;
	return &m->slots[i].val;
}

bool u64map_del(struct u64map *m, u64 key)
{
	size_t i = u64map_hash(m, key), j, home;

	for (;; i = (i + 1) & m->mask) {
		if (m->slots[i].key == U64MAP_EMPTY)
			return false;
		if (m->slots[i].key == key)
			break;
	}
	/* shift later members of the cluster back into the hole */
	for (j = i;;) {
		j = (j + 1) & m->mask;
		if (m->slots[j].key == U64MAP_EMPTY)
			break;
		home = u64map_hash(m, m->slots[j].key);
		if (((j - home) & m->mask) >= ((j - i) & m->mask)) {
			m->slots[i] = m->slots[j];
			i = j;
		}
	}
	m->slots[i].key = U64MAP_EMPTY;
	m->count--;
	return true;
}
