# SPDX-License-Identifier: GPL-2.0
#
# pagestates: guest page-state hinting, guest side as kernel code, plus a
# hypervisor model, tests and the pagestates tool.
#
#   make                       build lib, tool and tests (into $(O), default build/)
#   make check                 all tests under prove, plain + ASan/UBSan + TSan
#   make ARCH=s390 CROSS_COMPILE=s390x-linux-gnu- check
#                              the same suite as s390x binaries under qemu-s390x
#   make bench                 benchmarks (ratios measured side by side)
#   make emu-check             bare-metal s390x images under qemu-system-s390x
#                              and Hercules
#   make V=1                   show the commands
#   make O=dir                 put all outputs in dir

ARCH ?= $(shell uname -m | sed -e 's/x86_64/x86/' -e 's/s390x/s390/')
SRCARCH := $(ARCH)
CROSS_COMPILE ?=
O ?= build
V ?= 0

ifeq ($(origin CC),default)
CC := $(CROSS_COMPILE)gcc
endif
AR := $(CROSS_COMPILE)ar

ifeq ($(V),1)
Q :=
quiet = @:
else
Q := @
quiet = @printf '  %-7s %s\n'
endif

# Native tests run as they are; s390x ones under qemu-s390x, linked static
# (shell tests run as they are, with TEST_EXEC=qemu-s390x for the tool).
ifeq ($(SRCARCH),s390)
ifneq ($(shell uname -m),s390x)
TEST_EXEC ?= sh arch/s390/scripts/qemu-exec.sh
STATIC := -static
endif
SANITIZE ?= 0
else
SANITIZE ?= 1
endif
TEST_EXEC ?=

INCLUDES := -Iinclude -Iarch/$(SRCARCH)/include -Itools/include \
	    -Ihypervisor-model/include -Itools/lib -Itests/lib
CFLAGS ?= -O2 -g
BASE_CFLAGS := -std=gnu11 -Wall -Wextra -Werror -D_GNU_SOURCE \
	       -DCONFIG_PAGE_STATES -DCONFIG_DEBUG_PAGE_STATES -pthread $(INCLUDES)
LDLIBS := -pthread -lm
TOOL_LDLIBS := -llzma -lz

