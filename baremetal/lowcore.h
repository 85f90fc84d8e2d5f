/* SPDX-License-Identifier: GPL-2.0 */
/* z/Architecture lowcore offsets used by the bare-metal image. */
#ifndef _BAREMETAL_LOWCORE_H
#define _BAREMETAL_LOWCORE_H

#define LC_EXT_PARAMS		0x080	/* external interruption parameter */
#define LC_EXT_INT_CODE		0x086
#define LC_PGM_ILC		0x08c	/* instruction length code */
#define LC_PGM_CODE		0x08e	/* program interruption code */
#define LC_EXT_OLD_PSW		0x130
#define LC_PGM_OLD_PSW		0x150
#define LC_RESTART_NEW_PSW	0x1a0
#define LC_EXT_NEW_PSW		0x1b0
#define LC_PGM_NEW_PSW		0x1d0
#define LC_SAVE_GPRS		0x200	/* free for software: 16 * 8 bytes */

#endif
