#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Every ESSA operation request code from every start state, and every
# program exception (baremetal/cmma/codes.c has the expected answers).
# QEMU's counts per code and of processed block-release lists must be
# the guest's own. Then a reset: every page stable again, as KVM does,
# the logically zero ones still zero.
. "$(dirname "$0")/lib.sh"

M="-machine s390-ccw-virtio,accel=tcg"

# run NAME APPEND CPU: the codes test; its counts compared with QEMU's
run() {
	# shellcheck disable=SC2086
	qemu_start "$1" "$BM/cmma-test.elf" 128 "$2" $M $3
	wait_console "$1" 'CMMA-RESULT'
	diag "$(grep '^codes:' "$T/$1/con.log")" "$(result "$1")"
	result "$1" | grep -q 'PASS'
	ok $? "$1: every code, state and exception as expected"
	[ $failed -eq 0 ] || console "$1"
	info=$(qmp "$1" '{"execute":"query-cmma"}')
	essa=$(echo "$info" | jq -r '.essa | map(tostring) | join(",")')
	flushes=$(echo "$info" | jq '.["list-flushes"]')
	diag "QEMU: essa=$essa flushes=$flushes"
	[ "$essa" = "$(count "$1" essa)" ] &&
		[ "$flushes" = "$(count "$1" flushes)" ]
	ok $? "$1: QEMU's ESSA per code and list flushes are the guest's"
}

REBOOT=
run codes "mode=codes" ""
REBOOT=-no-reboot
before=$(qmp codes '{"execute":"query-cmma"}')
qmp codes '{"execute":"system_reset"}' >/dev/null
i=0
while :; do
	after=$(qmp codes '{"execute":"query-cmma"}')
	[ "$(echo "$after" | jq '.["pages-unused"] + .["pages-volatile"] +
		.["pages-pot-volatile"]')" = 0 ] && break
	i=$((i + 1))
	[ $i -lt 50 ] || break
	sleep 0.1
done
diag "before reset: $before" "after reset:  $after"
[ "$(echo "$after" | jq '.["pages-unused"] + .["pages-volatile"] +
	.["pages-pot-volatile"]')" = 0 ] &&
[ "$(echo "$before" | jq '.["pages-unused"] > 0 and .["pages-volatile"] > 0')" = true ] &&
[ "$(echo "$after" | jq '.["pages-zero"]')" = \
  "$(echo "$before" | jq '.["pages-zero"]')" ]
ok $? "system_reset: every page stable, logically zero ones kept"
qemu_stop codes

run codes-no147 "mode=codes" "-cpu qemu,cmmnt=off"
grep -q 'facility 147 not installed' "$T/codes-no147/con.log"
ok $? "codes-no147: the guest saw no facility 147 (code 7 specification)"
qemu_stop codes-no147

run codes-off "mode=codes essa=off" "-cpu qemu,cmm=off,cmmnt=off"
qemu_stop codes-off

# the test can fail: expecting ESSA where there is none
qemu_start codes-wrong "$BM/cmma-test.elf" 128 "mode=codes" $M \
	-cpu qemu,cmm=off,cmmnt=off
wait_console codes-wrong 'CMMA-RESULT'
result codes-wrong | grep -q FAIL
ok $? "codes expecting ESSA fails on a machine without it"
qemu_stop codes-wrong

done_testing
