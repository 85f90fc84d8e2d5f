// SPDX-License-Identifier: GPL-2.0
/*
 * Charts via gnuplot: host resident memory over time per strategy against
 * the guest's used memory, and hint cost against reclaim coverage.
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
	return fclose(f);
}

static int write_script(const char *path, const char *data,
			const char *out, const struct ps_report *rep)
{
	bool png = !strcmp(out + strlen(out) - 4, ".png");
	FILE *f = fopen(path, "w");
	unsigned int i;

	if (!f)
		return -1;
	fprintf(f, "set terminal %s size 1200,500%s\n",
		png ? "pngcairo" : "svg", png ? "" : " dynamic");
	fprintf(f, "set output '%s'\n", out);
	fputs("set datafile commentschars '#'\n", f);
	fputs("set multiplot layout 1,2\n", f);
	fprintf(f, "set title 'host resident memory (%s)'\n", rep->input);
	fputs("set xlabel 'time (s)'\nset ylabel 'MiB'\nset key top left\n", f);
	fputs("plot ", f);
	for (i = 0; i < rep->nr_runs; i++)
		fprintf(f, "'%s' index %u using 1:3 with lines lw 2 title '%s', ",
			data, i, rep->runs[i].strategy);
	fprintf(f, "'%s' index 0 using 1:2 with lines dt 2 lc rgb 'black' title 'guest used'\n",
		data);
	fputs("set title 'hint cost vs reclaim coverage'\n", f);
	fputs("set xlabel 'hint ops per 1000 freed pages'\n", f);
	fputs("set ylabel 'reclaim coverage (%)'\nset key off\n", f);
	fputs("set offsets graph 0.1, graph 0.1, graph 0.1, graph 0.1\n", f);
	fprintf(f, "plot '%s' index %u using 2:3 with points pt 7 ps 1.5, '' index %u using 2:3:1 with labels offset 1,1 left\n",
		data, rep->nr_runs, rep->nr_runs);
	fputs("unset multiplot\n", f);
	return fclose(f);
}

static int run_gnuplot(const char *script)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (!pid) {
		execlp("gnuplot", "gnuplot", script, (char *)NULL);
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
	if (write_data(data, rep) || write_script(script, data, path, rep))
		fprintf(stderr, "pagestates: --plot: cannot write %s\n", dir);
	else if (run_gnuplot(script))
		fprintf(stderr, "pagestates: --plot %s: gnuplot failed (is it installed?)\n",
			path);
	else
		ret = 0;
	unlink(data);
	unlink(script);
	rmdir(dir);
	return ret;
}
