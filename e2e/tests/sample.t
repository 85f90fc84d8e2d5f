#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The shipped s390x capture (e2e/samples, Documentation/e2e.rst) is what
# the documentation says: a tracefs capture of the e2e workload on Linux
# 6.1 s390x, under 2 MB, and pagestates compare replays it the way
# results.rst shows: every strategy on the same input, 0 failed
# allocations, 0 violations, cmma's hints about two per freed page.
# Environment (make e2e-check): TOOL, the pagestates tool.
set -u
: "${TOOL:?}"
S=e2e/samples/debian-6.1-small.txt.xz
T=$(mktemp -d "${TMPDIR:-/tmp}/e2e-sample.XXXXXX")
trap 'rm -rf "$T"' EXIT
n=0
ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
echo 1..4
size=$(wc -c <"$S")
[ "$size" -lt 2000000 ] && xz -t "$S"
ok $? "the sample is xz, $size bytes (< 2 MB)"
xz -dc "$S" | grep -q 'mm_page_alloc: page=.* pfn=0x' &&
	xz -dc "$S" | grep -q 'mm_filemap_add_to_page_cache'
ok $? "it holds kmem and filemap events in tracefs text"
"$TOOL" compare --trace "$S" -m 256M --json "$T/m.json" >"$T/out" 2>&1
rc=$?
[ $rc -eq 0 ] && jq -e '[.strategies[] | .failed_allocations == 0 and .violations == 0] | all' \
	"$T/m.json" >/dev/null &&
	[ "$(jq '[.strategies[].freed_pages] | unique | length' "$T/m.json")" = 1 ]
ok $? "every strategy replays it: same freed pages, 0 failed, 0 violations"
jq -e '.strategies.cmma.hint_ops > 1.9 * .strategies.cmma.freed_pages and
       .strategies.cmma.hint_ops < 2.1 * .strategies.cmma.freed_pages' "$T/m.json" >/dev/null
ok $? "cmma: one hint per page freed and one per page allocated"
