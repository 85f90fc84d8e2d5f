#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# run-qemu.sh IMAGE.elf: boot a bare-metal image under qemu-system-s390x
# (TCG) with the SCLP console on stdout. Exit 0 when the image reported
# PASS and stopped in the "pass" disabled wait (address 0xfff, which QEMU
# treats as a shutdown); 1 on FAIL or any other disabled wait (QEMU calls
# that a guest panic: -action panic=exit-failure); 124 on timeout; 77
# when qemu-system-s390x is missing.
set -u

image=${1:?usage: run-qemu.sh IMAGE.elf}
timeout=${BM_TIMEOUT:-120}
qemu=${QEMU_SYSTEM_S390X:-qemu-system-s390x}

command -v "$qemu" >/dev/null 2>&1 || {
	echo "run-qemu: $qemu not found" >&2
	exit 77
}
log=$(mktemp)
trap 'rm -f "$log"' EXIT

timeout "$timeout" "$qemu" -nodefaults -nographic -no-reboot \
	-machine s390-ccw-virtio,accel=tcg -m 128 \
	-chardev stdio,id=con0 -device sclpconsole,chardev=con0 \
	-action panic=exit-failure -kernel "$image" </dev/null >"$log" 2>&1
rc=$?
cat "$log"
[ "$rc" -eq 124 ] && { echo "run-qemu: timeout after ${timeout}s" >&2; exit 124; }
if [ "$rc" -eq 0 ] && grep -q '^PAGESTATES-RESULT: PASS' "$log"; then
	exit 0
fi
echo "run-qemu: qemu exit $rc, $(grep -c '^PAGESTATES-RESULT: PASS' "$log") PASS line(s)" >&2
exit 1
