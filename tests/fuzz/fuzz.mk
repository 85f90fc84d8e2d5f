# SPDX-License-Identifier: GPL-2.0
#
# Fuzz targets (included by the top Makefile); Documentation/reliability.rst.
#
#   make fuzz FUZZ_SECONDS=N   each target under libFuzzer (clang) for N s,
#                              new inputs in $(O)/fuzz-work/corpus/NAME,
#                              crashes in $(O)/fuzz-work/crash-NAME-*
#   make fuzz-afl FUZZ_SECONDS=N   the same targets under AFL++
#   make check                 each target once over its committed corpus
#                              (tests/fuzz/corpus/NAME), as a TAP test
#   FUZZ_TARGETS="essa replay" only these
#
# A target is tests/fuzz/fuzz_NAME.c defining LLVMFuzzerTestOneInput(). The
# regression build links it with tests/fuzz/driver.c against the ASan and
# UBSan objects of make check (plain where there are no sanitizers: s390);
# the libFuzzer and AFL++ builds compile everything again with coverage.

FUZZ_ALL := $(patsubst tests/fuzz/fuzz_%.c,%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_TARGETS ?= $(FUZZ_ALL)
FUZZ_SECONDS ?= 60
FUZZ_CC ?= clang
AFL_CC ?= afl-clang-fast
FUZZ_TOOL_SRCS := $(filter-out tools/pagestates/main.c,$(TOOL_SRCS))
FUZZ_DEP_SRCS := $(FUZZ_TOOL_SRCS) $(TESTLIB_SRCS)
FUZZ_WORK := $(O)/fuzz-work

# --- regression runs in make check ---------------------------------------
FUZZ_REGRESS_V := $(if $(filter asan,$(VARIANTS)),asan,plain)

define FUZZ_REGRESS_RULE
$(O)/$(FUZZ_REGRESS_V)/tests/fuzz/fuzz_$(1): \
		$(O)/$(FUZZ_REGRESS_V)/tests/fuzz/fuzz_$(1).o \
		$(O)/$(FUZZ_REGRESS_V)/tests/fuzz/driver.o \
		$(call objs,$(FUZZ_REGRESS_V),$(FUZZ_DEP_SRCS)) \
		$(call lib,$(FUZZ_REGRESS_V))
	$$(quiet) LD $$@
	$(Q)$$(CC) $$(CFLAGS) $$(FLAGS_$(FUZZ_REGRESS_V)) $(STATIC) -o $$@ $$^ \
		$$(TOOL_LDLIBS) $$(LDLIBS)
endef
$(foreach t,$(FUZZ_ALL),$(eval $(call FUZZ_REGRESS_RULE,$(t))))

FUZZ_REGRESS_BINS := $(patsubst %,$(O)/$(FUZZ_REGRESS_V)/tests/fuzz/fuzz_%,$(FUZZ_ALL))
-include $(patsubst %,$(O)/$(FUZZ_REGRESS_V)/tests/fuzz/%.d,driver $(addprefix fuzz_,$(FUZZ_ALL)))

# --- libFuzzer and AFL++ builds -------------------------------------------
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined \
	    -fno-omit-frame-pointer
FUZZ_SRCS := $(LIB_SRCS) $(FUZZ_DEP_SRCS)
FUZZ_HARNESS_SRCS := $(patsubst %,tests/fuzz/fuzz_%.c,$(FUZZ_ALL))

# name, compiler, compile flags, link flags
define FUZZ_BUILD_RULES
$(O)/$(1)/%.o: %.c
	$$(quiet) CC[$(1)] $$<
	@mkdir -p $$(@D)
	$(Q)$(2) $$(BASE_CFLAGS) -O1 -g $(3) -MMD -MP -c -o $$@ $$<

$(O)/$(1)/libpagestates.a: $(patsubst %.c,$(O)/$(1)/%.o,$(LIB_SRCS))
	$$(quiet) AR $$@
	$(Q)rm -f $$@ && $$(AR) rcs $$@ $$^

$(O)/$(1)/fuzz_%: $(O)/$(1)/tests/fuzz/fuzz_%.o \
		$(patsubst %.c,$(O)/$(1)/%.o,$(FUZZ_DEP_SRCS)) \
		$(O)/$(1)/libpagestates.a
	$$(quiet) LD $$@
	$(Q)$(2) $(4) -o $$@ $$^ $$(TOOL_LDLIBS) $$(LDLIBS)

-include $(patsubst %.c,$(O)/$(1)/%.d,$(FUZZ_SRCS) $(FUZZ_HARNESS_SRCS))
endef
$(eval $(call FUZZ_BUILD_RULES,fuzz,$(FUZZ_CC),-fsanitize=fuzzer-no-link $(FUZZ_SAN),-fsanitize=fuzzer $(FUZZ_SAN)))
$(eval $(call FUZZ_BUILD_RULES,afl,$(AFL_CC),$(FUZZ_SAN),-fsanitize=fuzzer $(FUZZ_SAN)))

FUZZ_BINS := $(patsubst %,$(O)/fuzz/fuzz_%,$(FUZZ_TARGETS))
AFL_BINS := $(patsubst %,$(O)/afl/fuzz_%,$(FUZZ_TARGETS))

# A target's dictionary: tests/fuzz/NAME.dict, or for the trace targets
# tests/fuzz/trace.dict.
fuzz: $(FUZZ_BINS)
	$(Q)mkdir -p $(FUZZ_WORK) && touch $(FUZZ_WORK)/.pagestates-output
	$(Q)for t in $(FUZZ_TARGETS); do \
		echo "  FUZZ    $$t for $(FUZZ_SECONDS) s"; \
		mkdir -p $(FUZZ_WORK)/corpus/$$t || exit 1; \
		d=$$(ls tests/fuzz/$$t.dict 2>/dev/null; \
		     case $$t in trace_*|replay) echo tests/fuzz/trace.dict;; esac); \
		d=$$(echo $$d | cut -d' ' -f1); \
		$(O)/fuzz/fuzz_$$t -max_total_time=$(FUZZ_SECONDS) \
			-print_final_stats=1 -close_fd_mask=2 \
			-artifact_prefix=$(FUZZ_WORK)/crash-$$t- \
			$${d:+-dict=$$d} $(FUZZ_FLAGS) \
			$(FUZZ_WORK)/corpus/$$t tests/fuzz/corpus/$$t \
			2>$(FUZZ_WORK)/$$t.log; rc=$$?; \
		grep -E '^(stat::|#[0-9]+ *DONE|SUMMARY|==[0-9]+==ERROR)' \
			$(FUZZ_WORK)/$$t.log | sed 's/^/    /'; \
		[ $$rc = 0 ] || { echo "  FUZZ    $$t: crash, see $(FUZZ_WORK)/$$t.log"; exit 1; }; \
	done

