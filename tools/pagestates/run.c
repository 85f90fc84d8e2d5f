// SPDX-License-Identifier: GPL-2.0
/*
 * One invocation: load the input (a trace, or pick a workload), size the
 * guests and the host, run every chosen strategy on the same input, and
 * write the outputs.
 *
 * Same input for every strategy: without --guest-mem, a run in which an
 * allocation fails makes the guest a quarter larger and every strategy
 * runs again on it, until all replay every event (or --guest-mem-max is
 * reached: an error). With --guest-mem the size is the user's: failures
 * are reported loudly and the comparison is marked not valid.
 */
#include <string.h>
#include <unistd.h>
#include <sim.h>
#include <linux/mm.h>
#include "frontier.h"
#include "progress.h"
#include "replay.h"
#include "report.h"
#include "run.h"
#include "trace_input.h"
#include "workload.h"

#define MIN_GUEST_PAGES		16384UL	/* 64 MiB */
#define GUEST_ROUND_PAGES	16384UL
#define GUEST_MAX_PAGES		(1UL << 28)	/* 1 TiB */
#define SERIES_POINTS		400
#define CHECKS_PER_RUN		4	/* and once at the end */

struct input {
	bool is_trace;
	struct trace trace;
	const char *compression;
	const struct workload *wl;
	struct workload_params wp;
	u64 duration_ns;
};

struct load_ctx {
	struct progress *pb;
	struct trace_input *ti;
};

/* By bytes of the file read: compressed bytes for .xz and .gz */
static void load_progress(void *ctx, u64 lines, u64 bytes)
{
	struct load_ctx *lc = ctx;
	u64 done, total;

	(void)lines;
	(void)bytes;
	trace_input_position(lc->ti, &done, &total);
	progress_draw(lc->pb, done);
}

static int load_trace(const struct ps_options *o, struct input *in,
		      struct progress *pb)
{
	struct trace_load_opts lo = {
		.name = o->input,
		.strict = o->strict,
		.diag = stderr,
		.max_messages = 10,
		.progress = pb->enabled ? load_progress : NULL,
		.window = o->time_window,
		.window_start_ns = o->time_start_ns,
		.window_end_ns = o->time_end_ns,
	};
	struct load_ctx lc = { .pb = pb };
	struct trace_input *ti;
	u64 done, total;
	char err[512];
	double t0 = ps_cpu_now();
	int ret;

	if (o->format) {
		lo.format = trace_format_by_name(o->format);
		if (!lo.format) {
			fprintf(stderr, "pagestates: unknown --format %s (tracefs, perf-script, trace-cmd)\n",
				o->format);
			return -1;
		}
	}
	ti = trace_input_open(o->input, err, sizeof(err));
	if (!ti) {
		fprintf(stderr, "pagestates: %s\n", err);
		return -1;
	}
	lc.ti = ti;
	lo.progress_ctx = &lc;
	trace_input_position(ti, &done, &total);
	progress_begin(pb, "parsing", "bytes", total);
	pb->bytes = true;
	ret = trace_load_lines(&in->trace, trace_input_lines(ti), &lo, err,
			       sizeof(err));
	progress_end(pb);
	if (ret < 0)
		fprintf(stderr, "pagestates: %s%s%s\n", err,
			trace_input_error(ti) ? ": " : "",
			trace_input_error(ti) ? trace_input_error(ti) : "");
	else if (trace_input_error(ti))
		fprintf(stderr, "pagestates: %s: %s; replaying what was read\n",
			o->input, trace_input_error(ti));
	in->compression = trace_input_compression(ti);
	trace_input_close(ti);
	if (ret < 0)
		return -1;
	in->is_trace = true;
	in->duration_ns = in->trace.info.duration_ns;
	if (o->timing) {
		double s = ps_cpu_now() - t0;

		fprintf(stderr, "timing: parse %llu lines, %llu events in %.3f s cpu: %.2f M lines/s, %.2f M events/s\n",
			(unsigned long long)in->trace.info.lines,
			(unsigned long long)in->trace.info.events, s,
			(double)in->trace.info.lines / s * 1e-6,
			(double)in->trace.info.events / s * 1e-6);
	}
	return 0;
}

