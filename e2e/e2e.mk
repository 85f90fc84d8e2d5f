# SPDX-License-Identifier: GPL-2.0
#
# End to end (included by the top Makefile; Documentation/e2e.rst): the
# patched Linux 6.1 under our QEMU with ESSA, one boot per configuration.
#
#   make e2e-guest        $(O)/e2e/guest/e2e-guest, the in-guest workload
#                         (static s390x), and its host build (file sets)
#   make e2e-guest-check  the workload's TAP test under qemu-s390x
#   make e2e              e2e/run.sh: every configuration, full workload
#   make e2e-check        the guest test and a shortened e2e run

E2E_OUT := $(O)/e2e
E2E_CROSS ?= s390x-linux-gnu-
E2E_CC := $(E2E_CROSS)gcc
E2E_CFLAGS := -std=gnu11 -Wall -Wextra -Werror -O2 -g -D_GNU_SOURCE
E2E_SRCS := $(sort $(wildcard e2e/guest/*.c))
E2E_GUEST := $(E2E_OUT)/guest/e2e-guest
E2E_HOSTBIN := $(E2E_OUT)/host/e2e-guest
E2E_TESTS := $(sort $(wildcard e2e/tests/*.t))
QEMU_USER ?= qemu-s390x

$(E2E_GUEST): $(E2E_SRCS) e2e/guest/e2e.h
	$(quiet) CC[s390x] $@
	@mkdir -p $(@D)
	$(Q)$(E2E_CC) $(E2E_CFLAGS) -static -o $@ $(E2E_SRCS)

$(E2E_HOSTBIN): $(E2E_SRCS) e2e/guest/e2e.h
	$(quiet) CC $@
	@mkdir -p $(@D)
	$(Q)$(HOSTCC) $(E2E_CFLAGS) -o $@ $(E2E_SRCS)
HOSTCC ?= cc

e2e-guest: $(E2E_GUEST) $(E2E_HOSTBIN)

e2e-guest-check: e2e-guest
	$(Q)E2E_GUEST=$(E2E_GUEST) E2E_HOSTBIN=$(E2E_HOSTBIN) \
		QEMU_USER=$(QEMU_USER) TEST_TIMEOUT=600 $(PROVE) \
		--exec 'sh tests/run-test.sh' e2e/tests/guest.t

# The full run (Documentation/e2e.rst); E2E_* variables pass through to
# e2e/run.sh (E2E_KERNEL, E2E_CONFIGS, E2E_MEM, E2E_SMP, E2E_TRACE...).
e2e: qemu e2e-guest $(O)/plain/pagestates
	$(Q)O=$(O) QEMU=$(QEMU_SYSTEM) E2E_GUEST=$(E2E_GUEST) \
		E2E_HOSTBIN=$(E2E_HOSTBIN) TOOL=$(O)/plain/pagestates \
		sh e2e/run.sh

# The shortened form for check-all: the guest test, then e2e/tests/*.t
# boots (the small workload, stock and off, a small capture).
e2e-check: qemu e2e-guest $(O)/plain/pagestates
	$(Q)E2E_GUEST=$(E2E_GUEST) E2E_HOSTBIN=$(E2E_HOSTBIN) \
		QEMU_USER=$(QEMU_USER) O=$(O) QEMU=$(QEMU_SYSTEM) \
		TOOL=$(O)/plain/pagestates TEST_TIMEOUT=1800 $(PROVE) \
		--exec 'sh tests/run-test.sh' $(E2E_TESTS)

CLEAN_FILES += $(E2E_GUEST) $(E2E_HOSTBIN) $(foreach f,results.json \
	results.txt rss.png rss.gp capture.txt.xz model.json model.txt \
	initrd.cpio fileset.img configs.jsonl,$(E2E_OUT)/$(f))
CLEAN_DIRS += $(E2E_OUT)/run $(E2E_OUT)/initramfs $(E2E_OUT)/debian-kernel

.PHONY: e2e-guest e2e-guest-check e2e e2e-check
