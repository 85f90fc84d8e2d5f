#!/bin/sh
# Bounded, clear, safe input and output handling (issue 14): line length,
# pfn tables, blocks past 2^40 pfns, guest size against this machine,
# (jq -e is true on empty input: outputs are checked to be non-empty)

# names passed to gnuplot, write errors on every output. Each case failed
# before its fix (see the commits); the traces are made here.
cd "$(dirname "$0")/../.." || exit 1
PS=${PAGESTATES:-${O:-build}/plain/pagestates}
case $PS in /*) ;; *) PS=$PWD/$PS ;; esac
T=$(mktemp -d) && trap 'rm -rf "$T"' EXIT
n=0
ok() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }
# check RC "NEEDLE" DESC -- ARGS...: exit status and a message on stderr
check() {
	rc=$1 needle=$2 desc=$3; shift 4
	"$PS" "$@" >"$T/out" 2>"$T/err"; got=$?
	if [ "$got" = "$rc" ] && { [ -z "$needle" ] || grep -q -- "$needle" "$T/err"; }; then ok 0 "$desc"
	else ok 1 "$desc"; echo "# exit $got, want $rc, stderr:"; sed 's/^/#   /' "$T/err" | head -5; fi
}
# trace FIRST_PFN STEP N: N allocations and their frees, tracefs text
trace() {
	awk -v p="$1" -v s="$2" -v n="$3" 'BEGIN {
		for (i = 0; i < n; i++)
			printf "  cat-1   [000] .....  1.%06d: mm_page_alloc: page=0000000065b914db pfn=0x%x order=0 migratetype=1 gfp_flags=GFP_KERNEL\n", i, p + i * s
		for (i = 0; i < n; i++)
			printf "  cat-1   [001] .....  2.%06d: mm_page_free: page=0000000065b914db pfn=0x%x order=0\n", i, p + i * s
	}'
}
echo "1..20"

# line length: /dev/zero never ends a line
(ulimit -v 400000; "$PS" replay /dev/zero -s none -q >"$T/out" 2>"$T/err"); rc=$?
[ "$rc" = 1 ] && grep -q "a line longer than 1024 KiB: not a trace" "$T/err"
ok $? "/dev/zero: refused at 1 MiB without a newline, in 400 MB of address space"
{ head -c 2000000 /dev/zero | tr '\0' a; echo; trace 0x1000 1 100; } >"$T/long"
check 1 "long:1: a line longer than 1024 KiB" "a 2 MB line in a file: refused, with its line number" -- replay "$T/long"
{ head -c 1000000 /dev/zero | tr '\0' a; echo; trace 0x1000 1 100; } >"$T/under"
check 0 "not a trace line" "a line just under the limit: malformed, the rest replayed" -- replay "$T/under"

# pfns spread over the whole 2^40 range: refused before the tables grow
trace 0 0x200000 5000 >"$T/spread"
(ulimit -v 2000000; "$PS" replay "$T/spread" -s none -q >"$T/out" 2>"$T/err"); rc=$?
[ "$rc" = 1 ] && grep -q "pfns are spread too thin" "$T/err"
ok $? "pfns 2^21 apart: refused with a message, not out of memory"
trace 0 0x200 5000 >"$T/sparse"
check 0 "" "pfns 512 apart (real machines' spacing at worst): replayed" -- replay "$T/sparse"

# a block that starts below 2^40 pfns and runs past it
{ trace 0x1000 1 50; echo '  cat-1   [000] .....  3.000000: mm_page_alloc: page=0000000065b914db pfn=0xfffffffffe order=3 migratetype=1 gfp_flags=GFP_KERNEL'; } >"$T/past"
check 0 "past:101: block runs past the largest pfn" "block past 2^40: reported, the rest replayed" -- replay "$T/past"
check 1 "past:101: block runs past" "block past 2^40 --strict: fatal" -- replay "$T/past" --strict
"$PS" replay "$T/past" -s none -q --json "$T/j" 2>/dev/null
[ -s "$T/j" ] && jq -e '.input.events_replayed == 100 and .skipped_events.malformed_line == 1' "$T/j" >/dev/null
ok $? "block past 2^40: counted as malformed, the 100 others replayed"

# guest memory against this machine's
check 1 "of this machine's memory" "a 1000 TiB guest: refused with the figures" -- run kbuild -m 1000T
check 0 "" "a 1 GiB guest runs" -- run kbuild -m 1G --duration 0.05

# (jq -e is true on empty input: outputs are checked to be non-empty)

# names passed to gnuplot: data, not script
if command -v gnuplot >/dev/null 2>&1; then
	name="x'.system('touch PWNED').'.txt"
	trace 0x1000 1 200 >"$T/$name"
	(cd "$T" && "$PS" replay "$name" -s cmma -q --plot "y'.system('touch PWNED2').'.svg" >/dev/null 2>"$T/err"); rc=$?
	ok "$rc" "a trace named $name plots"
	[ ! -e "$T/PWNED" ] && [ ! -e "$T/PWNED2" ] && [ ! -e PWNED ] && [ ! -e PWNED2 ]
	ok $? "nothing in the names ran"
	grep -q ">x&apos;.system(&apos;touch PWNED&apos;).&apos;.txt  (start aged, host kvm, " "$T/y'.system('touch PWNED2').'.svg" ||
		grep -q ">x'.system('touch PWNED').'.txt  (start aged, host kvm, " "$T/y'.system('touch PWNED2').'.svg"
	ok $? "the chart's title shows the name as it is"
else
	for i in 1 2 3; do ok 0 "# SKIP gnuplot not installed"; done
fi

# write errors on every output
# to DEV ARGS...: the tool's stdout to DEV, exit status and stderr kept
to() {
	dev=$1; shift
	"$PS" "$@" >"$dev" 2>"$T/err"
}
to /dev/full run kbuild --duration 0.05; rc=$?
[ "$rc" = 1 ] && grep -q "cannot write standard output: No space left" "$T/err"
ok $? "table to /dev/full: exit 1"
"$PS" run kbuild --duration 0.05 >&- 2>"$T/err"; rc=$?
[ "$rc" = 1 ] && grep -q "cannot write standard output" "$T/err"
ok $? "table to a closed stdout: exit 1"
"$PS" run kbuild --duration 0.05 --json "$T/j.json" >&- 2>/dev/null; rc=$?
[ "$rc" = 1 ] && [ -s "$T/j.json" ] && jq -e '.strategies.cmma' "$T/j.json" >/dev/null
ok $? "closed stdout and --json FILE: exit 1, and the table did not go into FILE"
to /dev/full run kbuild --duration 0.05 --json -; rc=$?
[ "$rc" = 1 ] && grep -q "cannot write -" "$T/err"
ok $? "--json - to /dev/full: exit 1"
check 1 "cannot write /dev/full" "--csv to a full device: exit 1" -- run kbuild --duration 0.05 --csv /dev/full -q
to /dev/full list; rc=$?
[ "$rc" = 1 ] && grep -q "cannot write standard output" "$T/err"
ok $? "list to /dev/full: exit 1"
"$PS" run kbuild --duration 0.05 -q >&- 2>/dev/null
ok $? "closed stdout with nothing to write (-q): exit 0"
