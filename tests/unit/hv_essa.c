// SPDX-License-Identifier: GPL-2.0
/*
 * ESSA emulation: every operation request code from every valid state,
 * result bytes and new states asserted against a table written from KVM's
 * pgste_perform_essa; exceptions; the kvm-unit-tests s390x/cmm.c checks.
 */
#include "hv_test.h"

/* New state (peek layout) after code c on a page in state s. */
static const unsigned int after[HVT_NR_STATES][8] = {
	/*              get   S     U     V     P     S+res S-if-r nodat */
	[HVT_SZ]       = { 0x03, 0x03, 0x07, 0x0f, 0x0f, 0x03, 0x03, 0x23 },
	[HVT_SR]       = { 0x00, 0x00, 0x04, 0x0c, 0x08, 0x00, 0x00, 0x20 },
	[HVT_SP_CLEAN] = { 0x02, 0x02, 0x07, 0x0f, 0x0f, 0x02, 0x02, 0x22 },
	[HVT_SP_DIRTY] = { 0x02, 0x02, 0x07, 0x0f, 0x02, 0x02, 0x02, 0x22 },
	[HVT_UR]       = { 0x04, 0x00, 0x04, 0x0c, 0x08, 0x00, 0x00, 0x20 },
	[HVT_UZ]       = { 0x07, 0x03, 0x07, 0x0f, 0x0f, 0x03, 0x07, 0x23 },
	[HVT_VR]       = { 0x0c, 0x00, 0x04, 0x0c, 0x08, 0x00, 0x00, 0x20 },
	[HVT_VZ]       = { 0x0f, 0x03, 0x07, 0x0f, 0x0f, 0x03, 0x0f, 0x23 },
	[HVT_PR]       = { 0x08, 0x00, 0x04, 0x0c, 0x08, 0x00, 0x00, 0x20 },
	/* kvm only: code 6 leaves them, the rest as from Sp */
	[HVT_VP]       = { 0x0e, 0x02, 0x07, 0x0f, 0x0f, 0x02, 0x0e, 0x22 },
	[HVT_PP_DIRTY] = { 0x0a, 0x02, 0x07, 0x0f, 0x02, 0x02, 0x0a, 0x22 },
};

static void test_all_codes(void)
{
	struct hv_host *host = hvt_host(HV_MODE_INTERCEPT, false, 0);
	struct hv_guest *g = hvt_guest(host, HVT_NR_STATES * 8);
	unsigned int s, c;

	for (s = 0; s < HVT_NR_STATES; s++) {
		for (c = 0; c <= ESSA_MAX; c++) {
			uint64_t pfn = s * 8 + c;

			hvt_make_state(g, pfn, s);
			is(hvt_essa(g, pfn, c), hvt_state_byte[s],
			   "%s code %u: result is the state before",
			   hvt_state_name[s], c);
			is(hv_peek_state(g, pfn), after[s][c],
			   "%s code %u: new state", hvt_state_name[s], c);
		}
	}
	hv_host_destroy(host);
}

static void test_result_register(void)
{
	struct hv_host *host = hvt_host(HV_MODE_INTERCEPT, false, 0);
	struct hv_guest *g = hvt_guest(host, 4);
	uint64_t r1 = 0xdeadbeefcafe1200ULL | 0xff;

	hv_essa(g, 1 << 12, ESSA_SET_UNUSED, &r1);
	is(r1, 0xdeadbeefcafe1203ULL, "only the low byte of R1 is replaced");
	hv_essa(g, (1 << 12) + 0x123, ESSA_GET_STATE, &r1);
	is(r1 & 0xff, 0x07, "the byte offset within the page is ignored");
	hv_host_destroy(host);
}

static void test_nodat(void)
{
	struct hv_host *host = hvt_host(HV_MODE_INTERCEPT, false, 0);
	struct hv_guest *g = hvt_guest(host, 4);

	hvt_essa(g, 0, ESSA_SET_STABLE_NODAT);
	is(hvt_essa(g, 0, ESSA_SET_UNUSED), 0x23, "no-DAT shown in result");
	is(hvt_essa(g, 0, ESSA_SET_STABLE_RESIDENT), 0x27,
	   "set unused keeps no-DAT");
	is(hvt_essa(g, 0, ESSA_GET_STATE), 0x23, "code 5 keeps no-DAT");
	hvt_essa(g, 0, ESSA_SET_STABLE);
	is(hvt_essa(g, 0, ESSA_GET_STATE), 0x03, "code 1 clears no-DAT");
	hv_host_destroy(host);
}

