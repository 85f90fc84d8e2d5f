#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# e2e/run.sh: the end-to-end run of issue 13 (Documentation/e2e.rst).
#
# Boots an s390x Linux 6.1 under our QEMU with ESSA (make qemu) once per
# configuration, with the same guest memory, file set and workload
# (e2e/guest, PID 1 of an initramfs made here), and measures per
# configuration: QEMU's ESSA count by code and block-release-list
# flushes between the guest's two marks (QMP query-cmma), the guest's
# page_states_* counters and used memory (its console), the workload's
# wall time, and the QEMU process's RSS (/proc/PID/smaps_rollup) sampled
# through the run. Then, unless E2E_TRACE=0, one more boot of the first
# configuration records the guest's kmem and filemap events (tracefs)
# and writes them to a disk; pagestates compare --trace replays them
# under the same strategies and guest size: predicted_hint_ops beside
# QEMU's count, the model's host_required memory beside the RSS.
#
# Outputs in $E2E_OUT (default $O/e2e): results.json, results.txt (the
# table), rss.png (host RSS and guest used memory over time per
# configuration), capture.txt.xz, model.json, run/NAME/ (console,
# samples, QMP answers) for each configuration.
#
# Environment:
#   O            build directory (build)
#   QEMU         qemu-system-s390x with ESSA ($O/qemu/qemu-system-s390x)
#   E2E_KERNEL   the patched kernel (default $O/linux/bzImage if there);
#                without one, Debian's unchanged 6.1 kernel
#                (e2e/debian-kernel.sh): configurations stock and off only
#   E2E_MODULES  directory of .ko files the guest loads (default: none;
#                the Debian kernel's virtio_blk)
#   E2E_DEBIAN_KERNEL  where Debian's kernel is kept ($O/e2e/debian-kernel)
#   E2E_CONFIGS  configurations to run (default: stock off and every
#                page_states= strategy of the patched kernel)
#   E2E_MEM      guest memory, MiB (256)     E2E_SMP  guest cpus (2)
#   E2E_SMALL=1  the small workload (e2e-check)
#   E2E_SEED     workload seed (1)
#   E2E_TRACE    0: no capture; else the ring buffer per cpu, KiB (32768)
#   E2E_TIMEOUT  seconds one boot may take (1200)
#   TOOL         the pagestates tool ($O/plain/pagestates)
#   E2E_FILES    disk | initramfs | auto (disk if the kernel's .config,
#                E2E_KERNEL_CONFIG or next to the kernel, has virtio-blk)
#   E2E_CORRUPT=1  change a byte of the file set (the guest must fail)
set -eu
cd "$(dirname "$0")/.."

O=${O:-build}
QEMU=${QEMU:-$O/qemu/qemu-system-s390x}
OUT=${E2E_OUT:-$O/e2e}
GUEST=${E2E_GUEST:-$O/e2e/guest/e2e-guest}
HOSTBIN=${E2E_HOSTBIN:-$O/e2e/host/e2e-guest}
TOOL=${TOOL:-$O/plain/pagestates}
MEM=${E2E_MEM:-256}
SMP=${E2E_SMP:-2}
SMALL=${E2E_SMALL:-0}
SEED=${E2E_SEED:-1}
TRACE=${E2E_TRACE:-32768}
TIMEOUT=${E2E_TIMEOUT:-1200}
KERNEL=${E2E_KERNEL:-}
MODULES=${E2E_MODULES:-}

die() { echo "e2e: $*" >&2; exit 1; }
log() { echo "e2e: $*" >&2; }

for t in jq socat cpio gnuplot xz timeout; do
	command -v $t >/dev/null 2>&1 ||
		die "$t not installed (sh scripts/install-deps.sh)"
done
[ -x "$QEMU" ] || die "no $QEMU (make qemu)"
[ -x "$GUEST" ] && [ -x "$HOSTBIN" ] || die "no $GUEST (make e2e-guest)"

if [ -z "$KERNEL" ] && [ -s "$O/linux/bzImage" ]; then
	KERNEL=$O/linux/bzImage
fi
if [ -n "$KERNEL" ]; then
	KIND=patched
else
	KIND=debian
	dk=${E2E_DEBIAN_KERNEL:-$O/e2e/debian-kernel}
	sh e2e/debian-kernel.sh "$dk"
	KERNEL=$dk/vmlinuz
	[ -n "$MODULES" ] || MODULES=$dk/modules
fi
[ -s "$KERNEL" ] || die "no kernel $KERNEL"

