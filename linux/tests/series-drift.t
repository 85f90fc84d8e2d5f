#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The committed series (linux/patches) is what linux/gen-series.sh makes
# from this repository's files and linux/patch-src: a change to a shared
# file, a hunk or a message without regenerating the series fails here.
. "$(dirname "$0")/lib.sh"
need_tree
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "1..2"
sh "$top/linux/gen-series.sh" "$src" "$tmp/series" 2>"$tmp/err"
ok $? "gen-series.sh runs"
diff -ru "$top/linux/patches" "$tmp/series" >"$tmp/diff"
rc=$?
[ $rc = 0 ] || sed 's/^/# /' "$tmp/diff" | head -n 40
ok $rc "linux/patches is the generated series (regenerate: make kernel-series)"
exit $((failed != 0))
