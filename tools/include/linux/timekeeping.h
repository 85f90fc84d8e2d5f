/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _SHIM_LINUX_TIMEKEEPING_H
#define _SHIM_LINUX_TIMEKEEPING_H

#include <linux/ktime.h>

#endif
