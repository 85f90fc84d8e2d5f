# SPDX-License-Identifier: GPL-2.0
# Sourced by the CLI tests: TAP lines and JSON checks.
n=0
# ok STATUS DESCRIPTION: one TAP line, "ok" when STATUS is 0
ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
# skip COUNT REASON: COUNT skipped TAP lines
skip() {
	i=0
	while [ "$i" -lt "$1" ]; do
		n=$((n + 1)); i=$((i + 1))
		echo "ok $n # SKIP $2"
	done
}
# jqt EXPR [FILE...]: EXPR holds for the JSON document read (FILE or
# stdin). Unlike `jq -e` of jq 1.6, no input at all is a failure.
jqt() {
	e=$1
	shift
	jq -en "input | ($e)" "$@" >/dev/null 2>&1
}
