// SPDX-License-Identifier: GPL-2.0
/*
 * Charts via gnuplot: host resident memory over time per strategy against
 * the guest's used memory, and hint cost against the unhinted free memory
 * with the oracle bound (frontier.h) drawn under the strategies' points;
 * for pagestates frontier the bound alone.
 *
 * Names from the user (the output file, the trace path in the title) are
 * never pasted into the script: gnuplot gets them as arguments
 * (`gnuplot -c SCRIPT OUTPUT INPUT DATA SETUP`, read as ARG1..ARG4),
 * which it treats as strings, never as code. The script itself holds only
 * our own text.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/kernel.h>
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
	 * blocks 0..n-1: series per strategy (time, guest used, guest
	 * free, host resident, reclaimable; MiB); block n: the summary,
	 * one line per strategy; block n+1: the oracle bound
	 */
	for (i = 0; i < rep->nr_runs; i++) {
		const struct ps_series *s = &rep->runs[i].series;

		fprintf(f, "# %s\n", rep->runs[i].strategy);
		for (j = 0; j < s->nr; j++)
			fprintf(f, "%.6f %.3f %.3f %.3f %.3f\n",
				s->samples[j].time_s,
				mib(s->samples[j].guest_used),
				mib(s->samples[j].guest_free),
				mib(s->samples[j].host_resident),
				mib(s->samples[j].reclaimable));
		if (!s->nr)
			fputs("0 0 0 0 0\n", f);
		fputs("\n\n", f);
	}
	for (i = 0; i < rep->nr_runs; i++)
		fprintf(f, "%u %.3f %.4f\n", i,
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

/*
 * One colour per strategy, the same in every chart: ten that stay apart
 * on white and for most colour vision (no red: it is the host limit);
 * past ten they repeat with another dash and point type.
 */
static const char *const colours[] = {
	"#4e79a7", "#f28e2b", "#59a14f", "#b07aa1", "#17becf",
	"#9c755f", "#e377c2", "#bcbd22", "#1f3b73", "#7f7f7f",
};
#define NR_COLOURS	ARRAY_SIZE(colours)
static const int point_types[] = { 7, 5, 9, 11, 13, 15, 4, 6, 8, 10 };

static void terminal(FILE *f, const char *out, int w, int h)
{
	bool png = !strcmp(out + strlen(out) - 4, ".png");

	if (png)
		fprintf(f, "set terminal pngcairo size %d,%d background '#ffffff' font 'sans,10'\n",
			w, h);
	else
		fprintf(f, "set terminal svg size %d,%d dynamic background '#ffffff' font 'sans,10'\n",
			w, h);
	fputs("set output ARG1\nset datafile commentschars '#'\n", f);
	fputs("set grid lc rgb '#dddddd'\nset border lc rgb '#444444'\n", f);
}

/*
 * Lines that coincide (no host pressure: every strategy at the limit)
 * stay visible: the first strategy is drawn widest, each later one
 * narrower on top of it.
 */
static double line_width(unsigned int i, unsigned int n)
{
	return n > 1 ? 1.5 + 3.0 * (double)(n - 1 - i) / (double)(n - 1) : 2;
}

static void line_style(FILE *f, unsigned int i, unsigned int n)
{
	fprintf(f, "lw %.2f lc rgb '%s' dt %u", line_width(i, n),
		colours[i % NR_COLOURS], 1 + (unsigned int)(i / NR_COLOURS) % 4);
}

/* The largest x and y the trade-off chart must show. */
static void tradeoff_range(const struct ps_report *rep, double *xmax,
			   double *ymax)
{
	const struct ps_frontier *fr = rep->frontier;
	unsigned int i;
	size_t j;

	*xmax = 1;
	*ymax = 0.1;
	for (i = 0; i < rep->nr_runs; i++) {
		const struct ps_metrics *m = &rep->runs[i];

		*xmax = max(*xmax, m->hint_ops_per_1k_freed);
		*ymax = max(*ymax, m->unhinted_free_mean_pages / 256.0);
	}
	for (j = 0; fr && j < fr->nr; j++)
		*ymax = max(*ymax, fr->pts[j].unhinted_free_mean_pages /
				   256.0);
	*xmax *= 1.08;
	*ymax *= 1.08;
}

/* Screen layout: two time charts on the left, the trade-off right. */
#define L_LEFT	0.05
#define L_RIGHT	0.43	/* time charts end; their key follows */
#define R_LEFT	0.59
#define R_RIGHT	0.80	/* trade-off chart ends; its key follows */

/*
 * The key of a time chart at its top right (key_top, screen), and its
 * plot command up to the last strategy's line of data column col; the
 * caller adds the guest's line. titled: the strategies are in the key.
 */
static void plot_series(FILE *f, const struct ps_report *rep, double key_top,
			int col, bool titled)
{
	unsigned int i, n = rep->nr_runs;

	fprintf(f, "set key at screen %.3f, %.2f left top Left reverse samplen 3 spacing 1.2 box lc rgb '#bbbbbb'\n",
		L_RIGHT + 0.012, key_top);
	fputs("plot ", f);
	for (i = 0; i < n; i++) {
		fprintf(f, "ARG3 index %u using 1:%d with lines ", i, col);
		line_style(f, i, n);
		if (titled) {
			fputs(" title ", f);
			put_quoted(f, rep->runs[i].strategy);
			fputs(" noenhanced, ", f);
		} else {
			fputs(" notitle, ", f);
		}
	}
}

static int write_script(const char *path, const char *out,
			const struct ps_report *rep)
{
	FILE *f = fopen(path, "w");
	unsigned int i, n = rep->nr_runs;
	double xmax, ymax;
	char label[128];
	int err;

	if (!f)
		return -1;
	/*
	 * ARG1: the output file, ARG2: the input's name, ARG3: the data,
	 * ARG4: the set-up (our text)
	 */
	terminal(f, out, 1500, 860);
	fputs("set multiplot title sprintf('%s  (%s)', ARG2, ARG4) noenhanced font ',12'\n",
	      f);
	fprintf(f, "set lmargin at screen %.3f\nset rmargin at screen %.3f\n",
		L_LEFT, L_RIGHT);
	fputs("set tmargin at screen 0.90\nset bmargin at screen 0.54\n", f);
	fputs("set title 'host resident memory over time (what the host holds for the guest)'\n",
	      f);
	fputs("unset xlabel\nset ylabel 'MiB'\nset yrange [0:*]\n", f);
	if (rep->duration_s > 0)
		fprintf(f, "set xrange [0:%.6g]\n", rep->duration_s);
	plot_series(f, rep, 0.90, 4, true);
	fputs("ARG3 index 0 using 1:2 with lines lw 1.5 dt 2 lc rgb 'black' title 'guest used'", f);
	if (rep->host_pages)
		fprintf(f, ", %.3f with lines lw 1.5 dt 4 lc rgb '#d62728' title 'host limit'",
			mib(rep->host_pages));
	fputc('\n', f);
	fputs("set tmargin at screen 0.46\nset bmargin at screen 0.08\n", f);
	fputs("set title 'reclaimable free memory over time (unused or zero at the host: dropped without I/O)'\n",
	      f);
	fputs("set xlabel 'time (s)'\n", f);
	plot_series(f, rep, 0.46, 5, false);
	fputs("ARG3 index 0 using 1:3 with lines lw 1.5 dt 2 lc rgb 'black' title 'guest free'\n",
	      f);

	tradeoff_range(rep, &xmax, &ymax);
	fprintf(f, "set lmargin at screen %.3f\nset rmargin at screen %.3f\n",
		R_LEFT, R_RIGHT);
	fputs("set tmargin at screen 0.90\nset bmargin at screen 0.08\n", f);
	fputs("set title 'hint cost against free memory the host cannot drop'\n",
	      f);
	fputs("set xlabel 'hint ops per 1000 freed pages (cheaper: left)'\n",
	      f);
	fputs("set ylabel 'free but not hinted, time mean (MiB; better: lower)'\n",
	      f);
	fprintf(f, "set xrange [0:%.6g]\nset yrange [0:%.6g]\n", xmax, ymax);
	fprintf(f, "set key at screen %.3f, 0.90 left top Left reverse samplen 1 spacing 1.3 box lc rgb '#bbbbbb'\n",
		R_RIGHT + 0.008);
	fprintf(f, "plot ARG3 index %u using 1:2 with lines lw 2 lc rgb '#888888' title 'oracle bound'",
		n + 1);
	for (i = 0; i < n; i++) {
		const struct ps_metrics *m = &rep->runs[i];

		fprintf(f, ", ARG3 index %u every ::%u::%u using 2:3 with points pt %d ps %.2f lc rgb '%s' title ",
			n, i, i, point_types[i % ARRAY_SIZE(point_types)],
			line_width(i, n) * 0.4 + 1.2, colours[i % NR_COLOURS]);
		snprintf(label, sizeof(label), "%s (%.0f, %.1f MiB)",
			 m->strategy, m->hint_ops_per_1k_freed,
			 m->unhinted_free_mean_pages / 256.0);
		put_quoted(f, label);
		fputs(" noenhanced", f);
	}
	fputs("\nunset multiplot\n", f);
	err = ferror(f);
	return fclose(f) || err ? -1 : 0;
}

/*
 * gnuplot's own messages (warnings on empty ranges and the like) go to
 * a file: shown only when gnuplot fails, so a good run prints nothing.
 */
static int run_gnuplot(const char *script, const char *out,
		       const char *input, const char *data, const char *setup,
		       const char *log)
{
	int status, fd;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (!pid) {
		fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd >= 0) {
			dup2(fd, STDERR_FILENO);
			close(fd);
		}
		fd = open("/dev/null", O_RDWR);
		if (fd >= 0) {
			dup2(fd, STDIN_FILENO);
			dup2(fd, STDOUT_FILENO);
			close(fd);
		}
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

/* gnuplot's messages after a failure, on our stderr. */
static void show_log(const char *log)
{
	char line[512];
	FILE *f = fopen(log, "r");

	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		fprintf(stderr, "  gnuplot: %s", line);
	fclose(f);
}

typedef int (*data_writer)(const char *path, const struct ps_report *rep);
typedef int (*script_writer)(const char *path, const char *out,
			     const struct ps_report *rep);

/* The input's last path component, for titles. */
static const char *input_name(const char *input)
{
	const char *slash = strrchr(input, '/');

	return slash && slash[1] ? slash + 1 : input;
}

static int plot_with(const char *path, const struct ps_report *rep,
		     data_writer write_d, script_writer write_s)
{
	char dir[] = "/tmp/pagestates-plot.XXXXXX";
	char data[64], script[64], log[64], setup[160];
	int ret = -1;

	if (!mkdtemp(dir)) {
		fprintf(stderr, "pagestates: --plot: %s\n", strerror(errno));
		return -1;
	}
	snprintf(data, sizeof(data), "%s/data", dir);
	snprintf(script, sizeof(script), "%s/plot.gp", dir);
	snprintf(log, sizeof(log), "%s/gnuplot.log", dir);
	snprintf(setup, sizeof(setup), "start %s, host %s, guest %lu MiB x %u, host limit ",
		 rep->start, rep->host, rep->guest_pages >> 8, rep->nr_guests);
	if (rep->host_pages)
		snprintf(setup + strlen(setup), sizeof(setup) - strlen(setup),
			 "%lu MiB", rep->host_pages >> 8);
	else
		snprintf(setup + strlen(setup), sizeof(setup) - strlen(setup),
			 "none");
	if (write_d(data, rep) || write_s(script, path, rep)) {
		fprintf(stderr, "pagestates: --plot: cannot write %s\n", dir);
	} else if (run_gnuplot(script, path, input_name(rep->input), data,
			       setup, log)) {
		fprintf(stderr, "pagestates: --plot %s: gnuplot failed (is it installed?)\n",
			path);
		show_log(log);
	} else {
		ret = 0;
	}
	unlink(data);
	unlink(script);
	unlink(log);
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
	FILE *f = fopen(path, "w");
	double xmax = 1, ymax = 0.1;
	size_t j;
	int err;

	if (!f)
		return -1;
	for (j = 0; rep->frontier && j < rep->frontier->nr; j++) {
		xmax = max(xmax, rep->frontier->pts[j].hint_ops_per_1k_freed);
		ymax = max(ymax, rep->frontier->pts[j].unhinted_free_mean_pages /
				 256.0);
	}
	terminal(f, out, 900, 560);
	fputs("set title sprintf(\"oracle bound: the least any strategy can leave unhinted\\n%s  (%s)\", ARG2, ARG4) noenhanced\n",
	      f);
	fputs("set xlabel 'hint ops per 1000 freed pages'\n", f);
	fputs("set ylabel 'free but not hinted, time mean (MiB)'\nset key off\n",
	      f);
	fprintf(f, "set xrange [0:%.6g]\nset yrange [0:%.6g]\n", xmax * 1.05,
		ymax * 1.08);
	fputs("plot ARG3 using 1:2 with lines lw 2 lc rgb '#4e79a7'\n", f);
	err = ferror(f);
	return fclose(f) || err ? -1 : 0;
}

int output_frontier_plot(const char *path, const struct ps_report *rep)
{
	return plot_with(path, rep, write_frontier_data, write_frontier_script);
}
