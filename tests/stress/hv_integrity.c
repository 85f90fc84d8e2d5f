// SPDX-License-Identifier: GPL-2.0
/*
 * Data-integrity stress of the hypervisor model: guests write known
 * content and hint their pages, the host reclaims at random points under
 * a tight limit, and a shadow copy of every guest's view checks that
 *  - a stable page always reads back exactly,
 *  - a page dropped while unused or volatile reads as zeros once set
 *    stable again, and the set-stable result says it was dropped,
 *  - a discarded volatile page is never read without a discard fault
 *    (zvm) or reads as zeros (kvm, which has no discard fault),
 *  - a dirty potentially volatile page is never discarded,
 *  - every ESSA result agrees with the state the guest gave the page,
 *  - an unused page the guest writes stays unused (the host may drop
 *    what was written; set stable, the result says whether it did).
 * A quarter of the operations runs on each of the hosts intercept/kvm,
 * interpret/kvm, intercept/zvm, interpret/zvm, three guests each, ESSA
 * and pv calls mixed.
 *
 *   hv_integrity [--seed N] [--ops N]
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/compiler.h>
#include "../unit/hv_test.h"

#define NR_GUESTS	3
#define GUEST_PAGES	512
#define HOST_LIMIT	300
#define PAGE		4096

enum usage { US, UU, UV, UP };

struct shadow_page {
	uint8_t usage;
	bool dirty;		/* the host's change bit: written, not cleaned */
	bool maybe_s;		/* P: the host may have made it stable */
	uint32_t gen;		/* content generation, 0: zeros */
};

struct sguest {
	struct hv_guest *hv;
	struct shadow_page page[GUEST_PAGES];
	unsigned long nr_unused;
};

static uint64_t rng_state;
static unsigned long violations;
static bool kvm;		/* the host being stressed pages V and P out */
static uint32_t next_gen = 1;

static uint64_t rnd(void)
{
	uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned long rnd_below(unsigned long n)
{
	return rnd() % n;
}

static void fill(unsigned char *buf, uint64_t pfn, uint32_t gen)
{
	uint64_t x = pfn << 32 | gen;
	unsigned int i;

	if (!gen) {
		memset(buf, 0, PAGE);
		return;
	}
	for (i = 0; i < PAGE; i += 8) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		memcpy(buf + i, &x, 8);
	}
}

static __printf(1, 2) void violation(const char *fmt, ...)
{
	va_list ap;

	if (violations++ < 10) {
		printf("# violation: ");
		va_start(ap, fmt);
		vprintf(fmt, ap);
		va_end(ap);
		printf("\n");
	}
}

static const unsigned int usage_bits[4] = { 0x00, 0x04, 0x0c, 0x08 };

/* Is an ESSA result byte consistent with the guest's view of the page? */
static void check_result(struct shadow_page *p, uint64_t pfn, unsigned int res)
{
	unsigned int usage = res & 0x0c, host = res & 0x03;

	if (host == 1)
		violation("pfn %llu: host state 1", (unsigned long long)pfn);
	if (usage == usage_bits[p->usage]) {
		/* kvm pages P out as Pp; zvm decides it (Pp cannot exist) */
		if (usage == 0x08 && host != 0 && !(kvm && host == 2))
			violation("pfn %llu: P not resident", (unsigned long long)pfn);
		return;
	}
	/* the host turns P into S (dirty, paged out) or Vz (clean) */
	if (p->usage == UP && usage == 0x00 && p->maybe_s)
		return;
	if (p->usage == UP && usage == 0x0c && host == 3 && !p->dirty)
		return;
	violation("pfn %llu: result %#x, guest set usage %u%s",
		  (unsigned long long)pfn, res, p->usage,
		  p->dirty ? " (dirty)" : "");
}

/* A full-page read; a discarded page faults, anything else is exact. */
static void do_read(struct sguest *g, uint64_t pfn)
{
	struct shadow_page *p = &g->page[pfn];
	unsigned char buf[PAGE], want[PAGE];
	unsigned int res;
	int pic;

	memset(buf, 0xa5, PAGE);
	pic = hv_access(g->hv, pfn, 0, buf, PAGE, false);
	if (pic == HV_PIC_DISCARD) {
		if (p->usage != UV && !(p->usage == UP && !p->dirty))
			violation("pfn %llu: discard fault, usage %u dirty %d",
				  (unsigned long long)pfn, p->usage, p->dirty);
		/* the guest's handler: set stable, content is gone */
		res = hvt_essa(g->hv, pfn, ESSA_SET_STABLE);
		check_result(p, pfn, res);
		if ((res & 0x0f) != 0x0f)
			violation("pfn %llu: discard fault but result %#x",
				  (unsigned long long)pfn, res);
		if (p->usage == UU)
			g->nr_unused--;
		p->usage = US;
		p->gen = 0;
		p->dirty = false;
		return;
	}
	if (pic) {
		violation("pfn %llu: access pic %#x", (unsigned long long)pfn, pic);
		return;
	}
	fill(want, pfn, p->gen);
	if (memcmp(buf, want, PAGE))
		violation("pfn %llu: content lost (usage %u gen %u)",
			  (unsigned long long)pfn, p->usage, p->gen);
}

