#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The bare-metal allocator images under the patched QEMU. cmma.elf runs
# every strategy with ESSA executed by the machine: the probe succeeds,
# no program check happens (the emulation is not used), QEMU counts
# exactly the ESSA instructions the image issued, 0 violations. With the
# CPU features off (-cpu qemu,cmm=off,cmmnt=off) ESSA is gone again: the
# noessa and essa images pass as under an unpatched QEMU, and noessa's
# probe finds ESSA on the default CPU model.
. "$(dirname "$0")/lib.sh"

OFF="-cpu qemu,cmm=off,cmmnt=off"

qemu_start cmma "$BM/cmma.elf" 384 "" -machine s390-ccw-virtio,accel=tcg
wait_console cmma 'PAGESTATES-RESULT'
res=$(result cmma)
diag "$res"
issued=$(echo "$res" | sed -n 's/.* essa_issued=\([0-9]*\).*/\1/p')
cmma=$(qmp cmma '{"execute":"query-cmma"}')
counted=$(echo "$cmma" | jq '.essa | add')
diag "QEMU: $cmma"
echo "$res" | grep -q 'PASS .*violations=0'
ok $? "cmma.elf passes with the machine's ESSA, 0 violations"
[ -n "$issued" ] && [ "$issued" = "$counted" ]
ok $? "QEMU counted the ESSA the image issued ($counted, image $issued)"
[ "$(echo "$cmma" | jq '.["list-flushes"] > 0 and .["dropped-unused"] > 0')" = true ]
ok $? "block-release lists processed, unused pages dropped"
[ "$(qmp cmma '{"execute":"query-status"}' | jq -r .status)" = shutdown ]
ok $? "cmma.elf stopped in the pass wait"
[ $failed -eq 0 ] || console cmma
qemu_stop cmma

for img in noessa essa; do
	# shellcheck disable=SC2086
	qemu_start $img "$BM/$img.elf" 128 "" \
		-machine s390-ccw-virtio,accel=tcg $OFF
	wait_console $img 'PAGESTATES-RESULT'
	diag "$(result $img)"
	result $img | grep -q "PASS mode=$img"
	ok $? "$img.elf passes with cmm=off (operation exception, as before)"
	qemu_stop $img
done

# (noessa.elf would go on to hint its own frames away: stop it at once)
qemu_start noessa-on "$BM/noessa.elf" 128 "" -machine s390-ccw-virtio,accel=tcg
wait_console noessa-on 'probe did not see the operation exception'
ok $? "noessa.elf's probe finds ESSA on the default CPU model"
qemu_stop noessa-on

done_testing