LIB_SRCS := $(sort $(wildcard mm/*.c hypervisor-model/*.c arch/model/*.c \
			arch/pv/*.c tools/lib/*.c))
ifeq ($(SRCARCH),s390)
LIB_SRCS += $(sort $(wildcard arch/s390/mm/*.c arch/s390/kernel/*.c))
endif
TOOL_SRCS := $(sort $(wildcard tools/pagestates/*.c))
TESTLIB_SRCS := $(sort $(wildcard tests/lib/*.c))
TEST_SRCS := $(sort $(wildcard tests/unit/*.c tests/stress/*.c))
MT_TEST_SRCS := $(sort $(wildcard tests/threaded/*.c))
BENCH_SRCS := $(sort $(wildcard tests/bench/*.c))

# variant name -> extra flags
FLAGS_plain :=
FLAGS_asan := -fsanitize=address,undefined -fno-omit-frame-pointer \
	      -fno-sanitize-recover=undefined
FLAGS_tsan := -fsanitize=thread
VARIANTS := plain
ifeq ($(SANITIZE),1)
VARIANTS += asan tsan
endif

all: $(O)/plain/pagestates tests

objs = $(patsubst %.c,$(O)/$(1)/%.o,$(2))
lib = $(O)/$(1)/libpagestates.a
testbins = $(patsubst %.c,$(O)/$(1)/%,$(2))

define VARIANT_RULES
$(O)/$(1)/%.o: %.c
	$$(quiet) CC$(if $(filter plain,$(1)),,[$(1)]) $$<
	@mkdir -p $$(@D)
	$(Q)$$(CC) $$(BASE_CFLAGS) $$(CFLAGS) $$(FLAGS_$(1)) -MMD -MP -c -o $$@ $$<

$(call lib,$(1)): $(call objs,$(1),$(LIB_SRCS))
	$$(quiet) AR $$@
	@mkdir -p $$(@D)
	$(Q)rm -f $$@ && $$(AR) rcs $$@ $$^

$(O)/$(1)/tests/%: $(O)/$(1)/tests/%.o $(call objs,$(1),$(TESTLIB_SRCS)) $(call lib,$(1))
	$$(quiet) LD $$@
	$(Q)$$(CC) $$(CFLAGS) $$(FLAGS_$(1)) $(STATIC) -o $$@ $$^ $$(LDLIBS)

-include $(patsubst %.c,$(O)/$(1)/%.d,$(LIB_SRCS) $(TESTLIB_SRCS) $(TEST_SRCS) $(MT_TEST_SRCS) $(TOOL_SRCS) $(BENCH_SRCS))
endef
$(foreach v,plain asan tsan,$(eval $(call VARIANT_RULES,$(v))))

$(O)/plain/pagestates: $(call objs,plain,$(TOOL_SRCS)) $(call lib,plain)
	$(quiet) LD $@
	$(Q)$(CC) $(CFLAGS) $(STATIC) -o $@ $^ $(TOOL_LDLIBS) $(LDLIBS)

# Fuzz targets: regression runs over their corpora, make fuzz, fuzz-afl.
include tests/fuzz/fuzz.mk

# Which tests run in which variant: all in plain and asan, threaded also
# in tsan (TSan and ASan cannot share a binary); the fuzz corpora once.
CHECK_BINS := $(call testbins,plain,$(TEST_SRCS) $(MT_TEST_SRCS))
ifeq ($(SANITIZE),1)
CHECK_BINS += $(call testbins,asan,$(TEST_SRCS) $(MT_TEST_SRCS))
CHECK_BINS += $(call testbins,tsan,$(MT_TEST_SRCS))
endif
CHECK_BINS += $(FUZZ_REGRESS_BINS)

tests: $(CHECK_BINS)

# Every test program runs under tests/run-test.sh: a time limit of
# TEST_TIMEOUT seconds each (emulated s390x ones get longer).
PROVE ?= prove
PROVE_FLAGS ?= -j2
ifeq ($(TEST_EXEC),)
TEST_TIMEOUT ?= 300
else
TEST_TIMEOUT ?= 1200
endif
CHECK_SCRIPTS := $(wildcard tests/cli/*.t tests/safety/*.t)
check: $(CHECK_BINS) $(O)/plain/pagestates
	$(quiet) PROVE "$(words $(CHECK_BINS) $(CHECK_SCRIPTS)) test programs, $(TEST_TIMEOUT) s limit each"
	$(Q)O=$(O) ARCH=$(ARCH) TEST_TIMEOUT=$(TEST_TIMEOUT) \
		TEST_RUNNER='$(TEST_EXEC)' $(PROVE) $(PROVE_FLAGS) \
		--exec 'sh tests/run-test.sh' $(CHECK_BINS) $(CHECK_SCRIPTS)

BENCH_BINS := $(call testbins,plain,$(BENCH_SRCS))
bench: $(BENCH_BINS) $(O)/plain/pagestates
	$(Q)for b in $(BENCH_BINS); do O=$(O) $$b || exit 1; done
	$(Q)for s in $(wildcard tests/bench/*.sh); do \
		O=$(O) ARCH=$(ARCH) sh $$s || exit 1; done

install: $(O)/plain/pagestates
	install -D -m 0755 $< $(DESTDIR)$(PREFIX)/bin/pagestates

PREFIX ?= /usr/local

# The README's two commands. Both install missing packages first.
deps:
	$(Q)sh scripts/install-deps.sh

# Main job on the built-in default: every strategy on the kbuild-like mix.
RUN_ARGS ?= compare kbuild
run: deps
	$(Q)$(MAKE) --no-print-directory $(O)/plain/pagestates
	$(Q)$(O)/plain/pagestates $(RUN_ARGS)

# Everything: native suite (plain, sanitizers), the s390x suite under
# qemu-s390x, and the bare-metal images under both emulators.
S390_MAKE = $(MAKE) --no-print-directory ARCH=s390 \
	    CROSS_COMPILE=s390x-linux-gnu- O=$(O)/s390
check-all: deps
	$(Q)$(MAKE) --no-print-directory check
	$(Q)$(S390_MAKE) check
	$(Q)$(MAKE) --no-print-directory emu-check

.PHONY: deps run check-all

# Bare-metal s390x images under qemu-system-s390x and Hercules.
include baremetal/build.mk

# make clean removes what the build made and nothing else, whatever O is
# (the source tree, or a directory with the user's files): the files by
# name (CLEAN_FILES), output trees the build created and marked
# (CLEAN_DIRS, each with a .pagestates-output file), then the emptied
# directories (scripts/clean-build.sh). A rule that makes another file
# adds it to CLEAN_FILES.
ALL_C_SRCS := $(sort $(LIB_SRCS) $(TOOL_SRCS) $(TESTLIB_SRCS) $(TEST_SRCS) \
	$(MT_TEST_SRCS) $(BENCH_SRCS) $(wildcard tests/*/*.c) \
	$(wildcard arch/*/mm/*.c arch/*/kernel/*.c))
CLEAN_FILES += $(foreach v,plain asan tsan,\
	$(call objs,$(v),$(ALL_C_SRCS)) \
	$(patsubst %.c,$(O)/$(v)/%.d,$(ALL_C_SRCS)) \
	$(call lib,$(v)) $(O)/$(v)/pagestates \
	$(call testbins,$(v),$(filter tests/%,$(ALL_C_SRCS))))
CLEAN_FILES += $(foreach v,fuzz afl,\
	$(patsubst %.c,$(O)/$(v)/%.o,$(ALL_C_SRCS)) \
	$(patsubst %.c,$(O)/$(v)/%.d,$(ALL_C_SRCS)) \
	$(O)/$(v)/libpagestates.a $(patsubst %,$(O)/$(v)/fuzz_%,$(FUZZ_ALL)))
CLEAN_FILES += $(BM_OBJS) $(BM_OBJS:.o=.d) $(BM_IMAGES) \
	$(foreach m,essa noessa,$(BM_OUT)/main-$(m).o $(BM_OUT)/main-$(m).d)
CLEAN_DIRS += $(FUZZ_WORK)
CLEAN_LIST := $(O)/.pagestates-clean-list

clean:
	$(quiet) CLEAN $(O)
	$(Q)if [ -d $(O)/s390 ] && [ "$(SRCARCH)" != s390 ]; then \
		$(S390_MAKE) clean; fi
	$(if $(wildcard $(O)/.),$(file >$(CLEAN_LIST),$(CLEAN_FILES) $(CLEAN_DIRS)))
	$(Q)if [ -f $(CLEAN_LIST) ]; then \
		sh scripts/clean-build.sh $(O) $(CLEAN_LIST); \
		rm -f $(CLEAN_LIST); fi

.PHONY: all tests check bench install clean
.SECONDARY:
.DELETE_ON_ERROR:
