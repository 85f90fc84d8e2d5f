// SPDX-License-Identifier: GPL-2.0
/* Userspace shim: per-thread state behind the kernel API shims. */
#include <linux/smp.h>

__thread int shim_cpu_id;
