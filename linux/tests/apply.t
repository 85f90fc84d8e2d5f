#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The series applies to linux-source-6.1: each patch with git apply
# --check on the tree the previous ones leave, then the whole series
# with quilt push -a, in a copy of the unpacked tree (hard links).
. "$(dirname "$0")/lib.sh"
need_tree
tmp=$(mktemp -d "$LINUX_OUT/apply-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cp -al "$src" "$tmp/tree"
ln -s "$top/linux/patches" "$tmp/tree/patches"
n_patches=$(grep -c . "$top/linux/patches/series")
echo "1..$((n_patches + 2))"
# git must not find this repository above the tree
export GIT_CEILING_DIRECTORIES=$tmp
while read -r p; do
	(cd "$tmp/tree" && git apply --check "patches/$p") 2>&1 |
		sed 's/^/# /'
	(cd "$tmp/tree" && git apply --check "patches/$p") >/dev/null 2>&1
	ok $? "git apply --check $p"
	(cd "$tmp/tree" && git apply "patches/$p") >/dev/null 2>&1 || true
done <"$top/linux/patches/series"
rm -rf "$tmp/tree"
cp -al "$src" "$tmp/tree"
ln -s "$top/linux/patches" "$tmp/tree/patches"
(cd "$tmp/tree" && QUILT_PATCHES=patches quilt push -a -q) >"$tmp/quilt" 2>&1
rc=$?
[ $rc = 0 ] || sed 's/^/# /' "$tmp/quilt"
ok $rc "quilt push -a"
grep -q 'page_states_batch_add' "$src/mm/page_alloc.c"
ok $((! $?)) "the unpacked tree stayed pristine"
exit $((failed != 0))
