#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Instruction counts (callgrind) of an order-0 alloc/free loop that stays
# on the per-cpu list, for each strategy, against "none" in the same run.
# Goal: spill below 1.05. Needs $O/plain/tests/bench/bench_alloc (make bench).

O=${O:-build}
ARCH=${ARCH:-$(uname -m | sed -e 's/x86_64/x86/' -e 's/s390x/s390/')}
BIN=$O/plain/tests/bench/bench_alloc
ITERS=${BENCH_ITERS:-200000}
STRATEGIES="none cmma spill report spill+volatile aging adaptive"

if ! command -v valgrind >/dev/null 2>&1; then
	echo "bench_alloc.sh: valgrind not installed, skipped"
	exit 0
fi
if [ "$ARCH" = s390 ] && [ "$(uname -m)" != s390x ]; then
	echo "bench_alloc.sh: s390x binaries under qemu-user, callgrind skipped"
	exit 0
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# instructions executed inside bench_loop for one strategy
count() {
	valgrind --tool=callgrind --toggle-collect=bench_loop \
		--callgrind-out-file="$tmp/cg.out" \
		"$BIN" --strategy "$1" --iters "$ITERS" \
		>"$tmp/log" 2>&1 || { cat "$tmp/log" >&2; return 1; }
	sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$tmp/cg.out"
}

echo "bench_alloc: callgrind Ir, order-0 alloc/free on the per-cpu list," \
     "$ITERS pairs"
printf '  %-16s %14s %10s %8s\n' strategy instructions "Ir/pair" ratio
base=
for s in $STRATEGIES; do
	ir=$(count "$s") || exit 1
	[ -n "$ir" ] || { echo "bench_alloc.sh: no callgrind summary" >&2; exit 1; }
	[ -n "$base" ] || base=$ir
	awk -v s="$s" -v ir="$ir" -v base="$base" -v n="$ITERS" 'BEGIN {
		printf "  %-16s %14d %10.1f %8.3f\n", s, ir, ir / n, ir / base }'
done
