/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Userspace shim: kmalloc and friends on the C library's allocator. The
 * gfp flags only matter to a kernel (may it sleep, reclaim): ignored.
 */
#ifndef _SHIM_LINUX_SLAB_H
#define _SHIM_LINUX_SLAB_H

#include <stdlib.h>
#include <linux/types.h>

static inline void *kzalloc(size_t size, gfp_t flags)
{
	(void)flags;
	return calloc(1, size);
}

static inline void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	(void)flags;
	return calloc(n, size);
}

static inline void kfree(const void *p)
{
	free((void *)p);
}

/* kvmalloc may fall back to vmalloc in a kernel; here it is all one. */
#define kvzalloc(size, flags)		kzalloc(size, flags)
#define kvcalloc(n, size, flags)	kcalloc(n, size, flags)
#define kvfree(p)			kfree(p)

#endif
