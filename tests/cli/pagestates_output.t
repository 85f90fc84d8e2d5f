#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# What people read: --summary-csv (the table's metrics per strategy, the
# same numbers as the JSON), table labels that carry their unit, the
# note on exits, and the verdict computed by its rule in
# Documentation/metrics.rst ("The verdict"), re-derived here with jq.
cd "$(dirname "$0")/../.." || exit 1
PS=${PAGESTATES:-${O:-build}/plain/pagestates}
TRACES=${TRACES:-../shared/traces}
SAMPLE=$TRACES/sample-doc-reads.txt.xz
T=$(mktemp -d) && trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh
echo "1..14"
run() { "$PS" "$@" --no-progress 2>"$T/err"; }

run compare anon-churn --duration 0.3 --summary-csv "$T/s.csv" --json "$T/j" >"$T/table"
ok $? "--summary-csv, --json and the table in one run"
head -n 1 "$T/s.csv" | grep -q '^# anon-churn; start aged; host kvm$'
ok $? "summary CSV: a comment line names input, start, host"
keys=$(jq -r '.strategies.none | keys_unsorted - ["events", "large_folio_cache_pages", "wall_seconds"] | join(",")' "$T/j")
[ "$(sed -n 2p "$T/s.csv")" = "strategy,$keys" ]
ok $? "summary CSV: the header is the JSON keys, in their order"
[ "$(tail -n +3 "$T/s.csv" | cut -d, -f1 | tr '\n' ' ')" = "$(jq -r '.strategies | keys_unsorted | join(" ")' "$T/j") " ]
ok $? "summary CSV: one row per strategy, in the order run"
# every cell equals the JSON's value (to the JSON's 6 digits)
bad=$(tail -n +3 "$T/s.csv" | while IFS= read -r row; do
	s=${row%%,*}
	jq -r --arg s "$s" --arg row "$row" '
		($row | split(",")[1:]) as $cells |
		[.strategies[$s] | to_entries[] | select(.key | IN("events", "large_folio_cache_pages", "wall_seconds") | not)] as $kv |
		range(0; $kv | length) |
		select(($cells[.] | if . == "" then null else tonumber end) as $c |
		       $kv[.].value as $v |
		       if $v == null then $c != null
		       else ($c == null or (($c - $v) | fabs) > 1e-5 * (($v | fabs) + 1)) end) |
		"\($s).\($kv[.].key)"' "$T/j"
done)
[ -z "$bad" ]; ok $? "summary CSV: every value is the JSON's${bad:+ (not: $bad)}"
run compare anon-churn --duration 0.3 -s none,spill --summary-csv - >"$T/s2.csv"
grep -q '^spill,.*,,[^,]*$' "$T/s2.csv" && ! grep -q 'nan\|null' "$T/s2.csv"
ok $? "summary CSV: a null (no cmma: share_of_cmma_saving) is an empty cell"
run compare anon-churn --duration 0.3 --summary-csv - --json - >/dev/null
[ $? = 2 ] && grep -q 'only one of' "$T/err"; ok $? "--summary-csv - and --json - cannot share stdout"

# labels: every row names its unit when its key is memory
bad=$(awk 'NF > 3 && $NF ~ /_pages$|_page_seconds$/ {
	lab = substr($0, 1, 30)
	if ($NF ~ /_page_seconds$/ && lab !~ /MiB\*s/) print $NF
	else if ($NF ~ /_pages$/ && lab !~ /MiB|pages/) print $NF
}' "$T/table")
[ -z "$bad" ]; ok $? "every memory row says MiB or pages${bad:+ (not: $bad)}"
grep -q '^exits equal hint ops: --host-mode intercept' "$T/table"
ok $? "intercept: the table says why exits equal hint ops"
run compare anon-churn --duration 0.3 --host-mode interpret >"$T/ti"
! grep -q '^exits equal' "$T/ti"; ok $? "interpret: no such line"

# verdict VERDICT JSON: the winner by the rule of metrics.rst
expect() {
	jq -r '.strategies | .none as $none | to_entries | map(select(.key != "none")) as $h |
		($h | min_by(.value.host_required_mean_pages)) as $best |
		([256, 0.05 * (($none.host_required_mean_pages // $best.value.host_required_mean_pages) - $best.value.host_required_mean_pages)] | max) as $tol |
		[$h[] | select(.value.host_required_mean_pages <= $best.value.host_required_mean_pages + $tol)] |
		min_by([.value.hint_ops, .value.host_required_mean_pages]) | .key' "$1"
}
w=$(expect "$T/j")
[ -n "$w" ] && jq -r .verdict "$T/j" | grep -q "^verdict: $w wins on hints at equal saving"
ok $? "anon-churn: the verdict names $w, the cheapest at equal saving"
grep -qxF "$(jq -r .verdict "$T/j")" "$T/table"; ok $? "the table's verdict line is the JSON's"
run compare anon-churn --duration 0.3 -s none,cmma --json "$T/jc" >/dev/null
jqt '.verdict | test("^verdict: cmma wins .* the most of all; no other strategy at equal saving")' "$T/jc"
ok $? "none and cmma alone: cmma, no other"
if [ -r "$SAMPLE" ]; then
	run compare "$SAMPLE" --json "$T/js" >/dev/null
	w=$(expect "$T/js")
	[ -n "$w" ] && jq -r .verdict "$T/js" | grep -q "^verdict: $w wins on hints at equal saving"
	ok $? "doc-reads sample: the verdict names $w ($(jq -r .verdict "$T/js" | cut -c1-60)...)"
else
	skip 1 "no $SAMPLE (../shared)"
fi
