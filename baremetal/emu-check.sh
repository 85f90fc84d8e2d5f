#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# emu-check.sh IMAGE.elf...: run each bare-metal image under
# qemu-system-s390x and Hercules; TAP on stdout (one line per image and
# emulator, the console output as diagnostics). A missing emulator is a
# SKIP; any failure or timeout fails the run.
set -u

here=$(dirname "$0")
n=0
failed=0
passed=0
nfailed=0
echo "TAP version 13"
echo "1..$(($# * 2))"
for image in "$@"; do
	for emu in qemu hercules; do
		n=$((n + 1))
		name="$(basename "$image" .elf) under $emu"
		out=$(sh "$here/run-$emu.sh" "$image" 2>&1)
		rc=$?
		echo "$out" | sed 's/^/# /'
		case $rc in
		0)	echo "ok $n - $name"; passed=$((passed + 1)) ;;
		77)	echo "ok $n - $name # SKIP emulator not installed" ;;
		124)	echo "not ok $n - $name (timeout)"; failed=1
			nfailed=$((nfailed + 1)) ;;
		*)	echo "not ok $n - $name"; failed=1
			nfailed=$((nfailed + 1)) ;;
		esac
	done
done
skipped=$((n - passed - nfailed))
echo "emu-check: $passed passed, $nfailed failed, $skipped skipped"
exit $failed
