/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Guest memory accessors of the native model (arch/model/guest-memory.c),
 * the kmap/copy_from_user of this tree: mm touches guest memory only
 * through them, so the host sees every access. They act on the guest the
 * calling thread's vcpu runs (hv_vcpu_current()); an access must stay
 * within one page.
 *
 * Return 0, or a program interruption code: 0x1a (PGM_DISCARD) when the
 * page was volatile and the host discarded it; the caller then handles
 * the discard (drops the page from the page cache) and must not use the
 * content. 0x05 for a pfn outside guest memory.
 */
#ifndef _ASM_GENERIC_GUEST_MEMORY_H
#define _ASM_GENERIC_GUEST_MEMORY_H

#include <linux/types.h>

#define PGM_ADDRESSING	0x05
#define PGM_DISCARD	0x1a
/* not a PIC: the host lost the page (injected); the guest is stopped */
#define PGM_HOST_IO_ERROR	0x100

int guest_mem_read(unsigned long pfn, size_t offset, void *buf, size_t len);
int guest_mem_write(unsigned long pfn, size_t offset, const void *buf,
		    size_t len);
/* Touch a page without moving data (write: dirty it). */
int guest_mem_touch(unsigned long pfn, bool write);
/*
 * The content now matches the backing store (read in or written back):
 * clear the host change bit (s390: SSKE), so that a potentially volatile
 * page counts as clean until the next write.
 */
int guest_mem_clear_dirty(unsigned long pfn);
/*
 * The checker's look at a page's first word, where the host holds it,
 * without an access (no swap in, no fault): what a read would give.
 * Returns 0, or -1 if the host cannot tell.
 */
int guest_mem_peek_word(unsigned long pfn, u32 *word);

#endif
