#!/bin/sh
# make clean removes what the build made and nothing else (issue 14: it
# ran rm -rf $(O)): with O=DIR the user's files in DIR survive; with
# O=the source tree (a copy of it here) no source file goes.
cd "$(dirname "$0")/../.." || exit 1
T=$(mktemp -d) && trap 'rm -rf "$T"' EXIT
n=0
ok() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }
# no jobserver or flags of an outer make
unset MAKEFLAGS MFLAGS MAKELEVEL
OBJS="plain/mm/page_alloc.o plain/tools/pagestates/lines.o"
echo "1..7"

# O=DIR holding the user's files
D=$T/out
mkdir -p "$D/plain" && echo mine >"$D/notes.txt" && echo mine >"$D/plain/keep"
make -s O="$D" $(for o in $OBJS; do printf '%s ' "$D/$o"; done) >"$T/log" 2>&1
[ -f "$D/plain/mm/page_alloc.o" ]; ok $? "O=DIR: objects built"
make -s O="$D" clean >>"$T/log" 2>&1
[ "$(cat "$D/notes.txt" "$D/plain/keep" 2>/dev/null)" = "$(printf 'mine\nmine')" ]
ok $? "O=DIR: the user's files survive make clean"
left=$(cd "$D" && find . -type f ! -name notes.txt ! -name keep | head -3)
[ -z "$left" ]; ok $? "O=DIR: nothing the build made is left${left:+ ($left)}"

# O=the source tree, in a copy of the tracked files
if git rev-parse --git-dir >/dev/null 2>&1; then
	S=$T/src
	mkdir "$S" && git ls-files -z | tar -c --null -T - | tar -x -C "$S"
	(cd "$S" && find . -type f | sort) >"$T/before"
	(cd "$S" && make -s O="$S" $(for o in $OBJS; do printf '%s ' "$S/$o"; done) &&
	 make -s O="$S" "$S/baremetal/mm/page_alloc.o" 2>/dev/null; true) >>"$T/log" 2>&1
	[ -f "$S/plain/mm/page_alloc.o" ]; ok $? "O=\$PWD: objects built into the source tree"
	(cd "$S" && make -s O="$S" clean) >>"$T/log" 2>&1
	(cd "$S" && find . -type f | sort) >"$T/after"
	missing=$(comm -23 "$T/before" "$T/after" | head -3)
	[ -z "$missing" ]; ok $? "O=\$PWD: every source file survives make clean${missing:+ (gone: $missing)}"
	extra=$(comm -13 "$T/before" "$T/after" | head -3)
	[ -z "$extra" ]; ok $? "O=\$PWD: the objects are gone${extra:+ (left: $extra)}"
	(cd "$S" && make -s O=. clean) >>"$T/log" 2>&1
	(cd "$S" && find . -type f | sort) | cmp -s - "$T/before"
	ok $? "O=. : the same"
else
	for i in 4 5 6 7; do ok 0 "# SKIP not a git checkout"; done
fi
