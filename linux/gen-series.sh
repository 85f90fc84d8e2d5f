#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# gen-series.sh TREE OUT: the Linux 6.1 patch series (quilt layout:
# OUT/series and OUT/NNNN-name.patch) from this repository.
#
# Each linux/patch-src/NNNN-name/ holds one patch:
#   message   subject line, blank line, body, Signed-off-by (a
#             directory without one is a patch not written yet: left out)
#   files     our files the patch adds to Linux (or replaces there), one
#             path a line; the same files build into the userspace model
#   hunks/    hunks for 6.1's own files (hunks/mm/page_alloc.c.diff
#             patches mm/page_alloc.c), against the tree as the
#             previous patches leave it
# TREE is the unpacked linux-source-6.1 (linux/unpack.sh): a file of
# ours that 6.1 has already is a change to it, the others are new.
# The output depends only on these inputs: linux/tests/series-drift.t
# compares it with linux/patches.
set -eu

tree=${1:?usage: gen-series.sh TREE OUT}
out=${2:?usage: gen-series.sh TREE OUT}
top=$(cd "$(dirname "$0")/.." && pwd)
src=$top/linux/patch-src

mkdir -p "$out"
rm -f "$out"/*.patch "$out/series"
# A directory without a message is a patch not written yet: left out.
total=$(ls "$src"/[0-9][0-9][0-9][0-9]-*/message | wc -l)
n=0
for dir in "$src"/[0-9][0-9][0-9][0-9]-*; do
	name=$(basename "$dir")
	[ -s "$dir/message" ] || continue
	n=$((n + 1))
	patch=$out/$name.patch
	{
		while read -r f; do
			[ -n "$f" ] || continue
			[ -f "$top/$f" ] || {
				echo "gen-series.sh: $name: $f missing" >&2
				exit 1
			}
			echo "diff --git a/$f b/$f"
			if [ -f "$tree/$f" ]; then
				diff -u --label "a/$f" --label "b/$f" \
					"$tree/$f" "$top/$f" || [ $? -eq 1 ]
			else
				echo 'new file mode 100644'
				diff -u --label /dev/null --label "b/$f" \
					/dev/null "$top/$f" || [ $? -eq 1 ]
			fi
		done <"$dir/files"
		if [ -d "$dir/hunks" ]; then
			find "$dir/hunks" -name '*.diff' | LC_ALL=C sort |
			while read -r h; do
				cat "$h"
			done
		fi
	} >"$out/$name.diff"
	# The header, then a diffstat as git format-patch writes it.
	{
		sed -n 's/^Signed-off-by: /From: /p' "$dir/message" | head -n 1
		printf 'Subject: [PATCH %d/%d] %s\n' "$n" "$total" \
			"$(head -n 1 "$dir/message")"
		echo
		tail -n +3 "$dir/message"
		echo '---'
		GIT_CEILING_DIRECTORIES=$out git apply --stat --summary \
			"$out/$name.diff"
		echo
		cat "$out/$name.diff"
	} >"$patch"
	rm -f "$out/$name.diff"
	echo "$name.patch" >>"$out/series"
done
