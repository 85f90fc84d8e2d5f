#!/bin/bash
# capture-workloads.sh: record real page allocator and page cache traces of
# this machine's kernel under four workloads, for pagestates replay/compare.
#
#   bash scripts/capture-workloads.sh [-o DIR] [-b KB] [WORKLOAD...]
#
# WORKLOAD is any of kbuild pgbench filechurn interactive (default: all,
# in that order). Each capture is DIR/WORKLOAD.txt.xz (DIR defaults to
# build/captures); DIR/README.txt gets one paragraph per capture: what it
# is, its size, lines, events lost, duration and the command. Inputs the
# workloads need (a kernel tree, a database cluster, a file set) are made
# under DIR/work before the capture starts, so preparing them is not in
# the trace.
#
# The capture is `pagestates record --command-only` (a tracefs instance of
# its own, the kmem and filemap events of DESIGN.md section 8, of the
# workload's tasks only: on a shared machine the rest would swamp it; the
# kernel's frees in other contexts, kworkers and reclaim, are then not
# in it). Needs root, tracefs, the tool built (make), and the packages of
# `sh scripts/install-deps.sh --captures` (linux-source-6.1, postgresql,
# bc, flex, bison, libelf-dev among them).
#
# Sizes are set so that a capture is a few million lines (some tens of MB
# of xz at most) and replays in well under a minute; the environment
# variables below change them:
#   KBUILD_DIRS   directories of the tinyconfig build to compile (mm)
#   PG_SCALE      pgbench scale factor (10: about 160 MB of tables)
#   PG_SECONDS    pgbench run time (60)
#   FILES_MB      size of the file set (512)   FILES_ROUNDS  reads of it (3)
#   MIX_ROUNDS    rounds of the interactive mix (12)
#   XZ_LEVEL      xz preset of the captures (2)
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
out=build/captures
buf=65536
while getopts o:b:h opt; do
	case $opt in
	o) out=$OPTARG ;;
	b) buf=$OPTARG ;;
	*) sed -n '2,32s/^# \{0,1\}//p' "$0"; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
workloads=${*:-kbuild pgbench filechurn interactive}

ps=${PAGESTATES:-$here/build/plain/pagestates}
[ -x "$ps" ] || { echo "$0: build $ps first (make)" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "$0: needs root (tracefs)" >&2; exit 1; }
mkdir -p "$out/work"
out=$(cd "$out" && pwd)
work=$out/work

: "${KBUILD_DIRS:=mm}"
: "${PG_SCALE:=10}" "${PG_SECONDS:=60}"
: "${FILES_MB:=512}" "${FILES_ROUNDS:=3}"
: "${MIX_ROUNDS:=12}"
: "${XZ_LEVEL:=2}"

say() { echo "capture-workloads: $*" >&2; }

# capture NAME DESCRIPTION -- COMMAND...: record COMMAND, note it in README
capture() {
	local name=$1 what=$2 t0 t1 started log lines lost
	shift 3
	log=$work/$name.record.log
	say "$name: recording: $*"
	t0=$(date +%s.%N)
	started=$(date -u +%FT%TZ)
	# the recorder at normal priority, writing plain text (compressing
	# on the fly falls behind a busy kernel), the workload niced
	"$ps" record --command-only -b "$buf" -o "$work/$name.txt" -- nice -n 10 "$@" 2>"$log" ||
		{ cat "$log" >&2; say "$name: recording failed"; exit 1; }
	t1=$(date +%s.%N)
	cat "$log" >&2
	say "$name: compressing"
	rm -f "$out/$name.txt.xz"
	# not niced: a niced xz -6 starved for half an hour on a busy machine
	xz "-$XZ_LEVEL" -T2 -c "$work/$name.txt" > "$out/$name.txt.xz"
	rm -f "$work/$name.txt"
	lines=$(sed -n 's/.*record: \([0-9]*\) lines.*/\1/p' "$log" | tail -n 1)
	lost=$(sed -n 's/.*lost \([0-9]*\) events.*/\1/p' "$log" | tail -n 1)
	# a capture made again replaces its paragraph
	if [ -e "$out/README.txt" ]; then
		awk -v RS= -v ORS='\n\n' -v n="$name.txt.xz" \
			'$1 != n' "$out/README.txt" > "$out/README.txt.new"
		mv "$out/README.txt.new" "$out/README.txt"
	fi
	{
		printf '%s.txt.xz\n' "$name"
		printf '  what:     %s\n' "$what"
		printf '  kernel:   %s %s, %s cpus, %s MiB\n' "$(uname -r)" \
			"$(uname -m)" "$(nproc)" \
			"$(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo)"
		printf '  size:     %s bytes xz; %s lines; events lost: %s\n' \
			"$(stat -c %s "$out/$name.txt.xz")" "${lines:-?}" "${lost:-0}"
		printf '  duration: %.0f s (recorded %s)\n' \
			"$(echo "$t1 - $t0" | bc)" "$started"
		printf '  command:  nice -n 10 %s\n' "$*"
		printf '  xz:       -%s\n' "$XZ_LEVEL"
		printf '  made by:  scripts/capture-workloads.sh %s\n\n' "$name"
	} >> "$out/README.txt"
}

