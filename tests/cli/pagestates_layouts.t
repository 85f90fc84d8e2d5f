#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Every capture layout, on lines the real tools wrote: the committed
# samples of tests/cli/layouts (made by make-layouts.sh with Debian's
# trace-cmd and perf), then fresh captures made here with perf and
# trace-cmd when they can run (root, tracefs): each layout parses without
# a malformed line, and all layouts of one capture replay to the same
# result. perf.data and trace.dat given directly are read through perf
# script / trace-cmd report, or refused with the command to run.
SELF=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
cd "$(dirname "$0")/../.." || exit 1
if [ "${1:-}" = --workload ]; then	# what trace-cmd record runs
	dd if=/dev/zero of=w bs=64k count=16 2>/dev/null
	cat w /usr/bin/sh >/dev/null
	rm -f w
	exit 0
fi
PS=${PAGESTATES:-${O:-build}/plain/pagestates}
L=tests/cli/layouts
T=$(mktemp -d)
INST= UNMOUNT=
cleanup() {
	[ -n "$INST" ] && [ -d "$INST" ] && rmdir "$INST"
	[ -n "$UNMOUNT" ] && umount "$UNMOUNT"
	rm -rf "$T"
}
trap cleanup EXIT
. tests/cli/lib.sh
echo "1..41"

# summary FILE [ARGS]: what a replay under cmma says, as one JSON line
summary() {
	f=$1
	shift
	"$PS" replay "$f" -s cmma "$@" --json - 2>"$T/err" | jq -c '{
		format: .input.format, events: .input.events_replayed,
		malformed: .skipped_events.malformed_line,
		tracepoints: .input.tracepoints, cpus: .input.cpus,
		freed: .strategies.cmma.freed_pages,
		hints: .strategies.cmma.hint_ops,
		violations: .strategies.cmma.violations }' 2>/dev/null
}
# clean FORMAT SUMMARY: parsed as FORMAT, events replayed, nothing malformed
clean() {
	echo "$2" | jqt ".format == \"$1\" and .events > 0 and .malformed == 0 and .violations == 0"
}
# same KEYS S1 S2: the two summaries agree on KEYS (a jq object)
same() {
	a=$(echo "$2" | jq -c "$1") b=$(echo "$3" | jq -c "$1")
	[ -n "$a" ] && [ "$a" = "$b" ]
}
ALL='{events, tracepoints, cpus, freed, hints}'
NOCPU='{events, tracepoints, freed, hints}'

# --- committed samples --------------------------------------------------
# tracefs: trace with and without tgid and irq-info, trace_pipe
base=$(summary $L/tracefs-trace.txt)
clean tracefs "$base"; ok $? "tracefs trace: parsed, nothing malformed"
for v in tgid tgid-noirq; do
	s=$(summary $L/tracefs-trace-$v.txt)
	clean tracefs "$s" && same "$ALL" "$base" "$s"
	ok $? "tracefs trace ($v): the same events"
done
s=$(summary $L/tracefs-trace_pipe.txt)
clean tracefs "$s" && same "$ALL" "$base" "$s"; ok $? "tracefs trace_pipe: the same events"
w=$(sed -n 's|^# entries-in-buffer/entries-written: \([0-9]*\)/\([0-9]*\).*|\2 - \1|p' $L/tracefs-trace.txt)
"$PS" replay $L/tracefs-trace.txt -s none --json - 2>/dev/null | jqt ".input.lost_events == $(($w))"
ok $? "tracefs trace: events overwritten ($(($w))) counted as lost, from the header"
"$PS" replay $L/tracefs-trace_pipe.txt -s none --json - 2>/dev/null | jqt '.input.lost_events > 0'
ok $? "tracefs trace_pipe: LOST lines counted"

# trace-cmd report: top-level buffer with -l, -t, --ts-diff; an instance
base=$(summary $L/trace-cmd-report.txt)
clean trace-cmd "$base"; ok $? "trace-cmd report: parsed, nothing malformed"
for v in l t ts-diff; do
	s=$(summary $L/trace-cmd-report-$v.txt)
	clean trace-cmd "$s" && same "$ALL" "$base" "$s"
	ok $? "trace-cmd report ($v): the same events"
