#!/bin/sh
# The done-when of issue 6: compare on both shared captures prints valid
# JSON with every strategy and every metric key of DESIGN.md section 7,
# and no violations.
cd "$(dirname "$0")/../.." || exit 1
PS=${PAGESTATES:-${O:-build}/plain/pagestates}
TRACES=${TRACES:-../shared/traces}
T=$(mktemp -d) && trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh
KEYS="freed_pages hint_ops hint_calls exits hint_ops_per_1k_freed free_page_seconds reclaimable_page_seconds reclaim_coverage host_resident_peak_pages host_swap_out_pages host_swap_in_pages host_discards_unused host_discards_volatile host_zero_fills discard_faults guest_rereads violations boot_hint_ops"
STRATS=$("$PS" list | sed -n 's/^strategies: //p')
echo "1..12"
for s in sample-doc-reads sample-dd-sort-python; do
	f=$TRACES/$s.txt.xz
	if [ ! -r "$f" ]; then
		for i in 1 2 3 4 5 6; do ok 0 "# SKIP $f not found"; done
		continue
	fi
	"$PS" compare --trace "$f" --json - >"$T/j" 2>"$T/err"
	ok $? "$s: compare exits 0"
	jqt . "$T/j"
	ok $? "$s: output is valid JSON"
	miss=$(jq -r --arg keys "$KEYS" --arg strats "$STRATS" '
		[ ($strats | split(" "))[] as $s | ($keys | split(" "))[] as $k |
		  select((.strategies[$s][$k] | type) != "number") |
		  "\($s).\($k)" ] | join(" ")' "$T/j")
	[ -z "$miss" ]; ok $? "$s: every strategy ($STRATS) has every key"
	[ -n "$miss" ] && echo "# missing:$miss"
	jqt '[.strategies[].violations] | all(. == 0)' "$T/j"
	ok $? "$s: violations 0 everywhere"
	jqt '.skipped_events.free_batched_duplicate > 0 and .input.format == "tracefs" and .input.compression == "xz"' \
		"$T/j"
	ok $? "$s: input described, batched duplicates counted"
	jqt '.strategies.none.hint_ops == 0 and .strategies.cmma.hint_ops > .strategies.spill.hint_ops and .strategies.cmma.freed_pages == .strategies.spill.freed_pages' \
		"$T/j"
	ok $? "$s: none hints nothing, spill less than cmma, same frees"
done
