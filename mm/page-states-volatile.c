// SPDX-License-Identifier: GPL-2.0
/*
 * The volatile page cache: clean page cache pages the host may discard.
 *
 * page_make_volatile() is called where a page cache page may have become
 * clean, unlocked and unused (unlock after read I/O, writeback end, unmap,
 * LRU add and activation). A page that meets every condition is not hinted
 * at once: it is queued in its node's volatile pending table. The table is
 * committed in one batch when it is full (at the next insertion: the
 * caller that queued the last page still uses it) or flushed; each page's
 * conditions are checked again then, and the survivors are set volatile
 * (potentially volatile when mapped: the host decides by the change bit).
 * A page made stable again or freed before the commit leaves the table
 * and costs no hint at all.
 *
 * page_make_stable() runs on every lookup. A page still pending is just
 * dequeued; a volatile one is set "stable if resident" (ESSA code 6). By
 * the result (the state before): resident, it is stable now; logically
 * zero, the content is gone, the page stays as it is at the host and the
 * caller removes it from the page cache and reads it again
 * (page_discard); preserved and still volatile (a KVM host pages volatile
 * pages out instead of discarding them), it is set stable (code 1), which
 * keeps the paged-out content.
 *
 * Locking: page-state changes of one page are serialised by its
 * PG_state_change bit lock, never by one big lock. PG_volatile_pending
 * changes only under that bit; the table's slots only under the table
 * lock; the order is bit lock, then table lock. The commit holds the
 * table lock and so only ever trylocks page bits, with interrupts off
 * (a page it holds may be freed from an interrupt, which waits for the
 * bit). page_make_volatile may run in interrupt context (writeback end):
 * it only trylocks.
 *
 * The commit sets PG_state_volatile before it reads the reference count
 * again, a lookup raises the count before it reads PG_state_volatile,
 * each with a full barrier in between: either the commit sees the new
 * reference and skips the page, or the lookup sees the flag and waits
 * for the bit lock to make it stable.
 */
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/pagemap.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/bit_spinlock.h>
#include <linux/vmstat.h>
#include <linux/page-states.h>
#include "page-states-internal.h"

enum vol_stat {
	VS_REQUESTS, VS_QUEUED, VS_DEQ_STABLE, VS_DEQ_FREE, VS_DROPPED_FULL,
	VS_COMMITS, VS_COMMITTED, VS_COMMITTED_POT, VS_REJECTED,
	VS_STABLE_HINTS, VS_FREE_HINTS, VS_DISCARDED, VS_VOLATILE_NOW,
	NR_VS,
};

struct volatile_table {
	spinlock_t lock;		/* slots, nr */
	spinlock_t commit_lock;		/* one commit at a time: batch, req */
	unsigned int capacity;		/* commit when nr reaches it */
	unsigned int nr;
	unsigned long mask;		/* nr_slots - 1 */
	struct page **slots;		/* open addressing on the pfn */
	struct page **batch;		/* [capacity] */
	struct page_state_req *req;	/* [capacity] */
	atomic_long_t st[NR_VS];
};

static void vs_add(struct volatile_table *vt, enum vol_stat s, long n)
{
	atomic_long_add(n, &vt->st[s]);
}

/* The per-page state-change bit lock. */
static bool page_state_trylock(struct page *page)
{
	return bit_spin_trylock(PG_state_change, &page->flags);
}

static void page_state_lock(struct page *page)
{
	bit_spin_lock(PG_state_change, &page->flags);
}

static void page_state_unlock(struct page *page)
{
	bit_spin_unlock(PG_state_change, &page->flags);
}

/*
 * The commit's own: interrupts are off and commit_lock is held, so these
 * need none of the bit spinlock's preemption counting (a commit holds up
 * to capacity of them).
 */
static bool commit_trylock(struct page *page)
{
	return !test_and_set_bit_lock(PG_state_change, &page->flags);
}

static void commit_unlock(struct page *page)
{
	clear_bit_unlock(PG_state_change, &page->flags);
}

