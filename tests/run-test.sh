#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# run-test.sh TEST [ARGS]: how prove runs every test program (make check):
# under a time limit of TEST_TIMEOUT seconds (default 300), so that a
# guest bug that hangs a test fails that test instead of hanging the
# suite. Every test goes through TEST_RUNNER if set (the s390x suite:
# arch/s390/scripts/qemu-exec.sh), else shell tests ('#!') run with sh
# and programs as they are. On the limit the test's process group gets
# SIGTERM, SIGKILL 10 s later, and the TAP stream ends with "Bail out!".
limit=${TEST_TIMEOUT:-300}
if [ -n "$TEST_RUNNER" ]; then
	# shellcheck disable=SC2086
	timeout -k 10 "$limit" $TEST_RUNNER "$@"
elif [ "$(head -c 2 "$1" 2>/dev/null)" = '#!' ]; then
	timeout -k 10 "$limit" sh "$@"
else
	timeout -k 10 "$limit" "$@"
fi
rc=$?
if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
	echo "Bail out! $1: no end after $limit s (TEST_TIMEOUT), killed"
fi
exit "$rc"
