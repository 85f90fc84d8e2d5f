// SPDX-License-Identifier: GPL-2.0
/*
 * cmma-test: test pages with content, and this CPU's block-release list
 * (whose processing makes the unused pages on it logically zero).
 */
#include "cmma-test.h"

#define FILLER_BASE	(48UL << 20)	/* 8 MiB of pages to fill lists */
#define NR_FILLERS	2048

static unsigned long next_filler;

void fill(uint64_t page, uint64_t pattern)
{
	volatile uint64_t *p = (volatile uint64_t *)page;
	unsigned int i;

	for (i = 0; i < PAGE_SIZE / 8; i++)
		p[i] = pattern ^ i;
}

bool content_is(uint64_t page, uint64_t pattern, bool zero)
{
	volatile uint64_t *p = (volatile uint64_t *)page;
	unsigned int i;

	for (i = 0; i < PAGE_SIZE / 8; i++)
		if (p[i] != (zero ? 0 : pattern ^ i))
			return false;
	return true;
}

/* Set unused resident fillers until this CPU's list has been processed. */
void flush_list(void)
{
	unsigned long target = (essa_listed / CBRL_ENTRIES + 1) * CBRL_ENTRIES;
	uint64_t filler;

	while (essa_listed < target) {
		filler = FILLER_BASE + (next_filler++ % NR_FILLERS) * PAGE_SIZE;
		*(volatile uint64_t *)filler = 1;	/* resident again */
		essa(2, filler);
	}
}

/* Room on the list for n more pages without it being processed. */
void list_room(unsigned int n)
{
	if (CBRL_ENTRIES - essa_listed % CBRL_ENTRIES <= n)
		flush_list();
}

uint8_t encode(struct state s)
{
	static const uint8_t usage_bits[] = {
		RES_STABLE, RES_UNUSED, RES_POT_VOLATILE, RES_VOLATILE
	};

	return usage_bits[s.usage] | (s.zero ? RES_ZERO : RES_RESIDENT) |
	       (s.nodat ? RES_NODAT : 0);
}

/* Fill page with content, then bring it to state s. */
void make_state(uint64_t page, struct state s, uint64_t pattern)
{
	fill(page, pattern);
	essa(1, page);
	if (s.zero) {
		list_room(2);
		essa(2, page);
		flush_list();
	}
	switch (s.usage) {
	case S:
		essa(s.nodat ? 7 : 1, page);
		break;
	case U:
		list_room(2);
		essa(2, page);
		break;
	case P:
		essa(4, page);
		break;
	case V:
		essa(3, page);
		break;
	}
}
