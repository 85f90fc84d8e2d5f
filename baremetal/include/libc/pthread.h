/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Freestanding libc subset for the bare-metal image: pthread.h. The image
 * runs on one cpu with interruptions disabled, so a mutex is never
 * contended: it only records that it is held, to catch recursion.
 */
#ifndef _BM_PTHREAD_H
#define _BM_PTHREAD_H

typedef struct {
	int locked;
} pthread_mutex_t;
typedef int pthread_mutexattr_t;

#define PTHREAD_MUTEX_INITIALIZER { 0 }

void bm_mutex_deadlock(void);

static inline int pthread_mutex_init(pthread_mutex_t *m,
				     const pthread_mutexattr_t *attr)
{
	(void)attr;
	m->locked = 0;
	return 0;
}

static inline int pthread_mutex_destroy(pthread_mutex_t *m)
{
	(void)m;
	return 0;
}

static inline int pthread_mutex_lock(pthread_mutex_t *m)
{
	if (m->locked)
		bm_mutex_deadlock();
	m->locked = 1;
	return 0;
}

static inline int pthread_mutex_trylock(pthread_mutex_t *m)
{
	if (m->locked)
		return 16;	/* EBUSY */
	m->locked = 1;
	return 0;
}

static inline int pthread_mutex_unlock(pthread_mutex_t *m)
{
	m->locked = 0;
	return 0;
}

#endif