/* The pending table. */
static void vt_free(struct volatile_table *vt)
{
	kvfree(vt->slots);
	kvfree(vt->batch);
	kvfree(vt->req);
	kfree(vt);
}

static struct volatile_table *vt_alloc(unsigned int capacity)
{
	struct volatile_table *vt = kzalloc(sizeof(*vt), GFP_KERNEL);
	unsigned long nr_slots = 2;

	if (!vt)
		return NULL;
	capacity = capacity ? capacity : 1;
	while (nr_slots < 2UL * capacity)
		nr_slots <<= 1;
	vt->capacity = capacity;
	vt->mask = nr_slots - 1;
	vt->slots = kvcalloc(nr_slots, sizeof(*vt->slots), GFP_KERNEL);
	vt->batch = kvcalloc(capacity, sizeof(*vt->batch), GFP_KERNEL);
	vt->req = kvcalloc(capacity, sizeof(*vt->req), GFP_KERNEL);
	if (!vt->slots || !vt->batch || !vt->req) {
		vt_free(vt);
		return NULL;
	}
	spin_lock_init(&vt->lock);
	spin_lock_init(&vt->commit_lock);
	return vt;
}

static struct volatile_table *vt_of(struct pglist_data *pgdat)
{
	/* pairs with the xchg that publishes a new table */
	return smp_load_acquire(&pgdat->page_states.volatile_table);
}

static unsigned long vt_hash(struct volatile_table *vt, struct page *page)
{
	return (page_to_pfn(page) * 0x9e3779b97f4a7c15ULL >> 20) & vt->mask;
}

/* Table lock held; there is room (nr < capacity <= nr_slots / 2). */
static void vt_insert(struct volatile_table *vt, struct page *page)
{
	unsigned long i = vt_hash(vt, page);

	while (vt->slots[i])
		i = (i + 1) & vt->mask;
	vt->slots[i] = page;
	WRITE_ONCE(vt->nr, vt->nr + 1);
}

/* Table lock held; linear probing with backward-shift deletion. */
static void vt_remove(struct volatile_table *vt, struct page *page)
{
	unsigned long i = vt_hash(vt, page), j, home;

	while (vt->slots[i] != page) {
		/* only pages with PG_volatile_pending are looked for */
		if (WARN_ON_ONCE(!vt->slots[i]))
			return;
		i = (i + 1) & vt->mask;
	}
	vt->slots[i] = NULL;
	WRITE_ONCE(vt->nr, vt->nr - 1);
	for (j = (i + 1) & vt->mask; vt->slots[j]; j = (j + 1) & vt->mask) {
		home = vt_hash(vt, vt->slots[j]);
		/* move j back to i unless its home lies in (i, j] */
		if (((j - home) & vt->mask) >= ((j - i) & vt->mask)) {
			vt->slots[i] = vt->slots[j];
			vt->slots[j] = NULL;
			i = j;
		}
	}
}

/* Page bit lock held: take page out of the table if it is pending. */
static bool vt_dequeue(struct volatile_table *vt, struct page *page)
{
	unsigned long flags;

	if (!vt || !PageVolatilePending(page))
		return false;
	spin_lock_irqsave(&vt->lock, flags);
	vt_remove(vt, page);
	ClearPageVolatilePending(page);
	spin_unlock_irqrestore(&vt->lock, flags);
	return true;
}

bool page_volatile_active(struct page *page)
{
	return page_states_active() &&
	       page_states_strategy(page_pgdat(page)) == HINT_SPILL_VOLATILE;
}

/*
 * The conditions of the 2009 series: the host may discard the page and
 * the discard handler can undo every reference but the page cache's and
 * the mappers' (plus offset, which the caller holds and drops).
 */
static bool page_can_be_volatile(struct page *page, unsigned int offset)
{
	if (PageReserved(page) || PageDirty(page) || PageWriteback(page) ||
	    PageLocked(page) || PageAnon(page) || PagePrivate(page) ||
	    PageDiscarded(page) || !PageUptodate(page) || !page_mapping(page))
		return false;
	return page_count(page) == 1 + page_mapcount(page) + (int)offset;
}

