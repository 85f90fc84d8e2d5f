#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# make-layouts.sh [DIR]: write the trace layout samples of tests/cli/layouts
# with the real tools: tracefs (trace with and without the tgid and irq-info
# columns, trace_pipe), trace-cmd report (with and without -l, -t,
# --ts-diff; of a top-level buffer and of an instance) and perf script
# (default, --ns, common -F field sets, -g callchains, a per-task capture
# without cpu). Each layout of one capture shows the same events, so the
# test can check that all of them parse to the same replay.
#
# Needs root, tracefs, trace-cmd and perf. It uses a tracefs instance of
# its own and removes it; the top-level samples switch the top-level
# kmem/filemap events on for a moment and then restore the settings (the
# top-level buffer is cleared; they are skipped if any top-level event is
# enabled or the buffer holds events: someone is tracing there).
# The committed samples were made by this script on Debian 12 (trace-cmd
# 3.1.6, linux-perf 6.1), Linux 6.18 x86-64; see MANIFEST.
set -eu
# A little of everything: page cache fills and drops, anonymous memory.
workload() {
	dd if=/dev/zero of="$W/f" bs=64k count=8 2>/dev/null
	cat "$W/f" /usr/bin/sh >/dev/null
	rm -f "$W/f"
	ls -R /usr/share/doc >/dev/null
}
if [ "${1:-}" = --workload ]; then	# the command perf runs
	W=$2
	workload
	exit 0
fi
DIR=${1:-$(dirname "$0")}
# the first N events of a tool's output (and the lines around them)
first() {
	awk -v n="$1" '/(^|[ :])mm_[a-z_]+: / && !/^#/ { if (++c > n) exit } { print }'
}
N=150
T=$(awk '$3 == "tracefs" { print $2; exit }' /proc/mounts)
[ -n "$T" ] || { echo "make-layouts: tracefs is not mounted" >&2; exit 1; }
W=$(mktemp -d)
I=$T/instances/pagestates-layouts
I2=$T/instances/pagestates-layouts-dat
cleanup() {
	for i in "$I" "$I2"; do
		[ -d "$i" ] && { echo 0 >"$i/tracing_on"; rmdir "$i"; }
	done
	rm -rf "$W"
}
trap cleanup EXIT
EVENTS="kmem/mm_page_alloc kmem/mm_page_free kmem/mm_page_free_batched
kmem/mm_page_pcpu_drain filemap/mm_filemap_add_to_page_cache
filemap/mm_filemap_delete_from_page_cache filemap/mm_filemap_get_pages
filemap/mm_filemap_fault filemap/mm_filemap_map_pages"
PERF_EVENTS="-e kmem:mm_page_alloc -e kmem:mm_page_free -e kmem:mm_page_free_batched
-e filemap:mm_filemap_add_to_page_cache -e filemap:mm_filemap_delete_from_page_cache"

# tracefs: two instances record the same events, one read as text, one
# by trace-cmd (its extract removes the instance). A small buffer (4 KiB
# per cpu) keeps the samples small.
for i in "$I" "$I2"; do
	mkdir "$i"
	echo 0 >"$i/tracing_on"
	echo 4 >"$i/buffer_size_kb"
	for e in $EVENTS; do
		[ -e "$i/events/$e/enable" ] && echo 1 >"$i/events/$e/enable"
	done
done
echo 1 >"$I/tracing_on"
echo 1 >"$I2/tracing_on"
workload
echo 0 >"$I/tracing_on"
echo 0 >"$I2/tracing_on"
first $N <"$I/trace" >"$DIR/tracefs-trace.txt"
echo 1 >"$I/options/record-tgid"
first $N <"$I/trace" >"$DIR/tracefs-trace-tgid.txt"
echo 0 >"$I/options/irq-info"
first $N <"$I/trace" >"$DIR/tracefs-trace-tgid-noirq.txt"
echo 0 >"$I/options/record-tgid"
echo 1 >"$I/options/irq-info"
# trace_pipe consumes: last; it blocks when empty, so it is cut off
{ timeout 2 cat "$I/trace_pipe" || true; } | first $N >"$DIR/tracefs-trace_pipe.txt"
# extract -B takes the top-level buffer too: only the instance's lines
trace-cmd extract -B "${I2##*/}" -o "$W/inst.dat" >/dev/null 2>&1
for o in "" -l; do
	trace-cmd report $o -i "$W/inst.dat" 2>/dev/null |
		grep -E "^(cpus=|${I2##*/}:)" | first $N \
		>"$DIR/trace-cmd-report-instance${o:+-${o#-}}.txt"
