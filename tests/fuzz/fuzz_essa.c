// SPDX-License-Identifier: GPL-2.0
/*
 * The ESSA decoder and emulator (hypervisor-model/essa-trap.c, essa.c)
 * and the host operations around it, driven by the input as a program:
 * arbitrary instruction words and register values through
 * essa_emulate(), direct hv_essa() calls with any M3, paravirtual
 * vectors, reads and writes with content, clearing the change bit,
 * evictions, drops, reclaim, problem state; two guests of 32 pages on
 * one host, whose configuration (kvm or zvm semantics, mode, ESSA
 * available, facility 147, memory limit) the first byte picks. After
 * every step:
 *   - the instruction: not B9AB is not ours and changes nothing; an
 *     emulated one writes only R1's low byte, with the state before; an
 *     exception leaves every register as it was;
 *   - every page is in one of the valid pairs Sr Sp Sz Ur Uz Vr Vz Pr,
 *     and at a kvm host also Vp Pp (Documentation/state-machine.rst);
 *   - a stable page with content (r or p) never becomes logically zero,
 *     and only a state change the guest asked for makes it not stable;
 *   - what the guest wrote to a page it kept stable (or potentially
 *     volatile and dirty) reads back unchanged, a logically zero page
 *     reads as zeros, a touch of a discarded page is a discard fault at
 *     a zvm host and reads zeros at a kvm host.
 */
#include <string.h>
#include <hv/hv.h>
#include <hv/essa-trap.h>
#include "fuzz.h"

#define NR_GUESTS	2
#define GUEST_PAGES	32
#define MAX_STEPS	512
#define TAG_BYTES	16

struct shadow {
	struct hv_guest *g;
	uint8_t state[GUEST_PAGES];	/* hv_peek_state after the last step */
	uint64_t tag[GUEST_PAGES];	/* last written, 0: none */
	bool kept[GUEST_PAGES];		/* the guest kept its content */
	bool gave_up[GUEST_PAGES];	/* this step asked for U, V or P */
};

struct fuzz_essa {
	struct hv_host *host;
	struct shadow sh[NR_GUESTS];
	uint64_t gprs[16];
	uint64_t seq;
	bool problem;
	bool kvm;
};

static unsigned int usage_of(unsigned int st)
{
	return st & ESSA_RES_USAGE_MASK;
}

static unsigned int host_of(unsigned int st)
{
	return st & ESSA_RES_HOST_MASK;
}

static bool valid_pair(unsigned int st, bool kvm)
{
	unsigned int u = usage_of(st), h = host_of(st);

	if (h == 1 || (st & ~0x2fu))
		return false;
	switch (u) {
	case ESSA_RES_USAGE_UNUSED:	/* never paged out */
		return h != ESSA_RES_HOST_PRESERVED;
	case ESSA_RES_USAGE_VOLATILE:	/* kvm pages it out: Vp */
		return kvm || h != ESSA_RES_HOST_PRESERVED;
	case ESSA_RES_USAGE_POT_VOLATILE: /* never Pz; Pp only at kvm */
		return h == ESSA_RES_HOST_RESIDENT ||
		       (kvm && h == ESSA_RES_HOST_PRESERVED);
	default:
		return true;
	}
}

static bool discarded(unsigned int st)
{
	return usage_of(st) == ESSA_RES_USAGE_VOLATILE &&
	       host_of(st) == ESSA_RES_HOST_ZERO;
}

/* The guest asks for state m3: for U, V or P it gives the content up. */
static void asked(struct shadow *s, uint64_t pfn, unsigned int m3)
{
	if (pfn >= GUEST_PAGES)
		return;
	if (m3 == ESSA_SET_UNUSED || m3 == ESSA_SET_VOLATILE ||
	    m3 == ESSA_SET_POT_VOLATILE) {
		s->gave_up[pfn] = true;
		s->kept[pfn] = false;
	}
}

