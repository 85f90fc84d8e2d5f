// SPDX-License-Identifier: GPL-2.0
/*
 * Strategy "report": free page reporting as Linux 6.1 mm/page_reporting.c
 * does it, with the host hint (set unused) as the report.
 *
 * The device registers at boot (page_reporting_register, from mem_init
 * once boot freed all memory):
 * its first passes report what is free then, as boot hints, the way a
 * guest that has been up for a while had its free memory reported long
 * before any workload. pageblock_order is the guest architecture's
 * (8 on s390, 9 on x86-64), as virtio-balloon leaves page_reporting_order
 * at its default there.
 *
 * A free block of order >= pageblock_order requests a report; the work
 * runs PAGE_REPORTING_DELAY later on the driver's virtual clock (mm_tick).
 * It walks the free lists from pageblock_order up, isolates unreported
 * blocks (off the free list, zone lock dropped while the host is told),
 * reports them in batches of up to PAGE_REPORTING_CAPACITY in one call,
 * and puts them back at the tail of their list marked PG_reported.
 * Allocation clears the mark (del_page_from_free_list). Linux's host
 * (virtio-balloon) answers a report with MADV_DONTNEED, so a reused page
 * is ordinary memory again; with ESSA the page stays unused at the host
 * (KVM keeps the usage on a touch), so every reported page is marked
 * PG_state_unused and hinted stable before the caller sees it, as under
 * spill. A split reported block keeps the mark on each of its pages.
 */
#include <linux/mm.h>
#include "internal.h"

#define PAGE_REPORTING_CAPACITY		32
#define PAGE_REPORTING_DELAY_NS		(2ULL * 1000 * 1000 * 1000)

enum page_reporting_state {
	PAGE_REPORTING_IDLE,
	PAGE_REPORTING_REQUESTED,
	PAGE_REPORTING_ACTIVE,
};

/* Per zone; all of it under zone->lock. */
struct page_reporting {
	enum page_reporting_state state;
	bool scheduled;			/* delayed work queued */
	u64 deadline;			/* when it runs */
	u64 now;			/* last tick */
	unsigned int nr;		/* blocks isolated in req[]/pages[] */
	struct page *pages[PAGE_REPORTING_CAPACITY];
	struct page_state_req req[PAGE_REPORTING_CAPACITY];
};

static struct page_reporting *zone_reporting(struct zone *zone)
{
	return zone->hinting;
}

int page_reporting_init(struct pglist_data *pgdat)
{
	struct zone *zone = pgdat_zone(pgdat);

	zone->hinting = calloc(1, sizeof(struct page_reporting));
	return zone->hinting ? 0 : -1;
}

void page_reporting_exit(struct pglist_data *pgdat)
{
	struct zone *zone = pgdat_zone(pgdat);

	free(zone->hinting);
	zone->hinting = NULL;
}

/* A block entered the free lists (after merging), zone lock held. */
void page_reporting_notify_free(struct zone *zone, unsigned int order)
{
	struct page_reporting *r;
	enum page_reporting_state old;

	if (page_states_strategy(zone->zone_pgdat) != HINT_REPORT)
		return;
	r = zone_reporting(zone);
	old = r->state;
	if (order < pageblock_order || old == PAGE_REPORTING_REQUESTED)
		return;
	r->state = PAGE_REPORTING_REQUESTED;
	if (old != PAGE_REPORTING_IDLE)
		return;		/* the running pass reschedules */
	/* delay the start to let a sizable queue build */
	r->scheduled = true;
	r->deadline = r->now + PAGE_REPORTING_DELAY_NS;
}

/*
 * Report what is isolated, then put it back; a block that did not merge
 * on the way back is marked reported. Drops and retakes zone->lock.
 */
static void report_flush(struct zone *zone, struct page_reporting *r)
{
	unsigned int i, order;
	struct page *page;
	unsigned long j;

	spin_unlock(&zone->lock);
	page_set_states(r->req, r->nr);
	spin_lock(&zone->lock);
	for (i = 0; i < r->nr; i++) {
		page = r->pages[i];
		order = r->req[i].order;
		for (j = 0; j < (1UL << order); j++)
			SetPageStateUnused(page + j);
		__putback_isolated_page(page, order,
					get_pageblock_migratetype(page));
		if (PageBuddy(page) && buddy_order(page) == order)
			SetPageReported(page);
	}
	r->nr = 0;
}

