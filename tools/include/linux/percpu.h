/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace shim: per-cpu variables. A guest cpu is a thread, so a
 * per-cpu variable is thread-local; this_cpu_ptr() is its address.
 */
#ifndef _SHIM_LINUX_PERCPU_H
#define _SHIM_LINUX_PERCPU_H

#define DEFINE_PER_CPU(type, name)	__thread type name
#define DECLARE_PER_CPU(type, name)	extern __thread type name
#define this_cpu_ptr(ptr)		(ptr)
#define get_cpu_ptr(ptr)		(ptr)
#define put_cpu_ptr(ptr)		do { (void)(ptr); } while (0)
/*
 * Another cpu's entry of a per-cpu allocation: the model keeps those as
 * arrays of one entry per guest cpu (zone->per_cpu_pageset). Not for
 * DEFINE_PER_CPU variables, which are thread-local.
 */
#define per_cpu_ptr(ptr, cpu)		(&(ptr)[cpu])

#endif
