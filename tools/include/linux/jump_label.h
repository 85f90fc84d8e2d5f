/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace shim: static keys as plain flags. The kernel patches the
 * branch; here it is a relaxed load, and a key is process-wide (every
 * guest of the process shares it: code behind a key checks its own
 * guest's state as well).
 */
#ifndef _SHIM_LINUX_JUMP_LABEL_H
#define _SHIM_LINUX_JUMP_LABEL_H

#include <stdbool.h>

struct static_key_false {
	int enabled;
};

struct static_key_true {
	int enabled;
};

#define DEFINE_STATIC_KEY_FALSE(name)	struct static_key_false name = { 0 }
#define DEFINE_STATIC_KEY_TRUE(name)	struct static_key_true name = { 1 }
#define DECLARE_STATIC_KEY_FALSE(name)	extern struct static_key_false name
#define DECLARE_STATIC_KEY_TRUE(name)	extern struct static_key_true name

#define static_branch_unlikely(key) \
	__builtin_expect(__atomic_load_n(&(key)->enabled, __ATOMIC_RELAXED), 0)
#define static_branch_likely(key) \
	__builtin_expect(__atomic_load_n(&(key)->enabled, __ATOMIC_RELAXED), 1)
#define static_branch_enable(key) \
	__atomic_store_n(&(key)->enabled, 1, __ATOMIC_RELAXED)
#define static_branch_disable(key) \
	__atomic_store_n(&(key)->enabled, 0, __ATOMIC_RELAXED)
#define static_key_enabled(key) \
	(__atomic_load_n(&(key)->enabled, __ATOMIC_RELAXED) != 0)

#endif
