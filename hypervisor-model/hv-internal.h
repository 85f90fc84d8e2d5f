/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hypervisor model internals: the host and guest structures and the
 * functions the one-concept files of hypervisor-model/ call each other by.
 * Nothing outside hypervisor-model/ includes this.
 *
 * Locking: one lock per host serialises every entry point; everything
 * below the entry points runs with it held. Only the peeks read without
 * it: one state byte or one counter, each a relaxed atomic.
 */
#ifndef _HV_INTERNAL_H
#define _HV_INTERNAL_H

#include <linux/spinlock.h>
#include <hv/hv.h>

#define HV_PAGE_SHIFT	12
#define HV_PAGE_SIZE	(1UL << HV_PAGE_SHIFT)

/* A page's state word (pstate.h). */
typedef uint16_t pst_t;

/* A FIFO of (guest id, pfn) entries; grows on demand. */
struct hv_queue {
	uint64_t *ent;
	size_t cap;
	size_t head;
	size_t len;
};

struct hv_host {
	spinlock_t lock;
	struct hv_host_config cfg;
	struct hv_guest **guests;	/* by id; NULL once destroyed */
	unsigned int nr_guests;
	unsigned int cap_guests;
	struct hv_stats stats;		/* over all guests, ever */
	/* reclaim candidates, see reclaim.c */
	struct hv_queue q_unused;
	struct hv_queue q_volatile;
	struct hv_queue q_resident;
	uint64_t fault_rng;		/* fault.c; 0: no faults */
};

struct hv_guest {
	struct hv_host *host;
	unsigned int id;
	unsigned long nr_pages;
	pst_t *pst;			/* page state table, pstate.h */
	uint8_t *mem;			/* backing memory, NULL if !backed */
	uint32_t *word;			/* !backed: each page's first word */
	int swap_fd;			/* -1 until the first page out */
	bool stopped;			/* a page in failed: no more access */
	uint32_t cbrl[HV_CBRL_ENTRIES];
	unsigned int cbrl_nr;
	struct hv_stats stats;
};

/*
 * A counter: written with the host lock held, read by the lock-free
 * accessors too, so the store is a relaxed atomic (a plain store).
 */
static inline void hv_stat_add(unsigned long *c, long n)
{
	__atomic_store_n(c, *c + (unsigned long)n, __ATOMIC_RELAXED);
}

/* Count an event for the guest and its host. */
#define hv_count(g, field, n) do {					\
	hv_stat_add(&(g)->stats.field, (n));				\
	hv_stat_add(&(g)->host->stats.field, (n));			\
} while (0)

static inline void hv_lock(struct hv_host *host)
{
	spin_lock(&host->lock);
}

static inline void hv_unlock(struct hv_host *host)
{
	spin_unlock(&host->lock);
}

bool hv_vcpu_problem_state(void);

/* essa.c: one page-state operation, the core every transport uses. */
unsigned int essa_perform(struct hv_guest *g, uint64_t pfn, unsigned int orc);
/* The highest valid request code: 6, or 7 with facility 147. */
unsigned int essa_max_orc(const struct hv_host *host);

/* cbrl.c: the block-release list of interpret mode. */
void cbrl_append(struct hv_guest *g, uint64_t pfn);
void cbrl_flush(struct hv_guest *g);

/* gmem.c: real memory behind guest pages. */
int gmem_init(struct hv_guest *g);
void gmem_fini(struct hv_guest *g);
void gmem_release(struct hv_guest *g, uint64_t pfn);
void *gmem_page(struct hv_guest *g, uint64_t pfn);
void gmem_copy_word(struct hv_guest *g, uint64_t pfn, size_t offset,
		    void *buf, size_t len, bool write);

/*
 * fault.c: injected host faults. fault_hit says whether a fault of the
 * given rate (per 1000) happens now; fault_act lets the host act at a
 * fault point (lock held).
 */
void fault_seed(struct hv_host *host);
bool fault_hit(struct hv_host *host, unsigned int per_mille);
void fault_act(struct hv_guest *g);
void fault_act_now(struct hv_guest *g);
void fault_exit(struct hv_guest *g);

/* swap.c: the swap file. */
void swap_out_page(struct hv_guest *g, uint64_t pfn);
void swap_in_page(struct hv_guest *g, uint64_t pfn);
void swap_fini(struct hv_guest *g);

/*
 * reclaim.c: victims and the memory limit. reclaim_note queues a page
 * about to get state b where its class needs it; returns b with the
 * queue bits set.
 */
pst_t reclaim_note(struct hv_guest *g, uint64_t pfn, pst_t b);
void reclaim_make_room(struct hv_host *host);
void reclaim_to(struct hv_host *host, unsigned long target);
bool reclaim_drop(struct hv_guest *g, uint64_t pfn);
bool reclaim_evict(struct hv_guest *g, uint64_t pfn);
void reclaim_fini(struct hv_host *host);

#endif
