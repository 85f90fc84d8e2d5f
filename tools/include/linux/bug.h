/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim: BUG/WARN report and abort like the kernel would oops. */
#ifndef _SHIM_LINUX_BUG_H
#define _SHIM_LINUX_BUG_H

#include <stdio.h>
#include <stdlib.h>

#define BUG() do {							\
	fprintf(stderr, "kernel BUG at %s:%d!\n", __FILE__, __LINE__);	\
	abort();							\
} while (0)

#define BUG_ON(cond) do { if (__builtin_expect(!!(cond), 0)) BUG(); } while (0)

#define WARN_ON(cond) ({						\
	int __ret_warn = !!(cond);					\
	if (__builtin_expect(__ret_warn, 0))				\
		fprintf(stderr, "WARNING at %s:%d: %s\n",		\
			__FILE__, __LINE__, #cond);			\
	__ret_warn;							\
})

#define WARN_ON_ONCE(cond) ({						\
	static int __warned;						\
	int __ret_warn_once = !!(cond);					\
	if (__builtin_expect(__ret_warn_once && !__warned, 0)) {	\
		__warned = 1;						\
		fprintf(stderr, "WARNING at %s:%d: %s\n",		\
			__FILE__, __LINE__, #cond);			\
	}								\
	__ret_warn_once;						\
})

#define BUILD_BUG_ON(cond) _Static_assert(!(cond), #cond)

#endif
