#!/bin/sh
# Every test program runs under tests/run-test.sh (make check): a test
# that hangs is killed at TEST_TIMEOUT seconds, children included, and
# fails with "Bail out!"; one that ends in time keeps its exit status.
cd "$(dirname "$0")/../.." || exit 1
T=$(mktemp -d) && trap 'rm -rf "$T"' EXIT
n=0
ok() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }
echo "1..6"

# a shell test that hangs in a child, and a program that hangs
printf '#!/bin/sh\necho "1..1"\nsleep 600 &\necho $! >"%s/child"\nwait\n' "$T" >"$T/hang.t"
printf '#!/bin/sh\necho "1..1"\necho "ok 1"\nexit 3\n' >"$T/quick.t"
cp "$(command -v sleep)" "$T/sleeper"

TEST_TIMEOUT=2 TEST_RUNNER= sh tests/run-test.sh "$T/hang.t" >"$T/out" 2>&1
rc=$?
[ "$rc" = 124 ]; ok $? "a hanging shell test is stopped (exit $rc)"
grep -q "^Bail out! .*no end after 2 s" "$T/out"; ok $? "and says why in the TAP stream"
child=$(cat "$T/child")
sleep 1
# gone, or a zombie its new parent has not reaped yet
state=$(sed 's/.*) //; s/ .*//' "/proc/$child/stat" 2>/dev/null)
[ -z "$state" ] || [ "$state" = Z ]; ok $? "its child is killed too (state ${state:-gone})"

TEST_TIMEOUT=2 TEST_RUNNER= sh tests/run-test.sh "$T/sleeper" 600 >"$T/out" 2>&1
[ $? = 124 ]; ok $? "a hanging program is stopped"

TEST_TIMEOUT=60 TEST_RUNNER= sh tests/run-test.sh "$T/quick.t" >"$T/out" 2>&1
[ $? = 3 ] && ! grep -q "Bail out" "$T/out"; ok $? "a test that ends in time keeps its exit status"
grep -q "tests/run-test.sh" Makefile && grep -q "TEST_TIMEOUT" Makefile
ok $? "make check runs the tests through it"
