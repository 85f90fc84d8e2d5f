// SPDX-License-Identifier: GPL-2.0
/*
 * Strategy "aging": hint free pages unused only once they have stayed free
 * for a while, and hand out never-hinted pages first.
 *
 * Most freed pages are allocated again within a fraction of a second;
 * hinting them unused on the way into the buddy lists (spill) and stable
 * on the way out costs two hints for memory the host could hardly have
 * used. Here pages entering the buddy lists (a per-cpu spill or drain, a
 * direct free) are only recorded, in a FIFO of (pfn, order, time) per
 * zone. A delayed work, every quarter of the delay, takes the
 * records older than the delay and, holding the zone lock, hints the
 * recorded pages that are still free unused in batches. Free lists are
 * LIFO: the blocks that stayed free longest, the hinted ones, sit at the
 * tail, and a hinted half of a split block goes back to the tail
 * (expand()). Allocation takes blocks from the head, so a reallocated page
 * is usually one that was never hinted and needs no stable hint; a hinted
 * page pays its stable hint as under spill
 * (PG_state_unused tracks what the host was told). Memory the guest never
 * used is never recorded: it is logically zero at the host already.
 *
 * A record is stale when its pages were allocated (not free now) or freed
 * again later (the time in page->index differs: the newer record serves
 * them; index is free on a free page, the per-cpu lists' migratetype has
 * been read by then). When the FIFO is full the oldest record is served
 * at once.
 */
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <linux/jiffies.h>
#include <linux/ktime.h>
#include "internal.h"
#include "page-states-internal.h"

#define AGING_DEFAULT_DELAY_NS	(40ULL * 1000 * 1000)	/* see results.rst */
#define AGING_MIN_PERIOD_NS	(1000ULL * 1000)
#define AGING_FIFO_SIZE		BIT(16)		/* records, power of two */
#define AGING_BATCH		256		/* requests per backend call */

struct aging_record {
	unsigned long pfn;
	u64 freed;			/* virtual time the block was freed */
	unsigned int order;
};

/* Per zone; all of it but the work under zone->lock. */
struct hint_aging {
	struct zone *zone;
	struct delayed_work work;
	u64 delay;			/* hint blocks free this long */
	u64 period;			/* run the work this often */
	unsigned int head, tail;	/* FIFO: head - tail records */
	unsigned int nr;		/* requests in req[] */
	struct page_state_req req[AGING_BATCH];
	struct aging_record fifo[AGING_FIFO_SIZE];
};

static struct hint_aging *zone_aging(struct zone *zone)
{
	return zone->page_states_aging;
}

static void aging_set_period(struct hint_aging *a)
{
	a->period = max_t(u64, a->delay / 4, AGING_MIN_PERIOD_NS);
}

static void aging_work(struct work_struct *work);

int hint_aging_init(struct pglist_data *pgdat)
{
	struct zone *zone;
	struct hint_aging *a;

	for (zone = pgdat->node_zones;
	     zone < pgdat->node_zones + MAX_NR_ZONES; zone++) {
		if (!populated_zone(zone) || zone->page_states_aging)
			continue;
		a = kvzalloc(sizeof(*a), GFP_KERNEL);
		if (!a)
			return -ENOMEM;
		a->zone = zone;
		a->delay = AGING_DEFAULT_DELAY_NS;
		aging_set_period(a);
		INIT_DELAYED_WORK(&a->work, aging_work);
		zone->page_states_aging = a;
		schedule_delayed_work(&a->work, 0);
	}
	return 0;
}

void hint_aging_exit(struct pglist_data *pgdat)
{
	struct zone *zone;

	for (zone = pgdat->node_zones;
	     zone < pgdat->node_zones + MAX_NR_ZONES; zone++) {
		if (!zone->page_states_aging)
			continue;
		cancel_delayed_work_sync(&zone->page_states_aging->work);
		kvfree(zone->page_states_aging);
		zone->page_states_aging = NULL;
	}
}

void hint_aging_set_delay(struct pglist_data *pgdat, u64 delay_ns)
{
	struct zone *zone;
	struct hint_aging *a;
	unsigned long flags;

	for (zone = pgdat->node_zones;
	     zone < pgdat->node_zones + MAX_NR_ZONES; zone++) {
		a = zone_aging(zone);
		if (!a)
			continue;
		spin_lock_irqsave(&zone->lock, flags);
		a->delay = delay_ns;
		aging_set_period(a);
		spin_unlock_irqrestore(&zone->lock, flags);
	}
}

/* Issue the queued hints, then they are no longer pending. */
static void aging_flush(struct hint_aging *a)
{
	unsigned long j;
	unsigned int i;
	struct page *page;

	page_set_states(a->req, a->nr);
	for (i = 0; i < a->nr; i++) {
		page = pfn_to_page(a->req[i].pfn);
		for (j = 0; j < (1UL << a->req[i].order); j++)
			ClearPageHintPending(page + j);
	}
	a->nr = 0;
}

