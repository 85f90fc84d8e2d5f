#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# run-hercules.sh IMAGE.elf: IPL a bare-metal image under Hercules from a
# .ins file (the image flattened to one binary loaded at 0; the IPL PSW at
# 0 enters it in ESA/390 mode). The SCLP line-mode console goes to the
# Hercules log; Hercules' automatic operator quits when the CPU enters a
# disabled wait, and logs that PSW. Exit 0 when the image reported PASS
# and its disabled-wait address is 0xfff; 1 otherwise; 124 on timeout; 77
# when hercules is missing.
set -u

image=${1:?usage: run-hercules.sh IMAGE.elf}
timeout=${BM_TIMEOUT:-300}
cross=${BM_CROSS:-s390x-linux-gnu-}

command -v hercules >/dev/null 2>&1 || {
	echo "run-hercules: hercules not found" >&2
	exit 77
}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

"${cross}objcopy" -O binary "$image" "$dir/image.bin" || exit 1
echo "image.bin 0x00000000" >"$dir/image.ins"
cat >"$dir/hercules.cnf" <<CNF
ARCHMODE z/Arch
MAINSIZE 128
NUMCPU 1
CPUMODEL 2064
OSTAILOR QUIET
PANRATE SLOW
000E 1403 /dev/null
CNF
cat >"$dir/hercules.rc" <<RC
hao tgt HHCCP011I
hao cmd quit
ipl image.ins
RC

(cd "$dir" && HERCULES_RC=hercules.rc timeout "$timeout" \
	hercules -d -f hercules.cnf </dev/null >hercules.log 2>&1)
rc=$?
# the console lines: after the IPL, without Hercules' own messages
sed -n '/^ipl image.ins/,$p' "$dir/hercules.log" |
	grep -v -e '^ipl ' -e '^quit' -e 'HHC' -e 'PSW=' -e '^CPU0000:' || :
[ "$rc" -eq 124 ] && { echo "run-hercules: timeout after ${timeout}s" >&2; exit 124; }
psw=$(sed -n '/HHCCP011I/,$s/.*PSW=[0-9A-F]* [0-9A-F]* \([0-9A-F]\{16\}\).*/\1/p' \
	"$dir/hercules.log" | head -n 1)
echo "run-hercules: disabled wait PSW address ${psw:-none}" >&2
if [ "$psw" = "0000000000000FFF" ] &&
   grep -q '^PAGESTATES-RESULT: PASS' "$dir/hercules.log"; then
	exit 0
fi
exit 1
