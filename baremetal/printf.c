// SPDX-License-Identifier: GPL-2.0
/*
 * printf subset for the bare-metal image: %d %i %u %x %X %p %s %c %%,
 * with the l, ll, z length modifiers, a field width, '0'/'-'/'#' flags and a
 * precision for %s.
 * Console output is line buffered: the SCLP writes whole lines.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "baremetal.h"

struct out {
	char *buf;
	size_t size, len;	/* len counts every character produced */
};

static void put(struct out *o, char c)
{
	if (o->len + 1 < o->size)
		o->buf[o->len] = c;
	o->len++;
}

static void put_padded(struct out *o, const char *s, size_t n, int width,
		       bool left, char pad)
{
	int fill = width > (int)n ? width - (int)n : 0;

	if (!left)
		while (fill-- > 0)
			put(o, pad);
	while (n--)
		put(o, *s++);
	if (left)
		while (fill-- > 0)
			put(o, ' ');
}

static void put_number(struct out *o, unsigned long long v, bool neg,
		       unsigned int base, bool upper, int width, bool left,
		       char pad)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char tmp[24];
	int i = sizeof(tmp);

	do {
		tmp[--i] = digits[v % base];
		v /= base;
	} while (v);
	if (neg) {
		if (pad == '0' && width > 0) {
			put(o, '-');
			width--;
		} else {
			tmp[--i] = '-';
		}
	}
	put_padded(o, tmp + i, sizeof(tmp) - (size_t)i, width, left, pad);
}

/* strlen, at most prec characters when prec >= 0 */
static size_t str_len(const char *s, int prec)
{
	size_t n = 0;

	while (s[n] && (prec < 0 || n < (size_t)prec))
		n++;
	return n;
}

static long long signed_arg(va_list *ap, int lng)
{
	if (lng >= 2)
		return va_arg(*ap, long long);
	if (lng == 1)
		return va_arg(*ap, long);
	return va_arg(*ap, int);
}

static unsigned long long unsigned_arg(va_list *ap, int lng)
{
	if (lng >= 2)
		return va_arg(*ap, unsigned long long);
	if (lng == 1)
		return va_arg(*ap, unsigned long);
	return va_arg(*ap, unsigned int);
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
	struct out o = { buf, size, 0 };
	va_list aq;

	va_copy(aq, ap);
	for (; *fmt; fmt++) {
		bool left = false, alt = false;
		char pad = ' ';
		int width = 0, prec = -1, lng = 0;
		long long sv;
		const char *s;
		char c;

		if (*fmt != '%') {
			put(&o, *fmt);
			continue;
		}
		for (fmt++; *fmt == '-' || *fmt == '0' || *fmt == '#'; fmt++)
			if (*fmt == '-')
				left = true;
			else if (*fmt == '#')
				alt = true;
			else
				pad = '0';
		while (*fmt >= '0' && *fmt <= '9')
			width = width * 10 + (*fmt++ - '0');
		if (*fmt == '.') {
			prec = 0;
			if (*++fmt == '*') {
				prec = va_arg(aq, int);
				fmt++;
			}
			while (*fmt >= '0' && *fmt <= '9')
				prec = prec * 10 + (*fmt++ - '0');
		}
		for (; *fmt == 'l' || *fmt == 'z'; fmt++)
			lng++;
		switch (*fmt) {
		case 'd':
		case 'i':
			sv = signed_arg(&aq, lng);
			put_number(&o, sv < 0 ? -(unsigned long long)sv :
				   (unsigned long long)sv, sv < 0, 10, false,
				   width, left, pad);
			break;
		case 'u':
		case 'x':
		case 'X':
			if (alt && *fmt != 'u') {
				put(&o, '0');
				put(&o, 'x');
			}
			put_number(&o, unsigned_arg(&aq, lng), false,
				   *fmt == 'u' ? 10 : 16, *fmt == 'X', width,
				   left, pad);
			break;
		case 'p':
			put(&o, '0');
			put(&o, 'x');
			put_number(&o, (unsigned long)va_arg(aq, void *), false,
				   16, false, width, left, pad);
			break;
		case 's':
			s = va_arg(aq, const char *);
			if (!s)
				s = "(null)";
			put_padded(&o, s, str_len(s, prec), width, left, ' ');
			break;
		case 'c':
			c = (char)va_arg(aq, int);
			put_padded(&o, &c, 1, width, left, ' ');
			break;
		case '\0':
			fmt--;
			break;
		default:
			put(&o, *fmt);
			break;
		}
	}
	va_end(aq);
	if (size)
		buf[o.len < size ? o.len : size - 1] = '\0';
	return (int)o.len;
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

static char line[256];
static size_t line_len;

void bm_flush(void)
{
	sclp_console_line(line, line_len);
	line_len = 0;
}

static void console_putc(char c)
{
	if (c == '\n') {
		bm_flush();
		return;
	}
	if (line_len == sizeof(line))
		bm_flush();
	line[line_len++] = c;
}

int vprintf(const char *fmt, va_list ap)
{
	char buf[512];
	int n = vsnprintf(buf, sizeof(buf), fmt, ap);
	const char *p;

	for (p = buf; *p; p++)
		console_putc(*p);
	return n;
}

int bm_printf(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintf(fmt, ap);
	va_end(ap);
	return n;
}
