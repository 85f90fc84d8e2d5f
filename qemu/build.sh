#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# build.sh OUT: build qemu-system-s390x from Debian 12's QEMU 7.2 source
# package with Debian's patches and then ours (qemu/patches, quilt), into
# OUT/qemu-system-s390x. Nothing happens when the stamp (a hash of the
# Debian source version, our series and this script) is unchanged.
#
#   OUT/dl/     the source package (apt-get source --download-only), kept
#   OUT/src/    the unpacked, patched tree (never committed)
#   OUT/obj/    the meson/ninja build tree
#
# Environment: QEMU_SRC_CACHE=dir with the .dsc, .orig.tar.xz and
# .debian.tar.xz to use instead of downloading; QEMU_JOBS (default 2).
set -eu

out=${1:?usage: build.sh OUTDIR}
here=$(cd "$(dirname "$0")" && pwd)
patches=$here/patches
jobs=${QEMU_JOBS:-2}
mkdir -p "$out"
out=$(cd "$out" && pwd)

# QEMU for s390x-softmmu only, TCG, nothing optional; the BIOS the
# s390-ccw-virtio machine always loads comes from Debian's
# qemu-system-data (the same source), found through --firmwarepath.
CONFIGURE_FLAGS="--target-list=s390x-softmmu --without-default-features
--disable-install-blobs --disable-docs --firmwarepath=/usr/share/qemu"

need() {
	command -v "$1" >/dev/null 2>&1 || {
		echo "qemu/build.sh: $1 not found (make deps installs it)" >&2
		exit 1
	}
}
for t in quilt meson ninja pkg-config python3 xz; do need "$t"; done
pkg-config --exists glib-2.0 pixman-1 || {
	echo "qemu/build.sh: glib-2.0 or pixman-1 development files missing" \
	     "(make deps installs them)" >&2
	exit 1
}

# 1. The source package.
mkdir -p "$out/dl"
if ! ls "$out"/dl/qemu_*.dsc >/dev/null 2>&1; then
	if [ -n "${QEMU_SRC_CACHE:-}" ]; then
		cp "$QEMU_SRC_CACHE"/qemu_*.dsc "$QEMU_SRC_CACHE"/qemu_*.tar.xz \
		   "$out/dl/"
	else
		echo "  FETCH   qemu (apt-get source)"
		(cd "$out/dl" && apt-get source --download-only -q qemu >&2)
	fi
fi
dsc=$(ls "$out"/dl/qemu_*.dsc | tail -n 1)
orig=$(ls "$out"/dl/qemu_*.orig.tar.xz | tail -n 1)
debian=$(ls "$out"/dl/qemu_*.debian.tar.xz | tail -n 1)
version=$(sed -n 's/^Version: //p' "$dsc")

stamp=$( {
	echo "$version $CONFIGURE_FLAGS"
	cat "$0" "$patches/series"
	grep -v '^#' "$patches/series" | while read -r p; do
		[ -n "$p" ] && cat "$patches/$p"
	done
} | sha256sum | cut -d' ' -f1)
if [ -x "$out/qemu-system-s390x" ] && [ -f "$out/stamp" ] &&
   [ "$(cat "$out/stamp")" = "$stamp" ]; then
	exit 0
fi

# 2. The tree: Debian's source with Debian's patches (their own quilt
# state in .pc-debian), then ours (.pc). Kept between builds: our patches
# are popped and pushed again, and every file they touch (before or now)
# gets a new time, so that ninja rebuilds just those.
src=$out/src/qemu
qdeb="quilt --quiltrc=/dev/null"
qour="env QUILT_PATCHES=$patches QUILT_PC=.pc quilt --quiltrc=/dev/null"
if [ ! -f "$src/.debian-version" ] ||
   [ "$(cat "$src/.debian-version")" != "$version" ]; then
	echo "  UNPACK  qemu $version"
	rm -rf "$out/src"
	mkdir -p "$out/src"
	tar -C "$out/src" -xJf "$orig"
	mv "$out"/src/qemu-* "$src"
	tar -C "$src" -xJf "$debian"
	(cd "$src" && QUILT_PATCHES=debian/patches QUILT_PC=.pc-debian \
		$qdeb push -aq >/dev/null)
	echo "$version" >"$src/.debian-version"
	: >"$src/.our-files"
fi
(
	cd "$src"
	if [ -d .pc ] && [ -s .pc/applied-patches ]; then
		$qour pop -afq >/dev/null
	fi
	rm -rf .pc
	if grep -qv '^#' "$patches/series"; then
		echo "  PATCH   $(grep -cv '^#' "$patches/series") patches"
		$qour push -aq >/dev/null
		$qour files -a 2>/dev/null | sort -u >.our-files.new
	else
		: >.our-files.new
	fi
	sort -u .our-files .our-files.new | while read -r f; do
		[ -e "$f" ] && touch "$f"
	done
	mv .our-files.new .our-files
)

# 3. Configure once, build.
if [ ! -f "$out/obj/build.ninja" ] ||
   [ "$(cat "$out/obj/.configure-flags" 2>/dev/null)" != "$CONFIGURE_FLAGS" ]
then
	echo "  CONFIG  qemu"
	rm -rf "$out/obj"
	mkdir -p "$out/obj"
	# shellcheck disable=SC2086
	(cd "$out/obj" && "$src/configure" $CONFIGURE_FLAGS >configure.log 2>&1) ||
		{ tail -n 20 "$out/obj/configure.log" >&2; exit 1; }
	echo "$CONFIGURE_FLAGS" >"$out/obj/.configure-flags"
fi
echo "  NINJA   qemu-system-s390x (-j$jobs)"
ninja -C "$out/obj" -j "$jobs" qemu-system-s390x >"$out/obj/ninja.log" 2>&1 ||
	{ tail -n 30 "$out/obj/ninja.log" >&2; exit 1; }
cp "$out/obj/qemu-system-s390x" "$out/qemu-system-s390x.tmp"
mv "$out/qemu-system-s390x.tmp" "$out/qemu-system-s390x"
echo "$stamp" >"$out/stamp"
