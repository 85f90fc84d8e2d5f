// SPDX-License-Identifier: GPL-2.0
/*
 * Strategy "adaptive": hint free memory unused once it stayed free longer
 * than a delay that follows the reuse distances the zone observes, the
 * idle per-cpu lists included; hand out never-hinted pages first.
 *
 * On a guest that has run for long every page was touched: a page hinted
 * unused and reused costs two hints, a free page left unhinted costs the
 * host a page. Hinting a page free for t at delay D is worth it when the
 * rest of its free time exceeds what two hints cost, in page-seconds
 * (the exchange rate, "cost", the strategy's one knob). Three parts:
 *
 * - Idle per-cpu lists. Pages on the per-cpu lists stay stable (6.1 lets
 *   a cpu hold ~pcp->high of them); the pages a cpu's lists held through
 *   a whole period (the fewest pages they held since the last look,
 *   pcp->low) go back to the buddy lists, at most a drain chunk per cpu
 *   and call (drain_pages_idle, as Linux 6.7 decays an idle pcp->high).
 * - Delayed hints. Blocks entering the buddy lists (spills, drains,
 *   direct frees) are recorded in a FIFO of (pfn, order, time). The timed
 *   work takes the records older than the delay whose blocks are still
 *   free, takes those blocks off the free lists (isolated, as free page
 *   reporting does), drops the zone lock, hints them unused, retakes the
 *   lock and puts them back at the tail of their lists. No hint is issued
 *   under the zone lock (a full FIFO aside, see adaptive_record) and no
 *   isolated round exceeds ADAPTIVE_ROUND_PAGES pages unless a single
 *   block does. Allocation skips lists whose head was hinted
 *   (__rmqueue_smallest): hinted blocks sit at the tail, apart.
 * - The delay, per zone, from what its hints did. Shorter: of the
 *   blocks still free at D/2 (a second cursor in the FIFO), how many
 *   stayed free to D and how many were reused in between; hinting at D/2
 *   would have gained D/2 page-seconds on each survivor and cost two
 *   hints on each reused one: if it pays, D shrinks by a quarter.
 *   Longer: a small histogram of the time from hint to reuse of hinted
 *   pages (log2 buckets of milliseconds; the hint time is in page->index
 *   of a free hinted page); a delay x longer would have spared two hints
 *   on those reused within x and kept the others unhinted x longer: the
 *   best x, if any pays, moves D half way there. D stays between
 *   ADAPTIVE_MIN_DELAY_NS and ADAPTIVE_MAX_DELAY_NS; the per-cpu lists
 *   are looked at every ADAPTIVE_PCP_PERIODS delays.
 *
 * Records go stale when their block was allocated or freed again later
 * (page->index of the record's first page is its time while the block is
 * free, as in mm/hint_aging.c, which this strategy extends). Hinted pages
 * carry PG_state_unused and get their stable hint when they leave the
 * buddy lists (mm/page-states.c), before any user sees them.
 */
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/gfp.h>
#include <linux/cpumask.h>
#include <linux/percpu.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include <linux/atomic.h>
#include "internal.h"
#include "page-states-internal.h"

#define NSEC_PER_MS		(1000ULL * 1000)
/* page-seconds two hints are worth, per page: see results.rst */
#define ADAPTIVE_DEFAULT_COST_NS	(30ULL * NSEC_PER_MS)
#define ADAPTIVE_START_DELAY_NS	(8ULL * NSEC_PER_MS)
#define ADAPTIVE_MIN_DELAY_NS	(1ULL * NSEC_PER_MS)
#define ADAPTIVE_MAX_DELAY_NS	(8000ULL * NSEC_PER_MS)
#define ADAPTIVE_MIN_PERIOD_NS	(1ULL * NSEC_PER_MS)
/* the per-cpu lists are looked at every 16 delays, 10 ms to 1 s */
#define ADAPTIVE_PCP_PERIODS	16
#define ADAPTIVE_MIN_PCP_NS	(10ULL * NSEC_PER_MS)
#define ADAPTIVE_MAX_PCP_NS	(1000ULL * NSEC_PER_MS)
#define ADAPTIVE_FIFO_SIZE	BIT(16)		/* records, power of two */
#define ADAPTIVE_ROUND_PAGES	64	/* pages hinted per isolated round */
#define ADAPTIVE_MAX_ROUNDS	16	/* rounds per run of the work */
#define ADAPTIVE_SAMPLE_PAGES	64	/* pages per delay decision */
/* reuse after a hint: bucket k holds [2^k, 2^(k+1)) ms, 0 also below */
#define ADAPTIVE_BUCKETS	14