done

# trace-cmd of the top-level buffer, as `trace-cmd record` makes it
left=$(cat "$T"/per_cpu/cpu*/stats | awk '/^entries:/ { s += $2 } END { print s + 0 }')
if [ -n "$(cat "$T/set_event")" ]; then
	echo "make-layouts: top-level events are enabled (someone is tracing): no top-level samples" >&2
elif [ "$left" -gt 0 ]; then
	echo "make-layouts: $left events wait in the top-level buffer (someone's): no top-level samples" >&2
else
	on=$(cat "$T/tracing_on") kb=$(cat "$T/buffer_size_kb")
	echo 0 >"$T/tracing_on"
	echo 4 >"$T/buffer_size_kb"
	for e in $EVENTS; do
		[ -e "$T/events/$e/enable" ] && echo 1 >"$T/events/$e/enable"
	done
	echo 1 >"$T/tracing_on"
	workload
	echo 0 >"$T/tracing_on"
	trace-cmd extract -o "$W/top.dat" >/dev/null 2>&1 || true
	for e in $EVENTS; do
		[ -e "$T/events/$e/enable" ] && echo 0 >"$T/events/$e/enable"
	done
	echo >"$T/trace"
	echo "$kb" >"$T/buffer_size_kb"
	echo "$on" >"$T/tracing_on"
	for o in "" -l -t --ts-diff; do
		trace-cmd report $o -i "$W/top.dat" 2>/dev/null | first $N \
			>"$DIR/trace-cmd-report${o:+-${o#-}}.txt"
	done
	mv "$DIR/trace-cmd-report--ts-diff.txt" "$DIR/trace-cmd-report-ts-diff.txt"
fi

# perf: system-wide, then per task (no cpu field) and with callchains.
# shellcheck disable=SC2086
perf record -q -a $PERF_EVENTS -o "$W/a.data" -- sh "$0" --workload "$W" \
	>/dev/null 2>&1
N=100
perf script -i "$W/a.data" 2>/dev/null | first $N >"$DIR/perf-script.txt"
perf script --ns -i "$W/a.data" 2>/dev/null | first $N >"$DIR/perf-script-ns.txt"
for F in comm,pid,tid,cpu,time,event,trace time,event,trace \
	 cpu,time,period,event,trace comm,tid,cpu,time,event,trace,ip,sym; do
	perf script -F "$F" -i "$W/a.data" 2>/dev/null | first $N \
		>"$DIR/perf-script-F-$(echo "$F" | tr , -).txt"
done
# shellcheck disable=SC2086
perf record -q $PERF_EVENTS -o "$W/t.data" -- cat /usr/bin/sh >/dev/null 2>&1
perf script -i "$W/t.data" 2>/dev/null | first $N >"$DIR/perf-script-task.txt"
# shellcheck disable=SC2086
perf record -q -g -e kmem:mm_page_alloc -e kmem:mm_page_free -o "$W/g.data" \
	-- cat /usr/bin/sh >/dev/null 2>&1
perf script -i "$W/g.data" 2>/dev/null | first 20 >"$DIR/perf-script-g.txt"

{
	echo "made by tests/cli/layouts/make-layouts.sh on $(date -u +%Y-%m-%d)"
	echo "kernel: $(uname -srm)"
	echo "trace-cmd: $(trace-cmd --version 2>&1 | sed -n 's/^trace-cmd version //p' | head -n 1)"
	echo "perf: $(perf --version)"
	echo "lines of each sample (the first events of the tools' output):"
	(cd "$DIR" && wc -l ./*.txt)
} >"$DIR/MANIFEST"
