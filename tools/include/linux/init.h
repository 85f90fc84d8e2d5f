/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace shim: init sections and boot parameters. Nothing is freed
 * after boot, and there is no command line: early_param() only keeps the
 * handler referenced (the userspace build calls the parsers directly).
 */
#ifndef _SHIM_LINUX_INIT_H
#define _SHIM_LINUX_INIT_H

#include <linux/compiler.h>

#define __init
#define __initdata
#define __ro_after_init

#define early_param(str, fn)						\
	static int (*const __early_param_##fn)(char *) __used = fn
#define core_initcall(fn)						\
	static int (*const __initcall_##fn)(void) __used = fn

#endif
