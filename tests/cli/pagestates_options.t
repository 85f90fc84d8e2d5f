#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The option layer: per-command help, options before or after the command,
# a trace file as compare's input, and every bug of issue 14's option list
# (each would pass the old parser): -s all,all, the p unit, nan sizes,
# tiny host percentages, octal counts, conflicting inputs. With
# ${O}/asan/pagestates built (make check does), the parse tests run under
# ASan+UBSan too.
cd "$(dirname "$0")/../.." || exit 1
PS=${PAGESTATES:-${O:-build}/plain/pagestates}
ASAN=${O:-build}/asan/pagestates
LAYOUTS=tests/cli/layouts
T=$(mktemp -d) && trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh
# expect RC "NEEDLE" DESC -- ARGS...: exit status and NEEDLE in the output
expect() {
	rc=$1 needle=$2 desc=$3; shift 4
	"$PS" "$@" >"$T/out" 2>&1; got=$?
	if [ "$got" = "$rc" ] && grep -q -- "$needle" "$T/out"; then ok 0 "$desc"
	else ok 1 "$desc"; echo "# exit $got, want $rc; output:"; sed 's/^/#   /' "$T/out" | head -5; fi
}
# json ARGS... -- JQ DESC: the run's JSON satisfies JQ
json() {
	args=""
	while [ "$1" != -- ]; do args="$args $1"; shift; done
	# shellcheck disable=SC2086
	"$PS" $args --json - 2>"$T/err" >"$T/j"
	if jqt "$2" "$T/j"; then ok 0 "$3"
	else ok 1 "$3"; sed 's/^/#   /' "$T/err" | head -3; fi
}
W="--duration 0.1"
NSTRAT=$("$PS" list | sed -n 's/^strategies: //p' | wc -w)
echo "1..51"

# help: per command, two ways to ask, same text
expect 0 "usage: pagestates compare" "compare --help: compare's usage" -- compare --help
"$PS" compare --help >"$T/h1"; "$PS" help compare >"$T/h2"
cmp -s "$T/h1" "$T/h2"; ok $? "help compare = compare --help"
grep -q -- "--trace TRACE" "$T/h1" && ! grep -q -- "--output" "$T/h1"
ok $? "compare's help lists its options, not record's"
expect 0 "--output FILE" "record --help lists -o" -- help record
"$PS" replay --help >"$T/h3"
grep -q -- "--strict" "$T/h3" && ! grep -q -- "--seed" "$T/h3"
ok $? "replay's help: trace options, no workload options"
expect 0 "usage: pagestates compare" "--help before the command" -- --help compare
expect 2 "no help for \"bogus\"" "help for an unknown command" -- help bogus
# help about help: its own usage, as for any command (the fuzz finding
# tests/fuzz/corpus/options/help-help printed the general usage)
expect 0 "^usage: pagestates help \[COMMAND\]" "help help: help's own usage" -- help help
"$PS" help --help >"$T/h4"; "$PS" help help >"$T/h5"
cmp -s "$T/h4" "$T/h5" && ! grep -q "^commands:" "$T/h5"
ok $? "help --help = help help, not the list of commands"
"$PS" help list | grep -q "^Lists the strategies"; ok $? "help list: what list does"
awk 'length > 80 { bad = 1 } END { exit bad }' "$T/h1" "$T/h3"
ok $? "help lines fit 80 columns"

# options before, after and around the command: the same run
"$PS" compare kbuild $W -s none,cmma --seed 3 --json - 2>/dev/null | jq -S 'del(.strategies[].wall_seconds)' >"$T/a"
"$PS" -s none,cmma --seed 3 compare $W kbuild --json - 2>/dev/null | jq -S 'del(.strategies[].wall_seconds)' >"$T/b"
"$PS" --json - -s none,cmma compare --seed 3 kbuild $W 2>/dev/null | jq -S 'del(.strategies[].wall_seconds)' >"$T/c"
[ -s "$T/a" ] && cmp -s "$T/a" "$T/b" && cmp -s "$T/a" "$T/c"
ok $? "options before, after and around the command give the same run"
jqt '.strategies | keys == ["cmma", "none"]' "$T/a"
ok $? "... and it ran the strategies asked for"

# compare FILE: a file that is not a workload name is a trace
SAMPLE=$LAYOUTS/tracefs-trace.txt
json compare "$SAMPLE" -s none,spill -- '.input.format == "tracefs" and .strategies.spill.freed_pages > 0' \
	"compare FILE replays FILE"
