/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The hypervisor model: the host side of page-state hinting.
 *
 * A host has a memory limit and any number of guests. Each guest page has
 * a usage state (S/U/V/P) and a host (block content) state (r/p/z), only in
 * the valid pairs of DESIGN.md section 1. Guests reach the host only
 * through the transports below (ESSA, the paravirtual vector call, memory
 * access); the host answers only through their results: ESSA result bytes
 * and program interruption codes (0x1A: discard fault).
 */
#ifndef _HV_HV_H
#define _HV_HV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Program interruption codes a transport may return. */
#define HV_PIC_NONE		0x00
#define HV_PIC_OPERATION	0x01	/* ESSA not provided */
#define HV_PIC_PRIVILEGED	0x02
#define HV_PIC_ADDRESSING	0x05
#define HV_PIC_SPECIFICATION	0x06
#define HV_PIC_DISCARD		0x1a	/* access to a discarded page */
/*
 * Not a program interruption: the host could not read a page back from
 * swap (injected). A real host kills the guest (a machine check); here
 * the guest is stopped: every later access and hint fails the same way.
 */
#define HV_PIC_HOST_IO_ERROR	0x100

/* ESSA operation request codes (M3). */
#define ESSA_GET_STATE			0
#define ESSA_SET_STABLE			1
#define ESSA_SET_UNUSED			2
#define ESSA_SET_VOLATILE		3
#define ESSA_SET_POT_VOLATILE		4
#define ESSA_SET_STABLE_RESIDENT	5
#define ESSA_SET_STABLE_IF_RESIDENT	6
#define ESSA_SET_STABLE_NODAT		7
#define ESSA_MAX			ESSA_SET_STABLE_NODAT

/* ESSA result byte (R1 low byte): the state before the operation. */
#define ESSA_RES_HOST_RESIDENT		0x00
#define ESSA_RES_HOST_PRESERVED		0x02
#define ESSA_RES_HOST_ZERO		0x03
#define ESSA_RES_HOST_MASK		0x03
#define ESSA_RES_USAGE_STABLE		0x00
#define ESSA_RES_USAGE_UNUSED		0x04
#define ESSA_RES_USAGE_POT_VOLATILE	0x08
#define ESSA_RES_USAGE_VOLATILE		0x0c
#define ESSA_RES_USAGE_MASK		0x0c
#define ESSA_RES_EXCEPTION		0x10
#define ESSA_RES_NODAT			0x20

enum hv_mode {
	HV_MODE_INTERCEPT,	/* every ESSA / pv call exits to the host */
	HV_MODE_INTERPRET,	/* ESSA interpreted, CBRL of 511 entries */
};

#define HV_CBRL_ENTRIES		511

/*
 * What the host does with the states (Documentation/state-machine.rst):
 *
 * kvm  KVM on Linux 6.1: reclaim drops unused pages without I/O and pages
 *      every other page out, volatile ones included (usage kept: Vp, Pp);
 *      a touch never changes the usage; the block-release list frees only
 *      pages already swapped out or zero; a discarded page (Vz, made only
 *      by ESSA on a page that was not resident) reads as zeros, no fault.
 * zvm  the hypervisor the 2006-2009 series was written for: reclaim also
 *      drops volatile and clean potentially volatile pages (Vz), and a
 *      touch of a discarded page raises a discard fault; the block-release
 *      list drops the listed unused pages.
 */
enum hv_semantics {
	HV_HOST_KVM,
	HV_HOST_ZVM,
};

struct hv_host_config {
	unsigned long mem_limit_pages;	/* 0: unlimited */
	enum hv_mode mode;
	bool backed;		/* real memory behind guest pages (mmap) */
	const char *swap_dir;	/* where the swap file goes (NULL: $TMPDIR) */
	bool essa_available;	/* false: ESSA raises operation exception */
	/* facility 147; without it code 7 is a specification exception */
	bool nodat_facility;
	enum hv_semantics semantics;	/* 0: kvm */
	unsigned int bugs;	/* HV_BUG_*: tests only, 0 otherwise */
	struct hv_faults {	/* host fault injection, tests only */
		uint64_t seed;		/* 0: none */
		/* per 1000: at a fault point, the host reclaims or drops */
		unsigned int act;
		unsigned int write_error;	/* a page out fails */
		unsigned int read_error;	/* a page in fails */
		unsigned int delay;	/* an exit waits while the host works */
	} faults;
};

