#!/bin/sh
# results.sh [-m] [TRACE...]: run the measurements of
# Documentation/results.rst and print them as reStructuredText; with -m
# only the summary, as the Markdown table of the README (RESULTS_MD=FILE
# writes that table to FILE as well, from the same runs).
#
# Every trace is replayed on the defaults (aged start, sized guest, host
# at 80%) under both host semantics, kvm and zvm, by `pagestates compare
# --json`, and its oracle bound is `pagestates frontier`. The traces:
# the arguments, or the two shared samples (SHARED, default
# ../shared/traces) and the captures of scripts/capture-workloads.sh in
# CAPTURES (default build/captures) that exist. O= selects the build.
# Needs jq. A comparison whose freed_pages differ between strategies, or
# with a failed allocation or a violation, stops the script (exit 1).
set -eu

md=false
[ "${1:-}" = -m ] && { md=true; shift; }
ps=${O:-build}/plain/pagestates
[ -x "$ps" ] || { echo "$0: build $ps first (make)" >&2; exit 1; }
command -v jq >/dev/null || { echo "$0: needs jq" >&2; exit 1; }
shared=${SHARED:-../shared/traces}
caps=${CAPTURES:-build/captures}
if [ $# -eq 0 ]; then
	set -- "$shared/sample-doc-reads.txt.xz" \
		"$shared/sample-dd-sort-python.txt.xz"
	for w in kbuild pgbench filechurn interactive; do
		[ -e "$caps/$w.txt.xz" ] && set -- "$@" "$caps/$w.txt.xz"
	done
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

name() { basename "$1" | sed 's/\.txt\.xz$//; s/\.txt$//'; }

# measure TRACE: $tmp/NAME.kvm, NAME.zvm (compare JSON), NAME.fr (bound)
measure() {
	n=$(name "$1")
	for h in kvm zvm; do
		"$ps" compare --trace "$1" --host "$h" --no-progress -q \
			--json "$tmp/$n.$h" 2>"$tmp/$n.$h.err" || {
			cat "$tmp/$n.$h.err" >&2
			echo "$0: compare --trace $1 --host $h failed" >&2
			exit 1
		}
		jq -e '[.strategies[].freed_pages] | unique | length == 1' \
			"$tmp/$n.$h" >/dev/null &&
		jq -e '[.strategies[] | .failed_allocations + .violations] |
			add == 0' "$tmp/$n.$h" >/dev/null || {
			echo "$0: $1 --host $h: freed_pages differ, or failed allocations or violations" >&2
			exit 1
		}
	done
	"$ps" frontier "$1" --no-progress --json "$tmp/$n.fr" >/dev/null
}

for t in "$@"; do
	measure "$t"
done

# the summary: per trace and strategy, both hosts; "bound" is the hint
# ops per 1k freed the oracle needs for the same unhinted free memory
summary_rows() {
	for t in "$@"; do
		n=$(name "$t")
		jq -r --arg n "$n" --slurpfile z "$tmp/$n.zvm" --slurpfile fr "$tmp/$n.fr" '
			def mib: . / 256 * 10 | round / 10;
			def bound($y): $fr[0].frontier as $f |
				([$f[] | select(.unhinted_free_mean_pages <= $y)] | first) as $b |
				([$f[] | select(.unhinted_free_mean_pages > $y)] | last) as $a |
				if $b == null then null
				elif $a == null then $b.hint_ops_per_1k_freed
				else $a.hint_ops_per_1k_freed +
					($b.hint_ops_per_1k_freed - $a.hint_ops_per_1k_freed) *
					($a.unhinted_free_mean_pages - $y) /
					($a.unhinted_free_mean_pages - $b.unhinted_free_mean_pages)
				end | round;
			.strategies as $k | $z[0].strategies as $z |
			$k | keys_unsorted[] as $s |
			[$n, $s,
			 ($k[$s].hint_ops_per_1k_freed | round),
			 ($k[$s].unhinted_free_mean_pages | mib),
			 ($k[$s].frontier_distance_pages | mib),
			 bound($k[$s].unhinted_free_mean_pages),
			 ($k[$s].host_required_mean_pages | mib),
			 ($z[$s].hint_ops_per_1k_freed | round),
			 ($z[$s].unhinted_free_mean_pages | mib),
			 ($z[$s].frontier_distance_pages | mib),
			 ($z[$s].host_required_mean_pages | mib)]
			| @tsv' "$tmp/$n.kvm"
	done
}