fuzz-afl: $(AFL_BINS)
	$(Q)mkdir -p $(FUZZ_WORK) && touch $(FUZZ_WORK)/.pagestates-output
	$(Q)for t in $(FUZZ_TARGETS); do \
		echo "  AFL     $$t for $(FUZZ_SECONDS) s"; \
		AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 \
		AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
		AFL_IGNORE_SEED_PROBLEMS=1 \
		afl-fuzz -V $(FUZZ_SECONDS) -m none -t 2000 \
			-i tests/fuzz/corpus/$$t -o $(FUZZ_WORK)/afl-$$t \
			-- $(O)/afl/fuzz_$$t >$(FUZZ_WORK)/afl-$$t.log 2>&1 || \
			{ tail -20 $(FUZZ_WORK)/afl-$$t.log; exit 1; }; \
		n=$$(ls $(FUZZ_WORK)/afl-$$t/default/crashes 2>/dev/null | \
		     grep -c id:); \
		grep -E 'execs_done|saved_crashes' \
			$(FUZZ_WORK)/afl-$$t/default/fuzzer_stats | sed 's/^/    /'; \
		[ "$$n" = 0 ] || { echo "  AFL     $$t: $$n crashes in $(FUZZ_WORK)/afl-$$t/default/crashes"; exit 1; }; \
	done

.PHONY: fuzz fuzz-afl
