/* SPDX-License-Identifier: GPL-2.0 */
/* Freestanding libc subset for the bare-metal image: stdlib.h */
#ifndef _BM_STDLIB_H
#define _BM_STDLIB_H

#include <stddef.h>

#define EXIT_SUCCESS	0
#define EXIT_FAILURE	1

void *malloc(size_t size);
void *calloc(size_t nmemb, size_t size);
void *realloc(void *ptr, size_t size);
void free(void *ptr);
__attribute__((noreturn)) void abort(void);
__attribute__((noreturn)) void exit(int status);
char *getenv(const char *name);
unsigned long strtoul(const char *s, char **end, int base);

#endif
