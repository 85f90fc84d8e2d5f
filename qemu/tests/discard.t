#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Dropped volatile pages: the guest asks, the harness drops (QMP
# cmma-drop-volatile, then HMP cmma_drop_volatile, then the machine
# option cmma-volatile-limit by itself); every access to a dropped page,
# real, through prefixing or through DAT, is a discard fault (0x1a) that
# names the absolute address and nullifies (baremetal/cmma/discard.c).
# QEMU's counts of faults and dropped pages must be the guest's.
. "$(dirname "$0")/lib.sh"

# run NAME APPEND DROP [machine options]
run() {
	qemu_start "$1" "$BM/cmma-test.elf" 128 "$2" \
		-machine "s390-ccw-virtio,accel=tcg${4:-}"
	case $3 in
	qmp)	wait_console "$1" 'CMMA-REQUEST drop-volatile' &&
		qmp "$1" '{"execute":"cmma-drop-volatile","arguments":{"limit":0}}' >/dev/null ;;
	hmp)	wait_console "$1" 'CMMA-REQUEST drop-volatile' &&
		hmp "$1" 'cmma_drop_volatile 0' >/dev/null ;;
	esac
	wait_console "$1" 'CMMA-RESULT'
	diag "$(result "$1")"
	result "$1" | grep -q PASS
	ok $? "$1: discard faults as the architecture says"
	[ $failed -eq 0 ] || console "$1"
	info=$(qmp "$1" '{"execute":"query-cmma"}')
	diag "QEMU: $info"
	[ "$(echo "$info" | jq '.["discard-faults"]')" = \
	  "$(count "$1" discard_faults)" ] &&
	[ "$(echo "$info" | jq '.["dropped-volatile"]')" = \
	  "$(count "$1" dropped_volatile)" ]
	ok $? "$1: QEMU counted the guest's faults and dropped pages"
}

run discard-qmp "mode=discard" qmp
qemu_stop discard-qmp
run discard-hmp "mode=discard" hmp
out=$(hmp discard-hmp 'info cmma')
diag "$out"
echo "$out" | grep -q "^discard faults: $(count discard-hmp discard_faults)"
ok $? "info cmma shows the discard faults"
qemu_stop discard-hmp
run discard-auto "mode=discard drop=auto" auto ",cmma-volatile-limit=0"
qemu_stop discard-auto

done_testing
