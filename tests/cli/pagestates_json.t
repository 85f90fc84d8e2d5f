#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The JSON output: a schema_version, and every key it writes (per
# strategy, input, config, skipped events) defined in
# Documentation/metrics.rst, for a trace and for a workload.
cd "$(dirname "$0")/../.." || exit 1
PS=${PAGESTATES:-${O:-build}/plain/pagestates}
DOC=Documentation/metrics.rst
T=$(mktemp -d) && trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh
echo "1..6"
"$PS" compare tests/cli/layouts/tracefs-trace.txt -s none,spill --json - >"$T/trace" 2>/dev/null
"$PS" compare kbuild --duration 0.05 -s none --json - >"$T/wl" 2>/dev/null
jqt '.schema_version == 2 and (keys_unsorted[0:2] == ["tool", "schema_version"])' "$T/trace"
ok $? "schema_version 2, second key of the object"
jqt '.schema_version == 2' "$T/wl"; ok $? "schema_version in a workload's JSON too"
grep -q '^``schema_version``' $DOC; ok $? "schema_version is defined in $DOC"
# undocumented FILE JQ-PATHS: the keys not defined as ``key`` in the doc
undocumented() {
	for k in $(jq -r "$2" "$1"); do
		grep -q "\`\`$k\`\`" $DOC || printf ' %s' "$k"
	done
}
miss=$(undocumented "$T/trace" '.strategies[] | keys[]' | tr ' ' '\n' | sort -u | tr '\n' ' ')
[ -z "$(echo $miss)" ]; ok $? "every per-strategy key is defined in $DOC${miss:+ (not:$miss)}"
miss="$(undocumented "$T/trace" '(.input, .config, .skipped_events) | keys[]')$(undocumented "$T/wl" '(.input, .config) | keys[]')"
[ -z "$miss" ]; ok $? "every input, config and skipped-events key is defined${miss:+ (not:$miss)}"
miss=$(undocumented "$T/trace" 'keys[]')
[ -z "$miss" ]; ok $? "every top-level key is defined${miss:+ (not:$miss)}"
