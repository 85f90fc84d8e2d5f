// SPDX-License-Identifier: GPL-2.0
/*
 * cmma-test mode "rss": the host really gives memory back. The guest
 * touches mib MiB, waits while the harness reads the QEMU process's
 * resident size, sets every page unused (the block-release lists fill
 * and are processed on the way), and waits again for the second reading.
 */
#include <stdio.h>

#include "../baremetal.h"
#include "cmma-test.h"

#define BASE	(32UL << 20)

int test_rss(unsigned long mib)
{
	uint64_t end = BASE + (mib << 20), p;

	for (p = BASE; p < end; p += PAGE_SIZE)
		*(volatile uint64_t *)p = p;
	request("rss-touched");
	wait_restart();
	for (p = BASE; p < end; p += PAGE_SIZE)
		essa(2, p);
	printf("CMMA-COUNTS pages=%lu listed=%lu flushes=%lu\n",
	       (unsigned long)((end - BASE) / PAGE_SIZE), essa_listed,
	       essa_listed / CBRL_ENTRIES);
	request("rss-hinted");
	wait_restart();
	/* what the host dropped reads as zeros */
	for (p = BASE; p < BASE + (essa_listed / CBRL_ENTRIES) * CBRL_ENTRIES *
	     PAGE_SIZE; p += PAGE_SIZE)
		if (*(volatile uint64_t *)p != 0) {
			check(0, "dropped page %#lx not zero", (unsigned long)p);
			break;
		}
	return failures ? 1 : 0;
}
