/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Guest page-state hinting: the generic API.
 *
 * The memory management code tells the host, page by page or in batches,
 * whether a page's content still matters:
 *   stable    content needed
 *   unused    content of no interest; the host may drop it
 *   volatile  content the guest can recreate (clean page cache)
 *   potentially volatile  mapped: volatile if the host sees it clean
 *
 * An architecture supplies a struct page_states_backend (a probe and one
 * batched primitive, Documentation/porting.rst). The page allocator and
 * the page cache call the hooks below at their hook points; the run-time
 * strategy (boot parameter page_states=) decides what each hook does.
 * Without CONFIG_PAGE_STATES every hook is an empty inline.
 */
#ifndef _LINUX_PAGE_STATES_H
#define _LINUX_PAGE_STATES_H

#include <linux/types.h>
#include <linux/errno.h>
#include <linux/jump_label.h>

struct page;
struct zone;
struct pglist_data;

/*
 * Requested state. The values are the s390 ESSA operation request codes,
 * so the s390 backend passes them through unchanged; other ports map them.
 */
enum page_state_op {
	PAGE_STATE_EXTRACT = 0,		/* only read the current state */
	PAGE_STATE_STABLE = 1,
	PAGE_STATE_UNUSED = 2,
	PAGE_STATE_VOLATILE = 3,
	PAGE_STATE_POT_VOLATILE = 4,
	PAGE_STATE_STABLE_RESIDENT = 5,	/* stable and make resident */
	PAGE_STATE_STABLE_IF_RESIDENT = 6, /* stable unless discarded */
	PAGE_STATE_STABLE_NODAT = 7,	/* stable, not a DAT table (s390) */
};

/*
 * Result: the state before the operation, in the ESSA result layout.
 * Ports without a result report 0 (stable, resident).
 */
#define PAGE_STATE_RES_HOST_MASK	0x03
#define PAGE_STATE_RES_RESIDENT		0x00
#define PAGE_STATE_RES_PRESERVED	0x02
#define PAGE_STATE_RES_ZERO		0x03	/* dropped; for V: discarded */
#define PAGE_STATE_RES_USAGE_MASK	0x0c
#define PAGE_STATE_RES_STABLE		0x00
#define PAGE_STATE_RES_UNUSED		0x04
#define PAGE_STATE_RES_POT_VOLATILE	0x08
#define PAGE_STATE_RES_VOLATILE		0x0c
#define PAGE_STATE_RES_EXCEPTION	0x10
#define PAGE_STATE_RES_NODAT		0x20

/* One request of a batch: 2^order pages from pfn, all set to op. */
struct page_state_req {
	unsigned long pfn;
	u8 order;
	u8 op;			/* enum page_state_op */
	u8 result;		/* out: state before, of the first page */
};

/*
 * What an architecture supplies.
 *
 * probe:      called once at boot; returns 0 when the host takes hints, a
 *             negative errno when it does not (then no hint is ever
 *             issued).
 * set_states: apply nr requests in order, fill each req->result; called
 *             with interrupts off and the zone lock held, or from the
 *             page cache in any context: must not sleep or allocate.
 *             Returns the number of page-state changes issued (the sum of
 *             2^order).
 */
struct page_states_backend {
	const char *name;
	int (*probe)(void);
	unsigned long (*set_states)(struct page_state_req *req,
				    unsigned int nr);
#ifdef CONFIG_DEBUG_PAGE_STATES
	/*
	 * Only a simulated host can answer these: the host state of pfn
	 * (result layout) without side effects, for one page or for nr.
	 * The debug checker skips its host checks when peek is NULL.
	 */
	unsigned int (*peek)(unsigned long pfn);
	void (*peek_range)(unsigned long pfn, unsigned int nr, u8 *states);
#endif
};

/*
 * Run-time strategies (page_states=). Names in mm/hint_strategy.c.
 * HINT_REPORT is free page reporting as the userspace model runs it; a
 * kernel uses its own page reporting (mm/page_reporting.c) instead.
 */
