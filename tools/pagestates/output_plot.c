// SPDX-License-Identifier: GPL-2.0
/*
 * Charts via gnuplot: host resident memory over time per strategy against
 * the guest's used memory, and hint cost against the unhinted free memory
 * with the oracle bound (frontier.h) drawn under the strategies' points;
 * for pagestates frontier the bound alone.
 *
 * Names from the user (the output file, the trace path in the title) are
 * never pasted into the script: gnuplot gets them as arguments
 * (`gnuplot -c SCRIPT OUTPUT INPUT DATA START`, read as ARG1..ARG4),
 * which it treats as strings, never as code. The script itself holds only
 * our own text.
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

#define PLOT_FRONTIER_POINTS	512

/* A data block of the bound's points (MiB); a dummy point if none. */
static int write_frontier(FILE *f, const struct ps_frontier *fr)
{
	struct ps_frontier_point *pts;
	size_t i, n;

	if (!fr || !fr->nr) {
		fputs("0 0\n", f);
		return 0;
	}
	pts = malloc(PLOT_FRONTIER_POINTS * sizeof(*pts));
	if (!pts)
		return -1;
	n = frontier_thin(fr, PLOT_FRONTIER_POINTS, pts);
	for (i = 0; i < n; i++)
		fprintf(f, "%.4f %.4f\n", pts[i].hint_ops_per_1k_freed,
			pts[i].unhinted_free_mean_pages / 256.0);
	free(pts);
	return 0;
}

static int write_data(const char *path, const struct ps_report *rep)
{
	FILE *f = fopen(path, "w");
	unsigned int i;
	size_t j;
	int err;

	if (!f)
		return -1;
	/*
	 * blocks 0..n-1: series per strategy; block n: the summary; block
	 * n+1: the oracle bound
	 */
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
			rep->runs[i].unhinted_free_mean_pages / 256.0);
	fputs("\n\n", f);
	err = write_frontier(f, rep->frontier) || ferror(f);
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
	fputs("set title sprintf('host resident memory (%s; %s)', ARG2, ARG4) noenhanced\n",
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
	fputs("set title 'hint cost vs unhinted free memory'\n", f);
	fputs("set xlabel 'hint ops per 1000 freed pages'\n", f);
	fputs("set ylabel 'unhinted free memory, mean (MiB)'\nset key top right\n",
	      f);
	fputs("set offsets graph 0.1, graph 0.1, graph 0.1, graph 0.1\n", f);
	fprintf(f, "plot ARG3 index %u using 1:2 with lines lw 2 lc rgb 'gray' title 'oracle bound (frontier)', '' index %u using 2:3 with points pt 7 ps 1.5 notitle, '' index %u using 2:3:1 with labels offset 1,1 left noenhanced notitle\n",
		rep->nr_runs + 1, rep->nr_runs, rep->nr_runs);
	fputs("unset multiplot\n", f);
	err = ferror(f);
	return fclose(f) || err ? -1 : 0;
}

static int run_gnuplot(const char *script, const char *out,
		       const char *input, const char *data, const char *setup)
{
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (!pid) {
		execlp("gnuplot", "gnuplot", "-c", script, out, input, data,
		       setup, (char *)NULL);
		fprintf(stderr, "pagestates: cannot run gnuplot: %s\n",
			strerror(errno));
		_exit(127);
	}
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) && !WEXITSTATUS(status) ? 0 : -1;
}

typedef int (*data_writer)(const char *path, const struct ps_report *rep);
typedef int (*script_writer)(const char *path, const char *out,
			     const struct ps_report *rep);

static int plot_with(const char *path, const struct ps_report *rep,
		     data_writer write_d, script_writer write_s)
{
	char dir[] = "/tmp/pagestates-plot.XXXXXX";
	char data[64], script[64], setup[64];
	int ret = -1;

	if (!mkdtemp(dir)) {
		fprintf(stderr, "pagestates: --plot: %s\n", strerror(errno));
		return -1;
	}
	snprintf(data, sizeof(data), "%s/data", dir);
	snprintf(script, sizeof(script), "%s/plot.gp", dir);
	snprintf(setup, sizeof(setup), "start %s, host %s", rep->start,
		 rep->host);
	if (write_d(data, rep) || write_s(script, path, rep))
		fprintf(stderr, "pagestates: --plot: cannot write %s\n", dir);
	else if (run_gnuplot(script, path, rep->input, data, setup))
		fprintf(stderr, "pagestates: --plot %s: gnuplot failed (is it installed?)\n",
			path);
	else
		ret = 0;
	unlink(data);
	unlink(script);
	rmdir(dir);
	return ret;
}

int output_plot(const char *path, const struct ps_report *rep)
{
	return plot_with(path, rep, write_data, write_script);
}

static int write_frontier_data(const char *path, const struct ps_report *rep)
{
	FILE *f = fopen(path, "w");
	int err;

	if (!f)
		return -1;
	err = write_frontier(f, rep->frontier) || ferror(f);
	return fclose(f) || err ? -1 : 0;
}

static int write_frontier_script(const char *path, const char *out,
				 const struct ps_report *rep)
{
	bool png = !strcmp(out + strlen(out) - 4, ".png");
	FILE *f = fopen(path, "w");
	int err;

	(void)rep;
	if (!f)
		return -1;
	fprintf(f, "set terminal %s size 800,500%s\n",
		png ? "pngcairo" : "svg", png ? "" : " dynamic");
	fputs("set output ARG1\n", f);
	fputs("set title sprintf('oracle bound (%s; %s)', ARG2, ARG4) noenhanced\n",
	      f);
	fputs("set xlabel 'hint ops per 1000 freed pages'\n", f);
	fputs("set ylabel 'unhinted free memory, mean (MiB)'\nset key off\n",
	      f);
	fputs("plot ARG3 using 1:2 with lines lw 2\n", f);
	err = ferror(f);
	return fclose(f) || err ? -1 : 0;
}

int output_frontier_plot(const char *path, const struct ps_report *rep)
{
	return plot_with(path, rep, write_frontier_data, write_frontier_script);
}