static int pick_workload(const struct ps_options *o, struct input *in)
{
	in->wl = workload_by_name(o->input);
	if (!in->wl) {
		fprintf(stderr, "pagestates: unknown workload \"%s\" (see `pagestates list`; a trace goes with replay or compare --trace)\n",
			o->input);
		return -1;
	}
	in->wp = (struct workload_params){
		.seed = o->seed,
		.guest_pages = o->guest_pages ? o->guest_pages :
			       in->wl->guest_pages,
		.nr_guests = o->nr_guests ? o->nr_guests : in->wl->nr_guests,
		.nr_cpus = o->nr_cpus ? o->nr_cpus : in->wl->nr_cpus,
		.duration_s = o->duration_s > 0 ? o->duration_s :
			      in->wl->duration_s,
	};
	in->duration_ns = (u64)(in->wp.duration_s * 1e9);
	return 0;
}

/* What the trace needs: its peak of live pages, a quarter more, rounded. */
static unsigned long trace_guest_pages(const struct trace_info *t)
{
	unsigned long need = t->peak_live_pages + t->peak_live_pages / 4 +
			     4096;

	need = (need + GUEST_ROUND_PAGES - 1) / GUEST_ROUND_PAGES *
	       GUEST_ROUND_PAGES;
	return need < MIN_GUEST_PAGES ? MIN_GUEST_PAGES : need;
}

static unsigned long round_guest(unsigned long pages)
{
	return (pages + GUEST_ROUND_PAGES - 1) / GUEST_ROUND_PAGES *
	       GUEST_ROUND_PAGES;
}

/* The host limit follows the guests' size when it is a percentage. */
static void set_guest_pages(const struct ps_options *o, double pct,
			    unsigned long pages, struct replay_config *cfg,
			    struct ps_report *rep)
{
	cfg->guest_pages = pages;
	if (o->host_unlimited)
		cfg->host_pages = 0;
	else if (o->host_percent >= 0)
		cfg->host_pages = (unsigned long)((double)cfg->guest_pages *
						  cfg->nr_guests * pct / 100.0);
	else
		cfg->host_pages = o->host_pages;
	rep->guest_pages = cfg->guest_pages;
	rep->host_pages = cfg->host_pages;
}

static double host_percent(const struct ps_options *o, const struct input *in)
{
	if (!in->is_trace && o->host_percent == 80 && in->wl->host_percent > 0)
		return in->wl->host_percent;	/* not given */
	return o->host_percent;
}

static void configure(const struct ps_options *o, const struct input *in,
		      struct replay_config *cfg, struct ps_report *rep)
{
	double pct = host_percent(o, in);

	memset(cfg, 0, sizeof(*cfg));
	if (in->is_trace) {
		cfg->guest_pages = o->guest_pages ? o->guest_pages :
				   trace_guest_pages(&in->trace.info);
		if (!o->guest_pages && o->guest_pages_max &&
		    cfg->guest_pages > o->guest_pages_max)
			cfg->guest_pages = o->guest_pages_max;
		cfg->nr_guests = 1;
		cfg->nr_cpus = o->nr_cpus ? o->nr_cpus :
			       (int)in->trace.info.nr_cpus;
		cfg->files = in->trace.files;
		cfg->nr_files = in->trace.info.nr_files;
	} else {
		cfg->guest_pages = in->wp.guest_pages;
		cfg->nr_guests = in->wp.nr_guests;
		cfg->nr_cpus = in->wp.nr_cpus;
		cfg->files = workload_files();
		cfg->nr_files = WORKLOAD_NR_FILES;
	}
	if (cfg->nr_cpus < 1)
		cfg->nr_cpus = 1;
	cfg->host_mode = o->host_mode;
	cfg->start = o->start;
	cfg->host_semantics = o->host;
	cfg->backend = o->backend;
	cfg->sample_ns = in->duration_ns / SERIES_POINTS;
	if (!cfg->sample_ns)
		cfg->sample_ns = 1000000;
	cfg->check_every = o->check_every;
	cfg->aging_delay_ns = o->aging_delay_ns;
	cfg->adaptive_cost_ns = o->adaptive_cost_ns;
	if (!cfg->check_every && in->is_trace)
		cfg->check_every = in->trace.info.events / CHECKS_PER_RUN + 1;
	if (!cfg->check_every)
		cfg->check_every = 100000;