/*
 * Bugs a test can give a host (hv_host_config.bugs), to show that the
 * guest's checker sees what they do. Never set outside tests.
 */
#define HV_BUG_DROP_STABLE	0x1	/* a page out loses the content */
#define HV_BUG_NO_DISCARD_FAULT	0x2	/* zvm: a discarded page reads zeros */

/*
 * One pv vector entry: 2^order pages from pfn set to state (ESSA code).
 * A vector fills at most one 4 KiB guest page: HV_PV_MAX_ENTRIES.
 */
#define HV_PV_MAX_ENTRIES	256
struct hv_pv_entry {
	uint64_t pfn;
	uint8_t order;
	uint8_t state;
	uint8_t result;		/* out: ESSA result byte of the first page */
	uint8_t pad[5];
};

/*
 * Per guest (hv_guest_get_stats) or summed over all guests the host ever
 * had (hv_host_get_stats; the gauges there cover the live guests, and
 * the host's resident peak is the peak of the sum). O(1) to read.
 */
struct hv_stats {
	unsigned long essa_ops;		/* ESSA operations performed */
	unsigned long pv_calls;
	unsigned long pv_ops;		/* page-state changes via pv */
	/*
	 * intercept: every ESSA, failed ones too; interpret: one per full
	 * CBRL; both: every pv call
	 */
	unsigned long exits;
	unsigned long cbrl_flushes;
	unsigned long host_resident_pages;
	unsigned long host_resident_peak_pages;
	unsigned long host_swap_out_pages;
	unsigned long host_swap_in_pages;
	/* U dropped: its memory, or the swap copy of a page set U */
	unsigned long host_discards_unused;
	unsigned long host_discards_volatile;	/* V or clean P dropped */
	/* z page touched: zero page given, first touches included */
	unsigned long host_zero_fills;
	unsigned long discard_faults;
	/*
	 * a touch of a page whose usage is U: the usage stays U, so the host
	 * may drop what the guest writes; a guest that hints stable before
	 * use never does this
	 */
	unsigned long host_unused_touches;
	/* kvm: a discarded (Vz) page touched: zeros given, no discard fault */
	unsigned long discarded_touches;
	unsigned long pages_unused;	/* usage U now */
	unsigned long pages_zero;	/* host state z now (any usage) */
	unsigned long pages_unused_or_zero; /* U, or z: droppable without I/O */
	/* content the host must keep now (pst_required(), pstate.h) */
	unsigned long pages_required;
	/* injected faults (hv_host_config.faults) */
	unsigned long fault_acts;	/* reclaims and drops at fault points */
	unsigned long fault_write_errors;	/* page outs that failed */
	unsigned long fault_read_errors;	/* page ins that failed */
	unsigned long fault_delays;	/* exits handled late */
};

struct hv_host;
struct hv_guest;

struct hv_host *hv_host_create(const struct hv_host_config *cfg);
void hv_host_destroy(struct hv_host *host);
struct hv_guest *hv_guest_create(struct hv_host *host, unsigned long nr_pages);
void hv_guest_destroy(struct hv_guest *guest);

/* The guest this thread's (virtual) cpu runs; trap handlers use it. */
void hv_vcpu_enter(struct hv_guest *guest);
struct hv_guest *hv_vcpu_current(void);
/* The vcpu runs in problem state (user mode): ESSA is privileged. */
void hv_vcpu_set_problem_state(bool problem_state);

/*
 * ESSA as KVM handles it (Linux 6.1 handle_essa, pgste_perform_essa).
 * addr is the guest real address. Returns HV_PIC_NONE and the result byte
 * (state before the op) in *r1 (low byte replaced, R1 untouched on a
 * program check), or a program interruption code, checked in KVM's order:
 * OPERATION (!essa_available), PRIVILEGED (problem state), SPECIFICATION
 * (m3 > 6, or > 7 with nodat_facility), ADDRESSING (past guest memory).
 * The transition table: Documentation/state-machine.rst.
 */
