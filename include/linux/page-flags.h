/* SPDX-License-Identifier: GPL-2.0 */
/* Page flags: the kernel's, plus the ones page-state hinting needs. */
#ifndef _LINUX_PAGE_FLAGS_H
#define _LINUX_PAGE_FLAGS_H

#include <linux/bitops.h>
#include <linux/mm_types.h>

enum pageflags {
	PG_locked,
	PG_referenced,
	PG_uptodate,
	PG_dirty,
	PG_lru,
	PG_active,
	PG_private,
	PG_writeback,
	PG_anon,		/* anonymous (not file backed) */
	PG_reserved,		/* never given to the buddy allocator */
	PG_buddy,		/* head of a free block in free_area[] */
	PG_pcp,			/* on a per-cpu free list */
	PG_reported,		/* free block reported (report strategy) */
	/* guest page-state hinting */
	PG_state_unused,	/* guest told the host: unused */
	PG_state_volatile,	/* guest told the host: volatile/pot. vol. */
	PG_state_change,	/* state change in progress (bit lock) */
	PG_volatile_pending,	/* queued in the volatile pending table */
	PG_discarded,		/* host discarded the content */
	PG_hint_pending,	/* unused hint issued, not landed yet */
	__NR_PAGEFLAGS,
};

#define PAGEFLAG(uname, lname)						\
static inline bool Page##uname(const struct page *page)		\
{ return test_bit(PG_##lname, &page->flags); }				\
static inline void SetPage##uname(struct page *page)			\
{ set_bit(PG_##lname, &page->flags); }					\
static inline void ClearPage##uname(struct page *page)			\
{ clear_bit(PG_##lname, &page->flags); }				\
static inline bool TestSetPage##uname(struct page *page)		\
{ return test_and_set_bit(PG_##lname, &page->flags); }			\
static inline bool TestClearPage##uname(struct page *page)		\
{ return test_and_clear_bit(PG_##lname, &page->flags); }

PAGEFLAG(Locked, locked)
PAGEFLAG(Referenced, referenced)
PAGEFLAG(Uptodate, uptodate)
PAGEFLAG(Dirty, dirty)
PAGEFLAG(LRU, lru)
PAGEFLAG(Active, active)
PAGEFLAG(Private, private)
PAGEFLAG(Writeback, writeback)
PAGEFLAG(Anon, anon)
PAGEFLAG(Reserved, reserved)
PAGEFLAG(Buddy, buddy)
PAGEFLAG(Pcp, pcp)
PAGEFLAG(Reported, reported)
PAGEFLAG(StateUnused, state_unused)
PAGEFLAG(StateVolatile, state_volatile)
PAGEFLAG(VolatilePending, volatile_pending)
PAGEFLAG(Discarded, discarded)
PAGEFLAG(HintPending, hint_pending)

#endif
