#!/bin/sh
# install-deps.sh: install what a fresh machine lacks to build, test and run
# pagestates (cross compiler, emulators, gnuplot; jq for the tests, perf and
# trace-cmd for the capture tests, rst2man and man for the manual page; the
# build dependencies of our QEMU and socat for its tests; cpio for the
# e2e initramfs; mke2fs for the kernel's test disk).
# With --captures also what scripts/capture-workloads.sh runs (a Linux
# 6.1 tree and its build tools, PostgreSQL with pgbench, bc); CI does not
# need those.
# Idempotent; quiet when all packages are already there. Needs root (or
# sudo) for apt-get.
set -eu

PKGS="make gcc clang valgrind perl xz-utils liblzma-dev zlib1g-dev
gcc-s390x-linux-gnu binutils-s390x-linux-gnu libc6-dev-s390x-cross
qemu-user qemu-system-misc hercules gnuplot-nox
libclang-rt-14-dev afl++
jq linux-perf trace-cmd python3-docutils man-db
quilt meson ninja-build pkg-config python3 libglib2.0-dev libpixman-1-dev
qemu-system-data socat cpio e2fsprogs
linux-source-6.1 bc bison flex libssl-dev libelf-dev kmod"
[ "${1:-}" = --captures ] && PKGS="$PKGS postgresql man-db util-linux"

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
# QEMU's source package (qemu/build.sh runs apt-get source qemu) needs a
# deb-src entry for the configured Debian mirror.
if ! apt-cache showsrc qemu 2>/dev/null | grep -q '^Package: qemu$'; then
	codename=$(. /etc/os-release && echo "${VERSION_CODENAME:-bookworm}")
	mirror=$(sed -n 's/^URIs: *\([^ ]*debian\/*\)$/\1/p' \
		/etc/apt/sources.list.d/*.sources 2>/dev/null | head -n 1)
	[ -n "$mirror" ] || mirror=$(sed -n \
		"s/^deb  *\([^ ]*\)  *$codename .*/\1/p" /etc/apt/sources.list \
		2>/dev/null | head -n 1)
	[ -n "$mirror" ] || mirror=http://deb.debian.org/debian
	echo "install-deps: adding deb-src $mirror $codename" >&2
	printf 'Types: deb-src\nURIs: %s\nSuites: %s %s-updates\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
		"$mirror" "$codename" "$codename" |
		$SUDO tee /etc/apt/sources.list.d/pagestates-src.sources >/dev/null
	$SUDO apt-get update -q >&2
fi
# the s390x static liblzma and zlib the cross-built tool links
sh "$(dirname "$0")/../arch/s390/scripts/install-cross-libs.sh"