struct adaptive_record {
	unsigned long pfn;
	u64 freed;			/* time the block was freed */
	u8 order;
	bool probed;			/* still free at half the delay */
};

struct adaptive_block {
	struct page *page;
	unsigned int order;
};

/* Per zone: all of it under zone->lock but the reuse counts. */
struct hint_adaptive {
	struct zone *zone;
	struct delayed_work work;
	u64 cost;			/* what two hints are worth, page-ns */
	u64 delay;			/* hint blocks free this long */
	u64 next_drain;			/* next look at the per-cpu lists */
	bool fixed;			/* the delay does not adapt */
	unsigned int head, probe, tail;	/* FIFO: tail <= probe <= head */
	/* blocks free at D/2: still free at D, or reused in between */
	unsigned long survived, died;
	unsigned long hinted;		/* pages hinted since the decision */
	atomic_long_t reused[ADAPTIVE_BUCKETS];	/* pages, by time since hint */
	unsigned int nr_req, nr_iso, round_pages;
	struct page_state_req req[PAGE_STATES_BATCH];
	struct adaptive_block iso[PAGE_STATES_BATCH];
	struct adaptive_record fifo[ADAPTIVE_FIFO_SIZE];
};

static struct hint_adaptive *zone_adaptive(struct zone *zone)
{
	return zone->page_states_adaptive;
}

static void adaptive_work(struct work_struct *work);

int hint_adaptive_init(struct pglist_data *pgdat)
{
	struct zone *zone;
	struct hint_adaptive *a;

	for (zone = pgdat->node_zones;
	     zone < pgdat->node_zones + MAX_NR_ZONES; zone++) {
		if (!populated_zone(zone) || zone->page_states_adaptive)
			continue;
		a = kvzalloc(sizeof(*a), GFP_KERNEL);
		if (!a)
			return -ENOMEM;
		a->zone = zone;
		a->cost = ADAPTIVE_DEFAULT_COST_NS;
		a->delay = ADAPTIVE_START_DELAY_NS;
		INIT_DELAYED_WORK(&a->work, adaptive_work);
		zone->page_states_adaptive = a;
		schedule_delayed_work(&a->work, 0);
	}
	return 0;
}

void hint_adaptive_exit(struct pglist_data *pgdat)
{
	struct zone *zone;

	for (zone = pgdat->node_zones;
	     zone < pgdat->node_zones + MAX_NR_ZONES; zone++) {
		if (!zone->page_states_adaptive)
			continue;
		cancel_delayed_work_sync(&zone->page_states_adaptive->work);
		kvfree(zone->page_states_adaptive);
		zone->page_states_adaptive = NULL;
	}
}

/*
 * The knob: cost_ns, what two hints are worth in page-nanoseconds (0: the
 * default); delay_ns, a fixed delay instead of the adaptive one (0: adapt).
 */
void hint_adaptive_set(struct pglist_data *pgdat, u64 cost_ns, u64 delay_ns)
{
	struct zone *zone;
	struct hint_adaptive *a;
	unsigned long flags;

	for (zone = pgdat->node_zones;
	     zone < pgdat->node_zones + MAX_NR_ZONES; zone++) {
		a = zone_adaptive(zone);
		if (!a)
			continue;
		spin_lock_irqsave(&zone->lock, flags);
		a->cost = cost_ns ? cost_ns : ADAPTIVE_DEFAULT_COST_NS;
		a->fixed = delay_ns;
		if (delay_ns)
			WRITE_ONCE(a->delay, delay_ns);
		spin_unlock_irqrestore(&zone->lock, flags);
	}
}

u64 hint_adaptive_delay(struct zone *zone)
{
	struct hint_adaptive *a = zone_adaptive(zone);

	return a ? READ_ONCE(a->delay) : 0;
}

/* A record's block if it is still the free block recorded. Zone lock. */
static struct page *record_block(const struct adaptive_record *rec,
				 unsigned int *order)
{
	struct page *page = pfn_to_page(rec->pfn);
	struct page *head = hint_free_block(page, order);

	/* free first: a page in use may have its index written right now */
	if (!head || *order < rec->order || page->index != rec->freed)
		return NULL;
	return head;
}

