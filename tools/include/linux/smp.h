/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace shim: the cpu a thread runs as. A guest cpu is a thread (or,
 * in single-threaded simulations, a value the driver switches).
 */
#ifndef _SHIM_LINUX_SMP_H
#define _SHIM_LINUX_SMP_H

extern __thread int shim_cpu_id;

static inline int smp_processor_id(void)
{
	return shim_cpu_id;
}

static inline void shim_set_cpu(int cpu)
{
	shim_cpu_id = cpu;
}

#endif
