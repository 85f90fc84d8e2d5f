// SPDX-License-Identifier: GPL-2.0
/*
 * Strategy "spill": pages on the per-cpu lists are not hinted. They are
 * hinted unused when they spill to the buddy lists (one batch, zone lock
 * held, before they merge) or are freed there directly, and stable when
 * they leave the buddy lists (one batch per refill, one request per
 * block otherwise). Only pages hinted unused are hinted stable again
 * (PG_state_unused): never used memory is logically zero at the host and
 * needs no hint, at boot or at its first allocation.
 *
 * "spill+volatile" frees and allocates the same way; its page cache part
 * is mm/page-states-volatile.c. The batch paths are in
 * mm/hint_strategy.c, the page-state tracking in mm/page-states.c.
 */
#include "page-states-internal.h"

/* A block about to enter the buddy lists directly. */
void hint_spill_free(struct page *page, unsigned int order)
{
	pages_mark_unused(page, order);
}
