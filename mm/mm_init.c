// SPDX-License-Identifier: GPL-2.0
/*
 * Node setup and boot: the memory map, the zone, the per-cpu lists, and
 * the release of all memory to the buddy allocator.
 *
 * The memory map is reserved, not committed (MAP_NORESERVE): a zeroed
 * struct page is a valid untouched page, and boot frees memory in blocks
 * of MAX_ORDER-1 touching only their head pages, so a guest larger than
 * the machine costs only the struct pages it ever uses.
 */
#include <string.h>
#include <sys/mman.h>
#include <linux/mm.h>
#include <linux/pagemap.h>
#include <linux/smp.h>
#include "internal.h"

__thread struct pglist_data *current_pgdat;

static size_t mem_map_bytes(unsigned long nr_pages)
{
	return nr_pages * sizeof(struct page);
}

static unsigned long rounddown_pow_of_two(unsigned long n)
{
	return 1UL << ilog2(n);
}

/* Linux 6.1 zone_batchsize(): about a quarter of 1/1024 of the zone. */
static int zone_batchsize(unsigned long managed_pages)
{
	unsigned long batch = min(managed_pages >> 10,
				  (1UL << 20) / PAGE_SIZE);

	batch /= 4;
	if (batch < 1)
		batch = 1;
	batch = rounddown_pow_of_two(batch + batch / 2) - 1;
	return (int)max(batch, 1UL);
}

void zone_set_pcp_high_batch(struct zone *zone, int high, int batch)
{
	int cpu;

	if (batch <= 0)
		batch = zone_batchsize(zone->spanned_pages);
	batch = min(batch, PCP_BATCH_MAX);
	if (high <= 0)
		high = 6 * batch;	/* the classic default */
	high = min(max(high, batch + 1), PCP_HIGH_MAX);
	for (cpu = 0; cpu < zone->zone_pgdat->nr_cpus; cpu++) {
		struct per_cpu_pages *pcp = &zone->per_cpu_pageset[cpu];

		spin_lock(&pcp->lock);
		pcp->high = high;
		pcp->batch = batch;
		spin_unlock(&pcp->lock);
	}
}

static int zone_init(struct pglist_data *pgdat, unsigned long nr_pages)
{
	struct zone *zone = pgdat_zone(pgdat);
	unsigned long nr_blocks = DIV_ROUND_UP(nr_pages, pageblock_nr_pages);
	unsigned int order, mt;
	int cpu;

	spin_lock_init(&zone->lock);
	zone->zone_pgdat = pgdat;
	zone->zone_start_pfn = 0;
	zone->spanned_pages = nr_pages;
	for (order = 0; order < MAX_ORDER; order++)
		for (mt = 0; mt < MIGRATE_TYPES; mt++)
			INIT_LIST_HEAD(&zone->free_area[order].free_list[mt]);
	zone->pageblock_migratetype = malloc(nr_blocks);
	zone->per_cpu_pageset = calloc(pgdat->nr_cpus,
				       sizeof(*zone->per_cpu_pageset));
	if (!zone->pageblock_migratetype || !zone->per_cpu_pageset)
		return -1;
	/* boot memory is movable, as memmap_init marks it */
	memset(zone->pageblock_migratetype, MIGRATE_MOVABLE, nr_blocks);
	for (cpu = 0; cpu < pgdat->nr_cpus; cpu++) {
		struct per_cpu_pages *pcp = &zone->per_cpu_pageset[cpu];

		spin_lock_init(&pcp->lock);
		for (mt = 0; mt < MIGRATE_TYPES; mt++)
			INIT_LIST_HEAD(&pcp->lists[mt]);
	}
	zone_set_pcp_high_batch(zone, 0, 0);
	return 0;
}

static void zone_exit(struct zone *zone)
{
	int cpu;

	if (zone->per_cpu_pageset)
		for (cpu = 0; cpu < zone->zone_pgdat->nr_cpus; cpu++)
			spin_lock_destroy(&zone->per_cpu_pageset[cpu].lock);
	free(zone->per_cpu_pageset);
	free(zone->pageblock_migratetype);
	spin_lock_destroy(&zone->lock);
}

/* The strategy's own state; pgdat->strategy says what to tear down. */
static int strategy_init(struct pglist_data *pgdat, enum hint_strategy s)
{
	int ret = 0;

	if (s == HINT_AGING)
		ret = hint_aging_init(pgdat);
	else if (s == HINT_REPORT)
		ret = page_reporting_init(pgdat);
	if (!ret)
		pgdat->strategy = s;
	return ret;
}

static void strategy_exit(struct pglist_data *pgdat)
{
	if (pgdat->strategy == HINT_AGING)
		hint_aging_exit(pgdat);
	else if (pgdat->strategy == HINT_REPORT)
		page_reporting_exit(pgdat);
	pgdat->strategy = HINT_NONE;
}

/* The driver's virtual clock: timed strategy work of current_pgdat. */
void mm_tick(u64 now_ns)
{
	struct pglist_data *pgdat = current_pgdat;

	if (pgdat->strategy == HINT_AGING)
		hint_aging_tick(pgdat, now_ns);
	else if (pgdat->strategy == HINT_REPORT)
		page_reporting_tick(pgdat, now_ns);
}

struct pglist_data *pgdat_create(unsigned long nr_pages, int nr_cpus,
				 enum hint_strategy strategy)
{
	struct pglist_data *pgdat;
	void *map;

	if (!nr_pages || nr_cpus <= 0 || strategy >= NR_HINT_STRATEGIES)
		return NULL;
	pgdat = calloc(1, sizeof(*pgdat));
	if (!pgdat)
		return NULL;
	map = mmap(NULL, mem_map_bytes(nr_pages), PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (map == MAP_FAILED) {
		free(pgdat);
		return NULL;
	}
	pgdat->node_mem_map = map;
	pgdat->node_spanned_pages = nr_pages;
	pgdat->nr_cpus = nr_cpus;
	pgdat->strategy = HINT_NONE;
	if (zone_init(pgdat, nr_pages) || strategy_init(pgdat, strategy)) {
		pgdat_destroy(pgdat);
		return NULL;
	}
	return pgdat;
}

/* The volatile pending table acts on current_pgdat: run it for pgdat. */
static void pgdat_volatile_exit(struct pglist_data *pgdat)
{
	struct pglist_data *saved = current_pgdat;

	if (!pgdat->volatile_table)
		return;
	current_pgdat = pgdat;
	page_volatile_exit();
	current_pgdat = saved;
}

void pgdat_destroy(struct pglist_data *pgdat)
{
	if (!pgdat)
		return;
	strategy_exit(pgdat);
	pgdat_volatile_exit(pgdat);
	zone_exit(pgdat_zone(pgdat));
	munmap(pgdat->node_mem_map, mem_map_bytes(pgdat->node_spanned_pages));
	if (current_pgdat == pgdat)
		current_pgdat = NULL;
	free(pgdat);
}

/* Boot: every page of current_pgdat to the buddy, largest blocks first. */
void mem_init(void)
{
	struct zone *zone = pgdat_zone(current_pgdat);
	unsigned long pfn = zone->zone_start_pfn, end = zone_end_pfn(zone);
	unsigned int order;

	while (pfn < end) {
		order = MAX_ORDER - 1;
		while (!IS_ALIGNED(pfn, 1UL << order) ||
		       pfn + (1UL << order) > end)
			order--;
		__free_pages_boot(pfn_to_page(pfn), order);
		pfn += 1UL << order;
	}
}
