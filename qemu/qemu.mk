# SPDX-License-Identifier: GPL-2.0
#
# QEMU with ESSA under TCG (included by the top Makefile;
# Documentation/qemu.rst):
#
#   make qemu          $(O)/qemu/qemu-system-s390x: Debian 12's QEMU 7.2
#                      source package, Debian's patches, then qemu/patches
#                      (quilt); rebuilt only when the patches change

QEMU_OUT := $(O)/qemu
QEMU_SYSTEM := $(QEMU_OUT)/qemu-system-s390x

qemu:
	$(Q)sh qemu/build.sh $(QEMU_OUT)

.PHONY: qemu
