// SPDX-License-Identifier: GPL-2.0
/*
 * Charts via gnuplot: host resident memory over time per strategy against
 * the guest's used memory, and hint cost against reclaim coverage.
 *
 * Names from the user (the output file, the trace path in the title) are
 * never pasted into the script: gnuplot gets them as arguments
 * (`gnuplot -c SCRIPT OUTPUT INPUT DATA`, read as ARG1..ARG3), which it
 * treats as strings, never as code. The script itself holds only our own
 * text.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "report.h"

static double mib(u64 pages)
{
	return (double)pages / 256.0;
}

static int write_data(const char *path, const struct ps_report *rep)
{
	FILE *f = fopen(path, "w");
	unsigned int i;
	size_t j;
	int err;

	if (!f)
		return -1;
	/* blocks 0..n-1: series per strategy; block n: the summary */
	for (i = 0; i < rep->nr_runs; i++) {
		const struct ps_series *s = &rep->runs[i].series;

		fprintf(f, "# %s\n", rep->runs[i].strategy);
		for (j = 0; j < s->nr; j++)
			fprintf(f, "%.6f %.3f %.3f\n", s->samples[j].time_s,
				mib(s->samples[j].guest_used),
				mib(s->samples[j].host_resident));
		if (!s->nr)
			fputs("0 0 0\n", f);
		fputs("\n\n", f);
	}
	for (i = 0; i < rep->nr_runs; i++)
		fprintf(f, "\"%s\" %.3f %.4f\n", rep->runs[i].strategy,
			rep->runs[i].hint_ops_per_1k_freed,
			100.0 * rep->runs[i].reclaim_coverage);
	err = ferror(f);
	return fclose(f) || err ? -1 : 0;
}

/*
 * A gnuplot single-quoted string: no escapes inside but '' for a quote.
 * Only for our own names (strategies); a newline would end the command,
 * so there is none in them (checked: anything else is replaced).
 */
static void put_quoted(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; *s; s++) {
		if (*s == '\'')
			fputs("''", f);
		else
			fputc(*s == '\n' || *s == '\r' ? ' ' : *s, f);
	}
	fputc('\'', f);
}

static int write_script(const char *path, const char *out,
			const struct ps_report *rep)
{
	bool png = !strcmp(out + strlen(out) - 4, ".png");
	FILE *f = fopen(path, "w");
	unsigned int i;
	int err;

	if (!f)
		return -1;
	/* ARG1: the output file, ARG2: the input's name, ARG3: the data */
	fprintf(f, "set terminal %s size 1200,500%s\n",
		png ? "pngcairo" : "svg", png ? "" : " dynamic");
	fputs("set output ARG1\n", f);
	fputs("set datafile commentschars '#'\n", f);
	fputs("set multiplot layout 1,2\n", f);
	fputs("set title sprintf('host resident memory (%s)', ARG2) noenhanced\n",
	      f);
	fputs("set xlabel 'time (s)'\nset ylabel 'MiB'\nset key top left\n", f);
	fputs("plot ", f);
	for (i = 0; i < rep->nr_runs; i++) {
		fprintf(f, "ARG3 index %u using 1:3 with lines lw 2 title ", i);
		put_quoted(f, rep->runs[i].strategy);
		fputs(" noenhanced, ", f);
	}
	fputs("ARG3 index 0 using 1:2 with lines dt 2 lc rgb 'black' title 'guest used'\n",
	      f);
	fputs("set title 'hint cost vs reclaim coverage'\n", f);
	fputs("set xlabel 'hint ops per 1000 freed pages'\n", f);
	fputs("set ylabel 'reclaim coverage (%)'\nset key off\n", f);
	fputs("set offsets graph 0.1, graph 0.1, graph 0.1, graph 0.1\n", f);
	fprintf(f, "plot ARG3 index %u using 2:3 with points pt 7 ps 1.5, '' index %u using 2:3:1 with labels offset 1,1 left noenhanced\n",
		rep->nr_runs, rep->nr_runs);
	fputs("unset multiplot\n", f);
	err = ferror(f);
	return fclose(f) || err ? -1 : 0;
}

static int run_gnuplot(const char *script, const char *out,
		       const char *input, const char *data)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (!pid) {
		execlp("gnuplot", "gnuplot", "-c", script, out, input, data,
		       (char *)NULL);
		fprintf(stderr, "pagestates: cannot run gnuplot: %s\n",
			strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) && !WEXITSTATUS(status) ? 0 : -1;
}

int output_plot(const char *path, const struct ps_report *rep)
{
	char dir[] = "/tmp/pagestates-plot.XXXXXX";
	char data[64], script[64];
	int ret = -1;

	if (!mkdtemp(dir)) {
		fprintf(stderr, "pagestates: --plot: %s\n", strerror(errno));
		return -1;
	}
	snprintf(data, sizeof(data), "%s/data", dir);
	snprintf(script, sizeof(script), "%s/plot.gp", dir);
	if (write_data(data, rep) || write_script(script, path, rep))
		fprintf(stderr, "pagestates: --plot: cannot write %s\n", dir);
	else if (run_gnuplot(script, path, rep->input, data))
		fprintf(stderr, "pagestates: --plot %s: gnuplot failed (is it installed?)\n",
			path);
	else
		ret = 0;
	unlink(data);
	unlink(script);
	rmdir(dir);
	return ret;
}
