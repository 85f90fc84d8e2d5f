#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ESSA's cost under TCG against a no-op loop of the same shape, in one
# run (baremetal/cmma/bench.c). Figures only, no timing assertion:
# QEMU_BENCH_ITER iterations (default 200000; make qemu-bench: 5000000).
. "$(dirname "$0")/lib.sh"

qemu_start bench "$BM/cmma-test.elf" 128 \
	"mode=bench iter=${QEMU_BENCH_ITER:-200000}" \
	-machine s390-ccw-virtio,accel=tcg
wait_console bench 'CMMA-RESULT'
diag "$(grep CMMA-BENCH "$T/bench/con.log")"
[ "$(grep -c 'CMMA-BENCH' "$T/bench/con.log")" -eq 7 ] &&
	result bench | grep -q PASS
ok $? "bench ran: ESSA extract, set stable, set unused against no-ops"
qemu_stop bench

done_testing
