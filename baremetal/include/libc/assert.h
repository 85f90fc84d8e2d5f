/* SPDX-License-Identifier: GPL-2.0 */
/* Freestanding libc subset for the bare-metal image: assert.h */
#ifndef _BM_ASSERT_H
#define _BM_ASSERT_H

#include <stdlib.h>
#include <stdio.h>

#define assert(c) do {							\
	if (!(c)) {							\
		bm_printf("assertion failed: %s at %s:%d\n", #c,	\
			  __FILE__, __LINE__);				\
		abort();						\
	}								\
} while (0)

#endif
