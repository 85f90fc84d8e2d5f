// SPDX-License-Identifier: GPL-2.0
/*
 * The paravirtual call: one exit per vector, the same page-state
 * semantics as ESSA, the vector checked whole before it is applied.
 */
#include "hv_test.h"

/* Like ESSA: privileged, and code 7 only with facility 147. */
static void test_as_essa(void)
{
	struct hv_host_config cfg = { .essa_available = true };
	struct hv_host *host = hv_host_create(&cfg);
	struct hv_guest *g = hvt_guest(host, 16);
	struct hv_pv_entry e = { .pfn = 1, .state = ESSA_SET_UNUSED };

	hv_vcpu_set_problem_state(true);
	is(hv_pv_set_states(g, &e, 1), HV_PIC_PRIVILEGED,
	   "problem state: privileged operation");
	hv_vcpu_set_problem_state(false);
	is(hv_peek_state(g, 1), 0x03, "and nothing applied");
	e.state = ESSA_SET_STABLE_NODAT;
	is(hv_pv_set_states(g, &e, 1), HV_PIC_SPECIFICATION,
	   "code 7 without facility 147: specification");
	e.state = ESSA_SET_STABLE_IF_RESIDENT;
	is(hv_pv_set_states(g, &e, 1), HV_PIC_NONE,
	   "code 6 without facility 147: fine");
	hv_host_destroy(host);
}

int main(void)
{
	struct hv_host *host = hvt_host(HV_MODE_INTERPRET, false, 0);
	struct hv_guest *g = hvt_guest(host, 1024);
	struct hv_pv_entry vec[HV_PV_MAX_ENTRIES + 1];
	struct hv_stats st;
	uint64_t i;

	tap_plan(17 + 4);
	hvt_touch_range(g, 0, 64);
	vec[0] = (struct hv_pv_entry){ .pfn = 0, .order = 4,
				       .state = ESSA_SET_UNUSED };
	vec[1] = (struct hv_pv_entry){ .pfn = 32, .order = 0,
				       .state = ESSA_SET_VOLATILE };
	vec[2] = (struct hv_pv_entry){ .pfn = 100, .order = 2,
				       .state = ESSA_SET_UNUSED };
	is(hv_pv_set_states(g, vec, 3), HV_PIC_NONE, "vector call works");
	hv_guest_get_stats(g, &st);
	is(st.exits, 1, "one exit for the whole vector");
	is(st.pv_calls, 1, "one pv call");
	is(st.pv_ops, 16 + 1 + 4, "pv_ops counts pages");
	is(vec[0].result, 0x00, "result: first page was Sr");
	is(vec[2].result, 0x03, "result: page 100 was Sz");
	is(st.host_discards_unused, 16, "resident unused pages dropped at once");
	is(hv_peek_state(g, 15), 0x07, "last page of the block is Uz");
	is(hv_peek_state(g, 32), 0x0c, "volatile page stays resident: Vr");
	is(st.essa_ops, 0, "no ESSA involved");

	vec[0] = (struct hv_pv_entry){ .pfn = 40, .state = ESSA_SET_UNUSED };
	vec[1] = (struct hv_pv_entry){ .pfn = 41, .state = 8 };
	is(hv_pv_set_states(g, vec, 2), HV_PIC_SPECIFICATION,
	   "bad state: specification");
	is(hv_peek_state(g, 40), 0x00, "nothing applied from a bad vector");
	vec[1] = (struct hv_pv_entry){ .pfn = 1020, .order = 3,
				       .state = ESSA_SET_STABLE };
	is(hv_pv_set_states(g, vec, 2), HV_PIC_ADDRESSING,
	   "block past memory: addressing");
	vec[1].order = 32;
	is(hv_pv_set_states(g, vec, 2), HV_PIC_SPECIFICATION,
	   "absurd order: specification");
	for (i = 0; i <= HV_PV_MAX_ENTRIES; i++)
		vec[i] = (struct hv_pv_entry){ .pfn = i,
					       .state = ESSA_GET_STATE };
	is(hv_pv_set_states(g, vec, HV_PV_MAX_ENTRIES + 1),
	   HV_PIC_SPECIFICATION, "vector longer than a page: specification");
	is(hv_pv_set_states(g, vec, HV_PV_MAX_ENTRIES), HV_PIC_NONE,
	   "a full page of entries is fine");
	hv_guest_get_stats(g, &st);
	is(st.exits, 6, "every call is an exit, failed ones too");
	hv_host_destroy(host);
	test_as_essa();
	return tap_finish();
}
