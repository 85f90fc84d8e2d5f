// SPDX-License-Identifier: GPL-2.0
/*
 * record --command-only's line filter: the task id of a tracefs line
 * (comms with blanks, dashes and digits), forks of the command's tasks
 * learnt and not written, other tasks' lines left out, lines that are
 * no event (lost-event notes) kept.
 */
#include <string.h>
#include "tap.h"
#include "../../tools/pagestates/u64map.c"
#include "../../tools/pagestates/record_filter.c"

#define ALLOC ".....  2386.717575: mm_page_alloc: page=00000000cc4b5511 pfn=0x1431d7 order=0 migratetype=1 gfp_flags=GFP_KERNEL"

static long pid_of(const char *line)
{
	return record_filter_pid(line, strlen(line));
}

static bool keep(struct record_filter *f, const char *line)
{
	return record_filter_keep(f, line, strlen(line));
}

int main(void)
{
	struct record_filter f;

	tap_plan(14);
	is(pid_of("            bash-31234   [001] " ALLOC), 31234,
	   "pid of a plain comm");
	is(pid_of("  kworker/u8:2-12 [000] " ALLOC), 12,
	   "pid of a comm with a slash and a colon, short pid field");
	is(pid_of(" my-prog 2-7   [003] " ALLOC), 7,
	   "pid of a comm with a dash, a blank and a digit");
	is(pid_of("          <idle>-0       [1] " ALLOC), 0, "the idle task");
	is(pid_of("CPU:1 [LOST 12 EVENTS]"), -1, "a lost-events note has none");
	is(pid_of("sh-1 [x] " ALLOC), -1, "no cpu field: none");

	if (record_filter_init(&f, 100) < 0)
		tap_bail("record_filter_init");
	ok(keep(&f, "  sh-100 [000] " ALLOC), "the command's line is kept");
	ok(!keep(&f, "  cc1-200 [000] " ALLOC), "another task's line is left out");
	ok(!keep(&f, "  sh-100 [000] .....  1.0: sched_process_fork: comm=sh pid=100 child_comm=sh child_pid=101"),
	   "a fork line is not written");
	ok(keep(&f, "  cat-101 [001] " ALLOC), "the forked task's line is kept");
	ok(!keep(&f, "  cc1-200 [000] .....  1.0: sched_process_fork: comm=cc1 pid=200 child_comm=as child_pid=201"),
	   "another task's fork is not written");
	ok(!keep(&f, "  as-201 [001] " ALLOC), "nor its child's lines kept");
	ok(keep(&f, "CPU:0 [LOST 3 EVENTS]"), "a lost-events note is kept");
	is(f.dropped, 2, "two lines of other tasks counted");
	record_filter_free(&f);
	return tap_finish();
}
