/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace shim: bit spinlocks. The kernel disables preemption while one
 * is held; a guest cpu here is a thread that may lose its core, so a
 * waiter yields after a short spin (as spin_lock does, linux/spinlock.h).
 */
#ifndef _SHIM_LINUX_BIT_SPINLOCK_H
#define _SHIM_LINUX_BIT_SPINLOCK_H

#include <sched.h>
#include <linux/bitops.h>
#include <linux/spinlock.h>

static inline int bit_spin_trylock(int bitnum, unsigned long *addr)
{
	return !test_and_set_bit_lock(bitnum, addr);
}

static inline void bit_spin_lock(int bitnum, unsigned long *addr)
{
	unsigned int spins = 0;

	while (!bit_spin_trylock(bitnum, addr))
		if (++spins >= SPIN_LOCK_SPINS) {
			sched_yield();
			spins = 0;
		}
}

static inline void bit_spin_unlock(int bitnum, unsigned long *addr)
{
	clear_bit_unlock(bitnum, addr);
}

#endif
