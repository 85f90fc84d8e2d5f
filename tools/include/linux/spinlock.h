/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace shim: spinlocks. Uncontended, a lock is one atomic exchange
 * and an unlock one release store: the simulation takes a lock for nearly
 * every page it touches, and a pthread mutex costs several times that.
 * Guest cpus are threads and may outnumber host cores, so a waiter does
 * not spin for long: it yields its core (to the holder, with luck).
 */
#ifndef _SHIM_LINUX_SPINLOCK_H
#define _SHIM_LINUX_SPINLOCK_H

#include <sched.h>

/* Reads of a held lock before the waiter yields. */
#define SPIN_LOCK_SPINS	64

typedef struct {
	int locked;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(x) { 0 }
#define DEFINE_SPINLOCK(x) spinlock_t x = __SPIN_LOCK_UNLOCKED(x)

static inline void spin_lock_init(spinlock_t *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELAXED);
}

static inline void spin_lock_destroy(spinlock_t *l)
{
	(void)l;
}

static inline int spin_trylock(spinlock_t *l)
{
	return !__atomic_exchange_n(&l->locked, 1, __ATOMIC_ACQUIRE);
}

/* Wait until the lock looks free (no write while it is held). */
static inline void spin_lock_wait(spinlock_t *l)
{
	unsigned int spins = 0;

	while (__atomic_load_n(&l->locked, __ATOMIC_RELAXED))
		if (++spins >= SPIN_LOCK_SPINS) {
			sched_yield();
			spins = 0;
		}
}

static inline void spin_lock(spinlock_t *l)
{
	while (!spin_trylock(l))
		spin_lock_wait(l);
}

static inline void spin_unlock(spinlock_t *l)
{
	__atomic_store_n(&l->locked, 0, __ATOMIC_RELEASE);
}

#define spin_lock_irqsave(l, flags)	do { (flags) = 0; spin_lock(l); } while (0)
#define spin_unlock_irqrestore(l, flags) do { (void)(flags); spin_unlock(l); } while (0)
#define spin_trylock_irqsave(l, flags)	({ (flags) = 0; spin_trylock(l); })
#define spin_lock_irq(l)		spin_lock(l)
#define spin_unlock_irq(l)		spin_unlock(l)

#endif
