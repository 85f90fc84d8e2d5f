#!/bin/sh
# pagestates command line: usage, help, clear errors for bad options.
cd "$(dirname "$0")/../.." || exit 1
PS=${PAGESTATES:-${O:-build}/plain/pagestates}
T=$(mktemp -d) && trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh
# expect RC "NEEDLE" DESC -- ARGS...: exit status RC, NEEDLE in stdout+stderr
expect() {
	rc=$1 needle=$2 desc=$3; shift 4
	"$PS" "$@" >"$T/out" 2>&1; got=$?
	if [ "$got" = "$rc" ] && grep -q -- "$needle" "$T/out"; then ok 0 "$desc"
	else ok 1 "$desc"; echo "# exit $got, want $rc; output:"; sed 's/^/#   /' "$T/out" | head -5; fi
}
echo "1..14"
expect 2 "usage: pagestates COMMAND" "no arguments print the usage" --
expect 0 "compare INPUT" "--help lists the commands" -- --help
expect 0 "^pagestates " "--version" -- --version
expect 0 "spill+volatile" "list shows the strategies" -- list
expect 0 "kbuild" "list shows the workloads" -- list
expect 2 "unknown command \"frobnicate\"" "unknown command" -- frobnicate
expect 2 "unknown strategy \"bogus\"" "unknown strategy" -- run kbuild --strategy bogus
expect 2 "needs a unit" "size without a unit" -- run kbuild --guest-mem 512
expect 2 "intercept or interpret" "bad host mode" -- run kbuild --host-mode sometimes
expect 2 "percentage" "bad host percentage" -- run kbuild --host-mem 12x%
expect 2 "run takes one --strategy" "run with two strategies" -- run kbuild -s none,cmma
expect 2 "\"nosuch\" is neither a workload" "unknown workload" -- run nosuch
expect 1 "cannot open $T/missing" "missing trace file" -- replay "$T/missing"
expect 2 "must end in .svg or .png" "bad plot name" -- run kbuild --plot x.pdf
