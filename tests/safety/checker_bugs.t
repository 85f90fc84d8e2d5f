#!/bin/sh
# The checker sees every injected bug (issue 14, point 1): each of
# PAGESTATES_TEST_BUGS (tools/pagestates/inject.c) makes replay and compare
# report violations and exit with status 3, and the same input without it
# is clean. The trace is made here: file pages cached and read through a
# mapping between rounds of anonymous allocations that push the host (a
# quarter of the guest) to reclaim. The commit's missing re-check cannot
# happen in a replay; tests/unit/checker_bugs.c shows it.
cd "$(dirname "$0")/../.." || exit 1
PS=${PAGESTATES:-${O:-build}/plain/pagestates}
case $PS in /*) ;; *) PS=$PWD/$PS ;; esac
T=$(mktemp -d) && trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh
# trace NF NA ROUNDS FREE: NF cached pages mapped, ROUNDS of NA anonymous
# allocations kept, each round followed by a read through the mapping;
# FREE=1 frees the anonymous pages at the end
trace() {
	awk -v nf="$1" -v na="$2" -v rounds="$3" -v free="$4" 'BEGIN {
		t = 1.0; pfn = 4096
		for (i = 0; i < nf; i++) {
			printf "  cat-1   [000] .....  %.6f: mm_page_alloc: page=0000000065b914db pfn=0x%x order=0 migratetype=1 gfp_flags=GFP_HIGHUSER_MOVABLE\n", t, pfn + i; t += 0.0001
			printf "  cat-1   [000] .....  %.6f: mm_filemap_add_to_page_cache: dev 8:1 ino a pfn=0x%x ofs=%d order=0\n", t, pfn + i, i * 4096; t += 0.0001
		}
		a = pfn + nf
		for (r = 0; r <= rounds; r++) {
			printf "  cat-1   [000] .....  %.6f: mm_filemap_map_pages: dev=8:1 ino=a ofs=0-%d\n", t, nf * 4096 - 1; t += 0.0001
			for (i = 0; r < rounds && i < na; i++) {
				printf "  cat-1   [001] .....  %.6f: mm_page_alloc: page=0000000065b914db pfn=0x%x order=0 migratetype=0 gfp_flags=GFP_KERNEL\n", t, a++; t += 0.0001
			}
		}
		for (p = pfn + nf; free && p < a; p++) {
			printf "  cat-1   [001] .....  %.6f: mm_page_free: page=0000000065b914db pfn=0x%x order=0\n", t, p; t += 0.0001
		}
	}'
}
trace 2000 1000 4 1 >"$T/tr"
trace 2000 1000 4 0 >"$T/kept"
SIZE="-m 32M -H 8M"
# run BUGS EXPECTED-RC NEEDLE DESC -- ARGS: exit status, a stderr line,
# and the JSON's violations (0 for status 0, more for 3)
run() {
	bugs=$1 rc=$2 needle=$3 desc=$4; shift 5
	PAGESTATES_TEST_BUGS=$bugs "$PS" "$@" $SIZE -q --json "$T/j" >"$T/out" 2>"$T/err"; got=$?
	if [ "$rc" = 0 ]; then want='all(.strategies[]; .violations == 0)'; else want='any(.strategies[]; .violations > 0)'; fi
	if [ "$got" = "$rc" ] && { [ -z "$needle" ] || grep -q -- "$needle" "$T/err"; } &&
	   jqt "$want" "$T/j"; then ok 0 "$desc"
	else ok 1 "$desc"; echo "# exit $got, want $rc, stderr:"; sed 's/^/#   /' "$T/err" | head -5; fi
}
echo "1..12"
run "" 0 "" "no bug, kvm: clean" -- replay "$T/tr" -s spill+volatile --host kvm
run "" 0 "" "no bug, zvm (discard faults taken): clean" -- replay "$T/tr" -s spill+volatile --host zvm
run "" 0 "" "no bug, every strategy, zvm: clean" -- compare "$T/tr" --host zvm
run host-drop-stable 3 "freed: a zero page" \
	"host drops a stable page instead of paging it out: seen when it is freed" -- replay "$T/tr" -s spill --host kvm
run host-drop-stable 3 "in use: a zero page" \
	"the same, pages never freed: seen by the checker's sweep" -- replay "$T/kept" -s none --host kvm
run host-drop-stable 3 "read through a mapping: a zero page" \
	"the same, file pages paged out: seen through the mapping" -- replay "$T/tr" -s none --host kvm
run host-drop-stable 3 "" "the same under compare: every strategy" -- compare "$T/tr" --host zvm
run no-discard-fault 3 "read through a mapping: a zero page" \
	"a discarded page read without a discard fault" -- replay "$T/tr" -s spill+volatile --host zvm
run free-volatile 3 "free page volatile at the host" \
	"a volatile page freed without its stable hint" -- replay "$T/tr" -s spill+volatile --host zvm
PAGESTATES_TEST_BUGS=host-drop-stable "$PS" compare "$T/tr" $SIZE --host kvm >"$T/out" 2>/dev/null; got=$?
[ "$got" = 3 ] && awk '$NF == "violations" { for (i = 1; i < NF; i++) if ($i ~ /^[0-9]+$/ && $i > 0) f = 1 } END { exit !f }' "$T/out"
ok $? "compare's table shows the violations, exit status 3"
PAGESTATES_TEST_BUGS=no-such-bug "$PS" replay "$T/tr" -s none -q >/dev/null 2>"$T/err"; got=$?
[ "$got" = 1 ] && grep -q "unknown bug 'no-such-bug'" "$T/err"
ok $? "an unknown bug name is an error, not a test of nothing"
# the checker's own count reaches the metrics (the line issue 14 deleted)
PAGESTATES_TEST_BUGS=free-volatile "$PS" replay "$T/tr" -s spill+volatile --host zvm $SIZE -q --json "$T/j" >/dev/null 2>"$T/err"
found=$(grep -c "check_guest_pages: .*free page volatile at the host" "$T/err")
jqt ".strategies[\"spill+volatile\"].violations >= $found and $found > 0" "$T/j"
ok $? "every checker finding counts in violations ($found)"
