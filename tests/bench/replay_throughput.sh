#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Replay throughput of `pagestates` on an uncompressed real capture:
# parsing (text -> events), simulation (events -> allocator, host model)
# and the two together, in events per CPU second, best of $RUNS runs per
# strategy (rates per run: parse and simulate of the same run). Then the
# stable figure for spill: instructions per event (callgrind), parse and
# simulate separately.
# Goal (issue 6): >= 3 M events/s per core for spill, end to end.
cd "$(dirname "$0")/../.." || exit 1
PS=${PAGESTATES:-${O:-build}/plain/pagestates}
SAMPLE=${TRACES:-../shared/traces}/sample-doc-reads.txt.xz
RUNS=${RUNS:-5}
STRATEGIES=${STRATEGIES:-none cmma spill report spill+volatile aging}

if [ ! -r "$SAMPLE" ]; then
	echo "replay_throughput: no $SAMPLE, skipped"
	exit 0
fi
T=$(mktemp -d) && trap 'rm -rf "$T"' EXIT
xz -dc "$SAMPLE" >"$T/trace.txt"
echo "replay_throughput: $(basename "$SAMPLE") uncompressed," \
     "$(wc -l <"$T/trace.txt") lines, best of $RUNS, M events per CPU second"
printf '  %-15s %8s %9s %11s\n' strategy parse simulate end-to-end
for s in $STRATEGIES; do
	for i in $(seq "$RUNS"); do
		nice "$PS" replay "$T/trace.txt" -s "$s" -q --timing 2>&1 \
			>/dev/null | sed -n 's/^timing: //p' | tr '\n' ' '
		echo
	done >"$T/$s"
	# "parse L lines, E events in S s cpu: ..." "replay NAME E events in S s"
	awk '{
		for (i = 1; i <= NF; i++) {
			if ($i == "parse") { ev = $(i + 3); ps = $(i + 6) }
			if ($i == "replay") rs = $(i + 5)
		}
		if (ps <= 0 || rs <= 0)
			next
		if (!n || ps < bp) bp = ps
		if (!n || rs < br) br = rs
		if (!n || ps + rs < bt) bt = ps + rs
		n++
	}
	END {
		if (!n) { printf "  %-15s failed\n", s; exit 1 }
		printf "  %-15s %8.2f %9.2f %11.2f\n", s, ev / bp * 1e-6,
		       ev / br * 1e-6, ev / bt * 1e-6
	}' s="$s" "$T/$s" || exit 1
done

if ! command -v valgrind >/dev/null 2>&1; then
	echo "replay_throughput: valgrind not installed, instruction counts skipped"
	exit 0
fi
# Instructions inside the named functions (and what they call).
count() {
	cg=$T/cg.out
	tc_args=
	for f in "$@"; do
		tc_args="$tc_args --toggle-collect=$f"
	done
	# shellcheck disable=SC2086
	valgrind --tool=callgrind $tc_args --callgrind-out-file="$cg" \
		"$PS" replay "$T/trace.txt" -s spill -q >/dev/null 2>&1 ||
		return 1
	sed -n 's/^summary: *\([0-9]*\).*/\1/p' "$cg"
}
events=$("$PS" replay "$T/trace.txt" -s spill -q --timing 2>&1 >/dev/null |
	 sed -n 's/^timing: parse [0-9]* lines, \([0-9]*\) events.*/\1/p')
parse=$(count trace_load_lines) || exit 1
sim=$(count replay_event replay_finish) || exit 1
echo "replay_throughput: spill, callgrind instructions per event" \
     "($events events): parse $((parse / events))," \
     "simulate $((sim / events)), together $(((parse + sim) / events))"