static void volatile_commit(struct volatile_table *vt, bool wait);

void page_make_volatile(struct page *page, unsigned int offset)
{
	struct volatile_table *vt;
	unsigned long flags;

	if (!page_volatile_active(page))
		return;
	if (PageStateVolatile(page) || PageVolatilePending(page) ||
	    !page_can_be_volatile(page, offset))
		return;
	vt = vt_of(page_pgdat(page));
	if (!vt)
		return;
	vs_add(vt, VS_REQUESTS, 1);
	/*
	 * A full table is committed before the new page goes in: the caller
	 * still holds its reference (offset) and uses the page, so the page
	 * waits in the table for the next commit.
	 */
	if (READ_ONCE(vt->nr) >= vt->capacity)
		volatile_commit(vt, false);
	/* Somebody else is changing the page's state: leave it to them. */
	if (!page_state_trylock(page))
		return;
	if (!PageStateVolatile(page) && !PageVolatilePending(page) &&
	    page_can_be_volatile(page, offset)) {
		spin_lock_irqsave(&vt->lock, flags);
		if (vt->nr < vt->capacity) {
			vt_insert(vt, page);
			SetPageVolatilePending(page);
			vs_add(vt, VS_QUEUED, 1);
		} else {
			vs_add(vt, VS_DROPPED_FULL, 1);
		}
		spin_unlock_irqrestore(&vt->lock, flags);
	}
	page_state_unlock(page);
}

/* Take every pending page whose bit lock we get out of the table. */
static unsigned int commit_collect(struct volatile_table *vt)
{
	unsigned int n = 0;
	unsigned long i;
	struct page *page;

	spin_lock(&vt->lock);
	for (i = 0; i <= vt->mask && n < vt->capacity; i++) {
		page = vt->slots[i];
		if (page && commit_trylock(page))
			vt->batch[n++] = page;
	}
	for (i = 0; i < n; i++) {
		vt_remove(vt, vt->batch[i]);
		ClearPageVolatilePending(vt->batch[i]);
	}
	spin_unlock(&vt->lock);
	return n;
}

/*
 * Commit: re-check each collected page (bit locks held) and set the
 * survivors volatile in one batch. PG_state_volatile goes up before the
 * reference count is read again (see the top of this file).
 */
static void volatile_commit(struct volatile_table *vt, bool wait)
{
	unsigned int n, i, nr = 0, nr_pot = 0;
	unsigned long flags;
	struct page *page;

	if (wait)
		spin_lock_irqsave(&vt->commit_lock, flags);
	else if (!spin_trylock_irqsave(&vt->commit_lock, flags))
		return;
	n = commit_collect(vt);
	for (i = 0; i < n; i++) {
		page = vt->batch[i];
		SetPageStateVolatile(page);
		/* the flag before the reference count: see the top */
		smp_mb__after_atomic();
		if (!page_can_be_volatile(page, 0) &&
		    !page_states_bug(PAGE_STATES_BUG_COMMIT_NO_RECHECK)) {
			ClearPageStateVolatile(page);
			commit_unlock(page);
			continue;
		}
		vt->batch[nr] = page;
		vt->req[nr] = (struct page_state_req) {
			.pfn = page_to_pfn(page),
			.op = page_mapcount(page) ? PAGE_STATE_POT_VOLATILE :
						   PAGE_STATE_VOLATILE,
		};
		nr_pot += page_mapcount(page) ? 1 : 0;
		nr++;
	}
	page_states_point(PAGE_STATES_AT_COMMIT);
	page_set_states(vt->req, nr);
	for (i = 0; i < nr; i++)
		commit_unlock(vt->batch[i]);
	if (n)
		count_vm_event(PAGE_STATES_COMMITS);
	count_vm_events(PAGE_STATES_VOLATILE, nr);
	vs_add(vt, VS_COMMITS, n ? 1 : 0);
	vs_add(vt, VS_COMMITTED, nr);
	vs_add(vt, VS_COMMITTED_POT, nr_pot);
	vs_add(vt, VS_REJECTED, n - nr);
	vs_add(vt, VS_VOLATILE_NOW, nr);
	spin_unlock_irqrestore(&vt->commit_lock, flags);
}

