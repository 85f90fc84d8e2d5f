// SPDX-License-Identifier: GPL-2.0
/*
 * Strategy "report" (free page reporting): the device registers at boot
 * and reports what is free then (boot hints); later, nothing before the
 * 2 s delay, batches of at most 32 blocks of order >= pageblock_order (8
 * under the s390 backends), reported blocks marked and skipped,
 * allocation clears the mark and hints the reported pages stable, no
 * report below the watermark, a THP-order block only once it leaves the
 * per-cpu lists. A reported page reused without its stable hint stays
 * unused at a kvm host (a touch keeps the usage): the checker counts it
 * and host reclaim loses what was written.
 * A recording backend in front of essa-direct sees every call after boot.
 */
#include <string.h>
#include <asm-generic/guest-memory.h>
#include <asm-generic/page-states-backends.h>
#include <linux/mm.h>
#include "sim.h"
#include "tap.h"

#define SEC		1000000000ULL
#define BLOCK		(1UL << (MAX_ORDER - 1))

static struct {
	unsigned int calls;
	unsigned int max_entries;
	unsigned int min_order;	/* of the unused requests */
	unsigned int stable;	/* requests other than unused */
} rec;

static unsigned long rec_set_states(struct page_state_req *req,
				    unsigned int nr)
{
	unsigned int i;

	rec.calls++;
	if (nr > rec.max_entries)
		rec.max_entries = nr;
	for (i = 0; i < nr; i++) {
		if (req[i].op != PAGE_STATE_UNUSED)
			rec.stable++;
		else if (req[i].order < rec.min_order)
			rec.min_order = req[i].order;
	}
	return essa_direct_backend.set_states(req, nr);
}

static const struct page_states_backend recorder = {
	.name = "recorder",
	.set_states = rec_set_states,
	.peek = NULL,	/* set at run time from essa-direct */
};

static struct page_states_backend rec_backend;

/* A report guest on host (NULL: a private unlimited one). */
static struct sim_guest *boot_on(unsigned long nr_pages,
				 struct hv_host *host)
{
	struct sim_guest_config cfg = {
		.nr_pages = nr_pages,
		.nr_cpus = 1,
		.strategy = HINT_REPORT,
		.host = host,
	};
	struct sim_guest *sg = sim_guest_create(&cfg);

	if (!sg)
		tap_bail("sim_guest_create failed");
	rec_backend = recorder;
	rec_backend.peek = essa_direct_backend.peek;
	page_states_init(&rec_backend);
	rec = (__typeof__(rec)){ .min_order = MAX_ORDER };
	return sg;
}

static struct sim_guest *boot(unsigned long nr_pages)
{
	return boot_on(nr_pages, NULL);
}

static unsigned long hint_ops(void)
{
	struct page_states_stats st;

	page_states_get_stats(&st);
	return st.hint_ops;
}

static unsigned int host_usage(struct sim_guest *sg, unsigned long pfn)
{
	return hv_peek_state(sg->hv, pfn) & ESSA_RES_USAGE_MASK;
}

static struct page_states_stats all_stats(void)
{
	struct page_states_stats st;

	page_states_get_stats(&st);
	return st;
}

static void test_boot_and_delay(void)
{
	struct sim_guest *sg = boot(40 * BLOCK);
	struct page_states_stats st = all_stats();
	struct page *p;

	is(pageblock_order, PAGEBLOCK_ORDER_S390,
	   "essa-direct: an s390 guest, pageblock order 8");
	is(st.boot_hint_ops, 40 * BLOCK,
	   "registration at boot reports every free page");
	is(st.boot_hint_calls, 2, "in two batches: 32 blocks, then 8");
	is(st.hint_ops, 0, "none of it is a workload hint");
	is(host_usage(sg, 12345), ESSA_RES_USAGE_UNUSED,
	   "reported memory is unused at the host");
	is(check_guest_pages(), 0, "checker clean after reporting");
	mm_tick(10 * SEC);
	is(rec.calls, 0, "reported blocks are not reported again");

	p = alloc_pages(GFP_KERNEL, MAX_ORDER - 1);
	ok(!PageReported(p), "allocation clears PG_reported");
	is(rec.calls, 1, "allocation of a reported block: one hint call");
	is(rec.stable, 1, "it sets the block stable");
	is(host_usage(sg, page_to_pfn(p) + 5), ESSA_RES_USAGE_STABLE,
	   "the allocated block is stable at the host");
	is(check_guest_pages(), 0, "checker clean, reported block in use");
	__free_pages(p, MAX_ORDER - 1);
	/* the work is queued 2 s after the last tick (10 s) */
	mm_tick(11 * SEC);
	mm_tick(12 * SEC - 1);
	is(rec.calls, 1, "freed block waits for the 2 s delay");
	mm_tick(12 * SEC);
	is(rec.calls, 2, "then it is reported");
	is(hint_ops(), 2 * BLOCK, "the one block, set stable and reported");
	is(rec.min_order, MAX_ORDER - 1, "reports set unused, a whole block");
	sim_guest_destroy(sg);
}

