/* SPDX-License-Identifier: GPL-2.0 */
/*
 * s390 page-state hinting: the ESSA backend (arch/s390/mm/page-states.c).
 */
#ifndef _ASM_S390_PAGE_STATES_H
#define _ASM_S390_PAGE_STATES_H

#include <linux/page-states.h>

/* EXTRACT AND SET STORAGE ATTRIBUTES, RRF-c: B9AB M3 0 R1 R2 */
#define ESSA_OPCODE		0xb9ab

extern const struct page_states_backend essa_backend;

#endif