void page_volatile_flush(void)
{
	struct volatile_table *vt;
	struct pglist_data *pgdat;

	for_each_online_pgdat(pgdat) {
		vt = vt_of(pgdat);
		if (vt)
			volatile_commit(vt, true);
	}
}

/* The content is gone: logically zero at the host, whatever the usage. */
static bool result_discarded(u8 result)
{
	return (result & PAGE_STATE_RES_HOST_MASK) == PAGE_STATE_RES_ZERO;
}

/*
 * Code 6 left a page volatile that the host had paged out (a KVM host
 * does that to volatile pages): usage V or P, preserved. Its content is
 * kept, so setting it stable keeps it.
 */
static bool result_still_volatile(u8 result)
{
	u8 usage = result & PAGE_STATE_RES_USAGE_MASK;

	return (usage == PAGE_STATE_RES_VOLATILE ||
		usage == PAGE_STATE_RES_POT_VOLATILE) &&
	       (result & PAGE_STATE_RES_HOST_MASK) != PAGE_STATE_RES_RESIDENT;
}

/* Bit lock held: the host discarded page; remember it once. */
static void mark_discarded(struct volatile_table *vt, struct page *page)
{
	if (TestSetPageDiscarded(page))
		return;
	count_vm_event(PAGE_STATES_DISCARDS);
	if (vt)
		vs_add(vt, VS_DISCARDED, 1);
}

/* Bit lock held, page volatile at the host: 1 stable, 0 discarded. */
static int set_stable_if_resident(struct volatile_table *vt,
				  struct page *page)
{
	struct page_state_req req = {
		.pfn = page_to_pfn(page),
		.op = PAGE_STATE_STABLE_IF_RESIDENT,
	};

	page_set_states(&req, 1);
	if (result_discarded(req.result)) {
		mark_discarded(vt, page);
		return 0;
	}
	if (result_still_volatile(req.result)) {
		req.op = PAGE_STATE_STABLE;
		page_set_states(&req, 1);
	}
	ClearPageStateVolatile(page);
	if (vt) {
		vs_add(vt, VS_STABLE_HINTS, 1);
		vs_add(vt, VS_VOLATILE_NOW, -1);
	}
	return 1;
}

int page_make_stable(struct page *page)
{
	struct volatile_table *vt;
	int ret = 1;

	/* the caller's new reference before the flags: see the top */
	smp_mb();
	if (!PageStateVolatile(page) && !PageVolatilePending(page) &&
	    !PageDiscarded(page))
		return 1;
	vt = vt_of(page_pgdat(page));
	page_state_lock(page);
	if (PageDiscarded(page))
		ret = 0;
	else if (vt_dequeue(vt, page))
		vs_add(vt, VS_DEQ_STABLE, 1);
	else if (PageStateVolatile(page))
		ret = set_stable_if_resident(vt, page);
	page_state_unlock(page);
	return ret;
}

void page_volatile_free(struct page *page)
{
	struct volatile_table *vt;
	struct page_state_req req;

	/*
	 * A commit takes the bit lock before it clears PG_volatile_pending:
	 * one look at the flags word sees either, and the lock below waits
	 * for the commit to finish.
	 */
	if (!(READ_ONCE(page->flags) &
	      (BIT(PG_state_volatile) | BIT(PG_volatile_pending) |
	       BIT(PG_discarded) | BIT(PG_state_change))))
		return;
	vt = vt_of(page_pgdat(page));
	page_state_lock(page);
	if (vt_dequeue(vt, page))
		vs_add(vt, VS_DEQ_FREE, 1);
	if (PageStateVolatile(page)) {
		/* a free page must be stable at the host (even if zero) */
		req = (struct page_state_req){ .pfn = page_to_pfn(page),
					       .op = PAGE_STATE_STABLE };
		if (!page_states_bug(PAGE_STATES_BUG_FREE_VOLATILE))
			page_set_states(&req, 1);
		ClearPageStateVolatile(page);
		if (vt) {
			vs_add(vt, VS_FREE_HINTS, 1);
			vs_add(vt, VS_VOLATILE_NOW, -1);
		}
	}
	ClearPageDiscarded(page);
	page_state_unlock(page);
}