static void report_isolate(struct page_reporting *r, struct page *page,
			   unsigned int order)
{
	__isolate_free_page(page, order);
	r->pages[r->nr] = page;
	r->req[r->nr] = (struct page_state_req){
		.pfn = page_to_pfn(page),
		.order = (u8)order,
		.op = PAGE_STATE_UNUSED,
	};
	r->nr++;
}

/* Make page the first entry of list (the ones before it go last). */
static void list_rotate_to_front(struct list_head *entry,
				 struct list_head *list)
{
	list_move_tail(list, entry);
}

/* [page_reporting_cycle] one free list, zone lock held */
static void report_cycle(struct zone *zone, struct page_reporting *r,
			 unsigned int order, int mt)
{
	struct free_area *area = &zone->free_area[order];
	struct list_head *list = &area->free_list[mt];
	struct page *page, *next = NULL;
	long budget;

	if (list_empty(list))
		return;
	/* a bounded share of the list per pass, the rest two seconds later */
	budget = DIV_ROUND_UP(area->nr_free, PAGE_REPORTING_CAPACITY * 16);
	for (page = list_first_entry(list, struct page, lru);
	     &page->lru != list; page = next) {
		next = list_next_entry(page, lru);
		if (PageReported(page))
			continue;
		if (budget < 0) {
			r->state = PAGE_REPORTING_REQUESTED;
			next = page;
			break;
		}
		if (r->nr < PAGE_REPORTING_CAPACITY) {
			report_isolate(r, page, order);
			continue;
		}
		/* full: page is the first one not processed */
		if (list->next != &page->lru)
			list_rotate_to_front(&page->lru, list);
		report_flush(zone, r);
		budget--;
		next = list_first_entry(list, struct page, lru);
	}
	if (next && &next->lru != list && list->next != &next->lru)
		list_rotate_to_front(&next->lru, list);
}

/* [page_reporting_process_zone] zone lock held */
static void report_process_zone(struct zone *zone, struct page_reporting *r)
{
	/* the low watermark plus one full batch must stay free */
	unsigned long watermark = low_wmark_pages(zone) +
				  (PAGE_REPORTING_CAPACITY << pageblock_order);
	unsigned int order;
	int mt;

	if (zone->nr_free <= watermark)
		return;
	for (order = pageblock_order; order < MAX_ORDER; order++)
		for (mt = 0; mt < MIGRATE_TYPES; mt++)
			report_cycle(zone, r, order, mt);
	if (r->nr)
		report_flush(zone, r);
}

/* The delayed work [page_reporting_process], when its time has come. */
void page_reporting_tick(struct pglist_data *pgdat, u64 now_ns)
{
	struct zone *zone = pgdat_zone(pgdat);
	struct page_reporting *r = zone_reporting(zone);

	spin_lock(&zone->lock);
	r->now = now_ns;
	if (r->scheduled && now_ns >= r->deadline) {
		r->scheduled = false;
		r->state = PAGE_REPORTING_ACTIVE;
		report_process_zone(zone, r);
		if (r->state == PAGE_REPORTING_REQUESTED) {
			r->scheduled = true;
			r->deadline = r->now + PAGE_REPORTING_DELAY_NS;
		} else {
			r->state = PAGE_REPORTING_IDLE;
		}
	}
	spin_unlock(&zone->lock);
}

/*
 * [page_reporting_register] the first request once the device is there;
 * its passes run until nothing is left to report, all of it at boot.
 */
void page_reporting_register(struct pglist_data *pgdat)
{
	struct zone *zone = pgdat_zone(pgdat);
	struct page_reporting *r = zone_reporting(zone);

	spin_lock(&zone->lock);
	do {
		r->state = PAGE_REPORTING_ACTIVE;
		report_process_zone(zone, r);
	} while (r->state == PAGE_REPORTING_REQUESTED);
	r->state = PAGE_REPORTING_IDLE;
	r->scheduled = false;
	spin_unlock(&zone->lock);
}

void page_reporting_for_each_isolated(struct zone *zone,
				      void (*fn)(struct page *page,
						 unsigned int order, void *arg),
				      void *arg)
{
	struct page_reporting *r = zone_reporting(zone);
	unsigned int i;

	if (zone->zone_pgdat->page_states.strategy != HINT_REPORT || !r)
		return;
	for (i = 0; i < r->nr; i++)
		fn(r->pages[i], r->req[i].order, arg);
}

/* A reported block's pages carry PG_state_unused until allocated. */
const char *page_reporting_check_page(struct page *page, struct page *head,
				      unsigned int host)
{
	(void)host;
	if (head && PageReported(head) && !PageStateUnused(page))
		return "reported page without PG_state_unused";
	return NULL;
}
