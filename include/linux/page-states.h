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

#include <linux/compiler.h>
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
 * Test-only (CONFIG_PAGE_STATES_INJECT, set by the userspace build, never
 * by a kernel): bugs a test switches on to show that the checker sees
 * what they break, and points in a hint where a test's host may reclaim
 * or discard pages. Without the option both compile to nothing.
 */
enum page_states_bug {
	PAGE_STATES_BUG_COMMIT_NO_RECHECK,	/* commit skips its re-check */
	PAGE_STATES_BUG_FREE_VOLATILE,		/* freed pages stay volatile */
};

enum page_states_point {
	PAGE_STATES_AT_BATCH,	/* a batch built, before it is issued */
	PAGE_STATES_AT_COMMIT,	/* a commit re-checked its pages */
	PAGE_STATES_AT_SPILL,	/* a per-cpu spill took its pages */
};

#ifdef CONFIG_PAGE_STATES_INJECT
extern unsigned long page_states_bugs;
extern void (*page_states_point_hook)(enum page_states_point point);

static inline bool page_states_bug(enum page_states_bug bug)
{
	return READ_ONCE(page_states_bugs) & (1UL << bug);
}

static inline void page_states_point(enum page_states_point point)
{
	void (*hook)(enum page_states_point) = READ_ONCE(page_states_point_hook);

	if (hook)
		hook(point);
}
#else
static inline bool page_states_bug(enum page_states_bug bug)
{
	return false;
}

static inline void page_states_point(enum page_states_point point)
{
}
#endif

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
	HINT_ADAPTIVE,		/* aging with a learnt delay, idle pcp */
	NR_HINT_STRATEGIES,
};

/*
 * A batch of free pages on its way between the per-cpu lists and the
 * buddy lists (free_pcppages_bulk, rmqueue_bulk), on the caller's stack.
 */
#define PAGE_STATES_BATCH	64

struct page_states_batch {
	unsigned int nr;
#ifdef CONFIG_PAGE_STATES
	struct page_state_req req[PAGE_STATES_BATCH];
#else
	struct page_state_req req[];	/* never filled: no stack used */
#endif
};

static inline void page_states_batch_init(struct page_states_batch *batch)
{
	batch->nr = 0;
}

static inline bool page_states_batch_full(const struct page_states_batch *b)
{
	return b->nr == PAGE_STATES_BATCH;
}

struct volatile_table;

/* Per node (struct pglist_data, page_states). */
struct page_states_node {
	enum hint_strategy strategy;
	const struct page_states_backend *backend;	/* NULL: no hints */
#ifdef CONFIG_PAGE_STATES_VOLATILE
	struct volatile_table *volatile_table;	/* the pending table */
#endif
};

#ifdef CONFIG_PAGE_STATES

/* Enabled once a node hints: the hooks below cost one branch until then. */
DECLARE_STATIC_KEY_FALSE(page_states_key);

static inline bool page_states_active(void)
{
	return static_branch_unlikely(&page_states_key);
}

/*
 * Boot: every node runs the page_states= strategy with backend, which is
 * probed once. 0 when hints are live; the architecture turns its own
 * hints off otherwise (s390: cmma_flag).
 */
int page_states_boot(const struct page_states_backend *backend);
/* Probe backend (NULL: none) and give it to every node; 0 if live. */
int page_states_init(const struct page_states_backend *backend);
/* Allocate the strategy's state of a node, once the allocators are up. */
int page_states_node_init(struct pglist_data *pgdat);
void page_states_node_exit(struct pglist_data *pgdat);
/* True when this node's backend probed successfully. */
bool page_states_enabled(void);
/* Strategy names: "none" ("off" too, for page_states=), "cmma", ... */
const char *hint_strategy_name(enum hint_strategy strategy);
/* Returns the strategy, or -1 for an unknown name. */
int hint_strategy_by_name(const char *name);

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

#else /* !CONFIG_PAGE_STATES */

static inline bool page_states_active(void) { return false; }
/* Without the batched hints the architecture's probe is all there is. */
static inline int page_states_boot(const struct page_states_backend *b)
{ return b->probe ? b->probe() : 0; }
static inline bool page_states_enabled(void) { return false; }
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
static inline void hint_cmma_free(struct page *page, unsigned int order) { }
static inline void hint_cmma_alloc(struct page *page, unsigned int order,
				   enum page_state_op op) { }

#endif /* CONFIG_PAGE_STATES */

#ifdef CONFIG_PAGE_STATES_VOLATILE
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
/*
 * The page cache's part (mm/filemap.c): page (the caller holds a
 * reference) was discarded by the host; unmap it and drop it from the
 * page cache, so the next access reads it again. True if this call
 * removed it.
 */
bool page_discard(struct page *page);
/* Discard fault (s390: program interruption 0x1A) on page: 0 to retry. */
int do_discard_fault(struct page *page);
/* True where page_make_volatile does something (strategy, hints on). */
bool page_volatile_active(struct page *page);

/* The pending table of this node: size and statistics. */
#define PAGE_VOLATILE_DEFAULT_CAPACITY	1024

struct page_volatile_stats {
	unsigned long requests;		/* page_make_volatile calls */
	unsigned long queued;		/* inserted into the pending table */
	unsigned long dequeued_stable;	/* made stable before commit: no hint */
	unsigned long dequeued_free;	/* freed before commit: no hint */
	unsigned long dropped_full;	/* table full during a commit */
	unsigned long commits;		/* batches */
	unsigned long committed;	/* pages set (potentially) volatile */
	unsigned long committed_pot;	/* of which potentially volatile */
	unsigned long rejected;		/* failed the re-check at commit */
	unsigned long stable_hints;	/* volatile page made stable (lookup) */
	unsigned long free_hints;	/* volatile page made stable (free) */
	unsigned long discarded;	/* discards seen by the guest */
	unsigned long pending;		/* entries in the table now */
	unsigned long volatile_now;	/* pages PG_state_volatile now */
};

/* Create (or resize, when empty) the table of the caller's node. */
int page_volatile_setup(unsigned int capacity);
void page_volatile_get_stats(struct page_volatile_stats *stats);
void page_volatile_reset_stats(void);
#else

static inline void page_make_volatile(struct page *p, unsigned int offset) { }
static inline int page_make_stable(struct page *p) { return 1; }
static inline void page_volatile_free(struct page *p) { }
static inline void page_volatile_flush(void) { }
static inline bool page_discard(struct page *page) { return false; }
static inline int do_discard_fault(struct page *page) { return -EINVAL; }
#endif /* CONFIG_PAGE_STATES_VOLATILE */

#endif /* _LINUX_PAGE_STATES_H */
