#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# seed-corpus.sh [TRACES_DIR]: (re)make the seed inputs of the fuzz
# targets in tests/fuzz/corpus/ from the shared captures (tracefs text,
# Linux 6.18, x86-64), the perf script and trace-cmd layouts of the same
# lines, and command lines from the manual. Deterministic; the seeds are
# committed (a few KB per target), inputs the fuzzers found are added by
# hand (crash reproducers: NAME/crash-*).
set -eu
cd "$(dirname "$0")"
TRACES=${1:-../../../shared/traces}
C=corpus
T=$(mktemp -d) && trap 'rm -rf "$T"' EXIT
mkdir -p $C/trace_line $C/trace_load $C/replay $C/essa $C/options

xz -dc "$TRACES/sample-doc-reads.txt.xz" >"$T/doc"
xz -dc "$TRACES/sample-dd-sort-python.txt.xz" >"$T/dd"

# tracefs -> perf script (COMM PID [CPU] TIME: SYSTEM:EVENT:), -> trace-cmd
to_perf() {
	sed -E 's/^ *([^ ]+)-([0-9]+) +\[([0-9]+)\] [^ ]+ +([0-9.]+): (mm_page[a-z_]*):/ \1 \2 [\3] \4: kmem:\5:/; s/^ *([^ ]+)-([0-9]+) +\[([0-9]+)\] [^ ]+ +([0-9.]+): (mm_filemap[a-z_]*):/ \1 \2 [\3] \4: filemap:\5:/'
}
to_tracecmd() {
	sed -E 's/^( *[^ ]+-[0-9]+ +\[[0-9]+\]) [^ ]+ +/\1 /'
}
# sel FILE BYTE: FILE with one selector byte in front, from stdin
sel() {
	printf "\\$(printf %03o "$2")" >"$1"
	cat >>"$1"
}

# one line of each event type, in each layout (selector: 0 tracefs,
# 1 perf script, 2 trace-cmd)
for ev in mm_page_alloc mm_page_free mm_page_free_batched \
	  mm_filemap_add_to_page_cache mm_filemap_delete_from_page_cache \
	  mm_filemap_get_pages mm_filemap_fault mm_filemap_map_pages; do
	grep -m1 " $ev: " "$T/doc" >"$T/line"
	tr -d '\n' <"$T/line" | sel $C/trace_line/$ev-tracefs 0
	to_perf <"$T/line" | tr -d '\n' | sel $C/trace_line/$ev-perf 1
	to_tracecmd <"$T/line" | tr -d '\n' | sel $C/trace_line/$ev-tracecmd 2
done
grep -m1 'order=3' "$T/doc" | tr -d '\n' | sel $C/trace_line/order3 0
printf 'CPU:1 [LOST 1234 EVENTS]' | sel $C/trace_line/lost 0
printf '# tracer: nop' | sel $C/trace_line/header 0

# A small trace whose pages come back: the first 12 allocations from
# line $2 of $1, every later line naming their pfns, and the lookups of
# the files they were cached in.
window() {
	awk -v from="$2" '
	NR >= from && n < 12 && / mm_page_alloc: / {
		match($0, /pfn=0x[0-9a-f]+/); p = substr($0, RSTART, RLENGTH)
		want[p] = 1; n++; print; next
	}
	n && match($0, /pfn=0x[0-9a-f]+/) {
		p = substr($0, RSTART, RLENGTH)
		if (p in want) {
			print
			if (match($0, /ino [0-9a-f]+/))
				ino[substr($0, RSTART + 4, RLENGTH - 4)] = 1
			if (/ mm_page_free: /) delete want[p]
		}
		next
	}
	n && match($0, /ino=[0-9a-f]+/) && (substr($0, RSTART + 4, RLENGTH - 4) in ino) &&
		looked++ < 6 { print }
	' "$1"
}
window "$T/doc" 2000 >"$T/w1"
window "$T/doc" 60000 >"$T/w2"
window "$T/dd" 10000 >"$T/w3"

# trace_load: how = format (0 detect .. 3) | 4 strict | 8 in pieces
sel $C/trace_load/doc-detect 0 <"$T/w1"
{ printf '\007'; cat "$T/w3"; } | sel $C/trace_load/dd-pieces 8
to_perf <"$T/w2" | sel $C/trace_load/perf-strict 6
to_tracecmd <"$T/w1" | { printf '\003'; cat; } | sel $C/trace_load/tracecmd-pieces 11
{ printf '# tracer: nop\n#\n'; head -n 5 "$T/w2"; printf 'garbage\n'; tail -n +6 "$T/w2" | head -c 700; } |
	sel $C/trace_load/truncated 0

# replay: strategy = how % 6, interpret if (how / 6) odd, host memory
# unlimited / 50% / 10% by (how / 12) % 3
i=0
for how in 0 7 14 21 28 35; do
	case $i in 0|3) w=w1 ;; 1|4) w=w2 ;; *) w=w3 ;; esac
	sel $C/replay/seed-$how $how <"$T/$w"
	i=$((i + 1))
done

# essa: programs of random steps (the target's own byte code)
for s in 1 2 3 4 5 6; do
	awk -v s=$s 'BEGIN { srand(s); for (i = 0; i < 240; i++)
		printf "%c", int(rand() * 256) }' LC_ALL=C >"$C/essa/random-$s"
done

# options: command lines, arguments separated by NUL bytes
opt() {
	name=$1; shift
	printf '%s\0' "$@" | head -c -1 >"$C/options/$name"
}
opt compare-kbuild compare kbuild
opt compare-trace compare --trace t.txt.xz --json -
opt replay-aging replay capture.txt.xz --strategy aging --host-mem 50% --csv series.csv --plot host.svg
opt run-sizes run kbuild -m 512M -H 400M -c 4 -g 2 --seed 7 --duration 1.5
opt strategies compare kbuild -s none,cmma,spill,report,spill+volatile
opt pages replay t -m 100000p -H unlimited --check-every 1000 --aging-delay 40
opt list list
opt help --help
opt misc replay - --format perf-script --strict -q --no-progress --timing --host-mode interpret --backend pv
