// SPDX-License-Identifier: GPL-2.0
/*
 * Moving the prefix area: real addresses 0-8 KiB (the lowcore) then map
 * to the area, and absolute pages 0 and 1 become ordinary memory, reached
 * through the real addresses of the area. Images whose simulated guest
 * owns absolute page 0 (cmma.elf) and the discard tests use it.
 */
#include "baremetal.h"

/* area: 8 KiB aligned, below 2 GiB. The lowcore is copied there first. */
void bm_set_prefix(void *area)
{
	uint32_t pfx = (uint32_t)(uintptr_t)area;

	asm volatile("	lghi	%%r1,0\n"
		     "	lgr	%%r2,%[dst]\n"
		     "	lghi	%%r3,32\n"
		     "0:	mvc	0(256,%%r2),0(%%r1)\n"
		     "	la	%%r1,256(%%r1)\n"
		     "	la	%%r2,256(%%r2)\n"
		     "	brct	%%r3,0b\n"
		     "	spx	%[pfx]\n"
		     : : [dst] "a" (area), [pfx] "Q" (pfx)
		     : "r1", "r2", "r3", "memory");
}