enum hint_strategy {
	HINT_NONE,		/* "none" or "off": no hints */
	HINT_CMMA,		/* per page on every free and allocation */
	HINT_SPILL,		/* batched at the per-cpu spill and refill */
	HINT_REPORT,
	HINT_SPILL_VOLATILE,	/* spill plus the volatile page cache */
	HINT_AGING,		/* only pages that stayed free a while */
	NR_HINT_STRATEGIES,
};

/*
 * A batch of free pages on its way between the per-cpu lists and the
 * buddy lists (free_pcppages_bulk, rmqueue_bulk), on the caller's stack.
 */
#define PAGE_STATES_BATCH	64

struct page_states_batch {
	unsigned int nr;
	struct page_state_req req[PAGE_STATES_BATCH];
};

static inline void page_states_batch_init(struct page_states_batch *batch)
{
	batch->nr = 0;
}

static inline bool page_states_batch_full(const struct page_states_batch *b)
{
	return b->nr == PAGE_STATES_BATCH;
}

/* Hint accounting for one guest. */
struct page_states_stats {
	unsigned long hint_ops;		/* page-state changes requested */
	unsigned long hint_calls;	/* backend calls (batches) */
	unsigned long boot_hint_ops;	/* issued before the workload */
	unsigned long boot_hint_calls;
};

#ifdef CONFIG_PAGE_STATES

/* Enabled once a node hints: the hooks below cost one branch until then. */
DECLARE_STATIC_KEY_FALSE(page_states_key);

static inline bool page_states_active(void)
{
	return static_branch_unlikely(&page_states_key);
}

/* Select the backend (NULL: none) and probe it; 0 if hints are live. */
int page_states_init(const struct page_states_backend *backend);
/* True when a backend probed successfully. */
bool page_states_enabled(void);
/* Everything issued from now on counts as workload, not boot. */
void page_states_boot_done(void);
void page_states_get_stats(struct page_states_stats *stats);
void page_states_reset_stats(void);

/* Single blocks. */
void page_set_unused(struct page *page, int order);
void page_set_stable(struct page *page, int order);
/* Raw batch with mixed orders and ops; fills req[].result. */
void page_set_states(struct page_state_req *req, unsigned int nr);

/*
 * The page allocator's hook points (mm/hint_strategy.c dispatches them to
 * the strategy of the page's node):
 *
 * page_states_free_pages   a block goes to the buddy lists directly
 *                          (__free_pages_ok, free_one_page); before the
 *                          zone lock is taken
 * page_states_batch_add    free_pcppages_bulk, rmqueue_bulk: true when
 *                          the page joined the batch (the strategy wants
 *                          to see it); false: go on as without hints
 * page_states_spill        free_pcppages_bulk, zone lock held: the batch
 *                          is off the per-cpu lists and not yet merged
 *                          (no page can be reused or captured by
 *                          compaction before its hint)
 * page_states_spilled      the same batch, now in the buddy lists
 * page_states_refill       rmqueue_bulk: the batch left the buddy lists
 *                          for a per-cpu list (per-cpu lock held)
 * page_states_alloc_pages  post_alloc_hook: every block before its user
 *                          sees it (direct buddy allocation, compaction
 *                          capture, isolated free pages)
 * arch_free_page/arch_alloc_page (s390): the per-page "cmma" strategy,
 *                          hint_cmma_free/hint_cmma_alloc
 */
void __page_states_free_pages(struct page *page, unsigned int order);
bool __page_states_batch_add(struct page_states_batch *batch,
			     struct zone *zone, struct page *page,
			     unsigned int order);
void __page_states_spill(struct zone *zone, struct page_states_batch *batch);
void __page_states_spilled(struct zone *zone,
			   struct page_states_batch *batch);
