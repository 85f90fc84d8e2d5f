/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace shim: IS_ENABLED() for the options the userspace build sets
 * (Makefile: -DCONFIG_...), one line per option it may test.
 */
#ifndef _SHIM_LINUX_KCONFIG_H
#define _SHIM_LINUX_KCONFIG_H

#define IS_ENABLED(option)	(__shim_is_##option)

#ifdef CONFIG_PAGE_STATES
#define __shim_is_CONFIG_PAGE_STATES		1
#else
#define __shim_is_CONFIG_PAGE_STATES		0
#endif
#ifdef CONFIG_PAGE_STATES_VOLATILE
#define __shim_is_CONFIG_PAGE_STATES_VOLATILE	1
#else
#define __shim_is_CONFIG_PAGE_STATES_VOLATILE	0
#endif
#ifdef CONFIG_PAGE_STATES_ADAPTIVE
#define __shim_is_CONFIG_PAGE_STATES_ADAPTIVE	1
#else
#define __shim_is_CONFIG_PAGE_STATES_ADAPTIVE	0
#endif
#ifdef CONFIG_DEBUG_PAGE_STATES
#define __shim_is_CONFIG_DEBUG_PAGE_STATES	1
#else
#define __shim_is_CONFIG_DEBUG_PAGE_STATES	0
#endif

#endif
