#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# scripts/checkpatch.pl --strict of the same tarball: no error, warning
# or check on any patch of the series.
. "$(dirname "$0")/lib.sh"
need_tree
set -- "$top"/linux/patches/*.patch
echo "1..$#"
for p in "$@"; do
	out=$(cd "$src" && perl scripts/checkpatch.pl --strict --no-summary \
		--terse --show-types "$p" 2>&1)
	rc=$?
	[ -z "$out" ] || { echo "$out" | sed 's/^/# /'; rc=1; }
	ok $rc "checkpatch --strict $(basename "$p")"
done
exit $((failed != 0))