static void aging_add_req(struct hint_aging *a, unsigned long pfn,
			  unsigned int order)
{
	if (a->nr == AGING_BATCH)
		aging_flush(a);
	a->req[a->nr++] = (struct page_state_req){
		.pfn = pfn,
		.order = (u8)order,
		.op = PAGE_STATE_UNUSED,
	};
}

/*
 * Queue unused hints for the pages of a range not hinted yet, in as few
 * requests as its already hinted parts allow.
 */
static void aging_hint_range(struct hint_aging *a, struct page *page,
			     unsigned int order)
{
	unsigned long i, nr = 1UL << order;
	unsigned long unused = pages_count_unused(page, nr);

	if (unused == nr)
		return;
	if (unused) {
		aging_hint_range(a, page, order - 1);
		aging_hint_range(a, page + nr / 2, order - 1);
		return;
	}
	for (i = 0; i < nr; i++) {
		SetPageHintPending(page + i);
		SetPageStateUnused(page + i);
	}
	aging_add_req(a, page_to_pfn(page), order);
}

/*
 * The free block (buddy head) that contains page, or NULL if not free.
 * Zone lock held. Also strategy "adaptive"'s.
 */
struct page *hint_free_block(struct page *page, unsigned int *order)
{
	unsigned long pfn = page_to_pfn(page);
	struct page *head;
	unsigned int o;

	for (o = 0; o < MAX_ORDER; o++) {
		head = page - (pfn & ((1UL << o) - 1));
		if (PageBuddy(head) && buddy_order(head) >= o) {
			*order = buddy_order(head);
			return head;
		}
	}
	return NULL;
}

/* Hint a record's pages if they are still the free pages recorded. */
static void aging_serve(struct hint_aging *a, const struct aging_record *rec)
{
	struct page *page = pfn_to_page(rec->pfn);
	struct page *head;
	unsigned int order;

	/*
	 * Free first: only a page in a free block (zone lock held) has an
	 * index nobody else writes; a page in use may be written right now.
	 */
	head = hint_free_block(page, &order);
	if (!head || order < rec->order)
		return;
	if (page->index != rec->freed)
		return;
	aging_hint_range(a, page, rec->order);
	/* to the tail of its free list: reused last */
	if (__isolate_free_page(head, order))
		__putback_isolated_page(head, order,
					get_pageblock_migratetype(head));
}

/* zone lock held */
static void aging_record(struct zone *zone, struct page *page,
			 unsigned int order)
{
	struct hint_aging *a = zone_aging(zone);
	struct aging_record *rec;

	if (a->head - a->tail == AGING_FIFO_SIZE) {
		/* full: serve the oldest now */
		aging_serve(a, &a->fifo[a->tail++ % AGING_FIFO_SIZE]);
		aging_flush(a);
	}
	rec = &a->fifo[a->head++ % AGING_FIFO_SIZE];
	rec->pfn = page_to_pfn(page);
	rec->order = order;
	rec->freed = ktime_get_ns();
	page->index = rec->freed;
}

/* A direct free: recorded before it enters the buddy lists. */
void hint_aging_free(struct zone *zone, struct page *page, unsigned int order)
{
	unsigned long flags;

	if (!zone_aging(zone))
		return;
	spin_lock_irqsave(&zone->lock, flags);
	aging_record(zone, page, order);
	spin_unlock_irqrestore(&zone->lock, flags);
}

/* A per-cpu spill or drain: the pages are in the buddy, zone lock held. */
void hint_aging_spilled(struct zone *zone, struct page_states_batch *batch)
{
	unsigned int i;

	if (!zone_aging(zone))
		return;
	for (i = 0; i < batch->nr; i++)
		aging_record(zone, pfn_to_page(batch->req[i].pfn),
			     batch->req[i].order);
}

/* Zone lock held: hint what has been free for the delay. */
static void aging_run(struct hint_aging *a, u64 now)
{
	struct aging_record *rec;

	while (a->tail != a->head) {
		rec = &a->fifo[a->tail % AGING_FIFO_SIZE];
		if (rec->freed + a->delay > now)
			break;
		a->tail++;
		aging_serve(a, rec);
	}
	aging_flush(a);
}

static void aging_work(struct work_struct *work)
{
	struct hint_aging *a = container_of(to_delayed_work(work),
					    struct hint_aging, work);
	struct zone *zone = a->zone;
	unsigned long flags;
	u64 period;

	spin_lock_irqsave(&zone->lock, flags);
	aging_run(a, ktime_get_ns());
	period = a->period;
	spin_unlock_irqrestore(&zone->lock, flags);
	schedule_delayed_work(&a->work, nsecs_to_jiffies(period));
}
