#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Emulated s390x comparison: wall time per strategy of the same per-cpu
# resident order-0 alloc/free loop (bench_alloc), built for s390x with the
# s390 backend and run under qemu-s390x, where every hint is a real ESSA
# instruction trapped (SIGILL) and emulated against the host model. All
# strategies run in one process; ratios are against none from the same
# run; RUNS runs, the median ratio is reported.
# Goal: spill within 1.5x of none, while cmma pays two traps per pair.
#
# Cross-builds into $O/s390 (make ARCH=s390). Skips without the cross
# compiler or qemu-s390x.

O=${O:-build}
ITERS=${BENCH_S390_ITERS:-200000}
RUNS=${BENCH_S390_RUNS:-3}
CROSS=${CROSS_COMPILE_S390:-s390x-linux-gnu-}
QEMU=${QEMU_S390X:-qemu-s390x}
SO=$O/s390
BIN=$SO/plain/tests/bench/bench_alloc

for t in "${CROSS}gcc" "$QEMU"; do
	if ! command -v "$t" >/dev/null 2>&1; then
		echo "s390_emulated.sh: $t not installed, skipped"
		exit 0
	fi
done
case $O in
*/s390) echo "s390_emulated.sh: already an s390 build, skipped"; exit 0 ;;
esac

echo "s390_emulated: cross-building bench_alloc for s390x into $SO"
make --no-print-directory ARCH=s390 CROSS_COMPILE="$CROSS" O="$SO" \
	"$BIN" >/dev/null || exit 1
if ! "${CROSS}objdump" -d "$BIN" | grep -q 'b9 ab'; then
	echo "s390_emulated.sh: $BIN has no ESSA instruction" >&2
	exit 1
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

run=1
while [ "$run" -le "$RUNS" ]; do
	"$QEMU" "$BIN" --iters "$ITERS" >"$tmp/run$run" 2>&1 || {
		cat "$tmp/run$run" >&2
		exit 1
	}
	run=$((run + 1))
done

echo "s390_emulated: qemu-s390x, order-0 alloc/free on the per-cpu list," \
     "$ITERS pairs, $RUNS runs (ratio: median over runs of ns/pair" \
     "against none in the same run)"
cat "$tmp"/run* | awk -v runs="$RUNS" '
	/ns\/pair/ {
		s = $1; ns = $2; calls = $NF
		if (s == "none") { base[++r] = ns }
		val[s, r] = ns; hc[s] = calls
		if (!(s in seen)) { seen[s] = 1; order[++n] = s }
	}
	function median(a, k,    i, j, t) {
		for (i = 1; i <= k; i++)
			for (j = i + 1; j <= k; j++)
				if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
		return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2
	}
	END {
		printf "  %-16s %12s %8s %18s\n", "strategy", "ns/pair", "ratio", "hint_calls/pair"
		for (i = 1; i <= n; i++) {
			s = order[i]; delete rt; delete nsv
			for (k = 1; k <= r; k++) { rt[k] = val[s, k] / base[k]; nsv[k] = val[s, k] }
			printf "  %-16s %12.1f %8.2f %18s\n", s, median(nsv, r), median(rt, r), hc[s]
			if (s == "spill") spill = median(rt, r)
		}
		if (spill != "")
			printf "  goal spill <= 1.50x none: %s (%.2f)\n", spill <= 1.5 ? "met" : "NOT met", spill
	}'
