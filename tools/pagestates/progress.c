// SPDX-License-Identifier: GPL-2.0
/* Progress bar on standard error (see progress.h). */
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include "progress.h"

#define BAR_WIDTH	24

double ps_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

double ps_cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/*
 * While a bar is enabled, stderr is a stream that clears the bar before
 * passing anything on to the real standard error (glibc lets a program
 * assign stderr). So no warning lands in the middle of the bar, wherever
 * it is printed from (the loader, the checker, pr_warn()); the bar is
 * drawn again at its next update.
 */
static struct progress *active;
static FILE *real_stderr;

static ssize_t stderr_write(void *cookie, const char *buf, size_t len)
{
	size_t n;

	(void)cookie;
	if (active && active->drawn) {
		fputs("\r\033[K", real_stderr);
		active->drawn = false;
	}
	n = fwrite(buf, 1, len, real_stderr);
	fflush(real_stderr);
	return n ? (ssize_t)n : -1;
}

static void take_stderr(struct progress *p)
{
	static const cookie_io_functions_t io = { .write = stderr_write };
	FILE *f;

	if (!real_stderr) {
		f = fopencookie(NULL, "w", io);
		if (!f)
			return;		/* warnings may then cross the bar */
		setvbuf(f, NULL, _IONBF, 0);
		real_stderr = stderr;
		stderr = f;
	}
	if (p->out == stderr)
		p->out = real_stderr;
	active = p;
}

void progress_init(struct progress *p, int mode, FILE *out)
{
	p->out = out;
	p->enabled = mode > 0 || (mode < 0 && isatty(fileno(out)));
	p->drawn = false;
	p->bytes = false;
	if (p->enabled && (out == stderr || out == real_stderr))
		take_stderr(p);
}

void progress_begin(struct progress *p, const char *label, const char *unit,
		    u64 total)
{
	p->label = label;
	p->unit = unit;
	p->total = total;
	p->bytes = false;
	p->start = ps_now();
	p->last_draw = 0;
}

/* 1.2G, 3.4M, 56k, 789; bytes in binary units: 1.2G, 3.4M, 56K */
static void human(char *buf, size_t len, double v, bool bytes)
{
	if (bytes) {
		if (v >= 1073741824.0)
			snprintf(buf, len, "%.1fG", v / 1073741824.0);
		else if (v >= 1048576.0)
			snprintf(buf, len, "%.1fM", v / 1048576.0);
		else
			snprintf(buf, len, "%.0fK", v / 1024.0);
		return;
	}
	if (v >= 1e9)
		snprintf(buf, len, "%.1fG", v / 1e9);
	else if (v >= 1e6)
		snprintf(buf, len, "%.1fM", v / 1e6);
	else if (v >= 1e4)
		snprintf(buf, len, "%.0fk", v / 1e3);
	else
		snprintf(buf, len, "%.0f", v);
}

void progress_draw(struct progress *p, u64 done)
{
	double now = ps_now(), el = now - p->start, rate;
	char d[16], t[16], r[16], bar[BAR_WIDTH + 1];
	int i, fill;

	if (!p->enabled || now - p->last_draw < 0.1)
		return;
	p->last_draw = now;
	rate = el > 0 ? (double)done / el : 0;
	human(d, sizeof(d), (double)done, p->bytes);
	human(r, sizeof(r), rate, p->bytes);
	fprintf(p->out, "\r%-16.16s ", p->label);
	if (p->total) {
		fill = (int)((double)BAR_WIDTH * (double)done /
			     (double)p->total);
		for (i = 0; i < BAR_WIDTH; i++)
			bar[i] = i < fill ? '=' : (i == fill ? '>' : ' ');
		bar[BAR_WIDTH] = 0;
		human(t, sizeof(t), (double)p->total, p->bytes);
		fprintf(p->out, "[%s] %3.0f%% %s/%s %s", bar,
			100.0 * (double)done / (double)p->total, d, t, p->unit);
		if (rate > 0 && done < p->total) {
			double eta = (double)(p->total - done) / rate;

			fprintf(p->out, " %s/s ETA %d:%02d", r, (int)eta / 60,
				(int)eta % 60);
		}
	} else {
		fprintf(p->out, "%s %s %s/s", d, p->unit, r);
	}
	fputs("\033[K", p->out);
	fflush(p->out);
	p->drawn = true;
}

void progress_end(struct progress *p)
{
	if (p->enabled && p->drawn) {
		fputs("\r\033[K", p->out);
		fflush(p->out);
	}
	p->drawn = false;
}
