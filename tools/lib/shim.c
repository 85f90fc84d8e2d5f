// SPDX-License-Identifier: GPL-2.0
/* Userspace shim: per-thread state behind the kernel API shims. */
#include <linux/smp.h>
#include <linux/cpumask.h>
#include <linux/mmzone.h>

__thread int shim_cpu_id;

int shim_nr_online_cpus(void)
{
	return current_pgdat ? current_pgdat->nr_cpus : 0;
}
