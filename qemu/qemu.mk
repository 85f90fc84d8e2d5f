# SPDX-License-Identifier: GPL-2.0
#
# QEMU with ESSA under TCG (included by the top Makefile;
# Documentation/qemu.rst):
#
#   make qemu          $(O)/qemu/qemu-system-s390x: Debian 12's QEMU 7.2
#                      source package, Debian's patches, then qemu/patches
#                      (quilt); rebuilt only when the patches change
#   make qemu-check    the bare-metal images and ESSA tests under it
#                      (qemu/tests/*.t, TAP, prove)
#   make qemu-bench    ESSA's cost under TCG, longer run

QEMU_OUT := $(O)/qemu
QEMU_SYSTEM := $(QEMU_OUT)/qemu-system-s390x
QEMU_TESTS := $(sort $(wildcard qemu/tests/*.t))
QEMU_BENCH_ITER ?= 5000000

qemu:
	$(Q)sh qemu/build.sh $(QEMU_OUT)

# Without the cross compiler there are no images to run.
qemu-check: qemu
	$(Q)if ! command -v $(BM_CC) >/dev/null 2>&1; then \
		echo "qemu-check: $(BM_CC) not installed, skipped"; exit 0; fi; \
	$(MAKE) --no-print-directory baremetal baremetal-qemu && \
	QEMU=$(QEMU_SYSTEM) BM=$(BM_OUT) $(PROVE) $(PROVE_FLAGS) $(QEMU_TESTS)

qemu-bench: qemu baremetal-qemu
	$(Q)QEMU=$(QEMU_SYSTEM) BM=$(BM_OUT) QEMU_BENCH_ITER=$(QEMU_BENCH_ITER) \
		sh qemu/tests/bench.t

.PHONY: qemu qemu-check qemu-bench
