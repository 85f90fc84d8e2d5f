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
#include "vclock.h"

__thread struct pglist_data *current_pgdat;

static size_t mem_map_bytes(unsigned long nr_pages)
{
	return nr_pages * sizeof(struct page);
}

static unsigned long rounddown_pow_of_two(unsigned long n)
{
	return 1UL << ilog2(n);
}

/* floor(sqrt(x)), digit by digit */
static unsigned long int_sqrt(unsigned long x)
{
	unsigned long bit = 1UL << (BITS_PER_LONG - 2), root = 0;

	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= root + bit) {
			x -= root + bit;
			root = (root >> 1) + bit;
		} else {
			root >>= 1;
		}
		bit >>= 2;
	}
	return root;
}

/*
 * Watermarks and per-cpu list sizes as Linux 6.1 computes them for a node
 * with one lowmem zone (an s390 guest below 2 GiB: ZONE_DMA only), with
 * the defaults of a Debian kernel: vm.watermark_scale_factor 10,
 * transparent hugepages enabled (khugepaged raises min_free_kbytes), no
 * percpu_pagelist_high_fraction. The zone's pcp->high follows from its
 * low watermark, so the spill point moves with the guest's size.
 */
#define WATERMARK_SCALE_FACTOR	10

/* Lowmem pages above the high watermark [nr_free_buffer_pages]. */
static unsigned long nr_free_buffer_pages(const struct zone *zone)
{
	unsigned long high = high_wmark_pages(zone);

	return zone->managed_pages > high ? zone->managed_pages - high : 0;
}

/* [calculate_min_free_kbytes] 4 * sqrt(lowmem KiB), 128 KiB to 256 MiB */
static unsigned long calculate_min_free_kbytes(const struct zone *zone)
{
	unsigned long lowmem_kbytes = nr_free_buffer_pages(zone) *
				      (PAGE_SIZE >> 10);

	return clamp(int_sqrt(lowmem_kbytes * 16), 128UL, 262144UL);
}

/*
 * [set_recommended_min_free_kbytes, mm/khugepaged.c] two free pageblocks
 * per zone, and MIGRATE_PCPTYPES^2 more to fall back into, at most 5% of
 * lowmem: a floor under min_free_kbytes once khugepaged runs.
 */
static unsigned long thp_min_free_kbytes(const struct zone *zone)
{
	unsigned long pb = 1UL << zone->zone_pgdat->node_pageblock_order;
	unsigned long recommended = pb * 2 +
				    pb * MIGRATE_PCPTYPES * MIGRATE_PCPTYPES;

	recommended = min(recommended, nr_free_buffer_pages(zone) / 20);
	return recommended << (PAGE_SHIFT - 10);
}

/* [__setup_per_zone_wmarks] for the one zone */
static void setup_zone_wmarks(struct zone *zone, unsigned long min_free_kbytes)
{
	unsigned long pages_min = min_free_kbytes >> (PAGE_SHIFT - 10);
	unsigned long dist;

	dist = max(pages_min >> 2, (unsigned long)((u64)zone->managed_pages *
				   WATERMARK_SCALE_FACTOR / 10000));
	zone->_watermark[WMARK_MIN] = pages_min;
	zone->_watermark[WMARK_LOW] = pages_min + dist;
	zone->_watermark[WMARK_HIGH] = pages_min + 2 * dist;
}

/* [zone_batchsize] about a quarter of 1/1024 of the zone, at most 1 MiB */
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

/*
 * [zone_highsize] the low watermark split over the node's cpus, so that
 * full per-cpu lists do not wake reclaim; at least four batches.
 */
static int zone_highsize(const struct zone *zone, int batch)
{
	unsigned long high = low_wmark_pages(zone) /
			     (unsigned long)zone->zone_pgdat->nr_cpus;

	return (int)max(high, (unsigned long)batch << 2);
}

/* [zone_pcp_update] computed values, or the user's */
static void zone_pcp_update(struct zone *zone)
{
	int high = zone->pcp_high_set, batch = zone->pcp_batch_set, cpu;

	if (batch <= 0)
		batch = zone_batchsize(zone->managed_pages);
	batch = min(batch, PCP_BATCH_MAX);
	if (high <= 0)
		high = zone_highsize(zone, batch);
	high = max(high, batch + 1);
	for (cpu = 0; cpu < zone->zone_pgdat->nr_cpus; cpu++) {
		struct per_cpu_pages *pcp = &zone->per_cpu_pageset[cpu];

		spin_lock(&pcp->lock);
		WRITE_ONCE(pcp->batch, batch);
		WRITE_ONCE(pcp->high, high);
		spin_unlock(&pcp->lock);
	}
}

void zone_set_pcp_high_batch(struct zone *zone, int high, int batch)
{
	zone->pcp_high_set = high;
	zone->pcp_batch_set = batch;
	if (zone->managed_pages)
		zone_pcp_update(zone);
}