	memset(rep, 0, sizeof(*rep));
	rep->is_trace = in->is_trace;
	rep->input = o->input;
	rep->trace = in->is_trace ? &in->trace.info : NULL;
	rep->compression = in->compression;
	rep->description = in->wl ? in->wl->description : NULL;
	rep->seed = o->seed;
	rep->duration_s = (double)in->duration_ns * 1e-9;
	rep->nr_guests = cfg->nr_guests;
	rep->nr_cpus = cfg->nr_cpus;
	rep->host_mode = cfg->host_mode == HV_MODE_INTERPRET ? "interpret" :
			 "intercept";
	rep->backend = o->backend ? o->backend : sim_default_backend;
	rep->start = o->start == PS_START_FRESH ? "fresh" : "aged";
	rep->host = o->host == HV_HOST_ZVM ? "zvm" : "kvm";
	rep->guest_mem_fixed = o->guest_pages != 0;
	set_guest_pages(o, pct, cfg->guest_pages, cfg, rep);
}

/*
 * What a simulated guest page may cost this process: its struct page, the
 * host's state word and content word, the replay's tag and the checker's
 * scratch bytes (all touched once the guest has used all its memory, as
 * an aged start does).
 */
#define SIM_BYTES_PER_PAGE	(sizeof(struct page) + 2 + 4 + 4 + 3)

/* Guests whose page structures cannot fit this machine are refused. */
static int check_machine_memory(const struct replay_config *cfg)
{
	long phys = sysconf(_SC_PHYS_PAGES), psize = sysconf(_SC_PAGESIZE);
	double need = (double)cfg->guest_pages * cfg->nr_guests *
		      (double)SIM_BYTES_PER_PAGE;
	double have = (double)phys * (double)psize;

	if (phys <= 0 || psize <= 0 || need <= have)
		return 0;
	fprintf(stderr, "pagestates: %u guest%s of %lu MiB need %.1f GiB of this machine's memory for their page structures (%zu bytes per page); it has %.1f GiB\n",
		cfg->nr_guests, cfg->nr_guests > 1 ? "s" : "",
		cfg->guest_pages >> 8, need / (1 << 30), SIM_BYTES_PER_PAGE,
		have / (1 << 30));
	return -1;
}

struct emit_ctx {
	struct replay *r;
	struct progress *pb;
	u64 events;
};

static void emit_event(void *ctx, unsigned int guest,
		       const struct ps_event *ev)
{
	struct emit_ctx *ec = ctx;

	replay_event(ec->r, guest, ev);
	if (!(++ec->events & 0x3fff))
		progress_draw(ec->pb, ev->time_ns / 1000000);
}

/* How far ahead the replay's cache hint looks, in events. */
#define PREFETCH_AHEAD	12

static void replay_trace(struct replay *r, const struct trace *t,
			 struct progress *pb)
{
	size_t i, n = t->events.count;

	for (i = 0; i < n; i++) {
		if (i + PREFETCH_AHEAD < n)
			replay_prefetch(r, 0, evbuf_get(&t->events,
							i + PREFETCH_AHEAD));
		replay_event(r, 0, evbuf_get(&t->events, i));
		progress_update(pb, i);
	}
}

static int run_one(const struct ps_options *o, struct input *in,
		   struct replay_config *cfg, struct ps_metrics *m,
		   struct progress *pb)
{
	const char *name = hint_strategy_name(cfg->strategy);
	char err[256];
	struct replay *r = replay_create(cfg, err, sizeof(err));
	double t0, cpu0;

	if (!r) {
		fprintf(stderr, "pagestates: %s: %s\n", name, err);
		return -1;
	}
	/* a failure here is counted with the others */
	if (in->is_trace)
		replay_preallocate(r, 0, in->trace.pre, in->trace.nr_pre);
	replay_start(r);
	t0 = ps_now();
	cpu0 = ps_cpu_now();
	if (in->is_trace) {
		progress_begin(pb, name, "events", in->trace.events.count);
		replay_trace(r, &in->trace, pb);
	} else {
		struct emit_ctx ec = { .r = r, .pb = pb };
		struct workload_out out = { .emit = emit_event, .ctx = &ec };

		progress_begin(pb, name, "ms", in->duration_ns / 1000000);
		in->wl->generate(&in->wp, &out);
	}
	progress_end(pb);
	replay_finish(r, in->duration_ns, m);
	m->wall_seconds = ps_now() - t0;
	cpu0 = ps_cpu_now() - cpu0;
	replay_destroy(r);
	if (o->timing)
		fprintf(stderr, "timing: replay %-15s %llu events in %.3f s cpu: %.2f M events/s\n",
			name, (unsigned long long)m->events, cpu0,
			(double)m->events / cpu0 * 1e-6);
	return 0;
}

