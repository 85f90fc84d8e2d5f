/* SPDX-License-Identifier: GPL-2.0 */
/* Freestanding libc subset for the bare-metal image: sched.h */
#ifndef _BM_SCHED_H
#define _BM_SCHED_H

static inline int sched_yield(void)
{
	return 0;
}

#endif