static void check_states(struct fuzz_essa *fe)
{
	unsigned int gi, st, old;
	uint64_t pfn;

	for (gi = 0; gi < NR_GUESTS; gi++) {
		struct shadow *s = &fe->sh[gi];

		for (pfn = 0; pfn < GUEST_PAGES; pfn++) {
			st = hv_peek_state(s->g, pfn);
			old = s->state[pfn];
			if (!valid_pair(st, fe->kvm))
				fuzz_fail("guest %u pfn %llu: invalid state %#x",
					  gi, (unsigned long long)pfn, st);
			/* within one step a page may go Sr -> Uz -> Sz */
			if (usage_of(old) == ESSA_RES_USAGE_STABLE &&
			    host_of(old) != ESSA_RES_HOST_ZERO &&
			    !s->gave_up[pfn]) {
				if (usage_of(st) == ESSA_RES_USAGE_STABLE &&
				    host_of(st) == ESSA_RES_HOST_ZERO)
					fuzz_fail("guest %u pfn %llu: stable page lost its content (%#x -> %#x)",
						  gi, (unsigned long long)pfn,
						  old, st);
				if (usage_of(st) != ESSA_RES_USAGE_STABLE)
					fuzz_fail("guest %u pfn %llu: stable page changed usage unasked (%#x -> %#x)",
						  gi, (unsigned long long)pfn,
						  old, st);
			}
			s->state[pfn] = (uint8_t)st;
			s->gave_up[pfn] = false;
		}
	}
}

/* ESSA as the trap handler sees it: insn and all registers checked. */
static void step_emulate(struct fuzz_essa *fe, struct fuzz_in *in,
			 struct shadow *s)
{
	uint8_t insn[4];
	uint64_t before[16], addr = 0;
	unsigned int m3, r1, r2, st = 0, i;
	int pic;

	for (i = 0; i < 4; i++)
		insn[i] = fuzz_u8(in);
	/* mostly ESSA: the decoder's other half is one compare */
	if (!(insn[0] & 0x80)) {
		insn[0] = 0xb9;
		insn[1] = 0xab;
	}
	m3 = insn[2] >> 4;
	r1 = insn[3] >> 4;
	r2 = insn[3] & 0xf;
	memcpy(before, fe->gprs, sizeof(before));
	if (insn[0] == 0xb9 && insn[1] == 0xab) {
		addr = fe->gprs[r2];
		if ((addr >> 12) < GUEST_PAGES)
			st = hv_peek_state(s->g, addr >> 12);
		asked(s, addr >> 12, m3);
	}
	/* the low nibble of byte 2 is not decoded: use it for "no vcpu" */
	hv_vcpu_enter(insn[2] & 1 ? NULL : s->g);
	pic = essa_emulate(insn, fe->gprs);
	if (insn[0] != 0xb9 || insn[1] != 0xab) {
		fuzz_assert(pic == ESSA_TRAP_NOT_ESSA);
		fuzz_assert(!memcmp(before, fe->gprs, sizeof(before)));
		return;
	}
	if (insn[2] & 1)
		fuzz_assert(pic == HV_PIC_OPERATION);
	if (pic != HV_PIC_NONE) {
		fuzz_assert(!memcmp(before, fe->gprs, sizeof(before)));
		return;
	}
	fuzz_assert((addr >> 12) < GUEST_PAGES && m3 <= ESSA_MAX);
	for (i = 0; i < 16; i++) {
		if (i == r1)
			fuzz_assert(fe->gprs[i] ==
				    ((before[i] & ~0xffULL) | st));
		else
			fuzz_assert(fe->gprs[i] == before[i]);
	}
}

/* A register: raw bits, or the address of a page (a few past the end). */
static void step_set_reg(struct fuzz_essa *fe, struct fuzz_in *in)
{
	uint8_t r = fuzz_u8(in);

	if (r & 0x80)
		fe->gprs[r & 0xf] = fuzz_u64(in);
	else
		fe->gprs[r & 0xf] = (uint64_t)(fuzz_u8(in) %
					       (GUEST_PAGES + 4)) << 12 |
				    (fuzz_u8(in) & 0xfff);
}