/* One request: its pages marked unused and pending, the hint time. */
static void adaptive_add_req(struct hint_adaptive *a, struct page *page,
			     unsigned int order, u64 now)
{
	unsigned long i, nr = 1UL << order;

	for (i = 0; i < nr; i++) {
		SetPageHintPending(page + i);
		SetPageStateUnused(page + i);
		page[i].index = now;
	}
	a->req[a->nr_req++] = (struct page_state_req){
		.pfn = page_to_pfn(page),
		.order = (u8)order,
		.op = PAGE_STATE_UNUSED,
	};
	a->round_pages += nr;
	a->hinted += nr;
}

/*
 * Requests for the pages of a range not hinted yet, in as few as its
 * hinted parts allow; each page marked unused and pending, its hint time
 * in index. False if the requests do not fit in this round.
 */
static bool adaptive_hint_range(struct hint_adaptive *a, struct page *page,
				unsigned int order, u64 now)
{
	unsigned long nr = 1UL << order;
	unsigned long unused = pages_count_unused(page, nr);

	if (unused == nr)
		return true;
	if (unused)
		return adaptive_hint_range(a, page, order - 1, now) &&
		       adaptive_hint_range(a, page + nr / 2, order - 1, now);
	if (a->nr_req == PAGE_STATES_BATCH)
		return false;
	adaptive_add_req(a, page, order, now);
	return true;
}

/* Take back the requests from req[nr] on: their pages were not hinted. */
static void adaptive_unqueue(struct hint_adaptive *a, unsigned int nr)
{
	unsigned long j, size;
	struct page *page;

	while (a->nr_req > nr) {
		a->nr_req--;
		page = pfn_to_page(a->req[a->nr_req].pfn);
		size = 1UL << a->req[a->nr_req].order;
		for (j = 0; j < size; j++) {
			ClearPageStateUnused(page + j);
			ClearPageHintPending(page + j);
		}
		a->round_pages -= size;
		a->hinted -= size;
	}
}

/*
 * Queue a record's range. A range too fragmented for the requests left
 * waits for the next round; alone in a round it goes as one request,
 * its hinted pages hinted again (harmless, and only then).
 */
static bool adaptive_queue(struct hint_adaptive *a, struct page *page,
			   unsigned int order, u64 now)
{
	unsigned int before = a->nr_req;

	if (adaptive_hint_range(a, page, order, now))
		return true;
	adaptive_unqueue(a, before);
	if (before)
		return false;
	adaptive_add_req(a, page, order, now);
	return true;
}

/* Whether page lies in a block this round isolated. */
static bool in_round(const struct hint_adaptive *a, struct page *page)
{
	unsigned int i;

	for (i = 0; i < a->nr_iso; i++)
		if (page >= a->iso[i].page &&
		    page < a->iso[i].page + (1UL << a->iso[i].order))
			return true;
	return false;
}

/*
 * Take the due records into this round: their blocks off the free lists,
 * their requests queued. False when the round is full. Zone lock held.
 */
static bool adaptive_collect(struct hint_adaptive *a, u64 now)
{
	struct adaptive_record *rec;
	struct page *head;
	unsigned int order;

	while (a->tail != a->head) {
		rec = &a->fifo[a->tail % ADAPTIVE_FIFO_SIZE];
		if (rec->freed + a->delay > now)
			return true;
		if (a->nr_iso == PAGE_STATES_BATCH ||
		    (a->round_pages &&
		     a->round_pages + (1UL << rec->order) >
		     ADAPTIVE_ROUND_PAGES))
			return false;
		/* its block is off the lists already: ours, index too */
		if (in_round(a, pfn_to_page(rec->pfn))) {
			if (pfn_to_page(rec->pfn)->index == rec->freed &&
			    !adaptive_queue(a, pfn_to_page(rec->pfn),
					    rec->order, now))
				return false;
			if (rec->probed)
				a->survived += 1UL << rec->order;
			a->tail++;
			continue;
		}
		head = record_block(rec, &order);
		if (rec->probed) {
			if (head)
				a->survived += 1UL << rec->order;
			else
				a->died += 1UL << rec->order;
		}
		if (!head) {
			a->tail++;
			continue;
		}
		if (!adaptive_queue(a, pfn_to_page(rec->pfn), rec->order, now))
			return false;
		a->tail++;
		if (__isolate_free_page(head, order))
			a->iso[a->nr_iso++] = (struct adaptive_block){
				.page = head, .order = order,
			};
	}
	return true;
}