static void test_exceptions(void)
{
	struct hv_host_config cfg = { .essa_available = true };
	struct hv_host *host = hvt_host(HV_MODE_INTERCEPT, false, 0);
	struct hv_guest *g = hvt_guest(host, 16);
	struct hv_host *h2;
	struct hv_guest *g2;
	uint64_t r1 = 0x55;

	is(hv_essa(g, 0, 8, &r1), HV_PIC_SPECIFICATION, "code 8: spec");
	is(hv_essa(g, 0, 15, &r1), HV_PIC_SPECIFICATION, "code 15: spec");
	is(r1, 0x55, "R1 untouched on a program check");
	is(hv_essa(g, 16 << 12, ESSA_GET_STATE, &r1), HV_PIC_ADDRESSING,
	   "first page past guest memory: addressing");
	is(hv_essa(g, ~0ULL, ESSA_SET_STABLE, &r1), HV_PIC_ADDRESSING,
	   "huge address: addressing");
	is(hv_essa(g, 15 << 12, ESSA_GET_STATE, &r1), HV_PIC_NONE,
	   "last page: fine");

	/* facility 147 off: code 7 does not exist, as in KVM */
	h2 = hv_host_create(&cfg);
	g2 = hvt_guest(h2, 4);
	is(hv_essa(g2, 0, ESSA_SET_STABLE_NODAT, &r1), HV_PIC_SPECIFICATION,
	   "code 7 without facility 147: spec");
	is(hv_essa(g2, 0, ESSA_SET_STABLE_IF_RESIDENT, &r1), HV_PIC_NONE,
	   "code 6 without facility 147: fine");
	hv_host_destroy(h2);

	cfg.essa_available = false;
	h2 = hv_host_create(&cfg);
	g2 = hvt_guest(h2, 4);
	is(hv_essa(g2, 0, ESSA_GET_STATE, &r1), HV_PIC_OPERATION,
	   "no ESSA: operation exception");
	is(hv_essa(g2, 0, 9, &r1), HV_PIC_OPERATION,
	   "no ESSA: operation exception before spec");
	hv_host_destroy(h2);
	hv_host_destroy(host);
}

/* What kvm-unit-tests s390x/cmm.c and migration-cmm.c check, our way. */
static void test_cmm(void)
{
	struct hv_host *host = hvt_host(HV_MODE_INTERCEPT, false, 0);
	struct hv_guest *g = hvt_guest(host, 64);
	static const unsigned int code[4] = {
		ESSA_SET_STABLE, ESSA_SET_UNUSED, ESSA_SET_VOLATILE,
		ESSA_SET_POT_VOLATILE,
	};
	static const unsigned int usage[4] = { 0x00, 0x04, 0x0c, 0x08 };
	uint64_t r1 = 0, i;
	int bad = 0;

	is(hv_essa(g, 0, ESSA_GET_STATE, &r1), HV_PIC_NONE,
	   "cmm: availability probe succeeds");
	hv_vcpu_set_problem_state(true);
	is(hv_essa(g, 0, ESSA_GET_STATE, &r1), HV_PIC_PRIVILEGED,
	   "cmm: problem state: privileged operation");
	hv_vcpu_set_problem_state(false);
	is(hv_essa(g, 0, 8, &r1), HV_PIC_SPECIFICATION,
	   "cmm: invalid ORC 8: specification");

	/* extract after set: every page reports the usage it was given */
	for (i = 0; i < 64; i++) {
		hv_access(g, i, 0, NULL, 0, false);
		hvt_essa(g, i, code[i % 4]);
	}
	for (i = 0; i < 64; i++)
		if ((hvt_essa(g, i, ESSA_GET_STATE) & 0x0c) != usage[i % 4])
			bad++;
	is(bad, 0, "cmm: extract after set gives the usage set");
	hv_host_destroy(host);
}

static void test_counters(void)
{
	struct hv_host *host = hvt_host(HV_MODE_INTERCEPT, false, 0);
	struct hv_guest *g = hvt_guest(host, 8);
	struct hv_stats st;
	uint64_t r1;

	hvt_essa(g, 0, ESSA_SET_UNUSED);
	hvt_essa(g, 1, ESSA_GET_STATE);
	hv_essa(g, 0, 8, &r1);
	hv_guest_get_stats(g, &st);
	is(st.essa_ops, 2, "essa_ops counts performed operations");
	is(st.exits, 3, "intercept: every ESSA is an exit");
	is(st.pages_unused, 1, "one page unused");
	is(st.pages_zero, 8, "all pages z");
	is(st.pages_unused_or_zero, 8, "U or z");
	hv_access(g, 2, 0, NULL, 0, false);
	hvt_essa(g, 2, ESSA_SET_UNUSED);
	hv_guest_get_stats(g, &st);
	is(st.pages_unused, 2, "two pages unused");
	is(st.pages_zero, 7, "touched page not z");
	is(st.host_resident_pages, 1, "one resident");
	hv_host_destroy(host);
}

int main(void)
{
	tap_plan(HVT_NR_STATES * 8 * 2 + 2 + 4 + 10 + 4 + 8);
	test_all_codes();
	test_result_register();
	test_nodat();
	test_exceptions();
	test_cmm();
	test_counters();
	return tap_finish();
}
