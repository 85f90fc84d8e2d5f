/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace shim: the online cpus are those of the guest the calling
 * thread runs (current_pgdat), 0 to nr_cpus - 1.
 */
#ifndef _SHIM_LINUX_CPUMASK_H
#define _SHIM_LINUX_CPUMASK_H

int shim_nr_online_cpus(void);

#define for_each_online_cpu(cpu) \
	for ((cpu) = 0; (cpu) < shim_nr_online_cpus(); (cpu)++)

#endif
