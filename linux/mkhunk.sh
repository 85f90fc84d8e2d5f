#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# mkhunk.sh BEFORE AFTER PATCHDIR FILE: write the hunks that turn
# BEFORE/FILE into AFTER/FILE as PATCHDIR/hunks/FILE.diff (a developer's
# helper for editing a hunk in a copy of the tree; gen-series.sh reads
# the result).
set -eu
before=$1 after=$2 dir=$3 f=$4
mkdir -p "$dir/hunks/$(dirname "$f")"
{
	echo "diff --git a/$f b/$f"
	diff -u --label "a/$f" --label "b/$f" "$before/$f" "$after/$f" ||
		[ $? -eq 1 ]
} >"$dir/hunks/$f.diff"