/*
 * Did the hint u, with result res, leave the page logically zero? A page
 * that was not resident loses its content when set unused, volatile, or
 * potentially volatile while clean (KVM zaps it at once); one already z
 * has none.
 */
static bool hint_zeroed(const struct shadow_page *p, enum usage u,
			unsigned int res)
{
	unsigned int host = res & 0x03;

	if (host == 0x03)
		return true;
	return host == 0x02 && u != US && !(u == UP && p->dirty);
}

static void set_usage(struct sguest *g, uint64_t pfn, enum usage u,
		      unsigned int res)
{
	struct shadow_page *p = &g->page[pfn];
	bool zeroed = hint_zeroed(p, u, res);

	check_result(p, pfn, res);
	if (zeroed) {
		p->gen = 0;
		p->dirty = false;
	}
	/* dirty P may be paged out as Sp; a dirty Sp stays Sp when set P */
	p->maybe_s = u == UP && !zeroed &&
		     ((res & 0x03) == 0x02 || p->dirty);
	if (p->usage == UU)
		g->nr_unused--;
	if (u == UU)
		g->nr_unused++;
	/* a P page found not resident and clean is volatile now (Vz) */
	p->usage = u == UP && zeroed ? UV : u;
}

static const unsigned int usage_code[4] = {
	ESSA_SET_STABLE, ESSA_SET_UNUSED, ESSA_SET_VOLATILE,
	ESSA_SET_POT_VOLATILE,
};

/* Set a page's usage with ESSA. */
static void hint(struct sguest *g, uint64_t pfn, enum usage u)
{
	set_usage(g, pfn, u, hvt_essa(g->hv, pfn, usage_code[u]));
}

/* Set a few pages' usage with one pv call. */
static void hint_pv(struct sguest *g)
{
	struct hv_pv_entry vec[8];
	enum usage u[8];
	unsigned int n = 1 + rnd_below(8), i, j;

	for (i = 0; i < n; i++) {
		vec[i] = (struct hv_pv_entry){ .pfn = rnd_below(GUEST_PAGES) };
		for (j = 0; j < i; j++)
			if (vec[j].pfn == vec[i].pfn)
				vec[i].pfn = (vec[i].pfn + 1) % GUEST_PAGES;
		u[i] = rnd_below(4);
		vec[i].state = usage_code[u[i]];
	}
	/* duplicates after the nudge: keep it simple, one entry then */
	for (i = 1; i < n; i++)
		for (j = 0; j < i; j++)
			if (vec[j].pfn == vec[i].pfn)
				n = 1;
	if (hv_pv_set_states(g->hv, vec, n))
		violation("pv call failed");
	for (i = 0; i < n; i++)
		set_usage(g, vec[i].pfn, u[i], vec[i].result);
}

static void do_write(struct sguest *g, uint64_t pfn)
{
	struct shadow_page *p = &g->page[pfn];
	unsigned char buf[PAGE];
	uint32_t gen;

	/*
	 * Stable and potentially volatile pages are written; an unused one
	 * is set stable first or, half the time, written as it is: it stays
	 * unused, and the host may drop what was written (the result of the
	 * next set stable says so).
	 */
	if (p->usage == UV || (p->usage == UU && rnd_below(2)))
		hint(g, pfn, US);
	gen = next_gen++;
	fill(buf, pfn, gen);
	if (hv_access(g->hv, pfn, 0, buf, PAGE, true)) {
		/* a clean P page may have been discarded meanwhile */
		if (p->usage != UP || p->dirty)
			violation("pfn %llu: write faulted", (unsigned long long)pfn);
		hint(g, pfn, US);
		if (hv_access(g->hv, pfn, 0, buf, PAGE, true))
			violation("pfn %llu: write after set stable faulted",
				  (unsigned long long)pfn);
		p->gen = gen;
		p->dirty = true;
		return;
	}
	p->gen = gen;
	p->dirty = true;
	p->maybe_s = p->usage == UP;
}

/* The guest wrote the page back (or read it in): clear the change bit. */
static void do_clean(struct sguest *g, uint64_t pfn)
{
	if (hv_clear_change(g->hv, pfn))
		violation("pfn %llu: clear change failed",
			  (unsigned long long)pfn);
	g->page[pfn].dirty = false;
}

