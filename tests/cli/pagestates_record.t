#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# pagestates record: refuses clearly without root or tracefs; with them it
# records a real workload into a complete capture that replays, leaves
# the tracefs top level as it was and removes its instance, also on
# errors and signals; .xz and .gz captures; the command's exit status;
# --command-only keeps the command's tasks' lines only.
cd "$(dirname "$0")/../.." || exit 1
PS=${PAGESTATES:-${O:-build}/plain/pagestates}
PSABS=$(cd "$(dirname "$PS")" && pwd)/$(basename "$PS")
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
. tests/cli/lib.sh
# expect RC "NEEDLE" DESC -- ARGS...: exit status and NEEDLE on stderr
expect() {
	rc=$1 needle=$2 desc=$3; shift 4
	"$@" >"$T/out" 2>&1; got=$?
	if [ "$got" = "$rc" ] && grep -q -- "$needle" "$T/out"; then ok 0 "$desc"
	else ok 1 "$desc"; echo "# exit $got, want $rc; output:"; sed 's/^/#   /' "$T/out" | head -5; fi
}
echo "1..33"

# --- refusals, anywhere ----------------------------------------------------
expect 2 "record needs a command" "no command: usage error" -- "$PS" record -o "$T/x"
PAGESTATES_TRACEFS=$T/none expect 1 "no tracefs at $T/none" "no tracefs: refused" -- "$PS" record -o "$T/x" -- true
[ ! -e "$T/x" ]; ok $? "no tracefs: no capture file left"
if command -v setpriv >/dev/null && [ "$(id -u)" = 0 ]; then
	expect 1 "as root" "not root: refused, saying to run as root" -- \
		setpriv --reuid=65534 --regid=65534 --clear-groups "$PSABS" record -o "$T/x" -- true
else
	skip 1 "needs root and setpriv to try as another user"
fi
# a directory that looks like tracefs but has no events: an error after
# the instance was made, which must be removed again
mkdir -p "$T/fake/instances"
PAGESTATES_TRACEFS=$T/fake expect 1 "cannot enable kmem/mm_page_alloc" "tracepoints missing: refused" -- \
	"$PS" record -o "$T/x" -- true
[ -z "$(ls "$T/fake/instances")" ]; ok $? "tracepoints missing: the instance removed again"

# --- live ------------------------------------------------------------------
TRACEFS=$(awk '$3 == "tracefs" { print $2; exit }' /proc/mounts)
if [ "$(id -u)" != 0 ] || ! grep -qw tracefs /proc/filesystems; then
	skip 24 "needs root and a kernel with tracefs"
	exit 0
fi
I=${TRACEFS:-/sys/kernel/tracing}/instances
# what a run must leave as it was (the top level)
state() {
	for f in tracing_on buffer_size_kb current_tracer set_event trace_options trace_clock; do
		printf '%s: ' $f; tr '\n' ' ' <"${TRACEFS:-/sys/kernel/tracing}/$f"; echo
	done
	ls "$I" | grep -v '^pagestates-'	# others' instances
}
WL='dd if=/dev/zero of="$0/w" bs=64k count=64 2>/dev/null; stat -c %i "$0/w" >"$0/ino"; cat "$0/w" >/dev/null; rm "$0/w"'
[ -n "$TRACEFS" ] && state >"$T/before"
"$PS" record -o "$T/r.txt" -- sh -c "$WL" "$T" 2>"$T/err"
ok $? "record of a workload exits 0"
[ -n "$TRACEFS" ] && state >"$T/after"
if [ -n "$TRACEFS" ]; then
	cmp -s "$T/before" "$T/after"; ok $? "the tracefs top level as it was, no instance left"
	diff "$T/before" "$T/after" | sed 's/^/#   /' | head -5
else
	! grep -qw tracefs /proc/mounts; ok $? "tracefs was not mounted: unmounted again"
fi
[ "$(head -n 1 "$T/r.txt")" = "# tracer: nop" ]; ok $? "capture starts with the tracefs header"
[ "$(tail -c 1 "$T/r.txt" | od -An -c | tr -d ' ')" = '\n' ]; ok $? "capture ends with a whole line"
grep -q ' mm_page_alloc: ' "$T/r.txt" && grep -q ' mm_filemap_add_to_page_cache: ' "$T/r.txt"
ok $? "capture holds page allocator and page cache events"
"$PS" replay "$T/r.txt" --strict -s spill --json - 2>"$T/rerr" >"$T/j"
ok $? "every line of the capture parses (--strict)"
jqt '.input.format == "tracefs" and .strategies.spill.freed_pages > 0 and .strategies.spill.violations == 0' "$T/j"
ok $? "the capture replays: tracefs, pages freed, no violations"
# the workload wrote 4 MiB through the page cache: its pages (in folios
# of 2^order) are there, told by the file's inode (tracefs prints it in
# hex; the comm may be "<...>" when the kernel's comm cache lost it)
ino=$(printf '%x' "$(cat "$T/ino")")
pages=$(awk -v ino="$ino" '/ mm_filemap_add_to_page_cache: / && $0 ~ " ino " ino " " {
	sub(/.*order=/, ""); p += 2 ^ $1 } END { print p + 0 }' "$T/r.txt")
# (on a busy machine the reader may fall behind: then the loss must have
# been reported, in the capture and in the summary)
lost=$(jq -r '.input.lost_events' "$T/j")
if [ "$pages" -ge 1024 ]; then
	ok 0 "the workload's 1024 page cache pages were captured ($pages)"