static FILE *open_out(const char *path)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "w") : stdout;

	if (!f)
		perror(path);
	return f;
}

static int close_out(FILE *f, const char *path, int ret)
{
	if (ferror(f))
		ret = -1;
	if (f != stdout) {
		if (fclose(f))
			ret = -1;
	} else if (fflush(f)) {
		ret = -1;
	}
	if (ret)
		fprintf(stderr, "pagestates: cannot write %s\n", path);
	if (ret && f == stdout)
		clearerr(f);	/* said once */
	return ret;
}

static int write_outputs(const struct ps_options *o,
			 const struct ps_report *rep)
{
	bool stdout_taken = (o->json && !strcmp(o->json, "-")) ||
			    (o->csv && !strcmp(o->csv, "-")) ||
			    (o->summary_csv && !strcmp(o->summary_csv, "-"));
	int ret = 0;
	FILE *f;

	if (!o->quiet && !stdout_taken)
		output_table(stdout, rep);
	if (o->json) {
		f = open_out(o->json);
		ret |= f ? close_out(f, o->json, output_json(f, rep)) : -1;
	}
	if (o->csv) {
		f = open_out(o->csv);
		ret |= f ? close_out(f, o->csv, output_csv(f, rep)) : -1;
	}
	if (o->summary_csv) {
		f = open_out(o->summary_csv);
		ret |= f ? close_out(f, o->summary_csv,
				     output_summary_csv(f, rep)) : -1;
	}
	if (o->plot)
		ret |= output_plot(o->plot, rep);
	return ret ? -1 : 0;
}

static int check_backend(const char *name)
{
	const struct page_states_backend *b;

	if (!name || !sim_backend_by_name(name, &b))
		return 0;
	fprintf(stderr, "pagestates: unknown --backend %s (see `pagestates list`)\n",
		name);
	return -1;
}

static void free_runs(struct ps_report *rep)
{
	unsigned int i;

	for (i = 0; i < rep->nr_runs; i++)
		ps_metrics_free(&rep->runs[i]);
	rep->nr_runs = 0;
}

/*
 * Every chosen strategy on one guest size; the first run also feeds the
 * oracle bound. Stops at the first run with failed allocations unless
 * the size is fixed. 0, or -1 on an error (said already).
 */
static int run_all(const struct ps_options *o, struct input *in,
		   struct replay_config *cfg, struct ps_report *rep,
		   struct ps_frontier *fr, struct progress *pb)
{
	struct ps_frontier_builder *fb;
	struct ps_metrics *m;
	unsigned int i;
	int ret;

	free_runs(rep);
	frontier_free(fr);
	rep->frontier = NULL;
	fb = frontier_create(cfg->start, cfg->guest_pages, cfg->nr_guests);
	if (!fb) {
		fprintf(stderr, "pagestates: out of memory\n");
		return -1;
	}
	for (i = 0; i < o->nr_strategies; i++) {
		cfg->strategy = o->strategies[i];
		cfg->frontier = i ? NULL : fb;
		m = &rep->runs[rep->nr_runs];
		ret = run_one(o, in, cfg, m, pb);
		cfg->frontier = NULL;
		if (ret)
			break;
		rep->nr_runs++;
		if (!i && frontier_finish(fb, in->duration_ns, m->freed_pages,
					  fr) < 0) {
			fprintf(stderr, "pagestates: frontier: out of memory\n");
			ret = -1;
			break;
		}
		if (!i)
			rep->frontier = fr;
		if (m->failed_allocations && !rep->guest_mem_fixed)
			break;
	}
	frontier_destroy(fb);
	return ret ? -1 : 0;
}

/* The run that failed allocations, if any. */
static const struct ps_metrics *failed_run(const struct ps_report *rep)
{
	unsigned int i;

	for (i = 0; i < rep->nr_runs; i++)
		if (rep->runs[i].failed_allocations)
			return &rep->runs[i];
	return NULL;
}

/* Run on guests grown until no allocation fails; 0, or -1 (said why). */
static int run_sized(const struct ps_options *o, struct input *in,
		     struct replay_config *cfg, struct ps_report *rep,
		     struct ps_frontier *fr, struct progress *pb)
{
	unsigned long max = o->guest_pages_max ? o->guest_pages_max :
			    GUEST_MAX_PAGES, next;
	double pct = host_percent(o, in);
	const struct ps_metrics *bad;