# --- kbuild: compile part of a tinyconfig Linux 6.1 build ---------------
prep_kbuild() {
	local src=/usr/src/linux-source-6.1.tar.xz
	[ -r "$src" ] || { say "needs $src (apt-get install linux-source-6.1)"; exit 1; }
	if [ ! -e "$work/linux/Makefile" ]; then
		say "kbuild: unpacking $src"
		mkdir -p "$work/linux"
		tar -xJf "$src" -C "$work/linux" --strip-components=1
	fi
	make -s -C "$work/linux" tinyconfig >/dev/null
	# everything before the objects of KBUILD_DIRS: headers, kconfig,
	# host tools (prepare); the capture then compiles from clean
	make -s -C "$work/linux" -j2 prepare >/dev/null
	local d
	for d in $KBUILD_DIRS; do
		find "$work/linux/$d" -name '*.o' -delete
	done
}
run_kbuild() {
	prep_kbuild
	# shellcheck disable=SC2086
	capture kbuild "compiling $KBUILD_DIRS/ of Linux 6.1 tinyconfig, make -j2 (gcc)" \
		-- make -s -C "$work/linux" -j2 $(printf '%s/ ' $KBUILD_DIRS)
}

# --- pgbench: a PostgreSQL cluster of our own, on a Unix socket only ----
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
pg() { runuser -u postgres -- "$@"; }
prep_pgbench() {
	[ -x "$pg_bin/initdb" ] || { say "needs postgresql (apt-get install postgresql)"; exit 1; }
	rm -rf "$work/pg"
	mkdir -p "$work/pg/sock"
	chown -R postgres: "$work/pg"
	chmod 755 "$work" "$out"
	pg "$pg_bin/initdb" -D "$work/pg/data" -A trust >/dev/null
	printf "listen_addresses = ''\nunix_socket_directories = '%s'\nport = 54329\n" \
		"$work/pg/sock" >> "$work/pg/data/postgresql.conf"
}
run_pgbench() {
	prep_pgbench
	cat > "$work/pgbench.sh" <<-EOF
	#!/bin/sh
	# start the server, load the tables, run pgbench, stop the server
	set -e
	"$pg_bin/pg_ctl" -D "$work/pg/data" -l "$work/pg/log" -w start
	"$pg_bin/pgbench" -h "$work/pg/sock" -p 54329 -i -q -s $PG_SCALE postgres
	"$pg_bin/pgbench" -h "$work/pg/sock" -p 54329 -c 4 -j 2 -T $PG_SECONDS postgres
	"$pg_bin/pg_ctl" -D "$work/pg/data" -m fast -w stop
	EOF
	chmod 755 "$work/pgbench.sh"
	capture pgbench "PostgreSQL $("$pg_bin/postgres" -V | awk '{print $3}'): server start, pgbench -i -s $PG_SCALE, pgbench -c 4 -j 2 -T $PG_SECONDS (TPC-B like), server stop" \
		-- runuser -u postgres -- "$work/pgbench.sh"
}

