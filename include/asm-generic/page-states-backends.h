/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The page-state backends this tree provides (see linux/page-states.h):
 *
 *   essa_direct_backend  native "machine": ESSA semantics, one hv_essa per
 *                        4 KiB page on the guest hv_vcpu_current() runs
 *                        (arch/model/essa-direct.c)
 *   pv_backend           paravirtual: one hv_pv_set_states call (one exit)
 *                        per batch of up to HV_PV_MAX_ENTRIES requests
 *                        (arch/pv/pv.c)
 *
 * Both need hv_vcpu_enter() on the calling thread; probe fails with
 * -ENODEV when no guest runs, essa-direct with -EOPNOTSUPP when the host
 * does not provide ESSA (operation exception), as Linux's cmma_init does.
 */
#ifndef _ASM_GENERIC_PAGE_STATES_BACKENDS_H
#define _ASM_GENERIC_PAGE_STATES_BACKENDS_H

#include <linux/page-states.h>

extern const struct page_states_backend essa_direct_backend;
extern const struct page_states_backend pv_backend;

#endif
