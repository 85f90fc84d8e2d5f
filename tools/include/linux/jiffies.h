/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace shim: a jiffy is one nanosecond of the guest's virtual clock,
 * so delays keep their exact value (a kernel rounds them to its HZ).
 */
#ifndef _SHIM_LINUX_JIFFIES_H
#define _SHIM_LINUX_JIFFIES_H

#include <linux/types.h>

#define HZ	1000000000UL

static inline unsigned long nsecs_to_jiffies(u64 n)
{
	return (unsigned long)n;
}

static inline u64 jiffies_to_nsecs(unsigned long j)
{
	return j;
}

static inline unsigned long msecs_to_jiffies(unsigned int m)
{
	return m * 1000000UL;
}

#endif
