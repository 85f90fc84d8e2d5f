#!/bin/sh
# Bad trace input: clear messages, replayed anyway, and a non-zero exit
# only under --strict. Inputs are cut from the shared capture.
cd "$(dirname "$0")/../.." || exit 1
PS=${PAGESTATES:-${O:-build}/plain/pagestates}
SAMPLE=${TRACES:-../shared/traces}/sample-doc-reads.txt.xz
T=$(mktemp -d) && trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh
# check RC "NEEDLE" DESC -- ARGS...: exit status and a message on stderr
check() {
	rc=$1 needle=$2 desc=$3; shift 4
	"$PS" "$@" -s spill -q >"$T/out" 2>"$T/err"; got=$?
	if [ "$got" = "$rc" ] && grep -q -- "$needle" "$T/err"; then ok 0 "$desc"
	else ok 1 "$desc"; echo "# exit $got, want $rc, stderr:"; sed 's/^/#   /' "$T/err" | head -5; fi
}
echo "1..23"
if [ ! -r "$SAMPLE" ]; then
	for i in $(seq 23); do echo "ok $i # SKIP no $SAMPLE"; done
	exit 0
fi
xz -dc "$SAMPLE" | head -n 3000 >"$T/good"

# truncated file: the last line cut in the middle
head -c 200000 "$T/good" >"$T/trunc"
check 0 "truncated" "truncated text: message, exit 0" -- replay "$T/trunc"
check 1 "trunc:[0-9]*: last line is truncated" "truncated text --strict: fatal, with line number" -- replay "$T/trunc" --strict
xz -1 -c "$T/good" | head -c 20000 >"$T/trunc.xz"
check 0 "xz data ends early" "truncated .xz: message, exit 0" -- replay "$T/trunc.xz"
check 1 "ends early" "truncated .xz --strict: fatal" -- replay "$T/trunc.xz" --strict

# garbage in the middle
{ head -n 1000 "$T/good"; echo "this is not a trace line"; printf '\001\002\377 binary junk\n'; tail -n 2000 "$T/good"; } >"$T/garbage"
check 0 "garbage:1001: no timestamp" "garbage: line number and reason, exit 0" -- replay "$T/garbage"
check 1 "garbage:1001:" "garbage --strict: exit 1 at the first" -- replay "$T/garbage" --strict
"$PS" replay "$T/garbage" -s none --json - 2>/dev/null |
	jqt '.skipped_events.malformed_line == 2'
ok $? "garbage: two malformed lines counted in skipped_events"

# wrong order: the whole file reversed
tac "$T/good" >"$T/reversed"
check 0 "time goes back" "wrong order: clamped with a message, exit 0" -- replay "$T/reversed"
check 1 "reversed:[0-9]*: time goes back" "wrong order --strict: fatal" -- replay "$T/reversed" --strict
"$PS" replay "$T/reversed" -s none --json - 2>/dev/null |
	jqt '.input.clamped_timestamps > 1000 and .strategies.none.violations == 0'
ok $? "wrong order: clamps counted, replay still safe"

# huge orders
a=$(grep -n mm_page_alloc "$T/good" | sed -n '100{s/:.*//;p}')
b=$(grep -n mm_page_alloc "$T/good" | sed -n '200{s/:.*//;p}')
sed "${a}s/order=0/order=15/; ${b}s/order=0/order=11/" "$T/good" >"$T/huge"
check 0 "order out of range" "huge order: message, exit 0" -- replay "$T/huge"
check 1 "huge:$a: order out of range" "huge order --strict: fatal at the first" -- replay "$T/huge" --strict

# unknown pfns: absurd values and frees of pages never allocated
sed "${b}s/pfn=0x[0-9a-f]*/pfn=0xfffffffffffff/" "$T/good" >"$T/pfn"
check 0 "pfn out of range" "absurd pfn: message, exit 0" -- replay "$T/pfn"
check 1 "pfn:$b: pfn out of range" "absurd pfn --strict: fatal" -- replay "$T/pfn" --strict
grep mm_page_free "$T/good" | head -n 200 >"$T/frees"
"$PS" replay "$T/frees" -s cmma --json - 2>"$T/err" >"$T/j"
ok $? "frees of unknown pfns: replayed (pages in use before the trace)"
jqt '.input.preexisting_pages > 100 and .strategies.cmma.freed_pages == .input.preexisting_pages and .strategies.cmma.violations == 0' "$T/j"
ok $? "frees of unknown pfns: allocated at start, freed, no violations"

# not a trace at all
printf 'hello\nworld\n' >"$T/text"
check 1 "no trace events found" "not a trace: clear error" -- replay "$T/text"
check 1 "is a directory" "a directory: clear error" -- replay "$T"

# other inputs: gzip, standard input, perf script, explicit format
gzip -c "$T/good" >"$T/good.gz"
"$PS" replay "$T/good.gz" -s none --json - 2>/dev/null | jqt '.input.compression == "gzip" and .input.events_replayed > 1000'
ok $? "gzip input"
"$PS" replay - -s none --json - <"$T/good" 2>/dev/null | jqt '.input.events_replayed > 1000'
ok $? "standard input"
sed -E 's/^ *([^ ]+)-([0-9]+) +\[([0-9]+)\] [^ ]+ +([0-9.]+): ([a-z_]+):/ \1 \2 [\3] \4: kmem:\5:/' "$T/good" >"$T/perf"
"$PS" replay "$T/perf" -s none --json - 2>/dev/null | jqt '.input.format == "perf-script" and .input.events_replayed > 1000'
ok $? "perf script layout detected and replayed"
check 1 "unknown --format bogus" "--format: unknown name rejected" -- replay "$T/perf" --format bogus
"$PS" replay "$T/good" --format trace-cmd -s none --json - 2>/dev/null | jqt '.input.format == "trace-cmd"'
ok $? "--format: the named parser is used"
