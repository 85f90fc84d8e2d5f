// SPDX-License-Identifier: GPL-2.0
/*
 * The workload's two sizes. Full: what make e2e runs in a 256 MiB guest
 * (about 150 MiB at its peak). Small: the TAP test under qemu-s390x and
 * the shortened run of make e2e-check.
 */
#include "e2e.h"

void e2e_params_full(struct e2e_params *p)
{
	p->seed = 1;
	p->churn_rounds = 6;
	p->churn_children = 3;
	p->churn_ops = 160;
	p->child_cap_pages = 4096;	/* 16 MiB */
	p->pool_step_pages = 2048;	/* 8 MiB a round, 48 MiB in all */
	p->nr_files = 24;
	p->file_pages = 256;		/* 1 MiB each */
	p->idle_ms = 3000;
	p->settle_ms = 2000;
}

void e2e_params_small(struct e2e_params *p)
{
	p->seed = 1;
	p->churn_rounds = 2;
	p->churn_children = 2;
	p->churn_ops = 60;
	p->child_cap_pages = 1024;
	p->pool_step_pages = 512;
	p->nr_files = 4;
	p->file_pages = 64;
	p->idle_ms = 500;
	p->settle_ms = 500;
}
