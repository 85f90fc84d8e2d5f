#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The shortened e2e run (make e2e-check, hence check-all): e2e/run.sh
# with the small workload, configurations stock and off (and spill with
# the patched kernel), a small capture replayed by the model; then a run
# whose file set was changed must fail. Checks what the results hold,
# not how fast anything was.
# Environment (make e2e-check): O, QEMU, E2E_GUEST, E2E_HOSTBIN, TOOL.
set -u
: "${QEMU:?}" "${TOOL:?}"
for t in socat jq cpio gnuplot xz; do
	command -v $t >/dev/null 2>&1 || {
		echo "1..0 # SKIP $t not installed"
		exit 0
	}
done
T=$(mktemp -d "${TMPDIR:-/tmp}/e2e-boot.XXXXXX")
trap 'rm -rf "$T"' EXIT
n=0
ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi
}
R=$T/out/results.json
j() { jq -e "$@" "$R" >/dev/null 2>&1; }
echo 1..10

configs=${E2E_CHECK_CONFIGS:-}
if [ -z "$configs" ]; then
	if [ -n "${E2E_KERNEL:-}" ] || [ -s "${O:-build}/linux/bzImage" ]; then
		configs="stock off spill"
	else
		configs="stock off"
	fi
fi
E2E_OUT=$T/out E2E_SMALL=1 E2E_TRACE=8192 E2E_CONFIGS=$configs \
	sh e2e/run.sh >"$T/run.log" 2>&1
rc=$?
[ $rc -eq 0 ]
ok $? "e2e/run.sh passes: every configuration boots, runs, RESULT PASS"
[ $rc -eq 0 ] || sed 's/^/# /' "$T/run.log" | tail -n 30

miss=""
for c in $configs; do
	for k in essa essa_by_code cbrl_flushes rss_mean_kib rss_end_kib \
		guest_used_mean_kib workload_seconds predicted_hint_ops; do
		j --arg c "$c" --arg k "$k" '.configurations[$c] | has($k)' ||
			miss="$miss $c.$k"
	done
done
[ -z "$miss" ] && [ -s "$R" ]
ok $? "results.json has every key for every configuration${miss:+ (missing:$miss)}"
j '.configurations.off.essa == 0'
ok $? "hints off: no ESSA in the workload's window"
# set stable is code 1, or 7 (no-DAT) where Linux finds facility 147
j '.configurations.stock.essa > 0 and
   .configurations.stock.essa_by_code["1"] + .configurations.stock.essa_by_code["7"] > 0 and
   .configurations.stock.essa_by_code["2"] > 0'
ok $? "stock: ESSA set stable and set unused counted in the window"
j '.configurations.stock.cbrl_flushes > 0 and .configurations.stock.dropped_unused > 0'
ok $? "stock: block-release lists processed, pages dropped from QEMU"
j '[.configurations[] | .rss_mean_kib > 0 and .rss_end_kib > 0 and
    .guest_used_mean_kib > 0 and .workload_seconds > 0] | all'
ok $? "RSS, guest used memory and wall time measured in every configuration"
j '.model.lost_events == 0 and
   ([.model.strategies[] | .failed_allocations == 0 and .violations == 0] | all)'
ok $? "the capture lost no event; the model replays it with 0 failed allocations, 0 violations"
j '.configurations.stock.predicted_hint_ops > 0 and .configurations.off.predicted_hint_ops == 0'
ok $? "the model predicts ESSA for stock and none for off"
[ "$(head -c 4 "$T/out/rss.png" | tail -c 3)" = PNG ] && [ -s "$T/out/capture.txt.xz" ]
ok $? "the plot and the capture are written"

E2E_OUT=$T/bad E2E_SMALL=1 E2E_TRACE=0 E2E_CONFIGS=stock E2E_CORRUPT=1 \
	sh e2e/run.sh >"$T/bad.log" 2>&1
rc=$?
[ $rc -ne 0 ] && grep -q 'read or check failed' "$T/bad/run/stock/console.log"
ok $? "a changed file set fails the run (status $rc): the guest checks its content"
