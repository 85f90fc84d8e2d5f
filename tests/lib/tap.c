// SPDX-License-Identifier: GPL-2.0
/* TAP state shared by one test program. */
#include "tap.h"

struct tap_state tap;