/*
 * A record's half-delay look: is its block still free? Only the pages of
 * blocks free then count for the decision to halve the delay.
 */
static void adaptive_probe(struct hint_adaptive *a, u64 now)
{
	struct adaptive_record *rec;
	unsigned int order;

	if ((int)(a->probe - a->tail) < 0)
		a->probe = a->tail;
	while (a->probe != a->head) {
		rec = &a->fifo[a->probe % ADAPTIVE_FIFO_SIZE];
		if (rec->freed + a->delay / 2 > now)
			break;
		rec->probed = !!record_block(rec, &order);
		a->probe++;
	}
}

/* Issue the queued requests; then their pages are no longer pending. */
static void adaptive_issue(struct hint_adaptive *a)
{
	unsigned long j;
	unsigned int i;
	struct page *page;

	page_set_states(a->req, a->nr_req);
	for (i = 0; i < a->nr_req; i++) {
		page = pfn_to_page(a->req[i].pfn);
		for (j = 0; j < (1UL << a->req[i].order); j++)
			ClearPageHintPending(page + j);
	}
}

/* Hint the round's requests, zone lock dropped; back to the tails. */
static void adaptive_round(struct hint_adaptive *a, unsigned long *flags)
{
	struct zone *zone = a->zone;
	struct adaptive_block *b;
	unsigned int i;

	spin_unlock_irqrestore(&zone->lock, *flags);
	adaptive_issue(a);
	spin_lock_irqsave(&zone->lock, *flags);
	for (i = 0; i < a->nr_iso; i++) {
		b = &a->iso[i];
		__putback_isolated_page(b->page, b->order,
					get_pageblock_migratetype(b->page));
	}
	a->nr_req = 0;
	a->nr_iso = 0;
	a->round_pages = 0;
}

static u64 bucket_end_ns(unsigned int k)
{
	return (2ULL << k) * NSEC_PER_MS;
}

/*
 * Longer: of the pages hinted since the last decision, those reused
 * within x of their hint would have spared two hints each had the delay
 * been x longer, the others would have waited x more. The x (a bucket
 * end) that gains most wins; the delay moves half way there. Zone lock.
 */
static u64 adaptive_longer(struct hint_adaptive *a, u64 d)
{
	u64 reused = 0, waited = 0, n, gain, loss, best = 0, best_x = 0, x;
	unsigned int k;

	for (k = 0; k < ADAPTIVE_BUCKETS; k++) {
		n = (u64)atomic_long_read(&a->reused[k]);
		atomic_long_set(&a->reused[k], 0);
		x = bucket_end_ns(k);
		reused = min(reused + n, (u64)a->hinted);
		/* the reused waited about three quarters of their bucket */
		waited += n * (x / 2 + x / 4);
		gain = reused * a->cost;
		loss = waited + ((u64)a->hinted - reused) * x;
		if (gain > loss && gain - loss > best) {
			best = gain - loss;
			best_x = x;
		}
	}
	return d + best_x / 2;
}

/*
 * Move the delay (see the top of the file) once ADAPTIVE_SAMPLE_PAGES
 * pages were looked at twice: longer if that pays, else shorter if that
 * does. Zone lock held.
 */
static void adaptive_decide(struct hint_adaptive *a)
{
	u64 d = a->delay, longer = d;

	if (a->fixed || a->survived + a->died < ADAPTIVE_SAMPLE_PAGES)
		return;
	if (a->hinted >= ADAPTIVE_SAMPLE_PAGES) {
		longer = adaptive_longer(a, d);
		a->hinted = 0;
	}
	if (longer > d)
		d = longer;
	/* shorter: survivors gain D/2 each, the reused cost 2 hints */
	else if ((u64)a->survived * (d / 2) > ((u64)a->died + 1) * a->cost)
		d -= d / 4;
	a->survived = 0;
	a->died = 0;
	WRITE_ONCE(a->delay,
		   clamp(d, ADAPTIVE_MIN_DELAY_NS, ADAPTIVE_MAX_DELAY_NS));
}

