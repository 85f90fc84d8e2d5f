#!/bin/sh
# install-deps.sh: install what a fresh machine lacks to build, test and run
# pagestates (cross compiler, emulators, gnuplot; jq for the tests, perf and
# trace-cmd for the capture tests, rst2man and man for the manual page).
# Idempotent; quiet when all packages are already there. Needs root (or
# sudo) for apt-get.
set -eu

PKGS="make gcc clang valgrind perl xz-utils liblzma-dev zlib1g-dev
gcc-s390x-linux-gnu binutils-s390x-linux-gnu libc6-dev-s390x-cross
qemu-user qemu-system-misc hercules gnuplot-nox
libclang-rt-14-dev afl++
jq linux-perf trace-cmd python3-docutils man-db"

missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' ||
		missing="$missing $p"
done
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
if [ -n "$missing" ]; then
	echo "install-deps: installing:$missing" >&2
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -q >&2
	# shellcheck disable=SC2086
	$SUDO apt-get install -y -q --no-install-recommends $missing >&2
fi
# the s390x static liblzma and zlib the cross-built tool links
sh "$(dirname "$0")/../arch/s390/scripts/install-cross-libs.sh"
