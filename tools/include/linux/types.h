/* SPDX-License-Identifier: GPL-2.0 */
/* Userspace shim: kernel integer types. */
#ifndef _SHIM_LINUX_TYPES_H
#define _SHIM_LINUX_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/*
 * System headers may include the kernel's uapi <linux/types.h> and find
 * this shim first (s390x <signal.h> via <asm/sigcontext.h> needs its
 * __vector128): chain to it.
 */
#if defined(__has_include_next) && __has_include_next(<linux/types.h>)
#include_next <linux/types.h>
#endif

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;
typedef unsigned long pgoff_t;
typedef unsigned int gfp_t;
typedef unsigned long phys_addr_t;

#endif
