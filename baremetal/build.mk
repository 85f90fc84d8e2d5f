# SPDX-License-Identifier: GPL-2.0
#
# Bare-metal s390x images (included by the top Makefile).
#
#   make emu-check     build both images, run each under qemu-system-s390x
#                      and Hercules (baremetal/emu-check.sh)
#   make baremetal     only build them: $(O)/baremetal/{noessa,essa}.elf
#
# The guest code (mm/, arch/s390/, the host model, the simulation glue) is
# built freestanding against baremetal/include/libc, a libc subset of our
# own; __thread is dropped (one cpu).

BM_CROSS ?= s390x-linux-gnu-
BM_CC := $(BM_CROSS)gcc
BM_OBJCOPY := $(BM_CROSS)objcopy
BM_OUT := $(O)/baremetal
BM_GCCINC = $(shell $(BM_CC) -print-file-name=include)

# -Wno-unused-parameter as kbuild has it with W=1: the empty inlines of
# the kernel headers (page_states_bug() without CONFIG_PAGE_STATES_INJECT)
# leave their parameters unused.
BM_CFLAGS = -std=gnu11 -O2 -g -Wall -Wextra -Wno-unused-parameter -Werror \
	-ffreestanding \
	-nostdinc -isystem $(BM_GCCINC) -Ibaremetal/include/libc -Ibaremetal \
	-Iinclude -Iarch/s390/include -Itools/include \
	-Ihypervisor-model/include -Itools/lib \
	-D__thread= -DCONFIG_PAGE_STATES -DCONFIG_PAGE_STATES_VOLATILE \
	-DCONFIG_PAGE_STATES_ADAPTIVE \
	-DCONFIG_DEBUG_PAGE_STATES \
	-march=z900 -mzarch -m64 -fno-pic -fno-pie -fno-stack-protector \
	-fno-asynchronous-unwind-tables --param=min-pagesize=0
BM_LDFLAGS := -nostdlib -static -no-pie -Wl,-T,baremetal/flat.lds \
	-Wl,--build-id=none -Wl,--no-warn-rwx-segments

BM_GUEST_SRCS := $(sort $(wildcard mm/*.c hypervisor-model/*.c \
	arch/model/*.c arch/pv/*.c arch/s390/mm/*.c tools/lib/*.c))
BM_RT_SRCS := $(filter-out baremetal/main.c,$(sort $(wildcard baremetal/*.c)))
BM_OBJS := $(patsubst %.c,$(BM_OUT)/%.o,$(BM_GUEST_SRCS) $(BM_RT_SRCS)) \
	$(BM_OUT)/baremetal/head.o
BM_IMAGES := $(BM_OUT)/noessa.elf $(BM_OUT)/essa.elf

$(BM_OUT)/%.o: %.c
	$(quiet) CC[bm] $<
	@mkdir -p $(@D)
	$(Q)$(BM_CC) $(BM_CFLAGS) -MMD -MP -c -o $@ $<

$(BM_OUT)/%.o: %.S
	$(quiet) AS[bm] $<
	@mkdir -p $(@D)
	$(Q)$(BM_CC) $(BM_CFLAGS) -MMD -MP -c -o $@ $<

$(BM_OUT)/main-essa.o $(BM_OUT)/main-noessa.o: $(BM_OUT)/main-%.o: baremetal/main.c
	$(quiet) CC[bm] $@
	@mkdir -p $(@D)
	$(Q)$(BM_CC) $(BM_CFLAGS) -DBM_EMULATE_ESSA=$(if $(filter essa,$*),1,0) \
		-MMD -MP -c -o $@ $<

$(BM_IMAGES): $(BM_OUT)/%.elf: $(BM_OUT)/main-%.o $(BM_OBJS) baremetal/flat.lds
	$(quiet) LD[bm] $@
	$(Q)$(BM_CC) $(BM_LDFLAGS) -o $@ $(filter %.o,$^) -lgcc

$(BM_OUT)/%.d: ;
-include $(wildcard $(patsubst %.o,%.d,$(BM_OBJS) $(BM_OUT)/main-essa.o \
	$(BM_OUT)/main-noessa.o))

baremetal: $(BM_IMAGES)

# Without the cross compiler there is nothing to run (emulators missing:
# emu-check.sh reports SKIP).
emu-check:
	$(Q)if ! command -v $(BM_CC) >/dev/null 2>&1; then \
		echo "emu-check: $(BM_CC) not installed, skipped"; exit 0; fi; \
	$(MAKE) --no-print-directory baremetal && \
	sh baremetal/emu-check.sh $(BM_IMAGES)

.PHONY: baremetal emu-check

# For QEMU with ESSA (qemu/, make qemu-check; Documentation/qemu.rst):
#   cmma.elf       the allocator image, ESSA executed by the machine; linked
#                  at 128 MiB, the simulated guest's frames are 0-80 MiB
#   cmma-test.elf  the ESSA tests of baremetal/cmma/, mode from -append
BM_CMMA_LOAD := 0x8000000
BM_CMMA_TEST_SRCS := $(sort $(wildcard baremetal/cmma/*.c))
BM_CMMA_TEST_OBJS := $(patsubst %.c,$(BM_OUT)/%.o,$(BM_CMMA_TEST_SRCS)) \
	$(patsubst %,$(BM_OUT)/baremetal/%.o,head sclp printf libc string \
		ebcdic malloc prefix)
BM_QEMU_IMAGES := $(BM_OUT)/cmma.elf $(BM_OUT)/cmma-test.elf

$(BM_OUT)/main-cmma.o: baremetal/main.c
	$(quiet) CC[bm] $@
	@mkdir -p $(@D)
	$(Q)$(BM_CC) $(BM_CFLAGS) -DBM_EMULATE_ESSA=0 -DBM_MACHINE_ESSA=1 \
		-MMD -MP -c -o $@ $<

$(BM_OUT)/cmma.elf: $(BM_OUT)/main-cmma.o $(BM_OBJS) baremetal/flat.lds
	$(quiet) LD[bm] $@
	$(Q)$(BM_CC) -Wl,--defsym=BM_LOAD_ADDR=$(BM_CMMA_LOAD) $(BM_LDFLAGS) \
		-o $@ $(filter %.o,$^) -lgcc

$(BM_OUT)/cmma-test.elf: $(BM_CMMA_TEST_OBJS) baremetal/flat.lds
	$(quiet) LD[bm] $@
	$(Q)$(BM_CC) $(BM_LDFLAGS) -o $@ $(filter %.o,$^) -lgcc

-include $(wildcard $(BM_OUT)/main-cmma.d $(BM_CMMA_TEST_OBJS:.o=.d))

baremetal-qemu: $(BM_QEMU_IMAGES)

.PHONY: baremetal-qemu
