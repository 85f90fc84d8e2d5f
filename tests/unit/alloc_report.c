// SPDX-License-Identifier: GPL-2.0
/*
 * Strategy "report" (free page reporting): nothing before the 2 s delay,
 * batches of at most 32 blocks of order >= pageblock_order, reported
 * blocks marked and skipped, allocation clears the mark without a hint,
 * no report below the watermark, a new free reported 2 s after it.
 * A recording backend in front of essa-direct sees every call.
 */
#include <asm-generic/page-states-backends.h>
#include <linux/mm.h>
#include "sim.h"
#include "tap.h"

#define SEC		1000000000ULL
#define BLOCK		(1UL << (MAX_ORDER - 1))

static struct {
	unsigned int calls;
	unsigned int max_entries;
	unsigned int min_order;
	unsigned int bad_op;
} rec;

static unsigned long rec_set_states(struct page_state_req *req,
				    unsigned int nr)
{
	unsigned int i;

	rec.calls++;
	if (nr > rec.max_entries)
		rec.max_entries = nr;
	for (i = 0; i < nr; i++) {
		if (req[i].order < rec.min_order)
			rec.min_order = req[i].order;
		if (req[i].op != PAGE_STATE_UNUSED)
			rec.bad_op++;
	}
	return essa_direct_backend.set_states(req, nr);
}

static const struct page_states_backend recorder = {
	.name = "recorder",
	.set_states = rec_set_states,
	.peek = NULL,	/* set at run time from essa-direct */
};

static struct page_states_backend rec_backend;

static struct sim_guest *boot(unsigned long nr_pages)
{
	struct sim_guest_config cfg = {
		.nr_pages = nr_pages,
		.nr_cpus = 1,
		.strategy = HINT_REPORT,
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

static void test_delay_and_capacity(void)
{
	struct sim_guest *sg = boot(40 * BLOCK);
	struct page *p;

	mm_tick(SEC);
	mm_tick(2 * SEC - 1);
	is(rec.calls, 0, "nothing reported before the 2 s delay");
	mm_tick(2 * SEC);
	is(rec.calls, 2, "40 free blocks: two reports");
	is(rec.max_entries, 32, "at most 32 blocks per report");
	is(rec.min_order, pageblock_order + 1, "only large blocks reported");
	is(rec.bad_op, 0, "reports set unused");
	is(hint_ops(), 40 * BLOCK, "every free page reported once");
	is(host_usage(sg, 12345), ESSA_RES_USAGE_UNUSED,
	   "reported memory is unused at the host");
	is(check_guest_pages(), 0, "checker clean after reporting");
	mm_tick(10 * SEC);
	is(rec.calls, 2, "reported blocks are not reported again");

	p = alloc_pages(GFP_KERNEL, MAX_ORDER - 1);
	ok(!PageReported(p), "allocation clears PG_reported");
	is(rec.calls, 2, "allocation of a reported block: no hint");
	is(check_guest_pages(), 0, "checker clean, reported block in use");
	__free_pages(p, MAX_ORDER - 1);
	/* the work is queued 2 s after the last tick (10 s) */
	mm_tick(11 * SEC);
	mm_tick(12 * SEC - 1);
	is(rec.calls, 2, "freed block waits for the 2 s delay");
	mm_tick(12 * SEC);
	is(rec.calls, 3, "then it is reported");
	is(hint_ops(), 41 * BLOCK, "the one block");
	sim_guest_destroy(sg);
}

static void test_order9_and_small(void)
{
	struct sim_guest *sg = boot(40 * BLOCK);
	struct page *p, *q1, *q2;
	unsigned long ops;

	mm_tick(2 * SEC);
	ops = hint_ops();
	p = alloc_pages(GFP_KERNEL, pageblock_order);
	q1 = alloc_pages(GFP_KERNEL, 3);
	q2 = alloc_pages(GFP_KERNEL, 3);
	is(page_to_pfn(q2), page_to_pfn(q1) ^ 8, "two buddies allocated");
	__free_pages(q1, 3);
	mm_tick(5 * SEC);
	is(hint_ops(), ops, "an order-3 free requests no report");
	__free_pages(p, pageblock_order);
	mm_tick(6 * SEC);
	mm_tick(8 * SEC);
	is(hint_ops(), ops + pageblock_nr_pages,
	   "an order-9 free is reported");
	is(rec.min_order, pageblock_order, "as an order-9 block");
	__free_pages(q2, 3);
	is(check_guest_pages(), 0, "checker clean");
	sim_guest_destroy(sg);
}

static void test_watermark(void)
{
	/* fewer free pages than 32 blocks of pageblock_order: no report */
	struct sim_guest *sg = boot(8 * BLOCK);

	mm_tick(2 * SEC);
	mm_tick(60 * SEC);
	is(rec.calls, 0, "below the reporting watermark nothing is reported");
	sim_guest_destroy(sg);
}

int main(void)
{
	tap_plan(21);
	test_delay_and_capacity();
	test_order9_and_small();
	test_watermark();
	return tap_finish();
}
