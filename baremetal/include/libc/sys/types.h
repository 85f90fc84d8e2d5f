/* SPDX-License-Identifier: GPL-2.0 */
/* Freestanding libc subset for the bare-metal image: sys/types.h */
#ifndef _BM_SYS_TYPES_H
#define _BM_SYS_TYPES_H

typedef long ssize_t;
typedef long off_t;
typedef int pid_t;
typedef unsigned int mode_t;
typedef unsigned long dev_t;
typedef unsigned long ino_t;

#endif