# Where the file set lives: a virtio disk if the kernel can read one
# (its .config says CONFIG_VIRTIO_BLK; Debian's has it as a module),
# else in the initramfs (then both reads hit a page cache that rootfs
# never drops).
FILES=${E2E_FILES:-auto}
if [ "$FILES" = auto ]; then
	kconfig=${E2E_KERNEL_CONFIG:-}
	for f in "$(dirname "$KERNEL")/obj/.config" "$(dirname "$KERNEL")/config"; do
		[ -n "$kconfig" ] || [ ! -s "$f" ] || kconfig=$f
	done
	if [ -n "$kconfig" ] && grep -q '^CONFIG_VIRTIO_BLK=[ym]' "$kconfig" &&
	   grep -q '^CONFIG_S390_GUEST=y' "$kconfig"; then
		FILES=disk
	else
		FILES=initramfs
	fi
fi

# Configurations: name -> kernel parameters. The patched kernel: stock is
# its page_states=cmma (Linux 6.1's per-page hints, same build), off is
# page_states=off; every other kernel strategy by its name. Debian's
# kernel: stock as it is, off with cmma=off.
kernel_strategies() {
	[ -x "$TOOL" ] || die "no $TOOL (make)"
	"$TOOL" list | sed -n 's/^strategies://p' | tr ' ' '\n' |
		grep -vxE '|none|cmma|report'
}
params_of() {
	case $KIND:$1 in
	patched:stock) echo "page_states=cmma" ;;
	patched:off) echo "page_states=off" ;;
	patched:*) echo "page_states=$1" ;;
	debian:stock) echo "" ;;
	debian:off) echo "cmma=off" ;;
	*) die "configuration $1 needs the patched kernel (E2E_KERNEL)" ;;
	esac
}
# the model's strategy for a configuration
model_of() {
	case $1 in
	stock) echo cmma ;;
	off) echo none ;;
	*) echo "$1" ;;
	esac
}
if [ -n "${E2E_CONFIGS:-}" ]; then
	CONFIGS=$E2E_CONFIGS
elif [ $KIND = patched ]; then
	CONFIGS="stock off $(kernel_strategies | tr '\n' ' ')"
else
	CONFIGS="stock off"
fi

rm -rf "$OUT/run" "$OUT/initramfs"
mkdir -p "$OUT/run" "$OUT/initramfs/lib/modules" "$OUT/initramfs/dev"
# trees of ours, for make clean (scripts/clean-build.sh)
touch "$OUT/run/.pagestates-output"

