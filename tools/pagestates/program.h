/* SPDX-License-Identifier: GPL-2.0 */
/* Finding a program before running it (record's command, converters). */
#ifndef _PAGESTATES_PROGRAM_H
#define _PAGESTATES_PROGRAM_H

/*
 * 0 if NAME can be executed (a path with a '/', or found in $PATH as
 * execvp() would), else the errno execvp() would give (ENOENT, EACCES).
 * Asked first, so the answer does not depend on how posix_spawn reports
 * a failed exec (it cannot under qemu-user, where the child exits 127).
 */
int ps_find_program(const char *name);

#endif