int hv_essa(struct hv_guest *guest, uint64_t addr, unsigned int m3,
	    uint64_t *r1);

/*
 * Paravirtual hint: one call (one exit) for a vector of at most
 * HV_PV_MAX_ENTRIES requests, each page as ESSA would do it; resident
 * pages set unused are dropped at once. The vector is checked whole
 * first: PRIVILEGED (problem state), SPECIFICATION (state above ESSA's
 * maximum, order >= 32, nr too big) or ADDRESSING (a block past memory),
 * and then nothing is applied.
 */
int hv_pv_set_states(struct hv_guest *guest, struct hv_pv_entry *vec,
		     unsigned int nr);

/*
 * Guest memory access: the host sees every touch (swap in, zero fill).
 * Returns HV_PIC_NONE, HV_PIC_DISCARD for a discarded volatile page at a
 * zvm host (the guest's fault handler must remove the page and retry;
 * nothing was transferred), or HV_PIC_ADDRESSING (pfn past memory, or
 * offset + len past the page: one page per call). A page touched while
 * unused stays unused (host_unused_touches). A NULL buf with write=true only
 * touches the page (dirties it) without transferring data; with
 * write=false, only reads. Without cfg.backed, reads give zeros and
 * writes are dropped (states only).
 */
int hv_access(struct hv_guest *guest, uint64_t pfn, size_t offset,
	      void *buf, size_t len, bool write);

/*
 * The guest's SSKE: clear the page's change bit, because its content now
 * matches the guest's backing store (read in, or written back). A
 * potentially volatile page is volatile only while the bit is clear.
 */
int hv_clear_change(struct hv_guest *guest, uint64_t pfn);

/*
 * Reclaim until the host is at most target resident pages over all
 * guests (also done automatically when a touch exceeds the limit).
 */
void hv_host_reclaim(struct hv_host *host, unsigned long target);

/*
 * Drop one page now if its state allows it without I/O (resident U, V or
 * clean P); true if dropped. hv_evict reclaims one resident page the way
 * the host's reclaim would (drop, or page out a stable or dirty P page);
 * true if it was resident. Tests and random reclaim use them.
 */
bool hv_try_drop(struct hv_guest *guest, uint64_t pfn);
bool hv_evict(struct hv_guest *guest, uint64_t pfn);

/* Current state of one page, ESSA result layout, no side effects. */
unsigned int hv_peek_state(struct hv_guest *guest, uint64_t pfn);
/*
 * The first word of a page's content where the host holds it (memory or
 * swap), without touching the page: what a read would give, 0 for a page
 * dropped or never written. false if the host cannot tell (a backed page
 * not resident).
 */
bool hv_peek_word(struct hv_guest *guest, uint64_t pfn, uint32_t *word);
/* The same for the guest this thread's vcpu runs (a backend's peek). */
unsigned int hv_vcpu_peek_state(unsigned long pfn);
/* hv_vcpu_peek_state for nr pages from pfn, one byte each. */
void hv_vcpu_peek_states(unsigned long pfn, unsigned int nr,
			 uint8_t *states);

unsigned long hv_guest_nr_pages(const struct hv_guest *guest);

/*
 * A point in a guest's hint where a test lets the host act (reclaim or
 * drop pages) as its fault injection says; nothing without it.
 */
void hv_fault_point(struct hv_guest *guest);
/* The host could not read back one of the guest's pages: it is stopped. */
bool hv_guest_stopped(const struct hv_guest *guest);

void hv_guest_get_stats(struct hv_guest *guest, struct hv_stats *stats);
/*
 * The guest's pages_unused_or_zero alone, without the host lock: cheap
 * enough to read after every event.
 */
unsigned long hv_guest_pages_unused_or_zero(const struct hv_guest *guest);

/* The gauges a replay reads after every event, without the host lock. */
struct hv_gauges {
	unsigned long unused_or_zero;
	unsigned long zero;
	unsigned long required;
};

void hv_guest_get_gauges(const struct hv_guest *guest, struct hv_gauges *g);
void hv_host_get_stats(struct hv_host *host, struct hv_stats *stats);

#endif