# The initramfs: our init, the modules, the file set if not a disk.
cp "$GUEST" "$OUT/initramfs/init"
touch "$OUT/initramfs/.pagestates-output"
if [ -n "$MODULES" ]; then
	for m in "$MODULES"/*.ko; do
		[ -e "$m" ] && cp "$m" "$OUT/initramfs/lib/modules/"
	done
fi
small=""
[ "$SMALL" = 1 ] && small=--small
"$HOSTBIN" $small --seed "$SEED" --mkfiles "$OUT/fileset.img"
if [ "$FILES" = initramfs ]; then
	mkdir -p "$OUT/initramfs/e2e"
	"$HOSTBIN" $small --seed "$SEED" --mkfiles "$OUT/initramfs/e2e/files/"
fi
# E2E_CORRUPT=1 (e2e/tests/boot.t): one byte of file 0 changed, so
# that the guest's content check fails the run
if [ "${E2E_CORRUPT:-0}" = 1 ]; then
	printf 'X' | dd of="$OUT/fileset.img" bs=1 seek=$((4096 + 100)) \
		conv=notrunc 2>/dev/null
	[ "$FILES" = disk ] || printf 'X' | dd of="$OUT/initramfs/e2e/files/f00" \
		bs=1 seek=100 conv=notrunc 2>/dev/null
fi
(cd "$OUT/initramfs" && find . ! -name .pagestates-output | LC_ALL=C sort |
	cpio --quiet -o -H newc -R 0:0) >"$OUT/initrd.cpio"

# qmp DIR JSON...: the "return" values, one JSON line each
qmp() {
	local d=$1
	shift
	printf '%s\n' '{"execute":"qmp_capabilities"}' "$@" |
		socat -t 10 - UNIX-CONNECT:"$d/qmp.sock" 2>/dev/null |
		jq -c 'select(has("return")) | .return' | tail -n +2
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# boot NAME PARAMS TRACE_KIB: one boot; console, samples, QMP answers in
# $OUT/run/NAME. Samples: host ms since the mark begin (negative before),
# QEMU RSS KiB, the guest's last used_kib, window (0 before, 1 in, 2 after),
# the RSS of the guest RAM mapping KiB
boot() {
	local name=$1 params=$2 tkib=$3 d pid t0 tb now rss used win=0 extra=""
	local append="console=ttysclp0 e2e.seed=$SEED"
	d=$OUT/run/$name
	mkdir -p "$d"
	[ "$SMALL" = 1 ] && append="$append e2e.small"
	[ -n "$params" ] && append="$append $params"
	if [ "$tkib" != 0 ]; then
		append="$append e2e.trace=$tkib"
	fi
	# the trace disk, for a kernel that reads disks (else: the console)
	if [ "$tkib" != 0 ] && [ "$FILES" = disk ]; then
		rm -f "$d/out.img"
		printf 'E2EOUT\n' >"$d/out.img"
		truncate -s 1G "$d/out.img"
		extra="-drive if=none,id=out,file=$d/out.img,format=raw
			-device virtio-blk-ccw,drive=out,devno=fe.0.0002"
	fi
	log "boot $name: $append"
	disks=""
	[ "$FILES" = disk ] && disks="-drive if=none,id=fs,file=$OUT/fileset.img,format=raw,readonly=on
		-device virtio-blk-ccw,drive=fs,devno=fe.0.0001"
	# shellcheck disable=SC2086
	timeout "$TIMEOUT" "$QEMU" -nodefaults -nographic -no-reboot \
		-machine s390-ccw-virtio,accel=tcg -m "$MEM" -smp "$SMP" \
		-chardev file,id=con0,path="$d/console.log" \
		-device sclpconsole,chardev=con0 \
		-action shutdown=pause,panic=pause \
		-qmp unix:"$d/qmp.sock",server=on,wait=off -pidfile "$d/pid" \
		$disks $extra \
		-kernel "$KERNEL" -initrd "$OUT/initrd.cpio" -append "$append" \
		</dev/null >"$d/qemu.log" 2>&1 &
	echo $! >"$d/timeout.pid"
	t0=$(now_ms)
	while [ ! -S "$d/qmp.sock" ] || [ ! -s "$d/pid" ]; do
		kill -0 "$(cat "$d/timeout.pid")" 2>/dev/null ||
			die "$name: QEMU did not start: $(cat "$d/qemu.log")"
		sleep 0.1
	done
	pid=$(cat "$d/pid")
	tb=$t0
	: >"$d/samples.raw"
	while kill -0 "$pid" 2>/dev/null; do
		now=$(now_ms)
		rss=$(awk '/^Rss:/ { print $2 }' "/proc/$pid/smaps_rollup" 2>/dev/null) || rss=""
		# the guest RAM's own mapping (MEM MiB, rw-p): RSS without
		# QEMU itself and its 1 GiB translation cache
		ram=$(awk -v kb=$((MEM * 1024)) '/^[0-9a-f]+-[0-9a-f]+ / { rw = ($2 == "rw-p") }
			/^Size:/ { sz = $2 } /^Rss:/ && rw && sz == kb { print $2; exit }' \
			"/proc/$pid/smaps" 2>/dev/null) || ram=""
		if [ $win = 0 ] && grep -q '^e2e: mark begin' "$d/console.log"; then
			qmp "$d" '{"execute":"query-cmma"}' >"$d/cmma-begin.json"
			win=1
			tb=$now
		elif [ $win = 1 ] && grep -q '^e2e: mark end' "$d/console.log"; then
			qmp "$d" '{"execute":"query-cmma"}' >"$d/cmma-end.json"
			win=2
			echo "$rss" >"$d/rss-end"
			echo "${ram:-null}" >"$d/ram-end"
		fi
		used=$(grep '^e2e: mem ' "$d/console.log" | tail -n 1 |
			sed -n 's/.* used_kib=\([0-9]*\).*/\1/p')
		[ -n "$rss" ] && echo "$now $rss ${used:-NaN} $win ${ram:-NaN}" >>"$d/samples.raw"
		if grep -q '^e2e: RESULT' "$d/console.log" ||
		   grep -q 'Kernel panic' "$d/console.log"; then
			st=$(qmp "$d" '{"execute":"query-status"}' | jq -r .status)
			[ -n "$st" ] && [ "$st" != running ] && break
		fi
		if [ $(($(now_ms) - t0)) -gt $((TIMEOUT * 1000)) ]; then
			break
		fi
		sleep 0.25
	done
	qmp "$d" '{"execute":"query-cmma"}' >"$d/cmma-final.json" || :
	qmp "$d" '{"execute":"quit"}' >/dev/null || :
	wait "$(cat "$d/timeout.pid")" 2>/dev/null || :
	echo $(($(now_ms) - t0)) >"$d/boot-ms"
	awk -v tb="$tb" '{ $1 -= tb; print }' "$d/samples.raw" >"$d/samples"
	grep -q '^e2e: RESULT PASS' "$d/console.log" ||
		die "$name: no RESULT PASS; console: $d/console.log"
	# the patched kernel names the strategy it runs; one it does not
	# have (page_states=X: unknown) makes the configuration unavailable
	if [ $KIND = patched ]; then
		want=$(model_of "$name")
		[ "$name" = capture ] && want=$(model_of "${CONFIGS%% *}")
		if ! grep -q "page_states: strategy $want, " "$d/console.log"; then
			grep -q 'page_states=.*: unknown' "$d/console.log" ||
				die "$name: the kernel does not say it runs $want"
			log "$name: the kernel has no strategy $want, left out"
			touch "$d/unavailable"
		fi
	fi
	[ -s "$d/cmma-begin.json" ] && [ -s "$d/cmma-end.json" ] ||
		die "$name: QEMU's counters not read at the marks"
}