done
echo "$base" | jqt '.cpus == 2'; ok $? "trace-cmd report: both cpus seen"
grep -q '^ *[^ ]*-[0-9]*  *[0-9][.dDX][^ ]*  *[0-9]*\.[0-9]*: ' $L/trace-cmd-report-l.txt
ok $? "the -l sample glues the cpu to the flags (the layout refused before)"
"$PS" replay $L/trace-cmd-report.txt -s none --json - 2>/dev/null | jqt '.input.lost_events > 0'
ok $? "trace-cmd report: EVENTS DROPPED lines counted"
s=$(summary $L/trace-cmd-report-instance.txt)
s2=$(summary $L/trace-cmd-report-instance-l.txt)
clean trace-cmd "$s" && clean trace-cmd "$s2" && same "$ALL" "$s" "$s2"
ok $? "trace-cmd report of an instance (\"NAME:\" prefix), with and without -l"
"$PS" replay $L/trace-cmd-report-l.txt -s none --strict -q 2>"$T/err"
ok $? "trace-cmd report -l: --strict accepts every line"
grep -v '^cpus=' $L/trace-cmd-report-l.txt >"$T/noheader"
s=$(summary "$T/noheader")
clean trace-cmd "$s" && same "$ALL" "$base" "$s"
ok $? "trace-cmd report -l without its header line: detected by the layout"

# perf script: default, --ns, -F sets, callchains, a per-task capture
base=$(summary $L/perf-script.txt)
clean perf-script "$base"; ok $? "perf script: parsed, nothing malformed"
for v in ns F-comm-pid-tid-cpu-time-event-trace F-comm-tid-cpu-time-event-trace-ip-sym F-cpu-time-period-event-trace; do
	s=$(summary $L/perf-script-$v.txt)
	clean perf-script "$s" && same "$ALL" "$base" "$s"
	ok $? "perf script ($v): the same events"
done
s=$(summary $L/perf-script-F-time-event-trace.txt)
clean perf-script "$s" && same "$NOCPU" "$base" "$s" && echo "$s" | jqt '.cpus == 1'
ok $? "perf script -F time,event,trace: the same events, all on cpu 0"
s=$(summary $L/perf-script-g.txt)
clean perf-script "$s" && echo "$s" | jqt ".events == $(grep -c 'kmem:' $L/perf-script-g.txt)"
ok $? "perf script with callchains (-g): every event, callchains ignored"
s=$(summary $L/perf-script-task.txt)
clean perf-script "$s"; ok $? "perf script of a per-task capture"
sed 's/ *[0-9]*\.[0-9]*: */ /' $L/perf-script.txt >"$T/notime"
"$PS" replay "$T/notime" -s none -q 2>"$T/err"
[ $? = 1 ] && grep -q "no timestamp (perf script -F needs time" "$T/err"
ok $? "perf script without time: refused, saying what is missing"

# --- fresh captures with the real tools ---------------------------------
# a PATH without perf and trace-cmd, with what the tool itself needs to
# run (sh and dirname for a wrapper, TEST_EXEC's emulator)
mkdir "$T/bin"
for p in sh dirname ${TEST_EXEC:-}; do
	ln -s "$(command -v "$p")" "$T/bin/${p##*/}"
done
workload() {
	dd if=/dev/zero of="$T/w" bs=64k count=16 2>/dev/null
	cat "$T/w" /usr/bin/sh >/dev/null
	rm -f "$T/w"
}
EV="-e kmem:mm_page_alloc -e kmem:mm_page_free -e kmem:mm_page_free_batched -e filemap:mm_filemap_add_to_page_cache"

# perf
if ! command -v perf >/dev/null; then
	skip 8 "perf not installed (scripts/install-deps.sh installs linux-perf)"
