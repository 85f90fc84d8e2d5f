#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The bash completion (tools/pagestates/pagestates.bash-completion): the
# commands, each command's own options (the same set as its --help), the
# values of strategies, workloads, host modes, formats; record completes
# the command to run.
cd "$(dirname "$0")/../.." || exit 1
PS=${PAGESTATES:-${O:-build}/plain/pagestates}
T=$(mktemp -d) && trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh
echo "1..13"
if ! command -v bash >/dev/null; then
	skip 13 "no bash"
	exit 0
fi
# comp WORDS...: what TAB offers after the words (the last one is typed)
comp() {
	bash -c '. tools/pagestates/pagestates.bash-completion
		COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _pagestates
		printf "%s\n" "${COMPREPLY[@]}" | sort' sh "$PS" "$@"
}
has() {	# has "WORD..." LIST: every word is in LIST
	for w in $1; do echo "$2" | grep -qx -- "$w" || { echo "# missing $w"; return 1; }; done
}

has "run replay compare record list help" "$(comp "")"; ok $? "the commands"
for c in run replay compare record; do
	"$PS" $c --help | sed -n 's/^ *\(-[a-zA-Z], \)\{0,1\}\(--[a-z][a-z-]*\).*/\2/p' | sort >"$T/want"
	comp $c -- | sort >"$T/got"
	cmp -s "$T/want" "$T/got"; ok $? "$c: its options, the same as its --help"
done
! comp compare -- | grep -qx -- --output; ok $? "compare does not offer record's --output"
[ "$(comp compare -s sp | tr '\n' ' ')" = "spill spill+volatile " ]; ok $? "-s sp: spill, spill+volatile"
[ "$(comp compare -s none,c | tr '\n' ' ')" = "none,cmma " ]; ok $? "-s none,c: the second name of a list"
has "$("$PS" list | sed -n '/^workloads:/,/^[^ ]/{s/^  \([^ ][^ ]*\) .*/\1/p}')" "$(comp run "")"
ok $? "run: the workloads of pagestates list"
[ "$(comp compare --host-mode "" | tr '\n' ' ')" = "intercept interpret " ]; ok $? "--host-mode values"
[ "$(comp -s spill replay --form | tr '\n' ' ')" = "--format " ]; ok $? "options before the command count too"
comp record -o x.trace ma | grep -qx make; ok $? "record: the command to run"
touch "$T/cap.trace"
comp compare "$T/ca" | grep -qx "$T/cap.trace"; ok $? "compare: trace files"
