#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# boot.sh [options] LOG: boot the patched Linux 6.1 under
# qemu-system-s390x with an initramfs whose /init is
# linux/init/pagestates-init.c, and write the console to LOG. The init
# powers the machine off; its last line is "pagestates-init: RESULT ...".
#
#   --kernel IMAGE   default build/linux/bzImage (make kernel)
#   --qemu BINARY    default qemu-system-s390x (Debian's: no ESSA);
#                    build/qemu/qemu-system-s390x has ESSA (make qemu)
#   --append ARGS    kernel command line, e.g. "page_states=spill"
#   --init PROGRAM   /init, a static s390x program (default: ours, built
#                    into build/linux-init/init)
#   --extra LIST     more initramfs entries, in the kernel's gen_init_cpio
#                    format ("file /bin/x /path/to/x 0755 0 0", "dir ...")
#   --machine OPTS   more -M s390-ccw-virtio options, e.g.
#                    cmma-volatile-limit=0 (our QEMU: drop every volatile
#                    page, Documentation/qemu.rst)
#   --disk MIB       an empty ext2 image of MIB MiB as /fs.img (default
#                    12, 0 for none): the init copies it to the RAM disk
#                    and keeps its files there, where clean page cache
#                    pages can be volatile (tmpfs pages never are)
#   --memory MIB     default 256;  --smp N  default 1
#   --timeout S      default 300: then the boot counts as failed
# Exit status: 0 if the init reported RESULT PASS.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
kernel=$top/build/linux/bzImage
qemu=qemu-system-s390x
append=""
init=""
extra=""
mem=256
machine=""
disk=12
smp=1
tmo=300
while [ $# -gt 1 ]; do
	case $1 in
	--kernel) kernel=$2 ;;
	--qemu) qemu=$2 ;;
	--append) append=$2 ;;
	--init) init=$2 ;;
	--extra) extra=$2 ;;
	--memory) mem=$2 ;;
	--machine) machine=,$2 ;;
	--disk) disk=$2 ;;
	--smp) smp=$2 ;;
	--timeout) tmo=$2 ;;
	*) echo "boot.sh: unknown option $1" >&2; exit 2 ;;
	esac
	shift 2
done
log=${1:?usage: boot.sh [options] LOG}
cross=${CROSS_COMPILE:-s390x-linux-gnu-}

[ -f "$kernel" ] || { echo "boot.sh: no $kernel (make kernel)" >&2; exit 1; }
gen=$(dirname "$kernel")/obj/usr/gen_init_cpio
[ -x "$gen" ] || gen=$top/build/linux/obj/usr/gen_init_cpio
[ -x "$gen" ] || { echo "boot.sh: no gen_init_cpio (make kernel)" >&2; exit 1; }

work=$(mktemp -d "${TMPDIR:-/tmp}/pagestates-boot.XXXXXX")
trap 'rm -rf "$work"' EXIT
if [ -z "$init" ]; then
	init=$top/build/linux-init/init
	src=$top/linux/init/pagestates-init.c
	if [ ! -x "$init" ] || [ "$src" -nt "$init" ]; then
		mkdir -p "$(dirname "$init")"
		"${cross}gcc" -std=gnu11 -O2 -Wall -Wextra -Werror -static \
			-o "$init.tmp" "$src"
		mv "$init.tmp" "$init"
	fi
fi
if [ "$disk" != 0 ]; then
	mkfs=$(command -v mke2fs || echo /sbin/mke2fs)
	"$mkfs" -q -F -t ext2 -b 4096 -m 0 "$work/fs.img" "${disk}M" >/dev/null
fi
{
	echo "dir /dev 0755 0 0"
	echo "nod /dev/console 0600 0 0 c 5 1"
	echo "dir /proc 0755 0 0"
	echo "dir /sys 0755 0 0"
	echo "dir /tmp 1777 0 0"
	echo "file /init $init 0755 0 0"
	[ "$disk" = 0 ] || echo "file /fs.img $work/fs.img 0644 0 0"
	[ -z "$extra" ] || cat "$extra"
} >"$work/list"
"$gen" "$work/list" >"$work/initramfs.cpio"

rc=0
timeout -k 10 "$tmo" "$qemu" -M "s390-ccw-virtio$machine" -m "$mem" -smp "$smp" \
	-nographic -no-reboot -nodefaults -serial stdio \
	-kernel "$kernel" -initrd "$work/initramfs.cpio" \
	-append "$append" </dev/null >"$log" 2>&1 || rc=$?
if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
	echo "boot.sh: timeout after $tmo s" >>"$log"
fi
grep -q '^pagestates-init: RESULT PASS' "$log" || exit 1
exit 0
