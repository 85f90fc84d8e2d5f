/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Standard streams that cannot be written must fail the command (exit
 * status 1), not be ignored: a table sent to /dev/full or to a closed
 * standard output is lost.
 */
#ifndef _PAGESTATES_STDIO_GUARD_H
#define _PAGESTATES_STDIO_GUARD_H

/*
 * First thing in main: a closed fd 0, 1 or 2 is held by /dev/null opened
 * the wrong way round (read-only for 1 and 2), so that no file the tool
 * opens later becomes "standard output" and every write to it fails.
 */
void ps_stdio_guard(void);

/* Last thing in main: flush stdout; -1 with a message if it failed. */
int ps_stdout_finish(void);

#endif