"$PS" compare "$SAMPLE" -s spill --json - 2>/dev/null | jq -S 'del(.strategies[].wall_seconds, .input.name)' >"$T/f1"
"$PS" compare --trace "$SAMPLE" -s spill --json - 2>/dev/null | jq -S 'del(.strategies[].wall_seconds, .input.name)' >"$T/f2"
[ -s "$T/f1" ] && cmp -s "$T/f1" "$T/f2"
ok $? "compare FILE = compare --trace FILE"
PSABS=$(cd "$(dirname "$PS")" && pwd)/$(basename "$PS")
(cd "$T" && touch kbuild && "$PSABS" compare kbuild $W -s none -q 2>err; grep -q 'note: "kbuild" is the built-in workload' err)
ok $? "a file named like a workload: the workload, with a note"
expect 2 "\"nosuch\" is neither a workload" "compare of neither a workload nor a file" -- compare nosuch
expect 2 "\"kbuild\" is a workload" "replay of a workload name says so" -- replay kbuild

# -s all,all wrote past strategies[] (UBSan: index 6 out of bounds)
json compare kbuild $W -s all,all -- "(.strategies | length) == $NSTRAT" "-s all,all: each strategy once"
json compare kbuild $W -s none,cmma,none,all -- '(.strategies | keys_unsorted)[0:2] == ["none", "cmma"]' \
	"-s none,cmma,none,all: in the order given, each once"

# the p unit: 100000p is 100000 pages (it was divided by 4096 twice)
json run kbuild $W -m 100000p -- '.config.guest_mem_pages == 100000' "-m 100000p: 100000 pages"
json run kbuild $W -m 2G -- '.config.guest_mem_pages == 524288' "-m 2G: 524288 pages"
json run kbuild $W -m 1.5GiB -- '.config.guest_mem_pages == 393216' "-m 1.5GiB: 393216 pages"
json run kbuild $W -H 100000p -- '.config.host_mem_pages == 100000' "-H 100000p: 100000 pages"

# nan, inf and other strtod forms pass no range check: refused
for s in nan nanM inf infG 0x10M 1e3M -5M +5M " 5M" 5.M. 0M; do
	expect 2 "bad size\|out of range" "-m \"$s\" refused" -- run kbuild -m "$s"
done
expect 2 "percentage" "-H nan% refused" -- run kbuild -H nan%
expect 2 "bad --duration" "--duration nan refused" -- run kbuild --duration nan

# -H 0.0001% rounded to 0 pages, which meant unlimited
expect 2 "0.1%" "-H 0.0001% refused (would round to 0 = unlimited)" -- run kbuild -H 0.0001%
json run kbuild $W -m 4M -H 0.1% -- '.config.host_mem_pages >= 1' "-H 0.1% of the smallest guest: at least 1 page"
json run kbuild $W -H unlimited -- '.config.host_mem_pages == 0' "-H unlimited: no limit"

# counts are decimal: -c 010 was 8 cpus (octal)
json run kbuild $W -c 010 -- '.config.cpus == 10' "-c 010: 10 cpus"
expect 2 "bad --cpus \"0x10\"" "-c 0x10 refused" -- run kbuild -c 0x10
json run kbuild $W -c 08 -- '.config.cpus == 8' "-c 08: 8 cpus (not a bad octal number)"

# conflicting inputs no longer pick one silently
expect 2 "two inputs" "compare kbuild --trace FILE refused" -- compare kbuild --trace "$SAMPLE"
expect 2 "two traces" "two --trace refused" -- compare --trace "$SAMPLE" --trace "$SAMPLE"
expect 2 "unexpected argument" "replay A B refused" -- replay "$SAMPLE" "$SAMPLE"

# an option must fit the command and the input
expect 2 "--output does not apply to run" "record's -o refused by run" -- run kbuild -o x
expect 2 "--strict applies to traces" "a trace option with a workload refused" -- compare kbuild --strict
expect 2 "--seed applies to workloads" "a workload option with a trace refused" -- compare "$SAMPLE" --seed 3

# the parser under ASan+UBSan (the overflow of -s all,all is caught there)
if [ -x "$ASAN" ]; then
	"$ASAN" compare kbuild --duration 0.02 -s all,all,all -q 2>"$T/asan"
	ok $? "ASan+UBSan: -s all,all,all runs clean"
	grep -q "runtime error\|AddressSanitizer" "$T/asan" && sed 's/^/#   /' "$T/asan" | head -5
	"$ASAN" -m 1.5G -H 0.1% -c 010 --seed 010 compare kbuild --duration 0.02 -s none -q 2>"$T/asan"
	ok $? "ASan+UBSan: sizes, percentages and counts parse clean"
else
	ok 0 "# SKIP $ASAN not built (make check builds it)"
	ok 0 "# SKIP $ASAN not built"
fi
