/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim: atomic and non-atomic bit operations on unsigned long. */
#ifndef _SHIM_LINUX_BITOPS_H
#define _SHIM_LINUX_BITOPS_H

#include <stdbool.h>

#define BIT(nr)		(1UL << (nr))
#define BITS_PER_LONG	(8 * (int)sizeof(long))

static inline void set_bit(int nr, unsigned long *addr)
{
	__atomic_fetch_or(addr, BIT(nr), __ATOMIC_SEQ_CST);
}

static inline void clear_bit(int nr, unsigned long *addr)
{
	__atomic_fetch_and(addr, ~BIT(nr), __ATOMIC_SEQ_CST);
}

static inline bool test_bit(int nr, const unsigned long *addr)
{
	return (__atomic_load_n(addr, __ATOMIC_ACQUIRE) >> nr) & 1;
}

static inline bool test_and_set_bit(int nr, unsigned long *addr)
{
	return (__atomic_fetch_or(addr, BIT(nr), __ATOMIC_SEQ_CST) >> nr) & 1;
}

static inline bool test_and_clear_bit(int nr, unsigned long *addr)
{
	return (__atomic_fetch_and(addr, ~BIT(nr), __ATOMIC_SEQ_CST) >> nr) & 1;
}

/* Lock bit with acquire/release ordering, as the kernel's bit spinlocks. */
static inline bool test_and_set_bit_lock(int nr, unsigned long *addr)
{
	return (__atomic_fetch_or(addr, BIT(nr), __ATOMIC_ACQUIRE) >> nr) & 1;
}

static inline void clear_bit_unlock(int nr, unsigned long *addr)
{
	__atomic_fetch_and(addr, ~BIT(nr), __ATOMIC_RELEASE);
}

static inline int ilog2(unsigned long v)
{
	return BITS_PER_LONG - 1 - __builtin_clzl(v);
}

#endif
