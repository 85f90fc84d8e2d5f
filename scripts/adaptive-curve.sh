#!/bin/sh
# adaptive-curve.sh [-o DIR] TRACE...: the trade-off of strategy
# "adaptive" against the oracle bound: for each --adaptive-cost, hint ops
# per 1k freed pages and unhinted free memory, beside cmma, spill and
# aging, with the oracle's unhinted free memory at the same hint ops
# (unhinted less frontier_distance_pages), and the floor: the pages the
# trace takes from long-free memory (peak live less live at the start),
# one stable hint each on an aged start. Writes DIR/adaptive-curve.csv
# and, with gnuplot, DIR/adaptive-curve.svg; prints the table. Extra
# replay options in ARGS= (e.g. ARGS='--host zvm'), other costs in
# COSTS= (page-milliseconds); O= for another build directory.
set -eu

out=.
if [ "${1:-}" = "-o" ]; then
	out=$2
	shift 2
fi
[ $# -gt 0 ] || { echo "usage: $0 [-o DIR] TRACE..." >&2; exit 2; }
tool=${O:-build}/plain/pagestates
[ -x "$tool" ] || { echo "$0: build $tool first (make)" >&2; exit 1; }
COSTS=${COSTS:-"3 10 30 100 300 1000 3000"}
ARGS=${ARGS:-}
mkdir -p "$out"
csv=$out/adaptive-curve.csv

# metric KEY < json: the value of the first "KEY": in the JSON
metric() {
	sed -n "s/^ *\"$1\": \([0-9.e+-]*\),\{0,1\}$/\1/p" | head -n 1
}

# point TRACE STRATEGY [COST]: one CSV row
point() {
	# shellcheck disable=SC2086
	json=$("$tool" replay "$1" -s "$2" ${3:+--adaptive-cost "$3"} $ARGS \
		--no-progress -q --json - 2>/dev/null)
	echo "$json" | awk -v t="$(basename "$1" .txt.xz)" -v s="$2" \
		-v c="${3:-}" '
		function v(k) { return (k in m) ? m[k] : "" }
		{
			if (match($0, /"[a-z0-9_]+": -?[0-9.e+]+/)) {
				kv = substr($0, RSTART, RLENGTH)
				split(kv, p, /": /)
				k = substr(p[1], 2)
				if (!(k in m))
					m[k] = p[2]
			}
		}
		END {
			x = v("hint_ops_per_1k_freed")
			y = v("unhinted_free_mean_pages")
			o = y - v("frontier_distance_pages")
			floor = 1000 * (v("peak_live_pages") - \
				v("preexisting_pages")) / v("freed_pages")
			printf "%s,%s,%s,%s,%s,%.1f,%.2f,%.0f,%s,%s\n", t, s, c,
				x, y, o, (o > 0 ? y / o : 0), floor,
				v("violations"), v("failed_allocations")
		}'
}

echo "trace,strategy,cost_ms,hint_ops_per_1k_freed,unhinted_free_mean_pages,oracle_unhinted_pages,ratio,floor_per_1k,violations,failed_allocations" \
	> "$csv"
for t in "$@"; do
	for s in cmma spill aging; do
		point "$t" "$s" >> "$csv"
	done
	for c in $COSTS; do
		point "$t" adaptive "$c" >> "$csv"
	done
done
column -s, -t < "$csv" 2>/dev/null || cat "$csv"

command -v gnuplot > /dev/null || exit 0
{
	echo "set terminal svg size 900,560 background '#ffffff'"
	echo "set output '$out/adaptive-curve.svg'"
	echo "set datafile separator ','"
	echo "set title 'strategy adaptive: hints against unhinted free memory, per trace (labels: cost in page-ms); dashed: the oracle at the same hints'"
	echo "set xlabel 'hint ops per 1000 freed pages'"
	echo "set ylabel 'unhinted free pages (mean)'"
	echo "set logscale y"
	echo "set key outside bottom center horizontal"
	echo "set grid"
	printf 'plot '
	i=0
	for t in "$@"; do
		b=$(basename "$t" .txt.xz)
		[ $i -gt 0 ] && printf ', '
		printf "'%s' using (strcol(1) eq '%s' && strcol(2) eq 'adaptive' ? \$4 : NaN):(\$5 > 0 ? \$5 : 0.1) with linespoints lc %d title '%s', " "$csv" "$b" $((i + 1)) "$b"
		printf "'' using (strcol(1) eq '%s' && strcol(2) eq 'adaptive' ? \$4 : NaN):(\$6 > 0 ? \$6 : 0.1) with lines dt 2 lc %d notitle, " "$b" $((i + 1))
		printf "'' using (strcol(1) eq '%s' && strcol(2) eq 'adaptive' ? \$4 : NaN):(\$5 > 0 ? \$5 : 0.1):3 with labels offset 1,0.6 notitle, " "$b"
		printf "'' using (strcol(1) eq '%s' && strcol(2) ne 'adaptive' ? \$4 : NaN):(\$5 > 0 ? \$5 : 0.1):2 with labels point pt 7 lc %d offset 1,-0.6 notitle" "$b" $((i + 1))
		i=$((i + 1))
	done
	echo
} | gnuplot
echo "plot: $out/adaptive-curve.svg"