# config_json NAME PARAMS: the configuration's measured values
config_json() {
	local name=$1 params=$2 d=$OUT/run/$1
	awk '$4 == 1 { n++; s += $2 } END { if (n) printf "%.0f\n", s / n; else print "null" }' \
		"$d/samples" >"$d/rss-mean"
	awk '$4 == 1 && $5 != "NaN" { n++; s += $5 } END { if (n) printf "%.0f\n", s / n; else print "null" }' \
		"$d/samples" >"$d/ram-mean"
	# the guest's own memory lines between its marks
	awk '/^e2e: mark begin/ { in_ = 1; next } /^e2e: mark end/ { in_ = 0 }
	     in_ && /^e2e: mem / { for (i = 1; i <= NF; i++)
		if ($i ~ /^used_kib=/) { sub(/used_kib=/, "", $i); n++; s += $i } }
	     END { if (n) printf "%.0f\n", s / n; else print "null" }' \
		"$d/console.log" >"$d/guest-used-mean"
	awk '/^e2e: vmstat (begin|end) page_states_/ {
		if ($3 == "begin") b[$4] = $5; else e[$4] = $5 }
	     END { printf "{"; sep = ""
		for (k in e) { printf "%s\"%s\": %d", sep, k, e[k] - b[k]; sep = ", " }
		print "}" }' "$d/console.log" >"$d/vmstat.json"
	jq -n --arg params "$params" \
		--argjson b "$(cat "$d/cmma-begin.json")" \
		--argjson e "$(cat "$d/cmma-end.json")" \
		--argjson rss_mean "$(cat "$d/rss-mean")" \
		--argjson rss_end "$(cat "$d/rss-end")" \
		--argjson ram_mean "$(cat "$d/ram-mean")" \
		--argjson ram_end "$(cat "$d/ram-end")" \
		--argjson used "$(cat "$d/guest-used-mean")" \
		--argjson ws "$(sed -n 's/^e2e: workload_seconds //p' "$d/console.log" | tail -n 1)" \
		--argjson vm "$(cat "$d/vmstat.json")" \
		--argjson boot_ms "$(cat "$d/boot-ms")" \
		--arg kline "$(grep -o 'page_states: .*' "$d/console.log" | head -n 3 | tr -d '\r' | paste -sd ';' -)" '
		[range(0; 8) as $i | ($e.essa[$i] - $b.essa[$i])] as $by |
		{params: $params,
		 kernel_says: $kline,
		 essa: ($by | add),
		 essa_by_code: ([range(0; 8) as $i | {key: ($i | tostring), value: $by[$i]}] | from_entries),
		 cbrl_flushes: ($e["list-flushes"] - $b["list-flushes"]),
		 dropped_unused: ($e["dropped-unused"] - $b["dropped-unused"]),
		 essa_before_workload: ($b.essa | add),
		 rss_mean_kib: $rss_mean, rss_end_kib: $rss_end,
		 guest_ram_rss_mean_kib: $ram_mean, guest_ram_rss_end_kib: $ram_end,
		 guest_used_mean_kib: $used, workload_seconds: $ws,
		 guest_page_states: $vm, boot_seconds: ($boot_ms / 1000),
		 predicted_hint_ops: null, model_host_required_mean_kib: null}'
}

