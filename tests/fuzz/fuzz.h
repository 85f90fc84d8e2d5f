/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fuzz targets: each defines LLVMFuzzerTestOneInput(). Built three ways
 * (tests/fuzz/fuzz.mk): with libFuzzer (clang -fsanitize=fuzzer), with
 * AFL++'s driver (afl-clang-fast -fsanitize=fuzzer), and with
 * tests/fuzz/driver.c, which runs the committed corpus once as a
 * regression test under `make check`.
 *
 * A target aborts (fuzz_fail) on anything that is wrong, not only on a
 * memory error: the sanitizers and the fuzzer then report the input.
 */
#ifndef _TESTS_FUZZ_H
#define _TESTS_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* A broken invariant: say which, and abort so the input is kept. */
#define fuzz_fail(...) do {						\
	fprintf(stderr, "fuzz: %s:%d: ", __FILE__, __LINE__);		\
	fprintf(stderr, __VA_ARGS__);					\
	fputc('\n', stderr);						\
	abort();							\
} while (0)

#define fuzz_assert(cond) do {						\
	if (!(cond))							\
		fuzz_fail("assertion failed: %s", #cond);		\
} while (0)

/* Input bytes consumed from the front (a small reader for the targets). */
struct fuzz_in {
	const uint8_t *p;
	size_t left;
};

static inline uint8_t fuzz_u8(struct fuzz_in *in)
{
	if (!in->left)
		return 0;
	in->left--;
	return *in->p++;
}

static inline uint64_t fuzz_u64(struct fuzz_in *in)
{
	uint64_t v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | fuzz_u8(in);
	return v;
}

#endif
