/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The guest kernel's exception table in the userspace build (s390x):
 * where a program check at a given PSW address resumes.
 */
#ifndef _TOOLS_EXTABLE_H
#define _TOOLS_EXTABLE_H

#include <stdbool.h>

/* *psw_addr has an entry: set it to the fixup and return true. */
bool extable_fixup(unsigned long *psw_addr);

/*
 * Is the guest's program-check handler there? In s390x user processes it
 * is a SIGILL handler, installed before main() runs (a SIGILL at an
 * address without an entry kills the process, as a kernel oops would);
 * on bare metal the program-check handler (baremetal/pgm.c). False on
 * other architectures.
 */
bool extable_handler_installed(void);

#endif