else
	[ "$lost" -gt 0 ] && grep -q "the kernel lost [0-9]* events" "$T/err"
	ok $? "$pages of the workload's 1024 page cache pages captured: $lost lost events reported"
fi
grep -q "lines (.* MB of text" "$T/err" && grep -q "events lost\|lost [0-9]* events" "$T/err"
ok $? "a summary with the lost events"
"$PS" compare "$T/r.txt" -s none,spill -q
ok $? "the capture goes straight into compare"

"$PS" record -q -o "$T/s.txt" -- sh -c 'exit 3'
[ $? = 3 ]; ok $? "the command's exit status is record's"
"$PS" record -q -o "$T/s.txt" -- "$T/no-such-command" 2>"$T/err"
[ $? = 127 ] && grep -q "cannot run" "$T/err" && [ ! -e "$T/s.txt" ]
ok $? "a command that cannot run: 127, no capture"
# left over: a pagestates-PID instance whose process is gone (another
# user's record may be running meanwhile: its instance is not ours)
leftover() {
	for d in $(ls "$I" 2>/dev/null | grep '^pagestates-[0-9]*$'); do
		kill -0 "${d#pagestates-}" 2>/dev/null || echo "$d"
	done
}
[ -z "$(leftover)" ]; ok $? "no instance left after errors"

for z in xz gz; do
	"$PS" record -q -o "$T/r.txt.$z" -- sh -c "$WL" "$T"
	if [ $z = xz ]; then xz -t "$T/r.txt.$z"; else gzip -t "$T/r.txt.$z"; fi
	ok $? "-o FILE.$z: a valid $z file"
	"$PS" replay "$T/r.txt.$z" --strict -s none --json - 2>/dev/null |
		jqt ".input.compression == \"$( [ $z = xz ] && echo xz || echo gzip)\" and .input.events_replayed > 100"
	ok $? "-o FILE.$z: replays"
done

# --command-only: the lines of sh and of what it forks (dd, stat, cat,
# rm; "<...>" where the kernel's comm cache lost a name), no fork lines
"$PS" record --command-only -o "$T/c.txt" -- sh -c "$WL" "$T" 2>"$T/err"
[ $? = 0 ] && grep -q -- "--command-only: [0-9]* tasks traced" "$T/err" &&
	grep -q ' mm_page_alloc: ' "$T/c.txt"
ok $? "--command-only: the workload recorded, the tasks counted"
awk '!/^#/ && !/^CPU:/ { sub(/^ +/, ""); sub(/-[0-9]+$/, "", $1); print $1 }' "$T/c.txt" |
	sort -u >"$T/comms"
! grep -qvx 'sh\|dd\|stat\|cat\|rm\|<\.\.\.>' "$T/comms" && ! grep -q sched_process_fork "$T/c.txt"
ok $? "--command-only: no other task's line, no fork line"
sed 's/^/#   /' "$T/comms" | head -5
"$PS" replay "$T/c.txt" --strict -s spill -q 2>/dev/null
ok $? "--command-only: the capture replays (--strict)"

# signals: SIGTERM stops the command, the capture is completed and clean
"$PS" record -q -o "$T/t.txt" -- sleep 60 &
pid=$!
sleep 1
kill -TERM $pid
wait $pid
[ $? = 143 ]; ok $? "SIGTERM: the command is stopped (status 128+15)"
[ "$(tail -c 1 "$T/t.txt" | od -An -c | tr -d ' ')" = '\n' ] && "$PS" replay "$T/t.txt" --strict -s none -q 2>/dev/null
ok $? "SIGTERM: the capture is whole"
[ -z "$(ls "$I" | grep "^pagestates-$pid$")" ]; ok $? "SIGTERM: the instance is removed"
# SIGINT sent to record (not by a terminal) is passed to the command
"$PS" record -q -o "$T/t.txt" -- sh -c 'trap "exit 7" INT; kill -INT $PPID; sleep 5 & wait'
[ $? = 7 ]; ok $? "SIGINT to record reaches the command"
# SIGKILL leaves the instance behind; the next run removes it
"$PS" record -q -o "$T/k.txt" -- sh -c 'echo $$ >"$0/child"; exec sleep 60' "$T" &
pid=$!
sleep 1
kill -KILL $pid
wait $pid 2>/dev/null
[ -s "$T/child" ] && kill "$(cat "$T/child")"	# the orphaned command
[ -d "$I/pagestates-$pid" ]; ok $? "SIGKILL: the instance stays (nothing runs after SIGKILL)"
"$PS" record -o "$T/k.txt" -- true 2>"$T/err"
grep -q "removed .*pagestates-$pid, left by a run that was killed" "$T/err" && [ ! -d "$I/pagestates-$pid" ]
ok $? "the next record removes it"

# tracefs not mounted: mounted for the run, unmounted after (in a mount
# namespace of our own, so the machine's mount is not touched)
if command -v unshare >/dev/null && unshare -m true 2>/dev/null; then
	unshare -m sh -c '
		umount /sys/kernel/tracing 2>/dev/null
		grep -qw tracefs /proc/mounts && exit 2
		"$1" record -q -o "$2/m.txt" -- true || exit 3
		grep -qw tracefs /proc/mounts && exit 4
		exit 0' sh "$PSABS" "$T"
	ok $? "tracefs not mounted: mounted for the run and unmounted after"
else
	skip 1 "no mount namespace here (unshare -m)"
fi
