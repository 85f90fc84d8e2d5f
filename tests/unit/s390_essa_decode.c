// SPDX-License-Identifier: GPL-2.0
/*
 * The ESSA trap-and-emulate core (hypervisor-model/essa-trap.c) on every
 * architecture: instruction decoding (R1, R2, M3 from B9AB M3_ R1R2),
 * the result written into R1 only, the exceptions, the counters. The
 * SIGILL front end and the real instruction are s390_trap.c's.
 */
#include <stdio.h>
#include <string.h>
#include <hv/hv.h>
#include <hv/essa-trap.h>
#include "tap.h"

static struct hv_host *host_create(bool essa_available)
{
	struct hv_host_config cfg = {
		.mode = HV_MODE_INTERCEPT,
		.essa_available = essa_available,
	};

	return hv_host_create(&cfg);
}

static void insn_make(uint8_t insn[4], unsigned int m3, unsigned int r1,
		      unsigned int r2)
{
	insn[0] = 0xb9;
	insn[1] = 0xab;
	insn[2] = (uint8_t)(m3 << 4);
	insn[3] = (uint8_t)(r1 << 4 | r2);
}

static void gprs_fill(uint64_t gprs[16])
{
	unsigned int i;

	for (i = 0; i < 16; i++)
		gprs[i] = 0x1111111111111100ULL * i + 0xf0;
}

/* Every (R1, R2) pair: R1 gets the state byte, nothing else changes. */
static void test_registers(struct hv_guest *g)
{
	unsigned int r1, r2, i, bad_other = 0, bad_r1 = 0, bad_pic = 0;
	uint64_t gprs[16], want[16];
	uint8_t insn[4];

	for (r1 = 0; r1 < 16; r1++) {
		for (r2 = 0; r2 < 16; r2++) {
			uint64_t pfn = (r1 * 16 + r2) % 64, before;

			gprs_fill(gprs);
			gprs[r2] = pfn << 12 | 0x123;
			memcpy(want, gprs, sizeof(want));
			before = hv_peek_state(g, pfn);
			insn_make(insn, ESSA_SET_UNUSED, r1, r2);
			bad_pic += essa_emulate(insn, gprs) != HV_PIC_NONE;
			want[r1] = (want[r1] & ~0xffULL) | before;
			for (i = 0; i < 16; i++)
				if (i != r1 && gprs[i] != want[i])
					bad_other++;
			bad_r1 += gprs[r1] != want[r1];
			bad_pic += hv_peek_state(g, pfn) !=
				   (ESSA_RES_USAGE_UNUSED | (before & 3));
		}
	}
	is(bad_pic, 0, "256 R1/R2 pairs: emulated, the page set unused");
	is(bad_r1, 0, "R1 = old R1 with the state before in the low byte");
	is(bad_other, 0, "no other register changes");
}

/* M3 is decoded from the high nibble of byte 2. */
static void test_m3(struct hv_guest *g)
{
	static const unsigned int want[] = {
		[ESSA_SET_STABLE] = ESSA_RES_USAGE_STABLE,
		[ESSA_SET_UNUSED] = ESSA_RES_USAGE_UNUSED,
		[ESSA_SET_VOLATILE] = ESSA_RES_USAGE_VOLATILE,
		[ESSA_SET_POT_VOLATILE] = ESSA_RES_USAGE_POT_VOLATILE,
	};
	uint64_t gprs[16];
	uint8_t insn[4];
	unsigned int m3;

	/* resident, so that P stays P (a z page would become V) */
	hv_access(g, 100, 0, NULL, 0, true);
	for (m3 = ESSA_SET_STABLE; m3 <= ESSA_SET_POT_VOLATILE; m3++) {
		gprs_fill(gprs);
		gprs[5] = 100 << 12;
		insn_make(insn, m3, 4, 5);
		is(essa_emulate(insn, gprs), HV_PIC_NONE, "M3 %u emulated", m3);
		is(hv_peek_state(g, 100) & ESSA_RES_USAGE_MASK, want[m3],
		   "M3 %u: usage state set", m3);
	}
	gprs[5] = 100 << 12;
	insn_make(insn, ESSA_GET_STATE, 4, 5);
	essa_emulate(insn, gprs);
	is(gprs[4] & 0xff, hv_peek_state(g, 100),
	   "M3 0 extracts the state into R1");
}

static void test_exceptions(struct hv_guest *g)
{
	struct essa_trap_stats st0, st1;
	uint64_t gprs[16], want[16];
	uint8_t insn[4];

	essa_trap_get_stats(&st0);
	gprs_fill(gprs);
	memcpy(want, gprs, sizeof(want));
	insn_make(insn, 7, 1, 2);	/* no-DAT: facility 147 off */
	is(essa_emulate(insn, gprs), HV_PIC_SPECIFICATION,
	   "M3 7 without facility 147: specification exception");
	insn_make(insn, 9, 1, 2);
	is(essa_emulate(insn, gprs), HV_PIC_SPECIFICATION,
	   "M3 above the maximum: specification exception");
	gprs[2] = (uint64_t)hv_guest_nr_pages(g) << 12;
	insn_make(insn, ESSA_SET_STABLE, 1, 2);
	is(essa_emulate(insn, gprs), HV_PIC_ADDRESSING,
	   "address past guest memory: addressing exception");
	gprs[2] = want[2];
	ok(!memcmp(gprs, want, sizeof(want)),
	   "no register changes on an exception");
	insn[1] = 0xac;
	is(essa_emulate(insn, gprs), ESSA_TRAP_NOT_ESSA,
	   "another B9xx instruction is not ours");
	essa_trap_get_stats(&st1);
	is(st1.injected - st0.injected, 3, "3 exceptions counted");
	is(st1.emulated - st0.emulated, 0, "none counted as emulated");
}

static void test_no_vcpu_no_essa(void)
{
	struct hv_host *host = host_create(false);
	struct hv_guest *g = hv_guest_create(host, 16);
	uint64_t gprs[16], want[16];
	uint8_t insn[4];

	gprs_fill(gprs);
	gprs[3] = 0;
	memcpy(want, gprs, sizeof(want));
	insn_make(insn, ESSA_GET_STATE, 2, 3);
	hv_vcpu_enter(NULL);
	is(essa_emulate(insn, gprs), HV_PIC_OPERATION,
	   "no vcpu: operation exception");
	hv_vcpu_enter(g);
	is(essa_emulate(insn, gprs), HV_PIC_OPERATION,
	   "host without ESSA: operation exception");
	ok(!memcmp(gprs, want, sizeof(want)),
	   "R1 untouched (what the guest's probe looks for)");
	hv_vcpu_enter(NULL);
	hv_host_destroy(host);
}

int main(void)
{
	struct hv_host *host = host_create(true);
	struct hv_guest *g = hv_guest_create(host, 128);
	struct essa_trap_stats st0, st1;

	tap_plan(3 + 9 + 7 + 3 + 1);
	hv_vcpu_enter(g);
	essa_trap_get_stats(&st0);
	test_registers(g);
	test_m3(g);
	essa_trap_get_stats(&st1);
	is(st1.emulated - st0.emulated, 256 + 4 + 1,
	   "every emulated ESSA counted");
	test_exceptions(g);
	hv_vcpu_enter(NULL);
	hv_host_destroy(host);
	test_no_vcpu_no_essa();
	return tap_finish();
}