else
	# shellcheck disable=SC2086
	perf record -q -a $EV -o "$T/p.data" -- sh -c 'dd if=/dev/zero of="$0/w" bs=64k count=16 2>/dev/null; cat "$0/w" >/dev/null; rm "$0/w"' "$T" >"$T/perr" 2>&1
	if [ $? != 0 ] || [ ! -s "$T/p.data" ]; then
		skip 8 "perf record cannot trace here: $(head -n 1 "$T/perr")"
	else
		perf script -i "$T/p.data" >"$T/p.txt" 2>/dev/null
		base=$(summary "$T/p.txt")
		clean perf-script "$base"; ok $? "live perf script: parsed, nothing malformed"
		for F in comm,pid,tid,cpu,time,event,trace cpu,time,period,event,trace comm,tid,cpu,time,event,trace,ip,sym; do
			perf script -F "$F" -i "$T/p.data" >"$T/pf.txt" 2>/dev/null
			s=$(summary "$T/pf.txt")
			clean perf-script "$s" && same "$ALL" "$base" "$s"
			ok $? "live perf script -F $F: the same events"
		done
		perf script --ns -F time,event,trace -i "$T/p.data" >"$T/pf.txt" 2>/dev/null
		s=$(summary "$T/pf.txt")
		clean perf-script "$s" && same "$NOCPU" "$base" "$s"
		ok $? "live perf script --ns -F time,event,trace: the same events"
		s=$(summary "$T/p.data")
		same "$ALL" "$base" "$s"
		ok $? "perf.data given directly: read through perf script, same events"
		"$PS" replay "$T/p.data" -s none --json - 2>/dev/null | jqt '.input.compression == "perf.data"'
		ok $? "perf.data given directly: said so in the JSON"
		PATH=$T/bin "$PS" replay "$T/p.data" -s none -q 2>"$T/err"
		[ $? = 1 ] && grep -q "perf script --ns -i $T/p.data > " "$T/err"
		ok $? "perf.data without perf: refused with the command to run"
	fi
fi

# trace-cmd: `trace-cmd record` into a buffer instance of its own (-B),
# so the top-level buffer, and whoever traces there, is not touched.
# Events only, no function tracer: -d (no function tracing, so no write to
# /proc/sys/kernel/ftrace_enabled), --no-filter (no set_ftrace_pid), -k
# (no function filter reset at the end; the instance is removed here).
# Machines that refuse function tracing to root, as this one does (EPERM
# on ftrace_enabled, set_ftrace_pid, set_ftrace_filter), record events
# this way all the same.
TRACEFS=$(awk '$3 == "tracefs" { print $2; exit }' /proc/mounts)
if [ -z "$TRACEFS" ] && [ "$(id -u)" = 0 ] && command -v trace-cmd >/dev/null &&
   mount -t tracefs nodev /sys/kernel/tracing 2>/dev/null; then
	TRACEFS=/sys/kernel/tracing
	UNMOUNT=$TRACEFS
fi
if ! command -v trace-cmd >/dev/null; then
	skip 8 "trace-cmd not installed (scripts/install-deps.sh installs it)"
elif [ "$(id -u)" != 0 ] || [ -z "$TRACEFS" ]; then
	skip 8 "trace-cmd needs root and tracefs"
else
	made=0
	B=pagestates-test-$$
	INST=$TRACEFS/instances/$B
	# shellcheck disable=SC2086
	(cd "$T" && trace-cmd record -q -k -d --no-filter -B "$B" $EV -o "$T/t.dat" \
		-- sh "$SELF" --workload >/dev/null 2>"$T/terr") && made=1
	[ -d "$INST" ] && rmdir "$INST"
	why="trace-cmd record -B fails here: $(grep -v '^ *$' "$T/terr" | head -n 2 | tr '\n' ' ')"
	if [ $made = 0 ] || [ ! -s "$T/t.dat" ]; then
		skip 8 "$why"
	else
		trace-cmd report -i "$T/t.dat" >"$T/t.txt" 2>/dev/null
		base=$(summary "$T/t.txt")
		clean trace-cmd "$base"; ok $? "live trace-cmd report: parsed, nothing malformed"
		for o in -l -t --ts-diff "-l -t"; do
			# shellcheck disable=SC2086
			trace-cmd report $o -i "$T/t.dat" >"$T/to.txt" 2>/dev/null
			s=$(summary "$T/to.txt")
			clean trace-cmd "$s" && same "$ALL" "$base" "$s"
			ok $? "live trace-cmd report $o: the same events"
		done
		s=$(summary "$T/t.dat")
		same "$ALL" "$base" "$s"
		ok $? "trace.dat given directly: read through trace-cmd report, same events"
		"$PS" replay "$T/t.dat" -s none --json - 2>/dev/null | jqt '.input.compression == "trace.dat"'
		ok $? "trace.dat given directly: said so in the JSON"
		PATH=$T/bin "$PS" replay "$T/t.dat" -s none -q 2>"$T/err"
		[ $? = 1 ] && grep -q "trace-cmd report -t -i $T/t.dat > " "$T/err"
		ok $? "trace.dat without trace-cmd: refused with the command to run"
	fi
fi
