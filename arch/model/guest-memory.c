// SPDX-License-Identifier: GPL-2.0
/*
 * Guest memory accessors: every access reaches the host model, which swaps
 * in, zero fills or raises a discard fault.
 */
#include <asm-generic/guest-memory.h>
#include <hv/hv.h>

int guest_mem_read(unsigned long pfn, size_t offset, void *buf, size_t len)
{
	return hv_access(hv_vcpu_current(), pfn, offset, buf, len, false);
}

int guest_mem_write(unsigned long pfn, size_t offset, const void *buf,
		    size_t len)
{
	/* hv_access only reads from buf when write is set */
	return hv_access(hv_vcpu_current(), pfn, offset, (void *)buf, len,
			 true);
}

int guest_mem_touch(unsigned long pfn, bool write)
{
	return hv_access(hv_vcpu_current(), pfn, 0, NULL, 0, write);
}

int guest_mem_clear_dirty(unsigned long pfn)
{
	return hv_clear_change(hv_vcpu_current(), pfn);
}

int guest_mem_peek_word(unsigned long pfn, u32 *word)
{
	return hv_peek_word(hv_vcpu_current(), pfn, word) ? 0 : -1;
}
