/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Freestanding libc subset for the bare-metal image: stdio.h. Every stream
 * is the SCLP console.
 */
#ifndef _BM_STDIO_H
#define _BM_STDIO_H

#include <stdarg.h>
#include <stddef.h>

typedef struct bm_file FILE;
#define stdout	((FILE *)1)
#define stderr	((FILE *)2)

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int vprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));
int bm_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define printf(...)		bm_printf(__VA_ARGS__)
#define fprintf(f, ...)		((void)(f), bm_printf(__VA_ARGS__))
#define vfprintf(f, fmt, ap)	((void)(f), vprintf(fmt, ap))
#define fflush(f)		((void)(f), 0)
#define putchar(c)		bm_printf("%c", (c))
#define puts(s)			bm_printf("%s\n", (s))
#define perror(s)		bm_printf("%s: error\n", (s))

#endif
