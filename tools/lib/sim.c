// SPDX-License-Identifier: GPL-2.0
/* Simulation glue: a booted guest on the hypervisor model (see sim.h). */
#include <string.h>
#include <linux/smp.h>
#include <asm-generic/guest-memory.h>
#include <asm-generic/page-states-backends.h>
#include <hv/essa-trap.h>
#ifdef __s390x__
#include <asm/page-states.h>
#endif
#include "extable.h"
#include "sim.h"

struct sim_backend {
	const char *name;
	const struct page_states_backend *backend;
	bool trapped;		/* real ESSA: the host intercepts SIGILL */
	/* the guest architecture the backend stands for */
	unsigned int pb_order;
};

#ifdef __s390x__
/*
 * The kernel's ESSA backend (arch/s390/mm/essa.c), plus the checker's
 * peek: a debugger's look at the host model, which no kernel has.
 */
static const struct page_states_backend s390_sim_backend = {
	.name = "s390",
	.probe = essa_probe,
	.set_states = essa_set_states,
	.peek = hv_vcpu_peek_state,
	.peek_range = hv_vcpu_peek_states,
};
#endif

/*
 * s390x builds run the real instruction, trapped and emulated. The ESSA
 * backends are s390 guests (pageblock order 8), the paravirtual one and
 * none an x86-64 guest (9).
 */
static const struct sim_backend backends[] = {
#ifdef __s390x__
	{ "s390", &s390_sim_backend, true, PAGEBLOCK_ORDER_S390 },
#endif
	{ "essa-direct", &essa_direct_backend, false, PAGEBLOCK_ORDER_S390 },
	{ "pv", &pv_backend, false, PAGEBLOCK_ORDER_X86 },
	{ "none", NULL, false, PAGEBLOCK_ORDER_X86 },
};

#ifdef __s390x__
const char *const sim_default_backend = "s390";
#else
const char *const sim_default_backend = "essa-direct";
#endif

static const struct sim_backend *sim_backend_find(const char *name)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(backends); i++)
		if (!strcmp(backends[i].name, name))
			return &backends[i];
	return NULL;
}

int sim_backend_by_name(const char *name,
			const struct page_states_backend **backend)
{
	const struct sim_backend *b = sim_backend_find(name);

	if (!b)
		return -1;
	*backend = b->backend;
	return 0;
}

const char *sim_backend_name(unsigned int i)
{
	return i < ARRAY_SIZE(backends) ? backends[i].name : NULL;
}

void sim_guest_enter(struct sim_guest *sg, int cpu)
{
	BUG_ON(cpu < 0 || cpu >= sg->pgdat->nr_cpus);
	current_pgdat = sg->pgdat;
	hv_vcpu_enter(sg->hv);
	shim_set_cpu(cpu);
}

static struct hv_host *sim_private_host(void)
{
	struct hv_host_config cfg = {
		.mode = HV_MODE_INTERCEPT,
		.essa_available = true,
	};

	return hv_host_create(&cfg);
}

/* Backend, boot and the end of boot accounting; cpu 0 entered. */
static int sim_guest_boot(struct sim_guest *sg,
			  const struct sim_guest_config *cfg,
			  const struct sim_backend *b)
{
	/*
	 * The host model emulates what the machine does not provide, in
	 * front of the guest's program-check handler (its exception table).
	 */
	if (b->trapped && (!extable_handler_installed() || essa_trap_install()))
		return -1;
	zone_set_pcp_high_batch(&sg->pgdat->node_zones[ZONE_NORMAL],
				cfg->pcp_high, cfg->pcp_batch);
	sim_guest_enter(sg, 0);
	/* a failed probe means no hints, as on a host without CMMA */
	page_states_init(b->backend);
	sg->backend = sg->pgdat->page_states.backend;
	mem_init();
	page_states_boot_done();
	return 0;
}

struct sim_guest *sim_guest_create(const struct sim_guest_config *cfg)
{
	const struct sim_backend *b = sim_backend_find(cfg->backend ?
					cfg->backend : sim_default_backend);
	struct sim_guest *sg;

	if (!b)
		return NULL;
	sg = calloc(1, sizeof(*sg));
	if (!sg)
		return NULL;
	sg->host = cfg->host;
	if (!sg->host) {
		sg->host = sim_private_host();
		sg->own_host = true;
	}
	if (sg->host)
		sg->hv = hv_guest_create(sg->host, cfg->nr_pages);
	if (sg->hv)
		sg->pgdat = pgdat_create(cfg->nr_pages, cfg->nr_cpus,
					 cfg->strategy, b->pb_order);
	if (!sg->pgdat || sim_guest_boot(sg, cfg, b)) {
		sim_guest_destroy(sg);
		return NULL;
	}
	sg->pgdat->private = sg;
	return sg;
}

void sim_guest_destroy(struct sim_guest *sg)
{
	if (!sg)
		return;
	if (current_pgdat == sg->pgdat)
		current_pgdat = NULL;
	if (hv_vcpu_current() == sg->hv)
		hv_vcpu_enter(NULL);
	pgdat_destroy(sg->pgdat);
	hv_guest_destroy(sg->hv);
	if (sg->own_host)
		hv_host_destroy(sg->host);
	free(sg);
}

int sim_touch_page(struct page *page)
{
	return guest_mem_touch(page_to_pfn(page), true);
}
