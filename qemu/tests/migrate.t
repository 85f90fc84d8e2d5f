#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Migration between two QEMU processes (unix socket): the guest puts
# pages in every state, the machine migrates, the destination's guest
# (woken by inject-nmi) finds each page's state and content, and the
# dropped pages still gone (baremetal/cmma/migrate.c). Without migrating
# the storage attributes the guest must notice.
. "$(dirname "$0")/lib.sh"

# run NAME [-global ...]: source and destination
run() {
	local name=$1 i=0
	shift
	qemu_start "$name-src" "$BM/cmma-test.elf" 128 "mode=migrate" \
		-machine s390-ccw-virtio,accel=tcg "$@"
	qemu_start "$name-dst" "$BM/cmma-test.elf" 128 "mode=migrate" \
		-machine s390-ccw-virtio,accel=tcg "$@" \
		-incoming "unix:$T/$name.sock"
	wait_console "$name-src" 'CMMA-REQUEST migrate'
	src=$(qmp "$name-src" '{"execute":"query-cmma"}')
	qmp "$name-src" "{\"execute\":\"migrate\",\"arguments\":{\"uri\":\"unix:$T/$name.sock\"}}" >/dev/null
	while [ "$(qmp "$name-src" '{"execute":"query-migrate"}' | jq -r .status)" != completed ]; do
		i=$((i + 1))
		[ $i -lt 600 ] || break
		sleep 0.1
	done
	dst=$(qmp "$name-dst" '{"execute":"query-cmma"}')
	qmp "$name-dst" '{"execute":"inject-nmi"}' >/dev/null
	wait_console "$name-dst" 'CMMA-RESULT'
	diag "source: $src" "destination: $dst" "$(result "$name-dst")"
}

run migrate
result migrate-dst | grep -q PASS
ok $? "states, contents and dropped pages survive migration"
[ $failed -eq 0 ] || console migrate-dst
fields='[.["pages-stable"], .["pages-unused"], .["pages-volatile"], .["pages-pot-volatile"], .["pages-zero"]]'
[ "$(echo "$src" | jq -c "$fields")" = "$(echo "$dst" | jq -c "$fields")" ]
ok $? "the destination counts the same pages per state and dropped"
qemu_stop migrate-src
qemu_stop migrate-dst

run nostattr -global s390-storage_attributes-qemu.migration-enabled=off
result nostattr-dst | grep -q FAIL
ok $? "without the storage attributes migrated, the guest notices"
qemu_stop nostattr-src
qemu_stop nostattr-dst

# to_file NAME FILE: migrate the machine into FILE, wait until done
to_file() {
	local i=0
	qmp "$1" "{\"execute\":\"migrate\",\"arguments\":{\"uri\":\"exec:cat >$2\"}}" >/dev/null
	while [ "$(qmp "$1" '{"execute":"query-migrate"}' | jq -r .status)" != completed ]; do
		i=$((i + 1))
		[ $i -lt 600 ] || return 1
		sleep 0.1
	done
}

# Older machine types and cmm=off keep the stream as it was: no storage
# attribute section without ESSA in the CPU model.
qemu_start stream-on "$BM/cmma-test.elf" 128 "mode=migrate" \
	-machine s390-ccw-virtio,accel=tcg
wait_console stream-on 'CMMA-REQUEST migrate'
to_file stream-on "$T/on.stream"
qemu_stop stream-on
qemu_start stream-off "$BM/cmma-test.elf" 128 "mode=codes essa=off" \
	-machine s390-ccw-virtio,accel=tcg -cpu qemu,cmm=off,cmmnt=off
wait_console stream-off 'CMMA-RESULT'
to_file stream-off "$T/off.stream"
qemu_stop stream-off
on=$(grep -c -a s390-storage_attributes "$T/on.stream")
off=$(grep -c -a s390-storage_attributes "$T/off.stream")
diag "storage attribute sections: $on with cmm, $off without"
[ "$on" -gt 0 ] && [ "$off" -eq 0 ]
ok $? "storage attributes migrated only when the CPU model has cmm"

done_testing