static void do_host(struct hv_host *host, struct sguest *gs)
{
	struct sguest *g = &gs[rnd_below(NR_GUESTS)];
	uint64_t pfn = rnd_below(GUEST_PAGES);

	switch (rnd_below(3)) {
	case 0:
		hv_host_reclaim(host, rnd_below(HOST_LIMIT));
		break;
	case 1:
		hv_evict(g->hv, pfn);
		break;
	default:
		hv_try_drop(g->hv, pfn);
		break;
	}
}

static void one_op(struct hv_host *host, struct sguest *gs)
{
	struct sguest *g = &gs[rnd_below(NR_GUESTS)];
	uint64_t pfn = rnd_below(GUEST_PAGES);
	unsigned long r = rnd_below(100);

	if (r < 25)
		do_write(g, pfn);
	else if (r < 50) {
		if (g->page[pfn].usage != UU)
			do_read(g, pfn);
	} else if (r < 80)
		hint(g, pfn, rnd_below(4));
	else if (r < 88)
		hint_pv(g);
	else if (r < 92)
		check_result(&g->page[pfn], pfn,
			     hvt_essa(g->hv, pfn, ESSA_GET_STATE));
	else if (r < 94)
		do_host(host, gs);
	else if (r < 97)
		do_clean(g, pfn);
	else if (g->page[pfn].usage == UU || g->page[pfn].usage == UV)
		/* back in use: stable again, then read */
		hint(g, pfn, US), do_read(g, pfn);
	else
		do_read(g, pfn);
}

static void run_host(enum hv_mode mode, enum hv_semantics sem,
		     unsigned long ops)
{
	struct hv_host *host = hvt_host_on(mode, sem, true, HOST_LIMIT);
	struct sguest *gs = calloc(NR_GUESTS, sizeof(*gs));
	unsigned long before = violations, unused = 0, i;
	char name[32];
	struct hv_stats st;

	kvm = sem == HV_HOST_KVM;
	snprintf(name, sizeof(name), "%s/%s",
		 mode == HV_MODE_INTERPRET ? "interpret" : "intercept",
		 kvm ? "kvm" : "zvm");
	for (i = 0; i < NR_GUESTS; i++)
		gs[i].hv = hvt_guest(host, GUEST_PAGES);
	for (i = 0; i < ops; i++)
		one_op(host, gs);
	/* finally every page, as the guest sees it */
	for (i = 0; i < NR_GUESTS * GUEST_PAGES; i++) {
		struct sguest *g = &gs[i / GUEST_PAGES];

		if (g->page[i % GUEST_PAGES].usage != UU)
			do_read(g, i % GUEST_PAGES);
	}
	for (i = 0; i < NR_GUESTS; i++)
		unused += gs[i].nr_unused;
	hv_host_get_stats(host, &st);
	tap_diag("%s: %lu ops, swap out %lu in %lu, discards unused %lu volatile %lu, zero fills %lu, discard faults %lu, discarded touches %lu, unused touches %lu, exits %lu",
		 name, ops, st.host_swap_out_pages, st.host_swap_in_pages,
		 st.host_discards_unused, st.host_discards_volatile,
		 st.host_zero_fills, st.discard_faults, st.discarded_touches,
		 st.host_unused_touches, st.exits);
	is(violations - before, 0, "%s: no violations", name);
	ok(st.host_resident_peak_pages <= HOST_LIMIT,
	   "%s: resident peak %lu within the limit", name,
	   st.host_resident_peak_pages);
	is(st.pages_unused, unused, "%s: host's unused count matches guests",
	   name);
	ok(st.host_swap_out_pages && st.host_swap_in_pages &&
	   st.host_discards_unused && st.host_discards_volatile &&
	   (kvm ? st.discarded_touches && !st.discard_faults :
		  st.discard_faults && !st.discarded_touches) &&
	   st.host_zero_fills && st.host_unused_touches,
	   "%s: every reclaim path and unused touches were exercised", name);
	hv_host_destroy(host);
	free(gs);
}

int main(int argc, char **argv)
{
	unsigned long ops = 1000000, seed = time(NULL) ^ getpid();
	int i;

	for (i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--seed"))
			seed = strtoul(argv[i + 1], NULL, 0);
		else if (!strcmp(argv[i], "--ops"))
			ops = strtoul(argv[i + 1], NULL, 0);
	}
	rng_state = seed;
	tap_plan(17);
	printf("# seed: %lu\n", seed);
	run_host(HV_MODE_INTERCEPT, HV_HOST_KVM, ops / 4);
	run_host(HV_MODE_INTERPRET, HV_HOST_KVM, ops / 4);
	run_host(HV_MODE_INTERCEPT, HV_HOST_ZVM, ops / 4);
	run_host(HV_MODE_INTERPRET, HV_HOST_ZVM, ops - 3 * (ops / 4));
	is(violations, 0, "%lu operations, %lu violations", ops, violations);
	return tap_finish();
}
