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
 * zone. The periodic work (the driver's virtual clock, mm_tick) takes the
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
 * again later (page->hint_time differs: the newer record serves them).
 * When the FIFO is full the oldest record is served at once.
 */
#include "internal.h"
#include "page-states-internal.h"

#define AGING_DEFAULT_DELAY_NS	(40ULL * 1000 * 1000)	/* see results.rst */
#define AGING_MIN_PERIOD_NS	(1000ULL * 1000)
#define AGING_FIFO_SIZE		(1U << 16)	/* records, power of two */
#define AGING_BATCH		256		/* requests per backend call */

struct aging_record {
	unsigned long pfn;
	u64 freed;			/* virtual time the block was freed */
	unsigned int order;
};

/* Per zone; all of it under zone->lock. */
struct aging {
	u64 delay;			/* hint blocks free this long */
	u64 period;			/* run the work this often */
	u64 now;			/* last tick (atomic: ticks skip the lock) */
	u64 next_run;			/* atomic, likewise */
	unsigned int head, tail;	/* FIFO: head - tail records */
	unsigned int nr;		/* requests in req[] */
	struct page_state_req req[AGING_BATCH];
	struct aging_record fifo[AGING_FIFO_SIZE];
};

static struct aging *zone_aging(struct zone *zone)
{
	return zone->hinting;
}

static void aging_set_period(struct aging *a)
{
	a->period = max_t(u64, a->delay / 4, AGING_MIN_PERIOD_NS);
}

int hint_aging_init(struct pglist_data *pgdat)
{
	struct zone *zone = pgdat_zone(pgdat);
	struct aging *a = calloc(1, sizeof(*a));

	if (!a)
		return -1;
	a->delay = AGING_DEFAULT_DELAY_NS;
	aging_set_period(a);
	zone->hinting = a;
	return 0;
}

void hint_aging_exit(struct pglist_data *pgdat)
{
	struct zone *zone = pgdat_zone(pgdat);

	free(zone->hinting);
	zone->hinting = NULL;
}

void hint_aging_set_delay(struct pglist_data *pgdat, u64 delay_ns)
{
	struct zone *zone = pgdat_zone(pgdat);
	struct aging *a;

	if (pgdat->strategy != HINT_AGING)
		return;
	a = zone_aging(zone);
	spin_lock(&zone->lock);
	a->delay = delay_ns;
	aging_set_period(a);
	spin_unlock(&zone->lock);
}

/* Issue the queued hints, then they are no longer pending. */
static void aging_flush(struct aging *a)
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

static void aging_add_req(struct aging *a, unsigned long pfn,
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

static unsigned long count_unused(struct page *page, unsigned long nr)
{
	unsigned long i, n = 0;

	for (i = 0; i < nr; i++)
		n += PageStateUnused(page + i);
	return n;
}

/*
 * Queue unused hints for the pages of a range not hinted yet, in as few
 * requests as its already hinted parts allow.
 */
static void aging_hint_range(struct aging *a, struct page *page,
			     unsigned int order)
{
	unsigned long i, nr = 1UL << order;
	unsigned long unused = count_unused(page, nr);

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

/* The free block (buddy head) that contains page, or NULL if not free. */
static struct page *free_block_of(struct page *page, unsigned int *order)
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
static void aging_serve(struct aging *a, const struct aging_record *rec)
{
	struct page *page = pfn_to_page(rec->pfn);
	struct page *head;
	unsigned int order;

	if (page->hint_time != rec->freed)
		return;
	head = free_block_of(page, &order);
	if (!head || order < rec->order)
		return;
	aging_hint_range(a, page, rec->order);
	/* to the tail of its free list: reused last */
	__isolate_free_page(head, order);
	__putback_isolated_page(head, order);
}

/* zone lock held */
static void aging_record(struct zone *zone, struct page *page,
			 unsigned int order)
{
	struct aging *a = zone_aging(zone);
	struct aging_record *rec;

	if (a->head - a->tail == AGING_FIFO_SIZE) {
		/* full: serve the oldest now */
		aging_serve(a, &a->fifo[a->tail++ % AGING_FIFO_SIZE]);
		aging_flush(a);
	}
	rec = &a->fifo[a->head++ % AGING_FIFO_SIZE];
	rec->pfn = page_to_pfn(page);
	rec->order = order;
	rec->freed = READ_ONCE(a->now);
	page->hint_time = rec->freed;
}

/* A direct free: recorded before it enters the buddy lists. */
void hint_aging_free(struct zone *zone, struct page *page, unsigned int order)
{
	spin_lock(&zone->lock);
	aging_record(zone, page, order);
	spin_unlock(&zone->lock);
}

/* A per-cpu spill or drain: the pages are in the buddy, zone lock held. */
void hint_aging_spilled(struct zone *zone, struct page_states_batch *batch)
{
	unsigned int i;

	for (i = 0; i < batch->nr; i++)
		aging_record(zone, pfn_to_page(batch->req[i].pfn),
			     batch->req[i].order);
}

static void aging_run(struct aging *a)
{
	struct aging_record *rec;

	while (a->tail != a->head) {
		rec = &a->fifo[a->tail % AGING_FIFO_SIZE];
		if (rec->freed + a->delay > READ_ONCE(a->now))
			break;
		a->tail++;
		aging_serve(a, rec);
	}
	aging_flush(a);
}

void hint_aging_tick(struct pglist_data *pgdat, u64 now_ns)
{
	struct zone *zone = pgdat_zone(pgdat);
	struct aging *a = zone_aging(zone);

	/* called for every event: the lock only when the work is due */
	if (now_ns > READ_ONCE(a->now))
		WRITE_ONCE(a->now, now_ns);
	if (now_ns < READ_ONCE(a->next_run))
		return;
	spin_lock(&zone->lock);
	if (now_ns >= a->next_run) {
		WRITE_ONCE(a->next_run, now_ns + a->period);
		aging_run(a);
	}
	spin_unlock(&zone->lock);
}

