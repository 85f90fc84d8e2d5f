// SPDX-License-Identifier: GPL-2.0
/*
 * One invocation: load the input (a trace, or pick a workload), size the
 * guests and the host, run every chosen strategy on the same input, and
 * write the outputs.
 */
#include <string.h>
#include <unistd.h>
#include <sim.h>
#include <linux/mm.h>
#include "progress.h"
#include "replay.h"
#include "report.h"
#include "run.h"
#include "trace_input.h"
#include "workload.h"

#define MIN_GUEST_PAGES		16384UL	/* 64 MiB */
#define GUEST_ROUND_PAGES	16384UL
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

static void configure(const struct ps_options *o, const struct input *in,
		      struct replay_config *cfg, struct ps_report *rep)
{
	double pct = o->host_percent;

	memset(cfg, 0, sizeof(*cfg));
	if (in->is_trace) {
		cfg->guest_pages = o->guest_pages ? o->guest_pages :
				   trace_guest_pages(&in->trace.info);
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
		if (o->host_percent == 80 && in->wl->host_percent > 0)
			pct = in->wl->host_percent;	/* not given */
	}
	if (cfg->nr_cpus < 1)
		cfg->nr_cpus = 1;
	if (o->host_unlimited)
		cfg->host_pages = 0;
	else if (o->host_percent >= 0)
		cfg->host_pages = (unsigned long)((double)cfg->guest_pages *
						  cfg->nr_guests * pct / 100.0);
	else
		cfg->host_pages = o->host_pages;
	cfg->host_mode = o->host_mode;
	cfg->backend = o->backend;
	cfg->sample_ns = in->duration_ns / SERIES_POINTS;
	if (!cfg->sample_ns)
		cfg->sample_ns = 1000000;
	cfg->check_every = o->check_every;
	cfg->aging_delay_ns = o->aging_delay_ns;
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
	rep->guest_pages = cfg->guest_pages;
	rep->nr_guests = cfg->nr_guests;
	rep->nr_cpus = cfg->nr_cpus;
	rep->host_pages = cfg->host_pages;
	rep->host_mode = cfg->host_mode == HV_MODE_INTERPRET ? "interpret" :
			 "intercept";
	rep->backend = o->backend ? o->backend : sim_default_backend;
}

/*
 * What a simulated guest page may cost this process: its struct page, the
 * host's state byte and the checker's scratch bytes (all touched once the
 * guest has used all its memory).
 */
#define SIM_BYTES_PER_PAGE	(sizeof(struct page) + 1 + 3)

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
	if (in->is_trace &&
	    replay_preallocate(r, 0, in->trace.pre, in->trace.nr_pre) < 0)
		fprintf(stderr, "pagestates: %s: the guest is too small for the %llu pages in use before the trace\n",
			name,
			(unsigned long long)in->trace.info.preexisting_pages);
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
			    (o->csv && !strcmp(o->csv, "-"));
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

int ps_run(const struct ps_options *o)
{
	struct input in = { 0 };
	struct replay_config cfg;
	struct ps_report *rep = calloc(1, sizeof(*rep));
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
	if (check_machine_memory(&cfg))
		goto out;
	for (i = 0; i < o->nr_strategies; i++) {
		cfg.strategy = o->strategies[i];
		if (run_one(o, &in, &cfg, &rep->runs[rep->nr_runs], &pb))
			goto out;
		violations += rep->runs[rep->nr_runs++].violations;
	}
	if (write_outputs(o, rep))
		goto out;
	ret = 0;
	if (violations) {
		fprintf(stderr, "pagestates: %llu violations found: this is a bug\n",
			(unsigned long long)violations);
		ret = 3;
	}
out:
	if (rep)
		for (i = 0; i < rep->nr_runs; i++)
			ps_metrics_free(&rep->runs[i]);
	free(rep);
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