summary_md() {
	echo '| capture | strategy | hint ops / 1k freed | unhinted free, MiB | above the bound, MiB | bound: hint ops for as little unhinted | host keeps, MiB (kvm) | host keeps, MiB (zvm) |'
	echo '|---|---|---|---|---|---|---|---|'
	summary_rows "$@" | awk -F'\t' '{ printf "| %s | `%s` | %s | %s | %s | %s | %s | %s |\n",
		($1 == last ? "" : $1), $2, $3, $4, $5, $6, $7, $11; last = $1 }'
}
if $md; then
	summary_md "$@"
	exit 0
fi
# RESULTS_MD=FILE: the Markdown summary there too, from the same runs
[ -n "${RESULTS_MD:-}" ] && summary_md "$@" > "$RESULTS_MD"

rule='======================  ==============  =====  ========  =====  =====  =====  =====  ========  =====  ====='
echo 'Summary: aged start, both hosts'
echo '================================'
echo
echo 'Per trace and strategy, under each host: hint ops per 1000 freed pages'
echo '(*hints*), the mean of free memory whose content the host must keep'
echo '(*unhinted*, MiB), its distance above the oracle bound at the same hint'
echo 'cost (*above*, MiB), the hint ops per 1000 freed the oracle needs for as'
echo 'little unhinted memory (*bound*), and the mean of all guest memory the'
echo 'host must keep (*keeps*, MiB)::'
echo
for t in "$@"; do
	for h in kvm zvm; do
		echo "    pagestates compare --trace $t --host $h --json FILE"
	done
	echo "    pagestates frontier $t --json FILE"
done
echo
echo "$rule"
echo '..                                      kvm                                   zvm'
echo 'trace                   strategy        hints  unhinted  above  bound  keeps  hints  unhinted  above  keeps'
echo "$rule"
summary_rows "$@" | awk -F'\t' '{ printf "%-22s  %-14s  %5s  %8s  %5s  %5s  %5s  %5s  %8s  %5s  %5s\n",
	($1 == last ? ".." : $1), $2, $3, $4, $5, $6, $7, $8, $9, $10, $11; last = $1 }'
echo "$rule"
echo

echo 'The oracle bound'
echo '================'
echo
echo 'The least unhinted free memory (MiB) any strategy could reach at a hint'
echo 'budget (hint ops per 1000 freed pages), knowing the future::'
echo
for t in "$@"; do
	echo "    pagestates frontier $t --json FILE"
done
echo
frule='======================  ======  ======  ======  ======  ======  ======'
echo "$frule"
echo 'trace                   0       250     500     1000    1500    2000'
echo "$frule"
for t in "$@"; do
	n=$(name "$t")
	jq -r --arg n "$n" '
		def at($x): .frontier as $f |
			([$f[] | select(.hint_ops_per_1k_freed <= $x)] | last) as $a |
			([$f[] | select(.hint_ops_per_1k_freed >= $x)] | first) as $b |
			if $b == null then $f[-1].unhinted_free_mean_pages
			elif $a.hint_ops_per_1k_freed == $b.hint_ops_per_1k_freed then
				$a.unhinted_free_mean_pages
			else $a.unhinted_free_mean_pages +
				($b.unhinted_free_mean_pages - $a.unhinted_free_mean_pages) *
				($x - $a.hint_ops_per_1k_freed) /
				($b.hint_ops_per_1k_freed - $a.hint_ops_per_1k_freed) end;
		[$n, (at(0), at(250), at(500), at(1000), at(1500), at(2000) |
			. / 256 * 10 | round / 10 | tostring)] | join("\t")' \
		"$tmp/$n.fr" | awk -F'\t' '{ printf "%-22s  %6s  %6s  %6s  %6s  %6s  %6s\n", $1, $2, $3, $4, $5, $6, $7 }'
done
echo "$frule"
echo

echo 'All rows, kvm host'
echo '=================='
for t in "$@"; do
	n=$(name "$t")
	printf '\n%s::\n\n    pagestates compare --trace %s\n\n' "$n" "$t"
	"$ps" compare --trace "$t" --no-progress 2>&1 | sed 's/^/    /'
done
echo
echo 'All rows, zvm host'
echo '=================='
for t in "$@"; do
	n=$(name "$t")
	printf '\n%s::\n\n    pagestates compare --trace %s --host zvm\n\n' "$n" "$t"
	"$ps" compare --trace "$t" --host zvm --no-progress 2>&1 | sed 's/^/    /'
done