int do_discard_fault(struct page *page)
{
	struct volatile_table *vt = vt_of(page_pgdat(page));
	int ret = 0;

	page_state_lock(page);
	/* the host may only discard what the guest made volatile */
	if (!PageStateVolatile(page))
		ret = -EINVAL;
	mark_discarded(vt, page);
	page_state_unlock(page);
	page_discard(page);
	return ret;
}

/* Forget a table no cpu uses any more; its pages stay unhinted. */
static void vt_drop(struct volatile_table *vt)
{
	unsigned long i;

	for (i = 0; i <= vt->mask; i++)
		if (vt->slots[i])
			ClearPageVolatilePending(vt->slots[i]);
	vt_free(vt);
}

static int volatile_table_setup(struct pglist_data *pgdat,
				unsigned int capacity)
{
	struct volatile_table *vt = vt_alloc(capacity), *old;

	if (!vt)
		return -ENOMEM;
	old = xchg(&pgdat->page_states.volatile_table, vt);
	if (old) {
		volatile_commit(old, true);
		vt_drop(old);
	}
	return 0;
}

int page_volatile_setup(unsigned int capacity)
{
	return volatile_table_setup(NODE_DATA(numa_node_id()), capacity);
}

int page_volatile_node_init(struct pglist_data *pgdat)
{
	if (vt_of(pgdat))
		return 0;
	return volatile_table_setup(pgdat, PAGE_VOLATILE_DEFAULT_CAPACITY);
}

void page_volatile_node_exit(struct pglist_data *pgdat)
{
	struct volatile_table *vt;

	vt = xchg(&pgdat->page_states.volatile_table, NULL);
	if (vt)
		vt_drop(vt);
}

void page_volatile_get_stats(struct page_volatile_stats *s)
{
	struct volatile_table *vt = vt_of(NODE_DATA(numa_node_id()));
	unsigned long flags;

	*s = (struct page_volatile_stats){ 0 };
	if (!vt)
		return;
	s->requests = atomic_long_read(&vt->st[VS_REQUESTS]);
	s->queued = atomic_long_read(&vt->st[VS_QUEUED]);
	s->dequeued_stable = atomic_long_read(&vt->st[VS_DEQ_STABLE]);
	s->dequeued_free = atomic_long_read(&vt->st[VS_DEQ_FREE]);
	s->dropped_full = atomic_long_read(&vt->st[VS_DROPPED_FULL]);
	s->commits = atomic_long_read(&vt->st[VS_COMMITS]);
	s->committed = atomic_long_read(&vt->st[VS_COMMITTED]);
	s->committed_pot = atomic_long_read(&vt->st[VS_COMMITTED_POT]);
	s->rejected = atomic_long_read(&vt->st[VS_REJECTED]);
	s->stable_hints = atomic_long_read(&vt->st[VS_STABLE_HINTS]);
	s->free_hints = atomic_long_read(&vt->st[VS_FREE_HINTS]);
	s->discarded = atomic_long_read(&vt->st[VS_DISCARDED]);
	s->volatile_now = atomic_long_read(&vt->st[VS_VOLATILE_NOW]);
	spin_lock_irqsave(&vt->lock, flags);
	s->pending = vt->nr;
	spin_unlock_irqrestore(&vt->lock, flags);
}

void page_volatile_reset_stats(void)
{
	struct volatile_table *vt = vt_of(NODE_DATA(numa_node_id()));
	int i;

	if (!vt)
		return;
	for (i = 0; i < NR_VS; i++)
		if (i != VS_VOLATILE_NOW)
			atomic_long_set(&vt->st[i], 0);
}
