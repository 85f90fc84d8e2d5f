#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The in-guest workload (e2e/guest) under qemu-s390x user mode: it runs
# and checks what it read, the same seed gives the same sequence, the
# file set is the same from the native and the s390x build, and its
# content checks fire on a changed page or a wrong header.
# Environment (make e2e-guest-check): E2E_GUEST (static s390x),
# E2E_HOSTBIN (native), QEMU_USER (default qemu-s390x).
set -u
: "${E2E_GUEST:?}" "${E2E_HOSTBIN:?}"
QEMU_USER=${QEMU_USER:-qemu-s390x}
command -v "$QEMU_USER" >/dev/null 2>&1 || {
	echo "1..0 # SKIP $QEMU_USER not installed"
	exit 0
}
T=$(mktemp -d "${TMPDIR:-/tmp}/e2e-guest.XXXXXX")
trap 'rm -rf "$T"' EXIT
n=0
ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
run() {	# run NAME ARGS...: output in $T/NAME.out, status returned
	local name=$1
	shift
	"$QEMU_USER" "$E2E_GUEST" "$@" >"$T/$name.out" 2>&1
}
# the lines that do not depend on time or on the machine
steady() {
	grep -E '^e2e: (workload seed|files[12]:|phase [a-z0-9]+ (begin|end)|RESULT)' "$1" |
		sed 's/ t=[0-9.]*$//'
}
echo 1..10

"$E2E_HOSTBIN" --small --mkfiles "$T/fs.img"
run mk --small --mkfiles "$T/fs-s390x.img"
cmp -s "$T/fs.img" "$T/fs-s390x.img"
ok $? "the file set is the same from the native and the s390x build"

run a --small --files "$T/fs.img"
rc=$?
grep -q '^e2e: RESULT PASS$' "$T/a.out" && [ $rc -eq 0 ]
ok $? "the small workload passes under qemu-s390x (status $rc)"
[ "$(grep -c '^e2e: files[12]: 256 pages read and checked$' "$T/a.out")" -eq 2 ]
ok $? "the file set is read twice, every page checked"
for p in churn1 files1 churn2 files2 idle bulkfree; do
	grep -q "^e2e: phase $p end" "$T/a.out" || echo "# no phase $p"
done | grep -q . && r=1 || r=0
ok $r "every phase runs, in order"
grep -qE '^e2e: mem t=[0-9.]+ total_kib=[0-9]+ free_kib=[0-9]+ used_kib=[0-9]+$' "$T/a.out" &&
	grep -qE '^e2e: vmstat end pgfree [0-9]+$' "$T/a.out" &&
	grep -qE '^e2e: workload_seconds [0-9.]+$' "$T/a.out"
ok $? "meminfo, vmstat and wall time lines in the format run.sh parses"

run b --small --files "$T/fs.img"
steady "$T/a.out" >"$T/a.steady"
steady "$T/b.out" >"$T/b.steady"
cmp -s "$T/a.steady" "$T/b.steady" && [ -s "$T/a.steady" ]
ok $? "the same seed gives the same sequence"

"$E2E_HOSTBIN" --small --seed 2 --mkfiles "$T/fs2.img"
! cmp -s "$T/fs.img" "$T/fs2.img"
ok $? "another seed gives another file set"

# one byte of file 2, page 10 changed: the content check must fire
cp "$T/fs.img" "$T/bad.img"
printf 'X' | dd of="$T/bad.img" bs=1 seek=$(((1 + 2 * 64 + 10) * 4096 + 8)) \
	conv=notrunc 2>/dev/null
run bad --small --files "$T/bad.img"
rc=$?
grep -q '^e2e: files1: .*read or check failed' "$T/bad.out" &&
	grep -q '^e2e: RESULT FAIL$' "$T/bad.out" && [ $rc -ne 0 ]
ok $? "a changed page of the file set is found (status $rc)"

run wrong --small --seed 2 --files "$T/fs.img"
rc=$?
grep -q '^e2e: RESULT FAIL$' "$T/wrong.out" && [ $rc -ne 0 ]
ok $? "a file set of another seed is refused"

"$E2E_HOSTBIN" --small --mkfiles "$T/dir/"
run dir --small --files "$T/dir"
rc=$?
[ "$(grep -c '^e2e: files[12]: 256 pages read and checked$' "$T/dir.out")" -eq 2 ] && [ $rc -eq 0 ]
ok $? "a directory file set (the initramfs form) reads the same"
