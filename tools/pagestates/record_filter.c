// SPDX-License-Identifier: GPL-2.0
/*
 * The line filter of `pagestates record --command-only`: see
 * record_filter.h.
 */
#include <string.h>
#include "record_filter.h"

#define FORK_EVENT	"sched_process_fork: "
#define CHILD_PID	" child_pid="

int record_filter_init(struct record_filter *f, long pid)
{
	bool created;

	f->dropped = 0;
	if (u64map_init(&f->pids, 256) < 0)
		return -1;
	return u64map_put(&f->pids, (u64)pid, &created) ? 0 : -1;
}

void record_filter_free(struct record_filter *f)
{
	u64map_free(&f->pids);
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * The task field is "%16s-%-7d" (the comm may hold spaces and dashes),
 * then blanks and "[CPU]": the first "[digits]" with "-digits blanks"
 * before it.
 */
long record_filter_pid(const char *line, size_t len)
{
	size_t i, j, k;

	for (i = 1; i < len; i++) {
		long pid = 0, mul = 1;

		if (line[i] != '[')
			continue;
		for (j = i + 1; j < len && is_digit(line[j]); j++)
			;
		if (j == i + 1 || j >= len || line[j] != ']')
			continue;
		for (k = i; k > 0 && line[k - 1] == ' '; k--)
			;
		if (k == i)
			continue;
		for (j = k; j > 0 && is_digit(line[j - 1]); j--)
			;
		if (j == k || j == 0 || line[j - 1] != '-' || k - j > 9)
			continue;
		for (; k > j; k--, mul *= 10)
			pid += (line[k - 1] - '0') * mul;
		return pid;
	}
	return -1;
}

static long child_pid(const char *line, size_t len)
{
	const char *p = memmem(line, len, CHILD_PID, strlen(CHILD_PID));
	long pid = 0;

	if (!p)
		return -1;
	for (p += strlen(CHILD_PID); p < line + len && is_digit(*p); p++)
		pid = pid * 10 + (*p - '0');
	return pid;
}

bool record_filter_keep(struct record_filter *f, const char *line,
			size_t len)
{
	long pid = record_filter_pid(line, len);
	bool ours, created;

	if (pid < 0)		/* not an event: "CPU:N [LOST M EVENTS]" */
		return true;
	ours = u64map_get(&f->pids, (u64)pid) != NULL;
	if (memmem(line, len, FORK_EVENT, strlen(FORK_EVENT))) {
		long child = child_pid(line, len);

		if (ours && child > 0)
			u64map_put(&f->pids, (u64)child, &created);
		return false;
	}
	if (!ours)
		f->dropped++;
	return ours;
}
