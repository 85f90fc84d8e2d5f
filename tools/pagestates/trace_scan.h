/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hand-written field scanners for trace text: no sscanf, no strtoul, no
 * locale. Each returns the position after what it consumed, or NULL when
 * the text does not match (or a number would overflow).
 */
#ifndef _PAGESTATES_TRACE_SCAN_H
#define _PAGESTATES_TRACE_SCAN_H

#include <string.h>
#include <linux/types.h>

static inline const char *scan_spaces(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p;
}

static inline const char *scan_token_end(const char *p, const char *end)
{
	while (p < end && *p != ' ' && *p != '\t')
		p++;
	return p;
}

static inline bool scan_is_digit(char c)
{
	return (unsigned char)(c - '0') < 10;
}

static inline int scan_hex_val(char c)
{
	if (scan_is_digit(c))
		return c - '0';
	c |= 0x20;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

static inline const char *scan_dec(const char *p, const char *end, u64 *v)
{
	const char *start = p;
	u64 x = 0;

	while (p < end && scan_is_digit(*p)) {
		x = x * 10 + (u64)(*p - '0');
		p++;
	}
	/* more than 19 digits could overflow: checked once, at the end */
	if (p == start || p - start > 19)
		return NULL;
	*v = x;
	return p;
}

static inline const char *scan_hex(const char *p, const char *end, u64 *v)
{
	const char *start = p;
	u64 x = 0;
	int d;

	while (p < end && (d = scan_hex_val(*p)) >= 0) {
		x = (x << 4) | (u64)d;
		p++;
	}
	if (p == start || p - start > 16)
		return NULL;
	*v = x;
	return p;
}

/* "0x..." is hex, anything else decimal (old kernels print pfn=%lu). */
static inline const char *scan_num(const char *p, const char *end, u64 *v)
{
	if (end - p > 2 && p[0] == '0' && (p[1] | 0x20) == 'x')
		return scan_hex(p + 2, end, v);
	return scan_dec(p, end, v);
}

/* "SECONDS.FRACTION" (any number of fraction digits) in nanoseconds. */
static inline const char *scan_time_ns(const char *p, const char *end,
				       u64 *ns)
{
	static const u64 scale[10] = { 1000000000, 100000000, 10000000,
		1000000, 100000, 10000, 1000, 100, 10, 1 };
	u64 sec, frac = 0;
	int digits = 0;

	p = scan_dec(p, end, &sec);
	if (!p || p >= end || *p != '.' || sec > 18000000000ULL)
		return NULL;
	p++;
	if (p >= end || !scan_is_digit(*p))
		return NULL;
	for (; p < end && scan_is_digit(*p); p++) {
		if (digits < 9) {
			frac = frac * 10 + (u64)(*p - '0');
			digits++;
		}
	}
	*ns = sec * 1000000000ULL + frac * scale[digits];
	return p;
}

/* Does [p, end) start with the literal s? */
static inline bool scan_prefix(const char *p, const char *end, const char *s,
			       size_t n)
{
	return (size_t)(end - p) >= n && memcmp(p, s, n) == 0;
}

#endif
