#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Boot the patched kernel under Debian's qemu-system-s390x (TCG, no
# ESSA) with every page_states= value: the probe fails, no hint is
# counted, and the kernel works (the init's workload passes).
. "$(dirname "$0")/lib.sh"
[ -f "$LINUX_OUT/bzImage" ] || { echo "1..0 # SKIP no kernel (make kernel)"; exit 0; }
command -v qemu-system-s390x >/dev/null ||
	{ echo "1..0 # SKIP no qemu-system-s390x"; exit 0; }
set -- $VALUES
echo "1..$((3 * ($# + 1) + 1 + n_volatile))"
boot_values qemu-system-s390x tcg no
exit $((failed != 0))
