#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Host fault injection, long (make faults OPS=N): built-in workloads under
# every strategy (compare), alternately on a kvm and a zvm host, intercept
# and interpret, host memory at half the guests', with host faults
# injected (PAGESTATES_TEST_FAULTS, tools/pagestates/inject.c): the host
# reclaims or drops pages at the guests' hint points, at block-release
# list flushes and on delayed exits, page outs fail, and in every other
# run page ins fail (that guest stops). Runs until OPS events were
# replayed; prints the seed, the operations, the faults and the
# violations (which must be 0), and for a failing run the command that
# reproduces it.
#
#   sh scripts/faults.sh PAGESTATES OPS [SEED] [DURATION]
PS=${1:?usage: faults.sh PAGESTATES OPS [SEED] [DURATION]}
OPS=${2:?usage: faults.sh PAGESTATES OPS [SEED] [DURATION]}
SEED=${3:-$(date +%s)}
DURATION=${4:-2}
T=$(mktemp -d) && trap 'rm -rf "$T"' EXIT
echo "faults: seed $SEED, until $OPS operations, workloads of ${DURATION} s"
set -- anon-churn file-stream kbuild overcommit
ops=0 runs=0 viol=0 acts=0 delays=0 werr=0 rerr=0 stopped=0 failed=0 i=0
while [ "$ops" -lt "$OPS" ]; do
	s=$((SEED + i))
	eval "w=\${$((i % 4 + 1))}"
	host=kvm; [ $((i / 4 % 2)) = 1 ] && host=zvm
	mode=intercept; [ $((i / 8 % 2)) = 1 ] && mode=interpret
	read=0; [ $((i % 2)) = 1 ] && read=2
	f="seed=$s,act=100,write=20,read=$read,delay=50"
	cmd="PAGESTATES_TEST_FAULTS=$f $PS compare $w --seed $s --duration $DURATION --host $host --host-mode $mode -H 50% -q --json $T/j"
	env PAGESTATES_TEST_FAULTS="$f" "$PS" compare "$w" --seed "$s" \
		--duration "$DURATION" --host "$host" --host-mode "$mode" \
		-H 50% -q --json "$T/j" >"$T/out" 2>"$T/err"
	rc=$?
	v=$(jq '[.strategies[].violations] | add' "$T/j" 2>/dev/null)
	[ -n "$v" ] || v=0
	# the tool's lines: "STRATEGY: faults injected: A acts, D delayed
	# exits, W page-out errors, R page-in errors; G guests stopped; E events"
	eval "$(awk '/faults injected:/ {
			a += $5; d += $7; w += $10; r += $13; g += $16; e += $19
		} END { printf "ra=%d rd=%d rw=%d rr=%d rg=%d re=%d\n", a, d, w, r, g, e }' "$T/err")"
	if [ "$rc" != 0 ] && [ "$rc" != 3 ] || [ "$re" = 0 ]; then
		echo "faults: run $i failed (exit $rc): $cmd"; sed 's/^/    /' "$T/err" | grep -v 'faults injected\|stopped after' | head -5
		failed=$((failed + 1))
		[ "$failed" -lt 3 ] || break
	fi
	if [ "$v" != 0 ] || [ "$rc" = 3 ]; then
		echo "faults: run $i: $v violations: $cmd"
		grep -v 'faults injected\|stopped after' "$T/err" | head -5 | sed 's/^/    /'
		[ "$v" != 0 ] || v=1
	fi
	ops=$((ops + re)) viol=$((viol + v)) acts=$((acts + ra)) delays=$((delays + rd))
	werr=$((werr + rw)) rerr=$((rerr + rr)) stopped=$((stopped + rg))
	runs=$((runs + 1)) i=$((i + 1))
done
echo "faults: seed $SEED: $runs runs, $ops operations (events replayed), $acts host acts at fault points, $delays delayed exits, $werr page-out errors, $rerr page-in errors ($stopped guests stopped), $failed failed runs, $viol violations"
[ "$viol" = 0 ] && [ "$failed" = 0 ]
