#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# unpack.sh DIR: unpack Debian's linux-source-6.1 tarball into DIR, only
# what an s390x build, checkpatch and the series need. Left out: the
# sources of other architectures and of large driver trees s390 never
# builds (their Kconfig files and Makefiles stay, Kconfig sources them),
# Documentation's translations and device trees. Cached: a second run with the same tarball does
# nothing (DIR/.unpacked records the tarball's size and mtime
# and this script's checksum).
# drivers/video, drivers/input and drivers/hid stay: CONFIG_VT (on
# without EXPERT)
# needs dummycon and selects INPUT, which HID defaults to.
set -eu

TARBALL=${LINUX_TARBALL:-/usr/src/linux-source-6.1.tar.xz}
dir=${1:?usage: unpack.sh DIR}

[ -r "$TARBALL" ] || {
	echo "unpack.sh: $TARBALL missing (sh scripts/install-deps.sh)" >&2
	exit 1
}
stamp="$(stat -c '%s %Y' "$TARBALL") $(cksum <"$0")"
if [ -f "$dir/.unpacked" ] && [ "$(cat "$dir/.unpacked")" = "$stamp" ]; then
	exit 0
fi

rm -rf "$dir.tmp"
mkdir -p "$dir.tmp"
top=linux-source-6.1
# Sources only: the Kconfig and Makefiles of these trees stay.
srcs=""
for d in drivers/gpu drivers/net/wireless drivers/net/ethernet \
	 drivers/staging drivers/media drivers/infiniband drivers/scsi \
	 drivers/usb drivers/iio drivers/mtd \
	 drivers/platform drivers/pinctrl drivers/clk drivers/phy \
	 drivers/soc drivers/crypto drivers/hwmon sound \
	 fs/bcachefs fs/xfs fs/btrfs fs/ocfs2 fs/ntfs3 fs/f2fs net/wireless \
	 net/mac80211 net/bluetooth; do
	srcs="$srcs --exclude=$top/$d/*.c --exclude=$top/$d/*.h"
done
arches=""
for a in alpha arc arm arm64 csky hexagon ia64 loongarch m68k microblaze \
	 mips nios2 openrisc parisc powerpc riscv sh sparc um x86 xtensa; do
	arches="$arches --exclude=$top/arch/$a/*.[chS]"
	arches="$arches --exclude=$top/arch/$a/boot/dts"
done
# shellcheck disable=SC2086
tar -C "$dir.tmp" -xJf "$TARBALL" --wildcards $arches $srcs \
	--exclude="$top/Documentation/translations" \
	--exclude="$top/Documentation/devicetree" \
	--exclude="$top/LICENSES/deprecated" \
	--exclude="$top/tools/perf" --exclude="$top/tools/testing"
rm -rf "$dir"
mv "$dir.tmp/$top" "$dir"
rmdir "$dir.tmp"
echo "$stamp" >"$dir/.unpacked"
