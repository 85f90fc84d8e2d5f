#!/bin/sh
# results.sh: run the measurements of Documentation/results.rst and print
# each table as reStructuredText (command, then the tool's own table rows).
# Captures that are not shipped are named by environment variables and
# skipped when unset: PERF_TRACE (a perf script capture of a build),
# KBUILD_TRACE (a tracefs capture of a kernel build). O= selects the build.
set -eu

ps=${O:-build}/plain/pagestates
[ -x "$ps" ] || { echo "$0: build $ps first (make)" >&2; exit 1; }
shared=${SHARED:-../shared/traces}
ROWS='^ +none| (hint_ops_per_1k_freed|hint_calls|exits|reclaim_coverage|host_resident_peak_pages|host_swap_out_pages|host_discards_[a-z]*|discard_faults|guest_rereads|violations|boot_hint_ops)$'

# table TITLE ARGS...: one measured table
table() {
	title=$1
	shift
	printf '%s\n\n' "$title"
	printf '::\n\n    pagestates %s\n\n' "$*"
	"$ps" "$@" --no-progress 2>&1 | grep -E "^(trace|workload|  pages|guest [0-9])|$ROWS" |
		sed 's/^/    /'
	printf '\n'
}

for t in "$shared/sample-doc-reads.txt.xz" \
	 "$shared/sample-dd-sort-python.txt.xz" ${PERF_TRACE:-} \
	 ${KBUILD_TRACE:-}; do
	table "$(basename "$t"), default guest and host (80%)" \
		compare --trace "$t"
	table "$(basename "$t"), host at 50% of the guest" \
		compare --trace "$t" -H 50%
done
table "sample-doc-reads.txt.xz, interpretive execution (CBRL)" \
	compare --trace "$shared/sample-doc-reads.txt.xz" --host-mode interpret
for w in anon-churn file-stream kbuild overcommit; do
	table "workload $w (its defaults, seed 1)" compare "$w"
done
