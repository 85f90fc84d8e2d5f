/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Guest page-state hinting: the generic API.
 *
 * The memory management code tells the host, page by page or in batches,
 * whether a page's content still matters (see Documentation/design.rst and
 * shared DESIGN.md):
 *   stable    content needed
 *   unused    content of no interest; the host may drop it
 *   volatile  content the guest can recreate (clean page cache)
 *   potentially volatile  mapped: volatile if the host sees it clean
 *
 * An architecture port supplies a struct page_states_backend (probe and
 * one batched primitive, see Documentation/porting.rst). Without
 * CONFIG_PAGE_STATES every entry point is a no-op.
 */
#ifndef _LINUX_PAGE_STATES_H
#define _LINUX_PAGE_STATES_H

#include <linux/types.h>

struct page;

/*
 * Requested state. The values are the s390 ESSA operation request codes,
 * so the s390 port passes them through unchanged; other ports map them.
 */
enum page_state_op {
	PAGE_STATE_EXTRACT = 0,		/* only read the current state */
	PAGE_STATE_STABLE = 1,
	PAGE_STATE_UNUSED = 2,
	PAGE_STATE_VOLATILE = 3,
	PAGE_STATE_POT_VOLATILE = 4,
	PAGE_STATE_STABLE_RESIDENT = 5,	/* stable and make resident */
	PAGE_STATE_STABLE_IF_RESIDENT = 6, /* stable unless discarded */
};

/*
 * Result: the state before the operation, in the ESSA result layout
 * (DESIGN.md section 2). Ports without a result report 0 (stable, resident).
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

/* One entry of a batch: 2^order pages from pfn, all set to op. */
struct page_state_req {
	unsigned long pfn;
	u8 order;
	u8 op;			/* enum page_state_op */
	u8 result;		/* out: state before, of the first page */
};

/*
 * What an architecture port supplies.
 *
 * probe:      called once at init, may sleep; returns 0 when the host takes
 *             hints, a negative errno when it does not (then no hint is
 *             ever issued, as Linux's cmma_init does on a fault).
 * set_states: apply nr requests in order, fill each req->result; called
 *             with interrupts (and possibly the zone lock) held, must not
 *             sleep or allocate. It returns the number of page-state
 *             changes it issued (sum of 2^order for ports that issue one
 *             per page, the same for vector ports).
 */
struct page_states_backend {
	const char *name;
	int (*probe)(void);
	unsigned long (*set_states)(struct page_state_req *req,
				    unsigned int nr);
	/*
	 * optional, debug only: host state of pfn (result layout), no
	 * side effects; the checker skips host checks when NULL
	 */
	unsigned int (*peek)(unsigned long pfn);
	/*
	 * optional, debug only: peek for nr pages from pfn into states[];
	 * without it the checker peeks page by page
	 */
	void (*peek_range)(unsigned long pfn, unsigned int nr, u8 *states);
};

/* Hint accounting for one guest (DESIGN.md section 7). */
struct page_states_stats {
	unsigned long hint_ops;		/* page-state changes requested */
	unsigned long hint_calls;	/* backend calls (batches) */
	unsigned long boot_hint_ops;	/* issued before the workload */
	unsigned long boot_hint_calls;
};

#ifdef CONFIG_PAGE_STATES

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

/* Batches of order-0 pages (per-cpu spill/drain, refill). */
void page_set_unused_batch(struct page **pages, unsigned int nr);
void page_set_stable_batch(struct page **pages, unsigned int nr);

/* Raw batch with mixed orders and ops; fills req[].result. */
void page_set_states(struct page_state_req *req, unsigned int nr);

/* Volatile page cache (mm/page-states-volatile.c). */
void page_make_volatile(struct page *page, unsigned int offset);
int page_make_stable(struct page *page);	/* 1 ok, 0 discarded */
void page_volatile_free(struct page *page);	/* page leaves use */
void page_volatile_flush(void);			/* commit pending table */

#else /* !CONFIG_PAGE_STATES */

static inline int page_states_init(const struct page_states_backend *b)
{ (void)b; return -1; }
static inline bool page_states_enabled(void) { return false; }
static inline void page_states_boot_done(void) { }
static inline void page_states_get_stats(struct page_states_stats *s)
{ *s = (struct page_states_stats){ 0 }; }
static inline void page_states_reset_stats(void) { }
static inline void page_set_unused(struct page *page, int order)
{ (void)page; (void)order; }
static inline void page_set_stable(struct page *page, int order)
{ (void)page; (void)order; }
static inline void page_set_unused_batch(struct page **p, unsigned int nr)
{ (void)p; (void)nr; }
static inline void page_set_stable_batch(struct page **p, unsigned int nr)
{ (void)p; (void)nr; }
static inline void page_set_states(struct page_state_req *r, unsigned int nr)
{ (void)r; (void)nr; }
static inline void page_make_volatile(struct page *p, unsigned int offset)
{ (void)p; (void)offset; }
static inline int page_make_stable(struct page *p) { (void)p; return 1; }
static inline void page_volatile_free(struct page *p) { (void)p; }
static inline void page_volatile_flush(void) { }

#endif /* CONFIG_PAGE_STATES */

#endif /* _LINUX_PAGE_STATES_H */
