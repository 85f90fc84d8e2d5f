# SPDX-License-Identifier: GPL-2.0
# Shared by the qemu/tests/*.t scripts (TAP): start the patched QEMU on a
# bare-metal image, talk QMP to it over a unix socket (socat, jq), read
# the console, stop it. Environment (set by make qemu-check):
#   QEMU  the patched qemu-system-s390x    BM  the bare-metal image dir
#   QEMU_TEST_TIMEOUT  seconds a QEMU may live, and a wait may take
#                      (default 900)
# POSIX sh plus "local" (dash, bash, busybox sh).
set -u

: "${QEMU:?QEMU=path to the patched qemu-system-s390x}"
: "${BM:?BM=directory of the bare-metal images}"
TIMEOUT=${QEMU_TEST_TIMEOUT:-900}
T=$(mktemp -d "${TMPDIR:-/tmp}/qemu-test.XXXXXX")
trap 'qemu_kill_all; rm -rf "$T"' EXIT
n=0
failed=0
# a reboot request stops the machine, unless a test wants to reset it
REBOOT=-no-reboot

for tool in socat jq timeout; do
	command -v $tool >/dev/null 2>&1 || {
		echo "1..0 # SKIP $tool not installed"
		exit 0
	}
done

ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		failed=1
	fi
}

diag() {
	printf '%s\n' "$@" | sed 's/^/# /'
}

# qemu_start NAME IMAGE MEM APPEND [qemu args...]: QEMU in the background;
# its console in $T/NAME/con.log, QMP at $T/NAME/qmp.sock. A halt of the
# image pauses the machine (shutdown or panic), so QMP stays answerable.
qemu_start() {
	local name=$1 image=$2 mem=$3 append=$4 d i
	shift 4
	d=$T/$name
	mkdir -p "$d"
	# shellcheck disable=SC2086
	timeout "$TIMEOUT" "$QEMU" -nodefaults -nographic $REBOOT \
		-m "$mem" -chardev file,id=con0,path="$d/con.log" \
		-device sclpconsole,chardev=con0 \
		-action shutdown=pause,panic=pause \
		-qmp unix:"$d/qmp.sock",server=on,wait=off \
		-pidfile "$d/pid" -kernel "$image" -append "$append" \
		"$@" </dev/null >"$d/qemu.log" 2>&1 &
	echo $! >"$d/timeout.pid"
	i=0
	while [ ! -S "$d/qmp.sock" ] || [ ! -s "$d/pid" ]; do
		i=$((i + 1))
		if [ $i -gt 300 ] || ! kill -0 "$(cat "$d/timeout.pid")" 2>/dev/null
		then
			diag "$name: QEMU did not start" "$(cat "$d/qemu.log")"
			return 1
		fi
		sleep 0.1
	done
}

# qmp NAME JSON...: the "return" values, one JSON line each
qmp() {
	local name=$1
	shift
	printf '%s\n' '{"execute":"qmp_capabilities"}' "$@" |
		socat -t 5 - UNIX-CONNECT:"$T/$name/qmp.sock" |
		jq -c 'select(has("return") or has("error")) | .return // .error' |
		tail -n +2
}

hmp() {
	qmp "$1" "$(jq -nc --arg c "$2" \
		'{execute:"human-monitor-command",arguments:{"command-line":$c}}')" |
		jq -r .
}

# wait_console NAME REGEX: until the console has a matching line; fails
# when QEMU is gone, the image gave its result instead, or time is up
wait_console() {
	local end=$(($(date +%s) + TIMEOUT))

	while ! grep -q -- "$2" "$T/$1/con.log" 2>/dev/null; do
		kill -0 "$(cat "$T/$1/timeout.pid")" 2>/dev/null || return 1
		grep -q -e '-RESULT:' "$T/$1/con.log" 2>/dev/null && return 1
		[ "$(date +%s)" -lt $end ] || return 1
		sleep 0.2
	done
}

result() {
	grep -m1 -e '-RESULT:' "$T/$1/con.log" 2>/dev/null
}

console() {
	diag "$(cat "$T/$1/con.log" 2>/dev/null)"
}

# the value of key=value in the CMMA-COUNTS line
count() {
	sed -n "s/.*CMMA-COUNTS.* $2=\([^ ]*\).*/\1/p" "$T/$1/con.log" | head -n 1
}

# resident memory of the QEMU process, KiB
rss_kib() {
	awk '/^Rss:/ { print $2 }' "/proc/$(cat "$T/$1/pid")/smaps_rollup"
}

qemu_stop() {
	qmp "$1" '{"execute":"quit"}' >/dev/null 2>&1
	wait "$(cat "$T/$1/timeout.pid")" 2>/dev/null
	rm -f "$T/$1/timeout.pid"
}

qemu_kill_all() {
	for f in "$T"/*/timeout.pid; do
		[ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null
	done
	return 0
}

done_testing() {
	echo "1..$n"
	exit $failed
}
