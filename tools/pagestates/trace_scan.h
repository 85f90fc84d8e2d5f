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

/* Is any of the 8 bytes of w below n (n <= 128)? */
static inline bool scan_word_has_less(u64 w, unsigned int n)
{
	return ((w - 0x0101010101010101ULL * n) & ~w &
		0x8080808080808080ULL) != 0;
}

/* The 8 bytes at p with p[0] in the low byte, on any byte order. */
static inline u64 scan_load8(const char *p)
{
	u64 w;

	memcpy(&w, p, sizeof(w));
#if __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	w = __builtin_bswap64(w);
#endif
	return w;
}

/*
 * The decimal digits at the start of the 8 bytes at p, all at once (SWAR):
 * their number in *n, their value returned. Bytes after the first
 * non-digit do not matter.
 */
static inline u64 scan_dec8(const char *p, unsigned int *n)
{
	const u64 hi = 0xf0f0f0f0f0f0f0f0ULL, zeros = 0x3030303030303030ULL;
	u64 w = scan_load8(p), bad, d;

	/* a digit byte is 0x3N with N < 10: N + 6 does not carry */
	bad = ((w & hi) ^ zeros) | (((w + 0x0606060606060606ULL) & hi) ^ zeros);
	*n = bad ? (unsigned int)__builtin_ctzll(bad) / 8 : 8;
	if (!*n)
		return 0;
	/* the digits to the top bytes, zeros (leading digits) below */
	d = (w - zeros) << (8 * (8 - *n));
	d = d * 10 + (d >> 8);
	d = ((d & 0x000000ff000000ffULL) * (100 + (1000000ULL << 32)) +
	     ((d >> 16) & 0x000000ff000000ffULL) * (1 + (10000ULL << 32))) >>
	    32;
	return d;
}

/*
 * scan_token_end() of a token shorter than 8 bytes, in one word: the first
 * byte below '!' ends it if it is a blank (nothing before it can be).
 */
static inline const char *scan_token_end_short(const char *p,
					       const char *end)
{
	u64 w, m;
	const char *q;

	if (end - p >= 8) {
		w = scan_load8(p);
		m = (w - 0x2121212121212121ULL) & ~w & 0x8080808080808080ULL;
		if (m) {
			q = p + __builtin_ctzll(m) / 8;
			if (*q == ' ' || *q == '\t')
				return q;
		}
	}
	return scan_token_end(p, end);
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
	/* hex digit value + 1 by byte, 0 for any other byte */
	static const unsigned char digit1[256] = {
		['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5,
		['5'] = 6, ['6'] = 7, ['7'] = 8, ['8'] = 9, ['9'] = 10,
		['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15,
		['f'] = 16, ['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14,
		['E'] = 15, ['F'] = 16,
	};
	const char *start = p;
	unsigned int d;
	u64 x = 0;

	while (p < end && (d = digit1[(unsigned char)*p]) != 0) {
		x = (x << 4) | (d - 1);
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

static const u64 scan_ns_scale[10] = { 1000000000, 100000000, 10000000,
	1000000, 100000, 10000, 1000, 100, 10, 1 };

/* scan_time_ns() a digit at a time: any number of digits. */
static inline const char *scan_time_ns_loop(const char *p, const char *end,
					    u64 *ns)
{
	u64 sec, frac = 0;
	unsigned int digits = 0;

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
	*ns = sec * 1000000000ULL + frac * scan_ns_scale[digits];
	return p;
}

/*
 * "SECONDS.FRACTION" (any number of fraction digits) in nanoseconds. The
 * usual stamp, up to 7 digits on either side of the dot, is read as two
 * words (scan_dec8); anything longer a digit at a time.
 */
static inline const char *scan_time_ns(const char *p, const char *end,
				       u64 *ns)
{
	unsigned int n_sec, n_frac;
	u64 sec, frac;

	if (end - p >= 16) {
		sec = scan_dec8(p, &n_sec);
		if (n_sec && n_sec < 8 && p[n_sec] == '.') {
			frac = scan_dec8(p + n_sec + 1, &n_frac);
			if (n_frac && n_frac < 8) {
				*ns = sec * 1000000000ULL +
				      frac * scan_ns_scale[n_frac];
				return p + n_sec + 1 + n_frac;
			}
		}
	}
	return scan_time_ns_loop(p, end, ns);
}

/* Does [p, end) start with the literal s? */
static inline bool scan_prefix(const char *p, const char *end, const char *s,
			       size_t n)
{
	return (size_t)(end - p) >= n && memcmp(p, s, n) == 0;
}

#endif