# --- filechurn: a file set read repeatedly, its cache dropped between ---
prep_filechurn() {
	local n=$((FILES_MB / 4)) i
	mkdir -p "$work/files"
	# FILES_MB in 4 MiB files, plus as many small ones (4-64 KiB)
	for i in $(seq 1 "$n"); do
		[ -s "$work/files/big$i" ] ||
			head -c 4M /dev/urandom > "$work/files/big$i"
		[ -s "$work/files/small$i" ] ||
			head -c $(((i % 16 + 1) * 4096)) /dev/urandom > "$work/files/small$i"
	done
	sync
}
run_filechurn() {
	prep_filechurn
	cat > "$work/filechurn.sh" <<-EOF
	#!/bin/sh
	# FILES_ROUNDS times: drop the set's page cache (only these files:
	# POSIX_FADV_DONTNEED through dd), then read every file; every other
	# round also rewrites a tenth of the small files (dirty pages)
	set -e
	cd "$work/files"
	for r in \$(seq 1 $FILES_ROUNDS); do
		for f in *; do dd if="\$f" iflag=nocache count=0 status=none; done
		cat big* > /dev/null
		cat small* > /dev/null
		if [ \$((r % 2)) -eq 1 ]; then
			for f in small*0; do cp "\$f" "\$f.new"; mv "\$f.new" "\$f"; done
		fi
		sleep 1
	done
	EOF
	chmod 755 "$work/filechurn.sh"
	capture filechurn "page cache churn: $FILES_MB MiB in $((FILES_MB / 4)) files of 4 MiB plus as many of 4-64 KiB, read $FILES_ROUNDS times, the files' cache dropped (fadvise DONTNEED) before each round" \
		-- sh "$work/filechurn.sh"
}

# --- interactive: short commands with think time between ----------------
prep_interactive() {
	[ -e "$work/linux/Makefile" ] || prep_kbuild
}
run_interactive() {
	prep_interactive
	cat > "$work/interactive.sh" <<-EOF
	#!/bin/sh
	# what a person at a shell does: look things up, read manuals and
	# logs, run small scripts, compile a file, edit, then pause
	cd "$work/linux"
	for r in \$(seq 1 $MIX_ROUNDS); do
		grep -rn "page_alloc\$r" mm include/linux > /dev/null || true
		man -P cat bash > /dev/null 2>&1 || true
		ls -lR /usr/share/doc > /dev/null
		python3 -c 'import json, re; print(len(json.dumps([str(i) * 8 for i in range(200000)])))' > /dev/null
		gcc -O2 -c -o /tmp/capture-mix.\$\$.o scripts/kconfig/conf.c -Iscripts/kconfig 2>/dev/null || true
		rm -f /tmp/capture-mix.\$\$.o
		sleep 2
		find . -name "*.h" -newer Makefile | head -n 100 > /dev/null
		xz -dc /usr/src/linux-source-6.1.tar.xz 2>/dev/null | head -c 64M > /dev/null || true
		sed "s/page/PAGE/g" mm/page_alloc.c > /tmp/capture-mix.\$\$.c
		rm -f /tmp/capture-mix.\$\$.c
		sleep 3
	done
	EOF
	chmod 755 "$work/interactive.sh"
	capture interactive "an interactive-style mix, $MIX_ROUNDS rounds of grep -r, man bash, ls -lR, a python3 script, one gcc -O2 compile, find, xz -d of 64 MiB, sed over a file, with 5 s of pauses per round" \
		-- sh "$work/interactive.sh"
}

for w in $workloads; do
	case $w in
	kbuild|pgbench|filechurn|interactive) "run_$w" ;;
	*) say "unknown workload $w (kbuild pgbench filechurn interactive)"; exit 2 ;;
	esac
done
say "captures and README.txt in $out"
