#!/bin/sh
# Built-in workloads, CSV time series and gnuplot charts.
cd "$(dirname "$0")/../.." || exit 1
PS=${PAGESTATES:-${O:-build}/plain/pagestates}
T=$(mktemp -d) && trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh
echo "1..13"
for w in anon-churn file-stream kbuild; do
	"$PS" run "$w" --duration 0.3 -s spill+volatile --json - 2>"$T/err" >"$T/j"
	jqt '.strategies["spill+volatile"] | .violations == 0 and .freed_pages > 0 and .failed_allocations == 0' "$T/j"
	ok $? "$w: runs, frees pages, no violations"
done
"$PS" compare overcommit --duration 1 -s none,cmma --json - >"$T/j" 2>"$T/err"
ok $? "overcommit: compare exits 0"
jqt '.config.guests == 4 and .config.host_mem_pages < 4 * .config.guest_mem_pages' "$T/j"
ok $? "overcommit: four guests on a smaller host"
jqt '.strategies.none.host_swap_out_pages > .strategies.cmma.host_swap_out_pages' "$T/j"
ok $? "overcommit: hints spare the host swapping"
"$PS" run kbuild --duration 0.2 --seed 7 --json "$T/a" -q && "$PS" run kbuild --duration 0.2 --seed 7 --json "$T/b" -q
jq -S 'del(.strategies[].wall_seconds)' "$T/a" >"$T/a2"; jq -S 'del(.strategies[].wall_seconds)' "$T/b" >"$T/b2"
cmp -s "$T/a2" "$T/b2"
ok $? "same seed, same results"
"$PS" run kbuild --duration 0.2 --seed 8 --json "$T/c" -q
jq -S 'del(.strategies[].wall_seconds)' "$T/c" >"$T/c2"
! cmp -s "$T/a2" "$T/c2"
ok $? "another seed, other results"
"$PS" compare anon-churn --duration 0.3 -s none,cmma --csv "$T/s.csv" -q
ok $? "--csv writes"
head -n 1 "$T/s.csv" | grep -q '^# anon-churn; start aged; host kvm$' &&
	sed -n 2p "$T/s.csv" | grep -q '^strategy,time_s,guest_used_pages,guest_free_pages,host_resident_pages,reclaimable_pages,host_required_pages,unhinted_free_pages$'
ok $? "CSV: input, start and host, then the header"
[ "$(grep -c '^none,' "$T/s.csv")" -gt 100 ] && [ "$(grep -c '^cmma,' "$T/s.csv")" -gt 100 ]
ok $? "CSV: a time series per strategy"
if command -v gnuplot >/dev/null; then
	"$PS" compare anon-churn --duration 0.3 -s none,cmma,spill --plot "$T/p.svg" -q
	grep -q '<svg' "$T/p.svg" && grep -q 'free but not hinted' "$T/p.svg" &&
		grep -q 'oracle bound' "$T/p.svg"
	ok $? "--plot writes an SVG with both charts, the bound under the points"
	"$PS" compare anon-churn --duration 0.3 -s none,cmma --plot "$T/p.png" -q
	[ "$(head -c 4 "$T/p.png" | tail -c 3)" = PNG ]
	ok $? "--plot writes a PNG"
else
	echo "ok 12 # SKIP no gnuplot"; echo "ok 13 # SKIP no gnuplot"
fi
