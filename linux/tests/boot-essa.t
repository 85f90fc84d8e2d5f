#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Boot the patched kernel under our QEMU with ESSA (make qemu) with every
# page_states= value: the probe succeeds and the strategies' hints are
# counted in /proc/vmstat (none for off), spill+volatile makes pages
# volatile; then a boot whose volatile pages QEMU drops: discards seen.
. "$(dirname "$0")/lib.sh"
qemu=${QEMU_ESSA:-$top/build/qemu/qemu-system-s390x}
[ -f "$LINUX_OUT/bzImage" ] || { echo "1..0 # SKIP no kernel (make kernel)"; exit 0; }
[ -x "$qemu" ] || { echo "1..0 # SKIP no $qemu (make qemu)"; exit 0; }
set -- $VALUES
echo "1..$((3 * ($# + 1) + 1 + n_volatile + 2))"
boot_values "$qemu" essa yes
boot_discard "$qemu"
exit $((failed != 0))
