#!/bin/sh
# aging-curve.sh [-o DIR] TRACE...: the trade-off of strategy "aging":
# for each hint delay, hints per 1k freed pages against reclaim coverage,
# beside cmma and spill, on each trace. Writes DIR/aging-curve.csv and, with
# gnuplot, DIR/aging-curve.svg and .png; prints a table. Uses
# build/plain/pagestates (O= for another build directory), DELAYS= for
# other delays (milliseconds).
set -eu

out=.
if [ "${1:-}" = "-o" ]; then
	out=$2
	shift 2
fi
[ $# -gt 0 ] || { echo "usage: $0 [-o DIR] TRACE..." >&2; exit 2; }
tool=${O:-build}/plain/pagestates
[ -n "${PLOT_ONLY:-}" ] || [ -x "$tool" ] ||
	{ echo "$0: build $tool first (make)" >&2; exit 1; }
DELAYS=${DELAYS:-"1 10 20 40 70 100 300 1000"}
mkdir -p "$out"
csv=$out/aging-curve.csv

# metric KEY < json: the value of the first "KEY": in the JSON
metric() {
	sed -n "s/^ *\"$1\": \([0-9.e+-]*\),\{0,1\}$/\1/p" | head -n 1
}

# point TRACE STRATEGY [DELAY]: one CSV row
point() {
	json=$("$tool" replay "$1" -s "$2" ${3:+--aging-delay "$3"} \
		--no-progress -q --json - 2>/dev/null)
	printf '%s,%s,%s,%s,%s\n' "$(basename "$1")" "$2" "${3:-}" \
		"$(echo "$json" | metric hint_ops_per_1k_freed)" \
		"$(echo "$json" | metric reclaim_coverage)"
}

# PLOT_ONLY=1: chart an existing DIR/aging-curve.csv again
if [ -z "${PLOT_ONLY:-}" ]; then
	echo "trace,strategy,delay_ms,hint_ops_per_1k_freed,reclaim_coverage" \
		> "$csv"
	for t in "$@"; do
		point "$t" cmma >> "$csv"
		point "$t" spill >> "$csv"
		for d in $DELAYS; do
			point "$t" aging "$d" >> "$csv"
		done
	done
fi
column -s, -t < "$csv" 2>/dev/null || cat "$csv"

command -v gnuplot > /dev/null || exit 0
# plot TERMINAL FILE: the chart into FILE
plot() {
	echo "set terminal $1 size 900,560 background '#ffffff'"
	echo "set output '$2'"
	echo "set datafile separator ','"
	echo "set title 'strategy aging: hint cost against reclaim coverage (labels: delay in ms)'"
	echo "set xlabel 'hint ops per 1000 freed pages'"
	echo "set ylabel 'reclaim coverage'"
	echo "set key outside bottom center horizontal"
	echo "set grid"
	printf 'plot '
	i=0
	for t in "$@"; do
		[ $i -lt 2 ] && { i=$((i + 1)); continue; }
		b=$(basename "$t")
		[ $i -gt 2 ] && printf ', '
		printf "'%s' using (strcol(1) eq '%s' && strcol(2) eq 'aging' ? \$4 : NaN):5 with linespoints title '%s aging', " "$csv" "$b" "$b"
		printf "'' using (strcol(1) eq '%s' && strcol(2) eq 'aging' ? \$4 : NaN):5:3 with labels offset 1,0.6 notitle, " "$b"
		printf "'' using (strcol(1) eq '%s' && strcol(2) ne 'aging' ? \$4 : NaN):5:2 with labels point pt 7 offset 1,-0.6 notitle" "$b"
		i=$((i + 1))
	done
	echo
}
plot svg "$out/aging-curve.svg" "$@" | gnuplot
plot pngcairo "$out/aging-curve.png" "$@" | gnuplot
echo "plots: $out/aging-curve.svg $out/aging-curve.png"
