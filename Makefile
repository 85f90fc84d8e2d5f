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
#   make qemu                  QEMU 7.2 with ESSA under TCG (qemu/patches)
#   make qemu-check            the bare-metal images and ESSA tests under it
#   make kernel                Linux 6.1 with our series for s390x (linux/)
#   make kernel-check          the series tests and boots of that kernel
#   make fuzz FUZZ_SECONDS=N   each fuzz target under libFuzzer (fuzz-afl: AFL++)
#   make soak DURATION=S       the concurrency soak in each build
#   make faults OPS=N          host fault injection, N operations (SEED=S)
#   make clean                 remove what the build made (any O=)
#   make V=1                   show the commands
#   make O=dir                 put all outputs in dir
#   make help                  every target and variable

ARCH ?= $(shell uname -m | sed -e 's/x86_64/x86/' -e 's/s390x/s390/')
SRCARCH := $(ARCH)
CROSS_COMPILE ?=
O ?= build
V ?= 0

ifeq ($(origin CC),default)
CC := $(CROSS_COMPILE)gcc
endif
AR := $(CROSS_COMPILE)ar

# V=1 shows the commands; make -s shows nothing but errors (as kbuild:
# the -s is in the first word of MAKEFLAGS).
ifeq ($(V),1)
Q :=
quiet = @:
else
Q := @
ifneq ($(findstring s,$(firstword -$(MAKEFLAGS))),)
quiet = @:
else
quiet = @printf '  %-7s %s\n'
endif
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
	       -DCONFIG_PAGE_STATES -DCONFIG_PAGE_STATES_VOLATILE \
	       -DCONFIG_PAGE_STATES_ADAPTIVE \
	       -DCONFIG_DEBUG_PAGE_STATES -DCONFIG_PAGE_STATES_INJECT -pthread $(INCLUDES)
# W=1: kbuild's extra warnings (scripts/Makefile.extrawarn), reported,
# not fatal. -Wmissing-include-dirs is left out: arch/$(SRCARCH)/include
# exists only for the arches that need one.
W ?=
ifneq ($(findstring 1,$(W)),)
W1_WARNINGS := missing-declarations missing-format-attribute \
	missing-prototypes old-style-definition unused-but-set-variable \
	unused-const-variable format-overflow format-truncation \
	stringop-overflow
ifeq ($(findstring clang,$(shell $(CC) --version 2>/dev/null)),)
W1_WARNINGS += packed-not-aligned stringop-truncation
endif
BASE_CFLAGS += -Wunused -Wno-unused-parameter \
	$(foreach w,$(W1_WARNINGS),-W$(w) -Wno-error=$(w))
