/* SPDX-License-Identifier: GPL-2.0 */
/* Running the chosen strategies on the chosen input, then the outputs. */
#ifndef _PAGESTATES_RUN_H
#define _PAGESTATES_RUN_H

#include "options.h"

/* The process exit status: 0 ok, 1 error, 3 violations found. */
int ps_run(const struct ps_options *o);
void ps_list(FILE *f);

#endif
