/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace shim: the kernel's error numbers are the C library's. The
 * C library's <errno.h> includes the kernel's uapi <linux/errno.h> and
 * finds this shim first: chain to it.
 */
#ifndef _SHIM_LINUX_ERRNO_H
#define _SHIM_LINUX_ERRNO_H

#if defined(__has_include_next) && __has_include_next(<linux/errno.h>)
#include_next <linux/errno.h>
#endif
#include <errno.h>

#endif
