#!/bin/sh
# The done-when of issues 6 and 10: compare on both shared captures prints
# valid JSON with every strategy and every metric key of DESIGN.md section
# 7, equal freed pages, no failed allocations and no violations, and names
# the start state and host semantics, for the default (aged, kvm), --start
# fresh and --host zvm; the oracle bound is monotone; a guest too small
# fails loudly.
cd "$(dirname "$0")/../.." || exit 1
PS=${PAGESTATES:-${O:-build}/plain/pagestates}
TRACES=${TRACES:-../shared/traces}
T=$(mktemp -d) && trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh
KEYS="freed_pages hint_ops hint_calls exits hint_ops_per_1k_freed free_page_seconds reclaimable_page_seconds reclaim_coverage host_resident_peak_pages host_swap_out_pages host_swap_in_pages host_discards_unused host_discards_volatile host_zero_fills discard_faults guest_rereads violations boot_hint_ops host_required_mean_pages unhinted_free_mean_pages touched_reclaim_coverage failed_allocations host_saving_vs_none_pages frontier_distance_pages"
STRATS=$("$PS" list | sed -n 's/^strategies: //p')
echo "1..24"
for s in sample-doc-reads sample-dd-sort-python; do
	f=$TRACES/$s.txt.xz
	if [ ! -r "$f" ]; then
		skip 12 "$f not found"
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
	for setup in "" "--start fresh" "--host zvm"; do
		# shellcheck disable=SC2086
		"$PS" compare --trace "$f" $setup --json - >"$T/j" 2>"$T/err"
		st=$?
		want_start=aged; want_host=kvm
		case $setup in *fresh*) want_start=fresh ;; *zvm*) want_host=zvm ;; esac
		[ $st = 0 ] && jq -e --arg s "$want_start" --arg h "$want_host" '
			.valid and .config.start == $s and .config.host == $h and
			(.config.start_description | startswith($s)) and
			(.config.host_description | startswith($h)) and
			([.strategies[].freed_pages] | unique | length == 1) and
			([.strategies[] | .failed_allocations == 0 and .violations == 0] | all) and
			([.strategies[] | (.host_required_mean_pages | type) == "number" and
			  (.unhinted_free_mean_pages | type) == "number"] | all) and
			(.frontier | length > 1)' "$T/j" >/dev/null
		ok $? "$s ${setup:-(aged, kvm)}: new keys, same input, no failures, no violations, start and host named"
	done
	"$PS" frontier "$f" --json - >"$T/fr" 2>"$T/err"
	st=$?
	[ $st = 0 ] && jq -e '.frontier as $f | ($f | length > 10) and
		([range(1; $f | length) | $f[.].hint_ops_per_1k_freed > $f[. - 1].hint_ops_per_1k_freed and
		  $f[.].unhinted_free_mean_pages <= $f[. - 1].unhinted_free_mean_pages] | all) and
		$f[0].hint_ops_per_1k_freed == 0 and $f[-1].unhinted_free_mean_pages == 0' \
		"$T/fr" >/dev/null
	ok $? "$s: frontier is monotone: more hints, less unhinted free memory"
	"$PS" compare --trace "$f" --guest-mem-max 32M -q -s none,aging >"$T/out" 2>"$T/err"
	st=$?
	[ $st = 1 ] && grep -q 'error: none: [0-9]* allocations failed' "$T/err"
	ok $? "$s: a guest too small for the input fails loudly (exit 1, strategy and count named)"
	"$PS" compare --trace "$f" --guest-mem 32M -s none,aging --json - >"$T/j" 2>"$T/err"
	st=$?
	[ $st = 0 ] && grep -q 'warning: aging: [0-9]* allocations failed' "$T/err" &&
		jq -e '(.valid | not) and (.verdict | startswith("verdict: not a valid comparison")) and .strategies.aging.failed_allocations > 0' "$T/j" >/dev/null
	ok $? "$s: with --guest-mem too small every strategy's failures are named, the comparison marked not valid"
done