endif
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
MT_TEST_SRCS := $(sort $(wildcard tests/threaded/*.c tests/soak/*.c))
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

# The tool (and its manual page) alone, without the test programs: the
# quickest way from a clone to pagestates record and compare.
tool: $(O)/plain/pagestates

objs = $(patsubst %.c,$(O)/$(1)/%.o,$(2))
lib = $(O)/$(1)/libpagestates.a
testbins = $(patsubst %.c,$(O)/$(1)/%,$(2))

define VARIANT_RULES
$(O)/$(1)/%.o: %.c
	$$(quiet) CC$(if $(filter plain,$(1)),,[$(1)]) $$<
	@mkdir -p $$(@D)
	$(Q)$$(CC) $$(BASE_CFLAGS) $$(CFLAGS) $$(FLAGS_$(1)) $$(SHARED_CFLAGS) -MMD -MP -c -o $$@ $$<

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

# The files shared with the Linux 6.1 patch series (linux/patch-src/*/files)
# keep to a kernel's stack: no frame above 2 KiB (sanitizers add redzones,
# so the plain build checks).
KERNEL_SHARED_SRCS := $(filter %.c,$(sort $(shell cat linux/patch-src/*/files)))
$(call objs,plain,$(KERNEL_SHARED_SRCS)): SHARED_CFLAGS := -Wframe-larger-than=2048

$(O)/plain/pagestates: $(call objs,plain,$(TOOL_SRCS)) $(call lib,plain)
	$(quiet) LD $@
	$(Q)$(CC) $(CFLAGS) $(STATIC) -o $@ $^ $(TOOL_LDLIBS) $(LDLIBS)

# The tool under ASan+UBSan, for the option tests (tests/cli).
$(O)/asan/pagestates: $(call objs,asan,$(TOOL_SRCS)) $(call lib,asan)
	$(quiet) LD $@
	$(Q)$(CC) $(CFLAGS) $(FLAGS_asan) -o $@ $^ $(TOOL_LDLIBS) $(LDLIBS)

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
CHECK_TOOLS := $(O)/plain/pagestates
ifeq ($(SANITIZE),1)
CHECK_TOOLS += $(O)/asan/pagestates
endif
check: $(CHECK_BINS) $(CHECK_TOOLS)
	$(quiet) PROVE "$(words $(CHECK_BINS) $(CHECK_SCRIPTS)) test programs, $(TEST_TIMEOUT) s limit each"
	$(Q)O=$(O) ARCH=$(ARCH) CROSS_COMPILE=$(CROSS_COMPILE) TEST_TIMEOUT=$(TEST_TIMEOUT) \
		TEST_RUNNER='$(TEST_EXEC)' $(PROVE) $(PROVE_FLAGS) \
		--exec 'sh tests/run-test.sh' $(CHECK_BINS) $(CHECK_SCRIPTS)

# The concurrency soak, long: DURATION seconds in each build.
DURATION ?= 60
SOAK_ARGS ?=
SOAK_BINS := $(foreach v,$(VARIANTS),$(O)/$(v)/tests/soak/soak)
soak: $(SOAK_BINS)
	$(Q)log=$$(mktemp) && trap 'rm -f "$$log"' EXIT && \
	for b in $(SOAK_BINS); do \
		echo "  SOAK    $$b --duration $(DURATION) $(SOAK_ARGS)"; \
		$(TEST_EXEC) $$b --duration $(DURATION) $(SOAK_ARGS) >$$log; \
		rc=$$?; grep -E '^(not ok|# seed|# violation|# checker|Bail)' \
			$$log | sed 's/^/    /'; \
		[ $$rc = 0 ] || exit 1; \
	done

.PHONY: soak

# Host fault injection, long: OPS operations (events replayed) under
# every strategy with host faults (scripts/faults.sh); SEED reproduces.
OPS ?= 2000000
SEED ?=
faults: $(O)/plain/pagestates
	$(Q)sh scripts/faults.sh $(O)/plain/pagestates $(OPS) $(SEED)

.PHONY: faults

BENCH_BINS := $(call testbins,plain,$(BENCH_SRCS))
bench: $(BENCH_BINS) $(O)/plain/pagestates
	$(Q)for b in $(BENCH_BINS); do O=$(O) $$b || exit 1; done
	$(Q)for s in $(wildcard tests/bench/*.sh); do \
		O=$(O) ARCH=$(ARCH) sh $$s || exit 1; done

# The manual page, made from Documentation/pagestates.rst by rst2man
# (Debian: python3-docutils); built by make when rst2man is there.
RST2MAN ?= rst2man
HAVE_RST2MAN := $(shell command -v $(RST2MAN) >/dev/null 2>&1 && echo 1)
MAN_PAGE := $(O)/man/pagestates.1
$(MAN_PAGE): Documentation/pagestates.rst
	$(quiet) MAN $@
	@mkdir -p $(@D)
	$(Q)command -v $(RST2MAN) >/dev/null || { echo "no $(RST2MAN): install python3-docutils (scripts/install-deps.sh)" >&2; exit 1; }
	$(Q)$(RST2MAN) --strict $< $@.tmp && mv $@.tmp $@
man: $(MAN_PAGE)
ifeq ($(HAVE_RST2MAN),1)
all: $(MAN_PAGE)
tool: $(MAN_PAGE)
check: $(MAN_PAGE)
endif
CLEAN_FILES += $(MAN_PAGE)

# make install / uninstall [PREFIX=/usr/local] [DESTDIR=staging]: the
# tool, its manual page and its bash completion.
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions
INSTALLED := $(DESTDIR)$(BINDIR)/pagestates \
	     $(DESTDIR)$(MANDIR)/man1/pagestates.1 \
	     $(DESTDIR)$(BASHCOMPDIR)/pagestates
install: $(O)/plain/pagestates $(MAN_PAGE)
	$(quiet) INSTALL "$(DESTDIR)$(PREFIX)"
	$(Q)install -D -m 0755 $(O)/plain/pagestates $(DESTDIR)$(BINDIR)/pagestates
	$(Q)install -D -m 0644 $(MAN_PAGE) $(DESTDIR)$(MANDIR)/man1/pagestates.1
	$(Q)install -D -m 0644 tools/pagestates/pagestates.bash-completion \
		$(DESTDIR)$(BASHCOMPDIR)/pagestates
uninstall:
	$(quiet) UNINST "$(DESTDIR)$(PREFIX)"
	$(Q)rm -f $(INSTALLED)

help:
	@echo 'Build (outputs in O=$(O)):'
	@echo '  all (default)    - the tool, the test programs, the manual page'
	@echo '  tool             - the tool and its manual page alone'
	@echo '  man              - $(MAN_PAGE) from Documentation/pagestates.rst'
	@echo '  kernel           - $(O)/linux/bzImage, Linux 6.1 with the series'
	@echo '                     for s390x (linux/, Documentation/porting.rst)'
	@echo '  kernel-series    - regenerate linux/patches from linux/patch-src'
	@echo '  qemu             - $(O)/qemu/qemu-system-s390x, QEMU 7.2 with ESSA'
	@echo '                     under TCG (qemu/patches, Documentation/qemu.rst)'
	@echo '  clean            - remove what the build made, nothing else'
	@echo 'Tests:'
	@echo '  check            - the native suite under prove: plain, ASan+UBSan,'
	@echo '                     TSan, fuzz corpora, CLI tests'
	@echo '  check-all        - install-deps, check, the s390x suite under'
	@echo '                     qemu-s390x, emu-check, qemu-check, e2e-check'
	@echo '                     (the README'"'"'s test command)'
	@echo '  emu-check        - bare-metal s390x images under qemu-system-s390x'
	@echo '                     and Hercules'
	@echo '  qemu-check       - bare-metal images and ESSA tests under our QEMU'
	@echo '  kernel-check     - the Linux 6.1 series: drift, checkpatch, apply,'
	@echo '                     boots with every page_states= value'
	@echo '  qemu-bench       - ESSA cost under TCG against a no-op loop'
	@echo '  e2e              - Linux 6.1 under our QEMU, every configuration:'
	@echo '                     ESSA, RSS, wall time, the model on a capture'
	@echo '                     (Documentation/e2e.rst)'
	@echo '  e2e-check        - e2e-guest-check and a shortened e2e run'
	@echo '  e2e-guest-check  - the in-guest e2e workload under qemu-s390x'
	@echo '  bench            - benchmarks (ratios measured side by side)'
	@echo '  fuzz, fuzz-afl   - each fuzz target for FUZZ_SECONDS'
	@echo '  faults           - host fault injection for OPS operations (SEED)'
	@echo 'Use:'
	@echo '  run              - install-deps, then pagestates $(RUN_ARGS)'
	@echo '  install          - tool, manual page, bash completion into'
	@echo '                     DESTDIR/PREFIX (PREFIX=$(PREFIX))'
	@echo '  uninstall        - remove what install put there'
	@echo '  deps             - scripts/install-deps.sh (Debian packages)'
	@echo 'Variables:'
	@echo '  V=1              - show the commands; make -s: show nothing'
	@echo '  W=1              - extra warnings (as kbuild W=1), not fatal'
	@echo '  O=DIR            - outputs in DIR (default build)'
	@echo '  CC=clang         - another compiler'
	@echo '  ARCH=s390 CROSS_COMPILE=s390x-linux-gnu-  - s390x binaries'
	@echo '  PREFIX, DESTDIR, BINDIR, MANDIR, BASHCOMPDIR  - install places'
	@echo '  TEST_TIMEOUT=S   - time limit per test program (default 300)'

# The README's two commands. Both install missing packages first.
deps:
	$(Q)sh scripts/install-deps.sh

# Main job on the built-in default: every strategy on the kbuild-like mix.
RUN_ARGS ?= compare kbuild
run: deps
	$(Q)$(MAKE) --no-print-directory $(O)/plain/pagestates
	$(Q)$(O)/plain/pagestates $(RUN_ARGS)

# Everything: native suite (plain, sanitizers), the s390x suite under
# qemu-s390x, the bare-metal images under both emulators, and under our
# QEMU with ESSA, and the shortened end-to-end run (Linux under it).
S390_MAKE = $(MAKE) --no-print-directory ARCH=s390 \
	    CROSS_COMPILE=s390x-linux-gnu- O=$(O)/s390
check-all: deps
	$(Q)$(MAKE) --no-print-directory check
	$(Q)$(S390_MAKE) check
	$(Q)$(MAKE) --no-print-directory emu-check
	$(Q)$(MAKE) --no-print-directory qemu-check
	$(Q)$(MAKE) --no-print-directory kernel-check
	$(Q)$(MAKE) --no-print-directory e2e-check

.PHONY: deps run check-all

# Bare-metal s390x images under qemu-system-s390x and Hercules.
include baremetal/build.mk
# QEMU with ESSA under TCG, and the tests under it.
include qemu/qemu.mk
# End to end: the patched kernel under our QEMU (e2e/).
include e2e/e2e.mk
# The Linux 6.1 patch series, its kernel and the boot tests.
include linux/linux.mk

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

.PHONY: all tool tests check bench install uninstall man help clean
.SECONDARY:
.DELETE_ON_ERROR:
