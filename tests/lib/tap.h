/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TAP output for the tests, in the style of the kernel's kselftest.h:
 * a plan, one "ok"/"not ok" line per assertion, diagnostics behind "#".
 */
#ifndef _TESTS_TAP_H
#define _TESTS_TAP_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

/* As in the shim's linux/compiler.h (same tokens: may be included after) */
#ifndef __printf
#define __printf(a, b)	__attribute__((__format__(printf, a, b)))
#endif

struct tap_state {
	unsigned int planned;
	unsigned int run;
	unsigned int failed;
};

extern struct tap_state tap;

static inline void tap_plan(unsigned int n)
{
	tap.planned = n;
	printf("TAP version 13\n1..%u\n", n);
	fflush(stdout);
}

static inline __printf(1, 2) void tap_diag(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

static inline __printf(2, 3) int tap_ok(int cond, const char *fmt, ...)
{
	va_list ap;

	tap.run++;
	if (!cond)
		tap.failed++;
	printf("%sok %u - ", cond ? "" : "not ", tap.run);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
	return cond;
}

/* ok(cond, name): assert with the failing expression in the diagnostics. */
#define ok(cond, ...) ({						\
	int __c = !!(cond);						\
	if (!tap_ok(__c, __VA_ARGS__))					\
		tap_diag("  failed: %s at %s:%d", #cond, __FILE__, __LINE__); \
	__c;								\
})

/* is(got, want, name): equality of integers, both printed on failure. */
#define is(got, want, ...) ({						\
	long long __g = (long long)(got), __w = (long long)(want);	\
	int __c = __g == __w;						\
	if (!tap_ok(__c, __VA_ARGS__))					\
		tap_diag("  got %lld, want %lld (%s) at %s:%d",		\
			 __g, __w, #got, __FILE__, __LINE__);		\
	__c;								\
})

static inline int tap_skip(const char *why)
{
	tap.run++;
	printf("ok %u # SKIP %s\n", tap.run, why);
	fflush(stdout);
	return 1;
}

/* Exit status: 0 when every planned assertion ran and passed. */
static inline int tap_finish(void)
{
	if (tap.planned && tap.run != tap.planned)
		tap_diag("planned %u tests but ran %u", tap.planned, tap.run);
	return (tap.failed || (tap.planned && tap.run != tap.planned)) ? 1 : 0;
}

static inline void tap_bail(const char *why)
{
	printf("Bail out! %s\n", why);
	fflush(stdout);
	exit(255);
}

#endif
