/* SPDX-License-Identifier: GPL-2.0 */
/* `pagestates record`: capture a real trace through tracefs (record.c). */
#ifndef _PAGESTATES_RECORD_H
#define _PAGESTATES_RECORD_H

#include "options.h"

/* The command's exit status, or 1 if the capture failed. */
int ps_record(const struct ps_options *o);

#endif
