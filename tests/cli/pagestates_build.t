#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# kbuild habits: make help, a silent make -s, W=1, make install/uninstall
# with PREFIX and DESTDIR (tool, manual page, bash completion); the manual
# page is made from Documentation/pagestates.rst and documents every
# option the tool's help lists.
cd "$(dirname "$0")/../.." || exit 1
O=${O:-build}
PS=${PAGESTATES:-$O/plain/pagestates}
T=$(mktemp -d) && trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh
# a make of its own, not a part of the make check that runs this test
MAKE="env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory"
# the install part installs the build under test (ARCH=s390: s390x)
IMAKE="$MAKE O=$O${ARCH:+ ARCH=$ARCH}${CROSS_COMPILE:+ CROSS_COMPILE=$CROSS_COMPILE}"
echo "1..17"

$MAKE help >"$T/help" 2>&1
ok $? "make help"
for w in check tool install uninstall "W=1" "V=1" "O=DIR" PREFIX DESTDIR; do
	grep -q -- "$w" "$T/help" || { echo "# make help lacks $w"; false; }
done
ok $? "make help names the targets and variables (check, install, W=1, O=...)"

# make tool: the tool and the manual page, no test program
$MAKE -n O="$T/n" tool >"$T/out" 2>&1
[ $? = 0 ] && grep -q "tools/pagestates/main.c" "$T/out" && ! grep -q "tests/unit" "$T/out"
ok $? "make tool builds the tool and no test program"

# one object in a fresh O=: CC shown without -s, nothing with -s
OBJ=plain/tools/pagestates/options.o
$MAKE O="$T/a" "$T/a/$OBJ" >"$T/out" 2>&1
grep -q "^  CC *tools/pagestates/options.c" "$T/out"; ok $? "make shows CC lines"
$MAKE -s O="$T/b" "$T/b/$OBJ" "$T/b/plain/tools/pagestates/main.o" >"$T/out" 2>&1
[ $? = 0 ] && [ ! -s "$T/out" ] && [ -f "$T/b/$OBJ" ]
ok $? "make -s builds and prints nothing"
$MAKE O="$T/c" W=1 V=1 "$T/c/$OBJ" >"$T/out" 2>&1
[ $? = 0 ] && grep -q -- "-Wmissing-prototypes -Wno-error=missing-prototypes" "$T/out"
ok $? "W=1: kbuild's extra warnings, reported, not fatal"
printf 'int f(void) { return 0; }\n' >"$T/w.c"
$MAKE O="$T/c" W=1 -n "$T/c/$OBJ" -B 2>/dev/null | grep -o -- '-W[a-z-]*=*[a-z-]*' | grep -v '^-Wno-error' | sort -u >"$T/flags"
${CC:-gcc} $(cat "$T/flags") -Werror -c -o "$T/w.o" "$T/w.c" 2>"$T/werr"
[ $? != 0 ] && grep -q "missing-prototypes" "$T/werr"
ok $? "W=1's flags do catch a missing prototype"

if ! command -v ${RST2MAN:-rst2man} >/dev/null; then
	skip 10 "no rst2man (scripts/install-deps.sh installs python3-docutils)"
	exit 0
fi
$IMAKE man >/dev/null 2>&1
MANPAGE=$O/man/pagestates.1
man -l "$MANPAGE" 2>/dev/null >"$T/man.txt"
grep -q "^SYNOPSIS" "$T/man.txt" && grep -q "pagestates record" "$T/man.txt"
ok $? "the manual page renders (SYNOPSIS, record)"
miss=""
for c in run replay compare record; do
	for opt in $("$PS" $c --help | sed -n 's/^ *\(-[a-zA-Z], \)\{0,1\}\(--[a-z][a-z-]*\).*/\2/p'); do
		grep -q -- "$opt" Documentation/pagestates.rst || miss="$miss $opt"
	done
done
[ -z "$miss" ]; ok $? "every option of every command is in the manual${miss:+ (missing:$miss)}"

D=$T/root
$IMAKE install PREFIX=/usr DESTDIR="$D" >"$T/out" 2>&1
ok $? "make install PREFIX=/usr DESTDIR=..."
# shellcheck disable=SC2086
[ -x "$D/usr/bin/pagestates" ] && ${TEST_EXEC:-} "$D/usr/bin/pagestates" --version | grep -q "^pagestates "
ok $? "installed: the tool, and it runs"
MANPATH= man -M "$D/usr/share/man" pagestates 2>/dev/null | grep -q "pagestates record"
ok $? "installed: man pagestates"
[ -f "$D/usr/share/bash-completion/completions/pagestates" ]
ok $? "installed: the bash completion"
$IMAKE install DESTDIR="$D/l" >/dev/null 2>&1 && [ -x "$D/l/usr/local/bin/pagestates" ]
ok $? "PREFIX defaults to /usr/local"
$IMAKE uninstall PREFIX=/usr DESTDIR="$D" >/dev/null 2>&1
ok $? "make uninstall"
[ -z "$(find "$D/usr" -type f)" ]; ok $? "uninstall removed every installed file"
[ -x "$D/l/usr/local/bin/pagestates" ]; ok $? "uninstall with PREFIX=/usr left /usr/local alone"