/*
 * After boot released memory: init_per_zone_wmark_min, then khugepaged's
 * start raising min_free_kbytes, each followed by zone_pcp_update.
 */
static void setup_per_zone_wmarks(struct zone *zone)
{
	unsigned long min_free_kbytes;

	memset(zone->_watermark, 0, sizeof(zone->_watermark));
	min_free_kbytes = calculate_min_free_kbytes(zone);
	setup_zone_wmarks(zone, min_free_kbytes);
	min_free_kbytes = max(min_free_kbytes, thp_min_free_kbytes(zone));
	setup_zone_wmarks(zone, min_free_kbytes);
	zone_pcp_update(zone);
}

static int zone_init(struct pglist_data *pgdat, unsigned long nr_pages)
{
	struct zone *zone = pgdat_zone(pgdat);
	unsigned long nr_blocks = DIV_ROUND_UP(nr_pages,
					1UL << pgdat->node_pageblock_order);
	unsigned int order, mt, i;
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
		for (i = 0; i < NR_PCP_LISTS; i++)
			INIT_LIST_HEAD(&pcp->lists[i]);
		/* the boot pageset: every free goes on to the buddy */
		pcp->high = 0;
		pcp->batch = 1;
	}
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

/*
 * The strategy's own state, set up as a kernel does at its initcall
 * (page_states_node_init), with pgdat as the node this thread runs: its
 * delayed work is the guest's.
 */
static int strategy_init(struct pglist_data *pgdat, enum hint_strategy s)
{
	struct pglist_data *saved = current_pgdat;
	int ret;

	pgdat->page_states.strategy = s;
	current_pgdat = pgdat;
	if (s == HINT_REPORT)
		ret = page_reporting_init(pgdat);
	else
		ret = page_states_node_init(pgdat);
	current_pgdat = saved;
	return ret;
}

static void strategy_exit(struct pglist_data *pgdat)
{
	struct pglist_data *saved = current_pgdat;

	current_pgdat = pgdat;
	if (pgdat->page_states.strategy == HINT_REPORT)
		page_reporting_exit(pgdat);
	else
		page_states_node_exit(pgdat);
	current_pgdat = saved;
	pgdat->page_states.strategy = HINT_NONE;
}

/* The driver's virtual clock: timed strategy work of current_pgdat. */
void mm_tick(u64 now_ns)
{
	struct pglist_data *pgdat = current_pgdat;

	vclock_advance(pgdat, now_ns);
	if (pgdat->page_states.strategy == HINT_REPORT)
		page_reporting_tick(pgdat, now_ns);
}

struct pglist_data *pgdat_create(unsigned long nr_pages, int nr_cpus,
				 enum hint_strategy strategy,
				 unsigned int pageblock_order_arch)
{
	struct pglist_data *pgdat;
	void *map;

	if (!nr_pages || nr_cpus <= 0 || strategy >= NR_HINT_STRATEGIES ||
	    pageblock_order_arch < PAGE_ALLOC_COSTLY_ORDER + 1 ||
	    pageblock_order_arch > MAX_ORDER - 1)
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
	pgdat->node_pageblock_order = (u8)pageblock_order_arch;
	vclock_init(&pgdat->vclock);
	if (zone_init(pgdat, nr_pages) || strategy_init(pgdat, strategy)) {
		pgdat_destroy(pgdat);
		return NULL;
	}
	return pgdat;
}

void pgdat_destroy(struct pglist_data *pgdat)
{
	if (!pgdat)
		return;
	strategy_exit(pgdat);
	/* a table set up under another strategy too */
	page_volatile_node_exit(pgdat);
	zone_exit(pgdat_zone(pgdat));
	munmap(pgdat->node_mem_map, mem_map_bytes(pgdat->node_spanned_pages));
	if (current_pgdat == pgdat)
		current_pgdat = NULL;
	free(pgdat);
}

/*
 * Boot: every page of current_pgdat to the buddy, largest blocks first
 * [memblock_free_all]; then the watermarks and per-cpu list sizes that
 * depend on the memory managed, and what the strategy does once all
 * memory is free (page reporting registers and makes its first pass).
 */
void mem_init(void)
{
	struct pglist_data *pgdat = current_pgdat;
	struct zone *zone = pgdat_zone(pgdat);
	unsigned long pfn = zone->zone_start_pfn, end = zone_end_pfn(zone);
	unsigned int order;

	while (pfn < end) {
		order = MAX_ORDER - 1;
		while (!IS_ALIGNED(pfn, 1UL << order) ||
		       pfn + (1UL << order) > end)
			order--;
		__free_pages_core(pfn_to_page(pfn), order);
		pfn += 1UL << order;
	}
	setup_per_zone_wmarks(zone);
	/* a device only where hints work, as page_reporting_notify_free */
	if (page_states_strategy(pgdat) == HINT_REPORT)
		page_reporting_register(pgdat);
}
