/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim: the compiler attributes kernel code expects. */
#ifndef _SHIM_LINUX_COMPILER_H
#define _SHIM_LINUX_COMPILER_H

#define likely(x)	__builtin_expect(!!(x), 1)
#define unlikely(x)	__builtin_expect(!!(x), 0)
#undef __always_inline	/* glibc's sys/cdefs.h has its own */
#define __always_inline	inline __attribute__((__always_inline__))
#define noinline	__attribute__((__noinline__))
#define __maybe_unused	__attribute__((__unused__))
#define __used		__attribute__((__used__))
#define __packed	__attribute__((__packed__))
#define __aligned(x)	__attribute__((__aligned__(x)))
#define __printf(a, b)	__attribute__((__format__(printf, a, b)))
#define __must_check	__attribute__((__warn_unused_result__))
#define barrier()	__asm__ __volatile__("" : : : "memory")

#define __read_mostly
#define cpu_relax()	barrier()

#define READ_ONCE(x)	__atomic_load_n(&(x), __ATOMIC_RELAXED)
#define WRITE_ONCE(x, v) __atomic_store_n(&(x), (v), __ATOMIC_RELAXED)

/* Barriers and ordered accesses (the kernel's asm/barrier.h, atomic.h). */
#if defined(__SANITIZE_THREAD__)
/* TSan has no fences: a seq_cst read-modify-write orders the same way */
static inline void smp_mb(void)
{
	static int smp_mb_word;

	__atomic_fetch_add(&smp_mb_word, 0, __ATOMIC_SEQ_CST);
}
#else
#define smp_mb()		__atomic_thread_fence(__ATOMIC_SEQ_CST)
#endif
#define smp_mb__after_atomic()	smp_mb()
#define smp_mb__before_atomic()	smp_mb()
#define smp_load_acquire(p)	__atomic_load_n(p, __ATOMIC_ACQUIRE)
#define smp_store_release(p, v)	__atomic_store_n(p, v, __ATOMIC_RELEASE)
#define xchg(p, v)		__atomic_exchange_n(p, v, __ATOMIC_SEQ_CST)
#define cmpxchg(p, old, new) ({						\
	__typeof__(*(p)) __old = (old);					\
	__atomic_compare_exchange_n(p, &__old, new, false,		\
				    __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);\
	__old;								\
})

#endif