static void step_essa(struct fuzz_essa *fe, struct fuzz_in *in,
		      struct shadow *s)
{
	unsigned int m3 = fuzz_u8(in) % 16;
	uint64_t pfn = fuzz_u8(in) % (GUEST_PAGES + 2), r1 = fuzz_u64(in);
	uint64_t r1_before = r1;
	unsigned int st = pfn < GUEST_PAGES ? hv_peek_state(s->g, pfn) : 0;
	int pic;

	(void)fe;
	asked(s, pfn, m3);
	pic = hv_essa(s->g, pfn << 12, m3, &r1);
	if (pic != HV_PIC_NONE) {
		fuzz_assert(r1 == r1_before);
		return;
	}
	fuzz_assert(pfn < GUEST_PAGES && m3 <= ESSA_MAX);
	fuzz_assert(r1 == ((r1_before & ~0xffULL) | st));
}

static void step_pv(struct fuzz_essa *fe, struct fuzz_in *in,
		    struct shadow *s)
{
	struct hv_pv_entry vec[8];
	unsigned int nr = fuzz_u8(in) % 9, i;
	uint64_t p;

	(void)fe;
	for (i = 0; i < nr; i++) {
		vec[i] = (struct hv_pv_entry){
			.pfn = fuzz_u8(in) % (GUEST_PAGES + 2),
			.order = fuzz_u8(in) % 7,
			.state = fuzz_u8(in) % 9,
		};
	}
	if (hv_pv_set_states(s->g, vec, nr) != HV_PIC_NONE)
		return;
	for (i = 0; i < nr; i++)
		for (p = 0; p < (1ULL << vec[i].order); p++)
			asked(s, vec[i].pfn + p, vec[i].state);
}

static void step_write(struct fuzz_essa *fe, struct fuzz_in *in,
		       struct shadow *s)
{
	uint64_t pfn = fuzz_u8(in) % GUEST_PAGES, tag[2];
	unsigned int st = hv_peek_state(s->g, pfn);
	int pic;

	tag[0] = pfn;
	tag[1] = ++fe->seq;
	pic = hv_access(s->g, pfn, 0, tag, TAG_BYTES, true);
	if (!fe->kvm && discarded(st)) {
		fuzz_assert(pic == HV_PIC_DISCARD);
		return;
	}
	fuzz_assert(pic == HV_PIC_NONE);
	st = hv_peek_state(s->g, pfn);
	s->tag[pfn] = tag[1];
	/*
	 * unused and volatile content may go at any time (a touch keeps the
	 * usage); stable and potentially volatile, now dirty, is kept
	 */
	s->kept[pfn] = usage_of(st) != ESSA_RES_USAGE_VOLATILE &&
		       usage_of(st) != ESSA_RES_USAGE_UNUSED;
}

static void step_read(struct fuzz_essa *fe, struct fuzz_in *in,
		      struct shadow *s)
{
	uint64_t pfn = fuzz_u8(in) % GUEST_PAGES, got[2], zero[2] = { 0, 0 };
	unsigned int st = hv_peek_state(s->g, pfn);
	int pic;

	memset(got, 0xa5, sizeof(got));
	pic = hv_access(s->g, pfn, 0, got, TAG_BYTES, false);
	if (!fe->kvm && discarded(st)) {
		fuzz_assert(pic == HV_PIC_DISCARD);
		return;
	}
	fuzz_assert(pic == HV_PIC_NONE);
	if (host_of(st) == ESSA_RES_HOST_ZERO) {
		if (memcmp(got, zero, sizeof(got)))
			fuzz_fail("pfn %llu: a logically zero page reads non-zero",
				  (unsigned long long)pfn);
		/* a zero page now: what was written before is gone */
		s->kept[pfn] = false;
		return;
	}
	if (s->kept[pfn] && s->tag[pfn] &&
	    (got[0] != pfn || got[1] != s->tag[pfn]))
		fuzz_fail("pfn %llu: content lost (state %#x, wrote %llu, read %llu/%llu)",
			  (unsigned long long)pfn, st,
			  (unsigned long long)s->tag[pfn],
			  (unsigned long long)got[0],
			  (unsigned long long)got[1]);
}

static void step_clear_change(struct fuzz_essa *fe, struct fuzz_in *in,
			      struct shadow *s)
{
	uint64_t pfn = fuzz_u8(in) % (GUEST_PAGES + 2);
	unsigned int st = pfn < GUEST_PAGES ? hv_peek_state(s->g, pfn) : 0;

