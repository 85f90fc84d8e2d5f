/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace shim: s390 exception table entries. EX_TABLE(fault, target):
 * a program check whose PSW address is fault resumes at target. The
 * entries go to section __ex_table as (fault - ., target - ., type, 0);
 * tools/lib/extable.c looks them up from the SIGILL handler (user
 * processes) or the program-check handler (bare metal).
 */
#ifndef _SHIM_ASM_ASM_EXTABLE_H
#define _SHIM_ASM_ASM_EXTABLE_H

#define EX_TYPE_FIXUP	1

#define EX_TABLE(_fault, _target)					\
	"	.pushsection __ex_table,\"a\"\n"			\
	"	.balign	4\n"						\
	"	.long	(" #_fault ") - .\n"				\
	"	.long	(" #_target ") - .\n"				\
	"	.short	1\n"						\
	"	.short	0\n"						\
	"	.popsection\n"

#endif
