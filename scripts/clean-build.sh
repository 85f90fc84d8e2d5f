#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# clean-build.sh O LIST: what `make clean` does. LIST holds the paths the
# build makes, separated by blanks: files, and output trees marked by a
# .pagestates-output file (made only when the build created the tree).
# Files are removed by name; a marked tree whole; then every directory
# between a removed file and O, if it is empty now. Nothing else is
# touched: O may be the source tree or hold the user's own files.
set -eu
top=${1%/}
list=$(mktemp)
trap 'rm -f "$list"' EXIT
tr -s ' \t' '\n\n' <"$2" >"$list"
while IFS= read -r p; do
	[ -n "$p" ] || continue
	if [ -d "$p" ]; then
		if [ -f "$p/.pagestates-output" ]; then
			rm -rf -- "$p"
		fi
	elif [ -e "$p" ] || [ -L "$p" ]; then
		rm -f -- "$p"
	fi
done <"$list"
# the directories made for the files, deepest first, if empty
sed 's|/[^/]*$||' "$list" | sort -u -r | while IFS= read -r d; do
	while [ -n "$d" ] && [ "$d" != "$top" ] && [ "${d#"$top"/}" != "$d" ]; do
		rmdir -- "$d" 2>/dev/null || break
		d=${d%/*}
	done
done
