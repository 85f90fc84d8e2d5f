#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The host really shrinks: the guest touches 64 MiB and sets it unused;
# the resident memory of the QEMU process (/proc/PID/smaps_rollup) must
# fall by at least 90% of that.
. "$(dirname "$0")/lib.sh"

MIB=64
qemu_start rss "$BM/cmma-test.elf" 128 "mode=rss mib=$MIB" \
	-machine s390-ccw-virtio,accel=tcg
wait_console rss 'CMMA-REQUEST rss-touched'
before=$(rss_kib rss)
qmp rss '{"execute":"inject-nmi"}' >/dev/null
wait_console rss 'CMMA-REQUEST rss-hinted'
after=$(rss_kib rss)
qmp rss '{"execute":"inject-nmi"}' >/dev/null
wait_console rss 'CMMA-RESULT'
info=$(qmp rss '{"execute":"query-cmma"}')
diag "RSS touched ${before} KiB, hinted unused ${after} KiB:" \
     "fell by $((before - after)) KiB of $((MIB * 1024)) KiB" \
     "QEMU: $info" "$(result rss)"
[ $((before - after)) -ge $((MIB * 1024 * 9 / 10)) ]
ok $? "RSS fell by at least 0.9 * $MIB MiB"
result rss | grep -q PASS
ok $? "dropped pages read as zeros"
qemu_stop rss

done_testing
