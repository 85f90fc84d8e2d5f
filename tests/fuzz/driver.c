// SPDX-License-Identifier: GPL-2.0
/*
 * The corpus of a fuzz target as a regression test (TAP): every file of
 * tests/fuzz/corpus/NAME (NAME from the program's name fuzz_NAME), or
 * of the files and directories given, is run
 * once through the target. A crash or a broken invariant aborts with the
 * file named just before; a clean run of all is one "ok" per file.
 *
 *   fuzz_NAME [FILE|DIR]...
 */
#include <dirent.h>
#include <stdbool.h>
#include <string.h>
#include <sys/stat.h>
#include "fuzz.h"
#include "tap.h"

__attribute__((weak)) int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf = NULL;
	long len;

	if (!f)
		return -1;
	if (fseek(f, 0, SEEK_END) || (len = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET))
		goto fail;
	/* exactly the input's size: a read past it is a heap overflow */
	buf = malloc(len ? (size_t)len : 1);
	if (!buf || fread(buf, 1, (size_t)len, f) != (size_t)len)
		goto fail;
	fclose(f);
	printf("# %s (%ld bytes)\n", path, len);
	fflush(stdout);
	LLVMFuzzerTestOneInput(buf, (size_t)len);
	free(buf);
	return 0;
fail:
	free(buf);
	fclose(f);
	return -1;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The files of a directory in name order, each run once. */
static void run_dir(const char *dir)
{
	char **names = NULL, path[4096];
	size_t nr = 0, i;
	struct dirent *d;
	DIR *dp = opendir(dir);

	if (!dp) {
		ok(0, "corpus directory %s readable", dir);
		return;
	}
	while ((d = readdir(dp))) {
		char **n;

		if (d->d_name[0] == '.')
			continue;
		n = realloc(names, (nr + 1) * sizeof(*names));
		if (!n)
			tap_bail("out of memory");
		names = n;
		names[nr++] = strdup(d->d_name);
	}
	closedir(dp);
	qsort(names, nr, sizeof(*names), cmp_names);
	ok(nr > 0, "%s: %zu inputs", dir, nr);
	for (i = 0; i < nr; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		ok(!run_file(path), "%s", names[i]);
		free(names[i]);
	}
	free(names);
}

int main(int argc, char **argv)
{
	struct stat st;
	int i;

	LLVMFuzzerInitialize(&argc, &argv);
	printf("TAP version 13\n");
	if (argc < 2) {
		const char *name = strrchr(argv[0], '/');
		char dir[256];

		name = name ? name + 1 : argv[0];
		if (!strncmp(name, "fuzz_", 5))
			name += 5;
		snprintf(dir, sizeof(dir), "tests/fuzz/corpus/%s", name);
		run_dir(dir);
	} else {
		for (i = 1; i < argc; i++) {
			if (!stat(argv[i], &st) && S_ISDIR(st.st_mode))
				run_dir(argv[i]);
			else
				ok(!run_file(argv[i]), "%s", argv[i]);
		}
	}
	printf("1..%u\n", tap.run);
	return tap_finish();
}