: >"$OUT/configs.jsonl"
ran=""
for c in $CONFIGS; do
	boot "$c" "$(params_of "$c")" 0
	[ -e "$OUT/run/$c/unavailable" ] && continue
	ran="$ran $c"
	config_json "$c" "$(params_of "$c")" |
		jq -c --arg n "$c" '{($n): .}' >>"$OUT/configs.jsonl"
done
CONFIGS=${ran# }
[ -n "$CONFIGS" ] || die "no configuration ran"

# The capture, and the model on it.
MODEL=null
if [ "$TRACE" != 0 ]; then
	first=${CONFIGS%% *}
	boot capture "$(params_of "$first")" "$TRACE"
	d=$OUT/run/capture
	hdr=$(head -c 64 "$d/out.img" 2>/dev/null | head -n 1)
	lost=$(sed -n 's/^e2e: trace: lost \([0-9]*\) events.*/\1/p' "$d/console.log")
	[ -n "$lost" ] || die "capture: the guest wrote no trace"
	case $hdr in
	E2ETRACE*)
		set -- $hdr
		bytes=$2
		tail -c +4097 "$d/out.img" | head -c "$bytes" ;;
	*)	# no disk: the console's e2e-trace: lines
		sed -n 's/^e2e-trace: //p' "$d/console.log" ;;
	esac | xz -T1 -6 >"$OUT/capture.txt.xz"
	bytes=$(xz -dc "$OUT/capture.txt.xz" | wc -c)
	rm -f "$d/out.img"
	[ "$lost" = 0 ] || log "capture: the ring buffer lost $lost events"
	log "capture: $bytes bytes, $(wc -c <"$OUT/capture.txt.xz") xz"
	strategies=$(for c in $CONFIGS; do model_of "$c"; done | paste -sd, -)
	"$TOOL" compare --trace "$OUT/capture.txt.xz" -m "${MEM}M" \
		-c "$SMP" -s "$strategies" --json "$OUT/model.json" \
		>"$OUT/model.txt"
	MODEL=$(jq -c --arg lost "$lost" --arg conf "$first" '{trace_config: $conf, lost_events: ($lost | tonumber),
		valid: .verdict, strategies: (.strategies | map_values({hint_ops, host_required_mean_pages, freed_pages, failed_allocations, violations}))}' "$OUT/model.json")
fi