static void test_capacity(void)
{
	struct sim_guest *sg = boot(40 * BLOCK);
	static struct page *p[40];
	unsigned long ops;
	unsigned int i;

	for (i = 0; i < 40; i++)
		p[i] = alloc_pages(GFP_KERNEL, MAX_ORDER - 1);
	ops = hint_ops();
	rec.calls = rec.max_entries = 0;
	for (i = 0; i < 40; i++)
		__free_pages(p[i], MAX_ORDER - 1);
	mm_tick(2 * SEC);
	is(rec.calls, 2, "40 freed blocks: two reports");
	is(rec.max_entries, 32, "at most 32 blocks per report");
	is(hint_ops() - ops, 40 * BLOCK, "every freed page reported once");
	sim_guest_destroy(sg);
}

/*
 * Above pageblock_order a free goes to the buddy lists and is reported;
 * at pageblock_order (the THP order) it waits on the per-cpu lists until
 * a drain; an order-3 block in the buddy requests nothing. Each
 * allocation of reported memory is hinted stable first: the counts are
 * taken after the allocations.
 */
static void test_orders(void)
{
	struct sim_guest *sg = boot(40 * BLOCK);
	struct page *p, *q1, *q2;
	unsigned long ops;

	p = alloc_pages(GFP_KERNEL, pageblock_order + 1);
	ops = hint_ops();
	__free_pages(p, pageblock_order + 1);
	mm_tick(2 * SEC);
	is(hint_ops(), ops + BLOCK,
	   "a free above pageblock_order is reported (merged to order 10)");
	is(rec.min_order, MAX_ORDER - 1, "as the merged block");

	p = alloc_pages(GFP_KERNEL, pageblock_order);
	ops = hint_ops();
	__free_pages(p, pageblock_order);
	ok(PagePcp(p), "a THP-order free goes to the per-cpu lists");
	mm_tick(6 * SEC);
	is(hint_ops(), ops, "and requests no report there");
	drain_local_pages(NULL);
	mm_tick(8 * SEC);
	is(hint_ops(), ops + BLOCK, "drained, it is reported");

	q1 = alloc_pages(GFP_KERNEL, 3);
	q2 = alloc_pages(GFP_KERNEL, 3);
	ops = hint_ops();
	is(page_to_pfn(q2), page_to_pfn(q1) ^ 8, "two buddies allocated");
	__free_pages(q1, 3);
	drain_local_pages(NULL);
	mm_tick(20 * SEC);
	is(hint_ops(), ops, "an order-3 block in the buddy: no report");
	__free_pages(q2, 3);
	is(check_guest_pages(), 0, "checker clean");
	sim_guest_destroy(sg);
}

static void test_watermark(void)
{
	/* fewer free pages than 32 blocks of pageblock_order: no report */
	struct sim_guest *sg = boot(8 * BLOCK);

	is(all_stats().boot_hint_ops, 0, "nothing reported at boot");
	mm_tick(2 * SEC);
	mm_tick(60 * SEC);
	is(rec.calls, 0, "below the reporting watermark nothing is reported");
	sim_guest_destroy(sg);
}

static unsigned long unused_touches(struct sim_guest *sg)
{
	struct hv_stats st;

	hv_guest_get_stats(sg->hv, &st);
	return st.host_unused_touches;
}

static void fill(unsigned char *buf, unsigned long pfn)
{
	unsigned int i;

	for (i = 0; i < PAGE_SIZE; i++)
		buf[i] = (unsigned char)(pfn * 131 + i * 7 + 1);
}

/* Write every page of the block; count those not stable at the host. */
static unsigned long write_block(struct sim_guest *sg, struct page *p,
				 unsigned long nr)
{
	static unsigned char buf[PAGE_SIZE];
	unsigned long i, pfn = page_to_pfn(p), not_stable = 0;

	for (i = 0; i < nr; i++) {
		fill(buf, pfn + i);
		if (guest_mem_write(pfn + i, 0, buf, PAGE_SIZE))
			tap_bail("guest_mem_write failed");
	}
	for (i = 0; i < nr; i++)
		if (host_usage(sg, pfn + i) != ESSA_RES_USAGE_STABLE)
			not_stable++;
	return not_stable;
}

static unsigned long bad_content(struct page *p, unsigned long nr)
{
	static unsigned char buf[PAGE_SIZE], want[PAGE_SIZE];
	unsigned long i, pfn = page_to_pfn(p), bad = 0;

	for (i = 0; i < nr; i++) {
		fill(want, pfn + i);
		if (guest_mem_read(pfn + i, 0, buf, PAGE_SIZE) ||
		    memcmp(buf, want, PAGE_SIZE))
			bad++;
	}
	return bad;
}

static struct hv_host *small_kvm_host(void)
{
	struct hv_host_config hc = {
		.mem_limit_pages = 256,
		.mode = HV_MODE_INTERCEPT,
		.backed = true,
		.essa_available = true,
		.semantics = HV_HOST_KVM,
	};
	struct hv_host *host = hv_host_create(&hc);

	if (!host)
		tap_bail("hv_host_create failed");
	return host;
}

