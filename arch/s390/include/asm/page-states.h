/* SPDX-License-Identifier: GPL-2.0 */
/*
 *    Copyright IBM Corp. 2017
 *    Author(s): Claudio Imbrenda <imbrenda@linux.vnet.ibm.com>
 *
 * s390 page states: the ESSA (EXTRACT AND SET STORAGE ATTRIBUTES)
 * operation request codes, and the page-state backend that issues them
 * (arch/s390/mm/essa.c).
 */
#ifndef _ASM_S390_PAGE_STATES_H
#define _ASM_S390_PAGE_STATES_H

#include <linux/page-states.h>

/* ESSA M3 operation request codes (KVM's handle_essa decodes them too) */
#define ESSA_GET_STATE			0
#define ESSA_SET_STABLE			1
#define ESSA_SET_UNUSED			2
#define ESSA_SET_VOLATILE		3
#define ESSA_SET_POT_VOLATILE		4
#define ESSA_SET_STABLE_RESIDENT	5
#define ESSA_SET_STABLE_IF_RESIDENT	6
#define ESSA_SET_STABLE_NODAT		7

#define ESSA_MAX	ESSA_SET_STABLE_NODAT

/* EXTRACT AND SET STORAGE ATTRIBUTES, RRF-c: B9AB M3 0 R1 R2 */
#define ESSA_OPCODE		0xb9ab

/* 0 when ESSA works, -EOPNOTSUPP when it faults (no CMMA). */
int essa_probe(void);
/* One ESSA per 4 KiB page of each request; returns the pages. */
unsigned long essa_set_states(struct page_state_req *req, unsigned int nr);

extern const struct page_states_backend essa_backend;

#endif
