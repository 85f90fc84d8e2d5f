#!/bin/sh
# install-cross-libs.sh: the s390x static libraries the pagestates tool
# links (liblzma, zlib) into the cross toolchain's sysroot, where
# s390x-linux-gnu-gcc finds them. Debian ships no -cross packages for
# them, and multiarch libc6-dev:s390x cannot be installed next to the
# native libc when their versions skew; so the s390x .debs are only
# downloaded (apt-get download) and their headers and .a files unpacked
# into /usr/s390x-linux-gnu. Idempotent; needs root (or sudo).
set -eu

SYSROOT=/usr/s390x-linux-gnu
PKGS="liblzma-dev:s390x liblzma5:s390x zlib1g-dev:s390x zlib1g:s390x"

[ -f "$SYSROOT/lib/liblzma.a" ] && [ -f "$SYSROOT/lib/libz.a" ] && exit 0

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

echo "install-cross-libs: liblzma and zlib for s390x into $SYSROOT" >&2
if ! dpkg --print-foreign-architectures | grep -qx s390x; then
	$SUDO dpkg --add-architecture s390x
	added=1
fi
$SUDO apt-get update -q >/dev/null
# shellcheck disable=SC2086
(cd "$tmp" && apt-get download $PKGS >/dev/null 2>&1)

for deb in "$tmp"/*.deb; do
	dpkg-deb -x "$deb" "$tmp/root"
done
$SUDO mkdir -p "$SYSROOT/include" "$SYSROOT/lib"
$SUDO cp -a "$tmp/root/usr/include/." "$SYSROOT/include/"
$SUDO cp "$tmp"/root/usr/lib/s390x-linux-gnu/*.a "$SYSROOT/lib/"