/*
 * A reported block is set stable before the caller sees it, so the
 * host's reclaim under a tight limit pages the content written out
 * instead of dropping it.
 */
static void test_reuse_keeps_content(void)
{
	struct hv_host *host = small_kvm_host();
	struct sim_guest *sg;
	struct hv_stats st;
	struct page *p;

	sg = boot_on(40 * BLOCK, host);
	is(all_stats().boot_hint_ops, 40 * BLOCK,
	   "reuse: all memory reported at boot");
	p = alloc_pages(GFP_KERNEL, MAX_ORDER - 1);
	is(host_usage(sg, page_to_pfn(p) + 7), ESSA_RES_USAGE_STABLE,
	   "reuse: allocated reported page stable before use");
	is(hint_ops(), BLOCK, "reuse: one stable hint per page");
	is(write_block(sg, p, BLOCK), 0,
	   "reuse: every page written is stable at the host");
	is(unused_touches(sg), 0, "reuse: no unused page touched");
	hv_host_reclaim(host, 0);
	hv_guest_get_stats(sg->hv, &st);
	ok(st.host_swap_out_pages >= BLOCK,
	   "reuse: the host paged the block out (%lu)",
	   st.host_swap_out_pages);
	is(bad_content(p, BLOCK), 0,
	   "reuse: the content written survived host reclaim");
	is(check_guest_pages(), 0, "reuse: checker clean");

	page_set_states(&(struct page_state_req){ .pfn = page_to_pfn(p),
			.op = PAGE_STATE_VOLATILE }, 1);
	ok(check_guest_pages() >= 1,
	   "reuse: a page in use volatile at the host is a violation");
	page_set_stable(p, 0);
	is(check_guest_pages(), 0, "reuse: clean once stable again");
	__free_pages(p, MAX_ORDER - 1);
	sim_guest_destroy(sg);
	hv_host_destroy(host);
}

/*
 * report as it was before: allocation without a stable hint. The block
 * is allocated and then put back into the state that leaves, unused at
 * the host. Under --host kvm the pages stay unused when written: the
 * checker reports every page of it, the host counts the touches, and
 * reclaim drops what the guest wrote.
 */
static void test_reuse_without_hint(void)
{
	struct hv_host *host = small_kvm_host();
	struct sim_guest *sg;
	struct page *p;

	sg = boot_on(40 * BLOCK, host);
	p = alloc_pages(GFP_KERNEL, MAX_ORDER - 1);
	page_set_unused(p, MAX_ORDER - 1);	/* as if never set stable */
	is(check_guest_pages(), BLOCK,
	   "no stable hint: every page in use unused at the host is a violation");
	is(write_block(sg, p, BLOCK), BLOCK,
	   "no stable hint: written, the pages stay unused at a kvm host");
	is(unused_touches(sg), BLOCK, "no stable hint: one unused touch per page");
	hv_host_reclaim(host, 0);
	is(bad_content(p, BLOCK), BLOCK,
	   "no stable hint: host reclaim dropped what was written");
	page_set_stable(p, MAX_ORDER - 1);
	__free_pages(p, MAX_ORDER - 1);
	sim_guest_destroy(sg);
	hv_host_destroy(host);
}

/* Allocate, write and free blocks of every order, twice. */
static void churn(void)
{
	struct page *pages[MAX_ORDER];
	unsigned int order, i, round;

	for (round = 0; round < 2; round++) {
		for (order = 0; order < MAX_ORDER; order++) {
			pages[order] = alloc_pages(GFP_KERNEL, order);
			for (i = 0; i < (1U << order); i++)
				sim_touch_page(pages[order] + i);
		}
		for (order = 0; order < MAX_ORDER; order++)
			__free_pages(pages[order], order);
		drain_all_pages(NULL);
		mm_tick((round + 1) * 3 * SEC);
	}
}

/* Every strategy hints stable before use: no unused page is touched. */
static void test_no_unused_touch(void)
{
	static const enum hint_strategy strategies[] = {
		HINT_CMMA, HINT_SPILL, HINT_SPILL_VOLATILE, HINT_AGING,
		HINT_REPORT,
	};
	struct sim_guest_config cfg = { .nr_pages = 40 * BLOCK, .nr_cpus = 1 };
	struct sim_guest *sg;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(strategies); i++) {
		cfg.strategy = strategies[i];
		sg = sim_guest_create(&cfg);
		if (!sg)
			tap_bail("sim_guest_create failed");
		churn();
		tap_diag("%s: %lu hint ops, %lu unused touches",
			 hint_strategy_name(strategies[i]), hint_ops(),
			 unused_touches(sg));
		is(unused_touches(sg), 0, "%s: no unused page is ever touched",
		   hint_strategy_name(strategies[i]));
		is(check_guest_pages(), 0, "%s: checker clean",
		   hint_strategy_name(strategies[i]));
		sim_guest_destroy(sg);
	}
}

int main(void)
{
	tap_plan(53);
	test_boot_and_delay();
	test_capacity();
	test_orders();
	test_watermark();
	test_reuse_keeps_content();
	test_reuse_without_hint();
	test_no_unused_touch();
	return tap_finish();
}