/* The per-cpu lists' idle pages, every ADAPTIVE_PCP_PERIODS delays. */
static void adaptive_drain_idle(struct hint_adaptive *a, u64 now)
{
	struct zone *zone = a->zone;
	struct per_cpu_pages *pcp;
	int cpu;

	if (now < a->next_drain)
		return;
	a->next_drain = now + clamp(READ_ONCE(a->delay) * ADAPTIVE_PCP_PERIODS,
				    ADAPTIVE_MIN_PCP_NS, ADAPTIVE_MAX_PCP_NS);
	for_each_online_cpu(cpu) {
		pcp = per_cpu_ptr(zone->per_cpu_pageset, cpu);
		drain_pages_idle(zone, cpu, READ_ONCE(pcp->batch) <<
					    CONFIG_PCP_BATCH_SCALE_MAX);
	}
}

static void adaptive_work(struct work_struct *work)
{
	struct hint_adaptive *a = container_of(to_delayed_work(work),
					       struct hint_adaptive, work);
	struct zone *zone = a->zone;
	unsigned int rounds = 0;
	unsigned long flags;
	bool done = false;
	u64 now = ktime_get_ns(), period;

	adaptive_drain_idle(a, now);
	spin_lock_irqsave(&zone->lock, flags);
	adaptive_probe(a, now);
	while (!done && rounds < ADAPTIVE_MAX_ROUNDS) {
		done = adaptive_collect(a, now);
		if (!a->nr_iso && !a->nr_req)
			break;
		adaptive_round(a, &flags);
		rounds++;
	}
	adaptive_decide(a);
	period = done ? max_t(u64, a->delay / 4, ADAPTIVE_MIN_PERIOD_NS) :
			ADAPTIVE_MIN_PERIOD_NS;
	spin_unlock_irqrestore(&zone->lock, flags);
	schedule_delayed_work(&a->work, nsecs_to_jiffies(period));
}

/*
 * zone lock held. A full FIFO hints its oldest record at once, under the
 * lock (the one place this strategy does): a burst of frees faster than
 * the work runs.
 */
static void adaptive_record(struct hint_adaptive *a, struct page *page,
			    unsigned int order)
{
	struct adaptive_record *rec;
	unsigned int o;
	u64 now = ktime_get_ns();

	if (a->head - a->tail == ADAPTIVE_FIFO_SIZE) {
		rec = &a->fifo[a->tail++ % ADAPTIVE_FIFO_SIZE];
		if (!a->nr_req && record_block(rec, &o) &&
		    adaptive_queue(a, pfn_to_page(rec->pfn), rec->order, now)) {
			adaptive_issue(a);
			a->nr_req = 0;
			a->round_pages = 0;
		}
	}
	rec = &a->fifo[a->head++ % ADAPTIVE_FIFO_SIZE];
	rec->pfn = page_to_pfn(page);
	rec->order = (u8)order;
	rec->freed = now;
	rec->probed = false;
	page->index = now;
}

/* A direct free: recorded before it enters the buddy lists. */
void hint_adaptive_free(struct zone *zone, struct page *page,
			unsigned int order)
{
	struct hint_adaptive *a = zone_adaptive(zone);
	unsigned long flags;

	if (!a)
		return;
	spin_lock_irqsave(&zone->lock, flags);
	adaptive_record(a, page, order);
	spin_unlock_irqrestore(&zone->lock, flags);
}

/* A per-cpu spill or drain: the pages are in the buddy, zone lock held. */
void hint_adaptive_spilled(struct zone *zone, struct page_states_batch *batch)
{
	struct hint_adaptive *a = zone_adaptive(zone);
	unsigned int i;

	if (!a)
		return;
	for (i = 0; i < batch->nr; i++)
		adaptive_record(a, pfn_to_page(batch->req[i].pfn),
				batch->req[i].order);
}

/*
 * A hinted block leaves the buddy lists (before its stable hint): was it
 * reused within a delay of its hint? Its first page's index is the time.
 */
void hint_adaptive_reused(struct zone *zone, struct page *page,
			  unsigned int order)
{
	struct hint_adaptive *a = zone_adaptive(zone);

	u64 age;
	unsigned int k = 0;

	if (!a || !PageStateUnused(page))
		return;
	age = (ktime_get_ns() - page->index) / NSEC_PER_MS;
	while (k < ADAPTIVE_BUCKETS - 1 && age >= 2ULL << k)
		k++;
	atomic_long_add(1L << order, &a->reused[k]);
}
