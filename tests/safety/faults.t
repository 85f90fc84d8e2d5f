#!/bin/sh
# Host fault injection, the short pass of make check (issue 14, point 3):
# scripts/faults.sh over a few runs must end with 0 violations; a page-in
# error stops its guest cleanly (a message, exit 0, no violation); a
# seed reproduces its faults exactly; the checker still sees a bug
# under faults. make faults OPS=N is the long run.
cd "$(dirname "$0")/../.." || exit 1
PS=${PAGESTATES:-${O:-build}/plain/pagestates}
case $PS in /*) ;; *) PS=$PWD/$PS ;; esac
T=$(mktemp -d) && trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh
echo "1..6"
sh scripts/faults.sh "$PS" 300000 42 1 >"$T/log" 2>&1; rc=$?
tail -1 "$T/log" | sed 's/^/# /'
[ "$rc" = 0 ] && tail -1 "$T/log" | grep -q ", 0 failed runs, 0 violations$"
ok $? "faults.sh, seed 42, 300000 operations: 0 violations"
F="seed=7,act=200,write=50,read=1000,delay=100"
PAGESTATES_TEST_FAULTS=$F "$PS" compare anon-churn --duration 1 --host kvm -H 40% -q --json "$T/j" 2>"$T/err"; rc=$?
[ "$rc" = 0 ] && grep -q "guest 0 stopped after [0-9]* events: the host could not read a page back" "$T/err" &&
	jqt 'all(.strategies[]; .violations == 0)' "$T/j"
ok $? "every page-in fails: the guest stops, reported, no violation, exit 0"
grep -q "page-out errors, [1-9][0-9]* page-in errors" "$T/err"
ok $? "page-in errors counted"
F="seed=11,act=100,write=20,read=0,delay=50"
for i in 1 2; do
	PAGESTATES_TEST_FAULTS=$F "$PS" compare kbuild --duration 1 --host zvm --host-mode interpret -H 50% -q --json "$T/j$i" 2>"$T/e$i" || echo "# exit $?"
done
cmp -s "$T/e1" "$T/e2" && grep -q "[1-9][0-9]* acts, [1-9][0-9]* delayed exits, [1-9][0-9]* page-out errors" "$T/e1" &&
	jqt '[.strategies[] | del(.wall_seconds)] == ([input.strategies[] | del(.wall_seconds)])' "$T/j1" "$T/j2"
ok $? "the same seed gives the same faults and the same metrics"
PAGESTATES_TEST_FAULTS=$F PAGESTATES_TEST_BUGS=host-drop-stable "$PS" run kbuild -s spill --duration 1 -H 30% -q 2>"$T/err"; rc=$?
[ "$rc" = 3 ] && grep -q "content: pfn .*: a zero page" "$T/err"
ok $? "under faults the checker still sees a host that drops stable content (exit $rc)"
PAGESTATES_TEST_FAULTS="seed=1,act=2000" "$PS" run kbuild -s spill --duration 0.1 -q 2>"$T/err"; rc=$?
[ "$rc" = 1 ] && grep -q "PAGESTATES_TEST_FAULTS: cannot parse" "$T/err"
ok $? "a rate above 1000 is refused"