	(void)fe;
	fuzz_assert(hv_clear_change(s->g, pfn) ==
		    (pfn < GUEST_PAGES ? HV_PIC_NONE : HV_PIC_ADDRESSING));
	/* a clean potentially volatile page may be dropped from now on */
	if (pfn < GUEST_PAGES && usage_of(st) != ESSA_RES_USAGE_STABLE)
		s->kept[pfn] = false;
}

static struct hv_host *make_host(uint8_t cfg_byte)
{
	struct hv_host_config cfg = {
		.mode = cfg_byte & 1 ? HV_MODE_INTERPRET : HV_MODE_INTERCEPT,
		.essa_available = !(cfg_byte & 2),
		.nodat_facility = cfg_byte & 4,
		.semantics = cfg_byte & 0x40 ? HV_HOST_ZVM : HV_HOST_KVM,
		.backed = true,
		/* 0: unlimited, else 6..42 of the 64 pages */
		.mem_limit_pages = (cfg_byte >> 3) & 7 ?
				   6UL * ((cfg_byte >> 3) & 7) : 0,
	};

	return hv_host_create(&cfg);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct fuzz_in in = { data, size };
	static struct fuzz_essa fe;
	bool trace = getenv("FUZZ_TRACE");	/* steps on stderr */
	unsigned int gi, steps = 0;
	uint64_t pfn;
	uint8_t op;

	memset(&fe, 0, sizeof(fe));
	op = fuzz_u8(&in);
	fe.kvm = !(op & 0x40);
	fe.host = make_host(op);
	if (!fe.host)
		fuzz_fail("hv_host_create");
	for (gi = 0; gi < NR_GUESTS; gi++) {
		fe.sh[gi].g = hv_guest_create(fe.host, GUEST_PAGES);
		if (!fe.sh[gi].g)
			fuzz_fail("hv_guest_create");
	}
	for (gi = 0; gi < NR_GUESTS; gi++)
		for (pfn = 0; pfn < GUEST_PAGES; pfn++)
			fe.sh[gi].state[pfn] = (uint8_t)hv_peek_state(fe.sh[gi].g,
								      pfn);
	check_states(&fe);
	while (in.left && steps++ < MAX_STEPS) {
		struct shadow *s;

		op = fuzz_u8(&in);
		s = &fe.sh[(op >> 4) & 1];
		if (trace)
			fprintf(stderr, "step %u: op %u guest %u next %02x %02x %02x\n",
				steps, op & 0xf, (op >> 4) & 1,
				in.left > 0 ? in.p[0] : 0, in.left > 1 ? in.p[1] : 0,
				in.left > 2 ? in.p[2] : 0);
		switch (op & 0xf) {
		case 0:
		case 1:
			step_emulate(&fe, &in, s);
			break;
		case 2:
			step_set_reg(&fe, &in);
			break;
		case 3:
			step_essa(&fe, &in, s);
			break;
		case 4:
			step_pv(&fe, &in, s);
			break;
		case 5:
		case 6:
			step_write(&fe, &in, s);
			break;
		case 7:
		case 8:
			step_read(&fe, &in, s);
			break;
		case 9:
			step_clear_change(&fe, &in, s);
			break;
		case 10:
			hv_evict(s->g, fuzz_u8(&in) % GUEST_PAGES);
			break;
		case 11:
			hv_try_drop(s->g, fuzz_u8(&in) % GUEST_PAGES);
			break;
		case 12:
			hv_host_reclaim(fe.host, fuzz_u8(&in) % 64);
			break;
		case 13:
			fe.problem = !fe.problem;
			hv_vcpu_set_problem_state(fe.problem);
			break;
		default:
			break;
		}
		check_states(&fe);
	}
	hv_vcpu_set_problem_state(false);
	hv_vcpu_enter(NULL);
	for (gi = 0; gi < NR_GUESTS; gi++)
		hv_guest_destroy(fe.sh[gi].g);
	hv_host_destroy(fe.host);
	return 0;
}
