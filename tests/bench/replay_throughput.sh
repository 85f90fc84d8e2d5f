#!/bin/sh
# Replay throughput of `pagestates` on an uncompressed real capture:
# parsing (text -> events) and simulation (events -> allocator, host
# model) measured separately, best of three runs, per strategy.
# Goal (issue 6): >= 3 M events/s per core for spill.
cd "$(dirname "$0")/../.." || exit 1
PS=${PAGESTATES:-${O:-build}/plain/pagestates}
SAMPLE=${TRACES:-../shared/traces}/sample-doc-reads.txt.xz
RUNS=${RUNS:-3}
if [ ! -r "$SAMPLE" ]; then
	echo "replay_throughput: no $SAMPLE, skipped"
	exit 0
fi
T=$(mktemp -d) && trap 'rm -rf "$T"' EXIT
xz -dc "$SAMPLE" >"$T/trace.txt"
echo "replay_throughput: $(basename "$SAMPLE") uncompressed, $(wc -l <"$T/trace.txt") lines, best of $RUNS, rates per CPU second"
for s in none cmma spill report spill+volatile aging; do
	for i in $(seq "$RUNS"); do
		nice "$PS" replay "$T/trace.txt" -s "$s" -q --timing 2>&1 >/dev/null |
			sed -n 's/^timing: //p'
	done >"$T/$s"
	# best run = highest rate (last field but one is the rate)
	parse=$(grep '^parse' "$T/$s" | awk '{print $(NF-5)}' | sort -g | tail -n 1)
	pev=$(grep '^parse' "$T/$s" | awk '{print $(NF-2)}' | sort -g | tail -n 1)
	sim=$(grep '^replay' "$T/$s" | awk '{print $(NF-2)}' | sort -g | tail -n 1)
	printf '  %-15s parse %5s M lines/s (%5s M events/s)   simulate %5s M events/s\n' \
		"$s" "$parse" "$pev" "$sim"
done