# results.json: the configurations, the model beside them
jq -s --argjson model "$MODEL" --arg kernel "$KIND $(basename "$KERNEL")" \
	--argjson mem "$MEM" --argjson smp "$SMP" --argjson small "$SMALL" \
	--argjson seed "$SEED" --arg map "$(for c in $CONFIGS; do printf '%s=%s ' "$c" "$(model_of "$c")"; done)" '
	(reduce .[] as $c ({}; . + $c)) as $confs |
	($map | split(" ") | map(select(length > 0) | split("=") | {key: .[0], value: .[1]}) | from_entries) as $m |
	{kernel: $kernel, guest_mem_mib: $mem, guest_cpus: $smp,
	 small: ($small == 1), seed: $seed,
	 configurations: ($confs | with_entries(
		.key as $k |
		($model.strategies[$m[$k]] // null) as $p |
		.value.model_strategy = $m[$k] |
		.value.predicted_hint_ops = ($p.hint_ops // null) |
		.value.model_host_required_mean_kib =
			(if $p then $p.host_required_mean_pages * 4 else null end))),
	 model: $model}' "$OUT/configs.jsonl" >"$OUT/results.json"

# The goals of issue 13, from the figures above: the batched strategy
# with the fewest ESSA against stock (ESSA at most half, RSS at the end
# within 5%, wall time no worse), the model's ESSA prediction within 10%.
jq '.configurations as $c | ($c.stock // null) as $s |
	([$c | to_entries[] | select(.key != "stock" and .key != "off")] |
	 sort_by(.value.essa) | first // null) as $b |
	.goals = {
	  best_batched: ($b.key // null),
	  essa_ratio: (if $b and $s and $s.essa > 0 then $b.value.essa / $s.essa else null end),
	  rss_end_ratio: (if $b and $s then $b.value.rss_end_kib / $s.rss_end_kib else null end),
	  workload_seconds_ratio: (if $b and $s then $b.value.workload_seconds / $s.workload_seconds else null end),
	  prediction_error: ($c | with_entries(select(.value.predicted_hint_ops != null and .value.essa > 0) |
		.value = (.value.predicted_hint_ops / .value.essa - 1)))
	} |
	.goals.met = {
	  essa_half: (if .goals.essa_ratio then .goals.essa_ratio <= 0.5 else null end),
	  rss_end_5pct: (if .goals.rss_end_ratio then (.goals.rss_end_ratio - 1 | fabs) <= 0.05 else null end),
	  wall_time_no_worse: (if .goals.workload_seconds_ratio then .goals.workload_seconds_ratio <= 1 else null end),
	  prediction_10pct: ([.goals.prediction_error[] | fabs <= 0.1] | if length > 0 then all else null end)
	}' "$OUT/results.json" >"$OUT/results.json.tmp"
mv "$OUT/results.json.tmp" "$OUT/results.json"

# The table.
jq -r '
	def f(x): if x == null then "-" else (x | tostring) end;
	.configurations as $c | ($c.stock // null) as $s |
	["config", "essa", "essa/stock", "cbrl", "rss_mean", "rss_end",
	 "end/stock", "ram_end", "guest_used", "work_s", "s/stock", "predicted", "pred/essa",
	 "model_req"],
	($c | to_entries[] | .value as $v | [.key, f($v.essa),
	  (if $s and $s.essa > 0 then ($v.essa / $s.essa * 1000 | round / 1000) else "-" end),
	  f($v.cbrl_flushes), f($v.rss_mean_kib), f($v.rss_end_kib),
	  (if $s then ($v.rss_end_kib / $s.rss_end_kib * 1000 | round / 1000) else "-" end),
	  f($v.guest_ram_rss_end_kib), f($v.guest_used_mean_kib), f($v.workload_seconds),
	  (if $s then ($v.workload_seconds / $s.workload_seconds * 1000 | round / 1000) else "-" end),
	  f($v.predicted_hint_ops),
	  (if $v.predicted_hint_ops != null and $v.essa > 0 then ($v.predicted_hint_ops / $v.essa * 1000 | round / 1000) else "-" end),
	  (if $v.model_host_required_mean_kib then ($v.model_host_required_mean_kib | round) else "-" end)])
	| @tsv' "$OUT/results.json" |
	awk -F '\t' '{ for (i = 1; i <= NF; i++) { c[NR, i] = $i
			if (length($i) > w[i]) w[i] = length($i) }
		if (NF > nf) nf = NF }
	     END { for (r = 1; r <= NR; r++) { line = ""
			for (i = 1; i <= nf; i++)
				line = line sprintf(i == 1 ? "%-*s" : "  %*s", w[i], c[r, i])
			print line } }' >"$OUT/results.txt"
jq -r '.goals | "goals: best batched \(.best_batched // "-"): ESSA/stock \(.essa_ratio // "-"), RSS end/stock \(.rss_end_ratio // "-"), wall time/stock \(.workload_seconds_ratio // "-"); model/QEMU ESSA - 1: \(.prediction_error | tostring); met: \(.met | tostring)"' \
	"$OUT/results.json" >>"$OUT/results.txt"
cat "$OUT/results.txt"

# The plot: host RSS and guest used memory over the run, per configuration.
{
	n=$(echo $CONFIGS | wc -w)
	echo "set terminal pngcairo size 900,$((260 * n)) noenhanced font ',9'"
	echo "set output '$OUT/rss.png'"
	echo "set multiplot layout $n,1 title 'e2e: QEMU RSS against guest used memory ($KIND kernel, $MEM MiB guest)'"
	echo "set xlabel 'seconds from the mark begin (the workload runs from 1 s)'; set ylabel 'MiB'"
	echo "set key top left; set grid; set datafile missing 'NaN'; set yrange [0:*]"
	for c in $CONFIGS; do
		f=$OUT/run/$c/samples
		echo "set title '$c ($(params_of "$c"))'"
		echo "plot '$f' using (\$1/1000):(\$2/1024) with lines lw 2 title 'QEMU RSS', \
			'' using (\$1/1000):(\$5/1024) with lines lw 2 title 'of it: guest RAM resident', \
			'' using (\$1/1000):(\$3/1024) with lines lw 2 title 'guest used (MemTotal-MemFree)'"
	done
	echo "unset multiplot"
} >"$OUT/rss.gp"
gnuplot "$OUT/rss.gp"
log "results: $OUT/results.json, $OUT/results.txt, $OUT/rss.png"
