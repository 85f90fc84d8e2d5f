#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# --time START,END as in perf script: only the events of the window are
# replayed, the rest are skipped and counted (before/after), the table's
# input lines and the JSON say so; either end may be left out; a window
# that covers the whole trace changes nothing; bad windows are refused.
cd "$(dirname "$0")/../.." || exit 1
PS=${PAGESTATES:-${O:-build}/plain/pagestates}
TR=tests/cli/layouts/tracefs-trace.txt	# 1767.000911 s to .002, frees at .014
T=$(mktemp -d) && trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh
echo "1..13"
run() { "$PS" compare "$TR" -s none,spill --no-progress "$@" 2>"$T/err"; }

run --json "$T/all" >/dev/null
run --time 1767.0015,1767.010 --json "$T/w" >/dev/null; ok $? "--time START,END replays"
jqt '.skipped_events.before_time_window > 0 and .skipped_events.after_time_window > 0' "$T/w"
ok $? "events before and after the window are skipped and counted"
n_all=$(jq .input.events_replayed "$T/all"); n_w=$(jq .input.events_replayed "$T/w")
[ "$n_w" -gt 0 ] && [ "$n_w" -lt "$n_all" ]; ok $? "fewer events replayed ($n_w of $n_all)"
jqt '.input.start_s >= 1767.0015 and .input.start_s + .input.duration_s <= 1767.010 and
     .input.time_window_start_s == 1767.0015 and .input.time_window_end_s == 1767.01' "$T/w"
ok $? "the replayed events lie in the window; the JSON input names it"
jqt '.input.time_window_start_s == null and .input.time_window_end_s == null' "$T/all"
ok $? "without --time the window keys are null"
run --time 1767.0015,1767.010 >"$T/table"
grep -q '^  --time 1767.001500,1767.010000: events from 1767.0[0-9]* s replayed; [1-9][0-9]* events before the window and [1-9][0-9]* after it skipped$' "$T/table"
ok $? "the table's input lines say what the window left out"
run --time 1767.004, --json "$T/o" >/dev/null
jqt '.skipped_events.after_time_window == 0 and .skipped_events.before_time_window > 0 and .input.time_window_end_s == null' "$T/o"
ok $? "START, : to the end"
run --time ,1767.004 --json "$T/o" >/dev/null
jqt '.skipped_events.before_time_window == 0 and .skipped_events.after_time_window > 0' "$T/o"
ok $? ",END : from the start"
run --time 0, --json "$T/o" >/dev/null
[ "$(jq -c '.strategies | map_values(del(.wall_seconds))' "$T/o")" = "$(jq -c '.strategies | map_values(del(.wall_seconds))' "$T/all")" ]
ok $? "a window around the whole trace changes no metric"
run --time 10,20 >/dev/null
[ $? = 1 ] && grep -q 'no page allocator events in the --time window (0 before it, [0-9]* after)' "$T/err"
ok $? "a window without events: an error saying so"
bad=
for w in 1767 abc, 5,3 1,2,3 -1,2 ,x; do
	run --time "$w" >/dev/null
	[ $? = 2 ] && grep -q -- '--time' "$T/err" || bad="$bad $w"
done
[ -z "$bad" ]; ok $? "bad windows are usage errors${bad:+ (not:$bad)}"
"$PS" compare anon-churn --time 1,2 >/dev/null 2>"$T/err"
[ $? = 2 ] && grep -q 'applies to traces' "$T/err"; ok $? "--time on a workload: refused"
"$PS" frontier "$TR" --time 1767.0015,1767.010 --json - 2>/dev/null | jqt '.freed_pages > 0'
ok $? "frontier takes --time too"
