#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The progress bar: a percentage for compressed input too (by compressed
# bytes read), only a rate where the size is unknown (a pipe), cleared
# before any warning (a warning never lands inside the bar), and none
# without --progress when stderr is not a terminal.
cd "$(dirname "$0")/../.." || exit 1
PS=${PAGESTATES:-${O:-build}/plain/pagestates}
T=$(mktemp -d) && trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh
echo "1..9"
# 90000 lines: the sample over and over (time goes back at each copy:
# warnings), then a bad line; the bar is first drawn at line 65536, so
# the summary of the warnings comes after a bar
for i in $(seq 600); do grep -v '^#' tests/cli/layouts/tracefs-trace.txt; done >"$T/t"
echo "garbage" >>"$T/t"
xz -1 -c "$T/t" >"$T/t.xz"
gzip -1 -c "$T/t" >"$T/t.gz"
# bars ERRFILE: stderr split at \r, one piece a line
bars() { tr '\r' '\n' <"$1"; }
# clean ERRFILE: every warning starts a line or follows the bar's clearing
clean() {
	esc=$(printf '\033')
	bars "$1" | grep 'pagestates:' | grep -v "^pagestates:\|^${esc}\[Kpagestates:" >"$T/bad"
	[ ! -s "$T/bad" ] && grep -q 'pagestates:' "$1"
}
for z in xz gz; do
	"$PS" replay "$T/t.$z" -s none --progress -q 2>"$T/err.$z"
	bars "$T/err.$z" | grep -q '^parsing .*\] *[0-9]*% .* bytes'
	ok $? "$z input: a percentage of the compressed bytes"
	clean "$T/err.$z"; ok $? "$z input: warnings after the bar start clean"
	[ -s "$T/bad" ] && sed 's/^/#   /' "$T/bad" | cat -v | head -3
done
"$PS" replay "$T/t" -s none --progress -q 2>"$T/err"
bars "$T/err" | grep -q '^parsing .*\] *[0-9]*% .* bytes .*ETA'; ok $? "plain file: a percentage and an ETA"
clean "$T/err"; ok $? "plain file: warnings start clean"
cat "$T/t" | "$PS" replay - -s none --progress -q 2>"$T/err"
bars "$T/err" | grep '^parsing' | grep -q '/s' && ! bars "$T/err" | grep '^parsing' | grep -q '%'
ok $? "a pipe: a rate, no percentage"
clean "$T/err"; ok $? "a pipe: warnings start clean"
"$PS" replay "$T/t.xz" -s none -q 2>"$T/err"
! grep -q "$(printf '\r')" "$T/err"; ok $? "no bar when stderr is not a terminal"
