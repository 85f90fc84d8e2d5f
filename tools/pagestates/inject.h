/* SPDX-License-Identifier: GPL-2.0 */
/* Test-only bugs and host faults from the environment (see inject.c). */
#ifndef _PAGESTATES_INJECT_H
#define _PAGESTATES_INJECT_H

#include <hv/hv.h>

/* The guest's bugs and hint-point hook; the host's bugs and faults. */
void inject_config(struct hv_host_config *hc);

#endif
