# SPDX-License-Identifier: GPL-2.0
#
# The Linux 6.1 port (included by the top Makefile; Documentation/porting.rst):
#
#   make kernel          $(O)/linux/bzImage: linux-source-6.1 unpacked
#                        (cached in $(O)/linux/src), the series pushed with
#                        quilt, tinyconfig plus linux/kernel.config built
#                        for s390x
#   make kernel-series   regenerate linux/patches from this repository
#   make kernel-check    the series tests (drift, checkpatch --strict,
#                        git apply --check, quilt push -a) and a boot with
#                        every page_states= value under qemu-system-s390x,
#                        and under our QEMU with ESSA when make qemu built it
#                        (linux/tests/*.t, TAP, prove)

LINUX_OUT := $(O)/linux
LINUX_TESTS := $(sort $(wildcard linux/tests/*.t))

kernel:
	$(Q)sh linux/build.sh $(LINUX_OUT)

kernel-series:
	$(Q)sh linux/unpack.sh $(LINUX_OUT)/src
	$(Q)sh linux/gen-series.sh $(LINUX_OUT)/src linux/patches

kernel-check: kernel
	$(Q)LINUX_OUT=$(abspath $(LINUX_OUT)) QEMU_ESSA=$(abspath $(QEMU_SYSTEM)) \
		$(PROVE) $(PROVE_FLAGS) $(LINUX_TESTS)

.PHONY: kernel kernel-series kernel-check