	for (;;) {
		if (check_machine_memory(cfg) ||
		    run_all(o, in, cfg, rep, fr, pb))
			return -1;
		bad = failed_run(rep);
		if (!bad || rep->guest_mem_fixed)
			return 0;
		next = round_guest(cfg->guest_pages + cfg->guest_pages / 4);
		if (next > max) {
			fprintf(stderr, "pagestates: error: %s: %llu allocations failed in a guest of %lu MiB, and the next size, %lu MiB, is above --guest-mem-max %lu MiB: the strategies cannot replay the same input\n",
				bad->strategy,
				(unsigned long long)bad->failed_allocations,
				cfg->guest_pages >> 8, next >> 8, max >> 8);
			return -1;
		}
		fprintf(stderr, "pagestates: %s: %llu allocations failed in a guest of %lu MiB; every strategy again with %lu MiB\n",
			bad->strategy,
			(unsigned long long)bad->failed_allocations,
			cfg->guest_pages >> 8, next >> 8);
		set_guest_pages(o, pct, next, cfg, rep);
	}
}

/* --guest-mem given and too small: say so for every run, loudly. */
static void warn_failures(const struct ps_report *rep)
{
	unsigned int i;

	for (i = 0; i < rep->nr_runs; i++)
		if (rep->runs[i].failed_allocations)
			fprintf(stderr, "pagestates: warning: %s: %llu allocations failed in the guest of %lu MiB given by --guest-mem: the strategies did not replay the same input, this comparison is not valid\n",
				rep->runs[i].strategy,
				(unsigned long long)rep->runs[i].failed_allocations,
				rep->guest_pages >> 8);
}

static int write_frontier_outputs(const struct ps_options *o,
				  const struct ps_report *rep)
{
	bool stdout_taken = o->json && !strcmp(o->json, "-");
	int ret = 0;
	FILE *f;

	if (!o->quiet && !stdout_taken)
		output_frontier_table(stdout, rep);
	if (o->json) {
		f = open_out(o->json);
		ret |= f ? close_out(f, o->json,
				     output_frontier_json(f, rep)) : -1;
	}
	if (o->plot)
		ret |= output_frontier_plot(o->plot, rep);
	return ret ? -1 : 0;
}

int ps_run(const struct ps_options *o)
{
	struct input in = { 0 };
	struct replay_config cfg;
	struct ps_report *rep = calloc(1, sizeof(*rep));
	struct ps_frontier fr = { 0 };
	struct progress pb;
	u64 violations = 0;
	unsigned int i;
	int ret = 1;

	progress_init(&pb, o->progress, stderr);
	if (!rep || check_backend(o->backend))
		goto out;
	if (o->input_is_trace ? load_trace(o, &in, &pb) :
				pick_workload(o, &in))
		goto out;
	configure(o, &in, &cfg, rep);
	if (run_sized(o, &in, &cfg, rep, &fr, &pb))
		goto out;
	warn_failures(rep);
	for (i = 0; i < rep->nr_runs; i++)
		violations += rep->runs[i].violations;
	if (o->command == CMD_FRONTIER ? write_frontier_outputs(o, rep) :
					 write_outputs(o, rep))
		goto out;
	ret = 0;
	if (violations) {
		fprintf(stderr, "pagestates: %llu violations found: this is a bug\n",
			(unsigned long long)violations);
		ret = 3;
	}
out:
	if (rep)
		free_runs(rep);
	free(rep);
	frontier_free(&fr);
	if (in.is_trace)
		trace_free(&in.trace);
	return ret;
}

void ps_list(FILE *f)
{
	const struct workload *w;
	const char *b;
	unsigned int i;

	fputs("strategies:", f);
	for (i = 0; i < NR_HINT_STRATEGIES; i++)
		fprintf(f, " %s", hint_strategy_name(i));
	fputs("\nworkloads:\n", f);
	for (i = 0; (w = workload_at(i)); i++)
		fprintf(f, "  %-12s %s\n", w->name, w->description);
	fputs("backends:", f);
	for (i = 0; (b = sim_backend_name(i)); i++)
		fprintf(f, " %s%s", b,
			!strcmp(b, sim_default_backend) ? " (default)" : "");
	fputs("\ntrace formats: tracefs perf-script trace-cmd\n", f);
}