void __page_states_refill(struct zone *zone, struct page_states_batch *batch);
void __page_states_alloc_pages(struct page *page, unsigned int order);
bool __page_states_prefer_unhinted(struct zone *zone);
void hint_cmma_free(struct page *page, unsigned int order);
void hint_cmma_alloc(struct page *page, unsigned int order,
		     enum page_state_op op);

static inline void page_states_free_pages(struct page *page,
					  unsigned int order)
{
	if (page_states_active())
		__page_states_free_pages(page, order);
}

static inline bool page_states_batch_add(struct page_states_batch *batch,
					 struct zone *zone, struct page *page,
					 unsigned int order)
{
	return page_states_active() &&
	       __page_states_batch_add(batch, zone, page, order);
}

static inline void page_states_spill(struct zone *zone,
				     struct page_states_batch *batch)
{
	if (batch->nr)
		__page_states_spill(zone, batch);
}

static inline void page_states_spilled(struct zone *zone,
				       struct page_states_batch *batch)
{
	if (batch->nr)
		__page_states_spilled(zone, batch);
	batch->nr = 0;
}

static inline void page_states_refill(struct zone *zone,
				      struct page_states_batch *batch)
{
	if (batch->nr)
		__page_states_refill(zone, batch);
	batch->nr = 0;
}

static inline void page_states_alloc_pages(struct page *page,
					   unsigned int order)
{
	if (page_states_active())
		__page_states_alloc_pages(page, order);
}

/*
 * __rmqueue_smallest: the strategy wants never-hinted blocks first (they
 * need no stable hint); hinted ones sit at the tail of the free lists.
 */
static inline bool page_states_prefer_unhinted(struct zone *zone)
{
	return page_states_active() && __page_states_prefer_unhinted(zone);
}

/*
 * The volatile page cache (mm/page-states-volatile.c): page_make_volatile
 * where a page cache page may have become clean, unlocked and unused;
 * page_make_stable on every lookup (0: the host discarded the page, the
 * caller drops it with page_discard and reads it again);
 * page_volatile_free when a page leaves use; page_volatile_flush commits
 * the pending table.
 */
void page_make_volatile(struct page *page, unsigned int offset);
int page_make_stable(struct page *page);
void page_volatile_free(struct page *page);
void page_volatile_flush(void);

#else /* !CONFIG_PAGE_STATES */

static inline bool page_states_active(void) { return false; }
static inline int page_states_init(const struct page_states_backend *b)
{ return -ENODEV; }
static inline bool page_states_enabled(void) { return false; }
static inline void page_states_boot_done(void) { }
static inline void page_states_get_stats(struct page_states_stats *s)
{ *s = (struct page_states_stats){ 0 }; }
static inline void page_states_reset_stats(void) { }
static inline void page_set_unused(struct page *page, int order) { }
static inline void page_set_stable(struct page *page, int order) { }
static inline void page_set_states(struct page_state_req *r, unsigned int nr)
{ }
static inline void page_states_free_pages(struct page *page,
					  unsigned int order) { }
static inline bool page_states_batch_add(struct page_states_batch *batch,
					 struct zone *zone, struct page *page,
					 unsigned int order)
{ return false; }
static inline void page_states_spill(struct zone *zone,
				     struct page_states_batch *batch) { }
static inline void page_states_spilled(struct zone *zone,
				       struct page_states_batch *batch) { }
static inline void page_states_refill(struct zone *zone,
				      struct page_states_batch *batch) { }
static inline void page_states_alloc_pages(struct page *page,
					   unsigned int order) { }
static inline bool page_states_prefer_unhinted(struct zone *zone)
{ return false; }
static inline void page_make_volatile(struct page *p, unsigned int offset) { }
static inline int page_make_stable(struct page *p) { return 1; }
static inline void page_volatile_free(struct page *p) { }
static inline void page_volatile_flush(void) { }

#endif /* CONFIG_PAGE_STATES */

#endif /* _LINUX_PAGE_STATES_H */
