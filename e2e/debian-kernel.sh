#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# debian-kernel.sh OUTDIR: Debian 12's unchanged Linux 6.1 s390x kernel
# (linux-image-6.1.*-s390x, the newest the archive has) for e2e/run.sh
# when no patched kernel is given: OUTDIR/vmlinuz, OUTDIR/modules/ with
# the modules the e2e guest needs (virtio_blk: Debian builds it as a
# module) and OUTDIR/version. It is Debian's binary package, only
# downloaded (apt-get download) and unpacked, as
# arch/s390/scripts/install-cross-libs.sh does for libraries. Kept once
# fetched. Needs root (or sudo) if s390x is not yet a dpkg architecture.
set -eu

out=${1:?usage: debian-kernel.sh OUTDIR}
[ -s "$out/vmlinuz" ] && [ -s "$out/version" ] && exit 0

SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
tmp=$(mktemp -d)
chmod 0755 "$tmp"
added=0
cleanup() {
	rm -rf "$tmp"
	if [ "$added" -eq 1 ]; then
		$SUDO dpkg --remove-architecture s390x
		$SUDO apt-get update -q >/dev/null 2>&1 || :
	fi
}
trap cleanup EXIT

if ! dpkg --print-foreign-architectures | grep -qx s390x; then
	$SUDO dpkg --add-architecture s390x
	added=1
	$SUDO apt-get update -q >/dev/null
fi
pkg=$(apt-cache search --names-only '^linux-image-6\.1\.[0-9.]*-[0-9]+-s390x$' |
	awk '{print $1}' | sort -V | tail -n 1)
if [ -z "$pkg" ]; then
	$SUDO apt-get update -q >/dev/null
	pkg=$(apt-cache search --names-only '^linux-image-6\.1\.[0-9.]*-[0-9]+-s390x$' |
		awk '{print $1}' | sort -V | tail -n 1)
fi
[ -n "$pkg" ] || { echo "debian-kernel: no linux-image-6.1 s390x package" >&2; exit 1; }
echo "debian-kernel: $pkg into $out" >&2
(cd "$tmp" && apt-get download "$pkg:s390x" >/dev/null 2>&1)
dpkg-deb -x "$tmp"/*.deb "$tmp/root"
mkdir -p "$out/modules"
touch "$out/.pagestates-output"
cp "$tmp"/root/boot/vmlinuz-* "$out/vmlinuz"
cp "$tmp"/root/boot/config-* "$out/config"
find "$tmp/root/lib/modules" -name virtio_blk.ko -exec cp {} "$out/modules/" \;
dpkg-deb -f "$tmp"/*.deb Package Version | tr '\n' ' ' >"$out/version"
echo >>"$out/version"
