// SPDX-License-Identifier: GPL-2.0
/*
 * `pagestates record [-o FILE] -- COMMAND...`, in the manner of `perf kmem
 * record`: the page allocator and page cache tracepoints of DESIGN.md
 * section 8 (those the kernel has) are enabled in a tracefs instance made
 * for this run, COMMAND runs, and the instance's trace_pipe is copied to
 * FILE until COMMAND has exited and the buffer is drained.
 *
 * An instance has its own buffer, events and options: the top level, and
 * anyone else's tracing there, is never touched. The instance is removed
 * at the end whatever happened (errors, SIGINT, SIGTERM, SIGHUP: the
 * signals are taken through a signalfd, so no handler runs in between);
 * one left by a run that was killed with SIGKILL is removed by the next.
 * If tracefs was not mounted, it is mounted for the run and unmounted
 * after it.
 *
 * The file is tracefs text, headed by "# tracer: nop" and comments, with
 * whole lines only: a line the kernel handed over in parts is written
 * once complete, one still incomplete at the end is dropped and counted.
 * Events the kernel lost (buffer overruns) are in the text as "CPU:N
 * [LOST M EVENTS]" lines and summed up at the end from per_cpu stats.
 * With --command-only the instance traces the command and the tasks it
 * forks (set_event_pid, event-fork), not the rest of a busy machine.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/mount.h>
#include <sys/signalfd.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>
#include <linux/kernel.h>
#include "program.h"
#include "progress.h"
#include "record.h"
#include "record_out.h"
#include "record_filter.h"

#define INSTANCE_PREFIX		"pagestates-"
#define DEFAULT_OUTPUT		"pagestates.trace"
#define DEFAULT_BUFFER_KB	8192UL
#define READ_CHUNK		(64u << 10)
#define MAX_LINE		4096	/* longer than any event line */
#define PUMP_BATCH		16	/* reads between looks at the command */

extern char **environ;

/* DESIGN.md section 8; the first two are needed, the rest if present. */
static const char *const record_events[] = {
	"kmem/mm_page_alloc",
	"kmem/mm_page_free",
	"kmem/mm_page_free_batched",
	"kmem/mm_page_pcpu_drain",
	"filemap/mm_filemap_add_to_page_cache",
	"filemap/mm_filemap_delete_from_page_cache",
	"filemap/mm_filemap_get_pages",
	"filemap/mm_filemap_fault",
	"filemap/mm_filemap_map_pages",
};
#define NR_REQUIRED_EVENTS	2

/*
 * Options an instance inherits from the top level that would change the
 * text layout: set to the layout the trace parser reads.
 */
static const char *const record_options[][2] = {
	{ "context-info", "1" }, { "latency-format", "0" },
	{ "raw", "0" }, { "hex", "0" }, { "bin", "0" }, { "fields", "0" },
	{ "verbose", "0" }, { "overwrite", "1" },
};

struct recorder {
	const struct ps_options *o;
	char root[PATH_MAX];		/* the tracefs mount */
	char inst[PATH_MAX];		/* our instance */
	bool mounted;			/* by us */
	bool inst_made;
	int pipe_fd;
	int sig_fd;
	pid_t child;
	int child_status;
	bool child_done;
	unsigned int signals;		/* stop requests seen */
	struct record_out *out;
	char *buf;			/* READ_CHUNK + a partial line */
	size_t partial;			/* bytes of an incomplete line */
	u64 lines, bytes, dropped_tail;
	struct record_filter filter;	/* --command-only */
	bool filtering;
	bool failed;
	char err[512];
};

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void say(const char *fmt, ...)
{
	va_list ap;

	fputs("pagestates record: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static int path_of(char *buf, size_t len, const char *dir, const char *name)
{
	int n = snprintf(buf, len, "%s/%s", dir, name);

	return n < 0 || (size_t)n >= len ? -1 : 0;
}

/* Write a short value to dir/name; 0 or -errno. */
static int put(const char *dir, const char *name, const char *val)
{
	char path[PATH_MAX];
	ssize_t n;
	int fd, err = 0;

	if (path_of(path, sizeof(path), dir, name) < 0)
		return -ENAMETOOLONG;
	fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	n = write(fd, val, strlen(val));
	if (n < 0)
		err = -errno;
	close(fd);
	return err;
}

/* The tracefs mount point from /proc/mounts, or "" */
static void find_mount(char *buf, size_t len)
{
	char line[1024], dir[PATH_MAX], type[64];
	FILE *f = fopen("/proc/mounts", "re");

	buf[0] = 0;
	if (!f)
		return;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "%*s %4095s %63s", dir, type) == 2 &&
		    !strcmp(type, "tracefs") && strlen(dir) < len) {
			strcpy(buf, dir);
			break;
		}
	fclose(f);
}

static bool is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* Find (or mount) tracefs and check we may make an instance there. */
static int open_tracefs(struct recorder *r)
{
	const char *env = getenv("PAGESTATES_TRACEFS");
	char inst[PATH_MAX];

	if (env && *env) {
		if (strlen(env) >= sizeof(r->root))
			return say("PAGESTATES_TRACEFS is too long"), -1;
		strcpy(r->root, env);
	} else {
		find_mount(r->root, sizeof(r->root));
	}
	if (!r->root[0]) {
		strcpy(r->root, "/sys/kernel/tracing");
		if (geteuid() != 0) {
			say("tracefs is not mounted, and mounting it needs root: run pagestates record as root (sudo)");
			return -1;
		}
		if (!is_dir(r->root) ||
		    mount("nodev", r->root, "tracefs", 0, NULL) < 0) {
			say("cannot mount tracefs at %s: %s (a kernel without CONFIG_TRACING?)",
			    r->root, strerror(errno));
			return -1;
		}
		r->mounted = true;
	}
	if (path_of(inst, sizeof(inst), r->root, "instances") < 0 ||
	    !is_dir(inst)) {
		if (errno == EACCES || errno == EPERM)
			say("tracefs at %s is not accessible for this user: run pagestates record as root (sudo)",
			    r->root);
		else
			say("no tracefs at %s (no instances directory there)",
			    r->root);
		return -1;
	}
	if (access(inst, W_OK) < 0) {
		say("tracefs at %s is not writable for this user: run pagestates record as root (sudo)",
		    r->root);
		return -1;
	}
	return 0;
}

/* Instances of earlier runs that were killed before they cleaned up. */
static void remove_stale(struct recorder *r)
{
	char dir[PATH_MAX], path[PATH_MAX];
	struct dirent *de;
	DIR *d;

	if (path_of(dir, sizeof(dir), r->root, "instances") < 0)
		return;
	d = opendir(dir);
	if (!d)
		return;
	while ((de = readdir(d))) {
		char *end;
		long pid;

		if (strncmp(de->d_name, INSTANCE_PREFIX,
			    strlen(INSTANCE_PREFIX)))
			continue;
		pid = strtol(de->d_name + strlen(INSTANCE_PREFIX), &end, 10);
		if (*end || pid <= 0 || pid > INT_MAX ||
		    kill((pid_t)pid, 0) == 0 || errno != ESRCH)
			continue;
		if (path_of(path, sizeof(path), dir, de->d_name) == 0 &&
		    rmdir(path) == 0)
			say("removed %s, left by a run that was killed", path);
	}
	closedir(d);
}

/*
 * --command-only: the instance traces the tasks in set_event_pid, and
 * with event-fork every task they fork joins. The recorder puts itself
 * there before it starts the command, so the command is traced from its
 * fork on, then leaves the list to the command alone (the write replaces
 * it), so that its own reads and writes of the capture are not traced.
 * That filter leaks (record_filter.h): the lines are filtered again here,
 * by the task ids of the command and of the tasks forked from it.
 */
static int command_filter(struct recorder *r, pid_t pid)
{
	char val[32];

	snprintf(val, sizeof(val), "%d", (int)pid);
	if (put(r->inst, "options/event-fork", "1") < 0 ||
	    put(r->inst, "events/sched/sched_process_fork/enable", "1") < 0 ||
	    put(r->inst, "set_event_pid", val) < 0) {
		say("cannot trace only the command: no set_event_pid or event-fork in %s",
		    r->inst);
		return -1;
	}
	return 0;
}

static int make_instance(struct recorder *r)
{
	char name[64], bufsz[32];
	unsigned int i;

	snprintf(name, sizeof(name), "instances/" INSTANCE_PREFIX "%d",
		 (int)getpid());
	if (path_of(r->inst, sizeof(r->inst), r->root, name) < 0)
		return say("tracefs path too long"), -1;
	if (mkdir(r->inst, 0750) < 0) {
		say("cannot make the tracefs instance %s: %s", r->inst,
		    strerror(errno));
		return -1;
	}
	r->inst_made = true;
	put(r->inst, "tracing_on", "0");
	for (i = 0; i < ARRAY_SIZE(record_options); i++) {
		char opt[96];

		snprintf(opt, sizeof(opt), "options/%s", record_options[i][0]);
		put(r->inst, opt, record_options[i][1]);	/* if it exists */
	}
	put(r->inst, "trace_clock", "local");
	if (r->o->command_only && command_filter(r, getpid()) < 0)
		return -1;
	snprintf(bufsz, sizeof(bufsz), "%lu",
		 r->o->buffer_kb ? r->o->buffer_kb : DEFAULT_BUFFER_KB);
	if (put(r->inst, "buffer_size_kb", bufsz) < 0)
		say("cannot set a buffer of %s KiB per cpu; using the default",
		    bufsz);
	for (i = 0; i < ARRAY_SIZE(record_events); i++) {
		char path[256];
		int ret;

		snprintf(path, sizeof(path), "events/%s/enable",
			 record_events[i]);
		ret = put(r->inst, path, "1");
		if (ret == 0)
			continue;
		if (i < NR_REQUIRED_EVENTS) {
			say("cannot enable %s: %s", record_events[i],
			    strerror(-ret));
			return -1;
		}
		if (!r->o->quiet)
			say("%s: not in this kernel, not recorded",
			    record_events[i]);
	}
	return 0;
}

static int open_pipe(struct recorder *r)
{
	char path[PATH_MAX];

	if (path_of(path, sizeof(path), r->inst, "trace_pipe") < 0)
		return -1;
	r->pipe_fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (r->pipe_fd < 0) {
		say("cannot open %s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

static void fail(struct recorder *r, const char *msg)
{
	if (!r->failed)
		say("%s", msg);
	r->failed = true;
}

static void emit(struct recorder *r, const char *p, size_t len)
{
	if (r->failed || !len)
		return;
	if (record_out_write(r->out, p, len, r->err, sizeof(r->err)) < 0)
		fail(r, r->err);
	r->bytes += len;
}

static void header(struct recorder *r)
{
	struct utsname u;
	char line[1024];
	int n, i;

	uname(&u);
	n = snprintf(line, sizeof(line),
		     "# tracer: nop\n"
		     "# pagestates record: Linux %s %s, %ld cpus online\n"
		     "# command:", u.release, u.machine,
		     sysconf(_SC_NPROCESSORS_ONLN));
	emit(r, line, (size_t)n);
	for (i = 0; r->o->cmd_argv[i]; i++) {
		emit(r, " ", 1);
		emit(r, r->o->cmd_argv[i], strlen(r->o->cmd_argv[i]));
	}
	emit(r, "\n", 1);
	if (r->o->command_only) {
		n = snprintf(line, sizeof(line),
			     "# events: the command's tasks only (--command-only)\n");
		emit(r, line, (size_t)n);
	}
}

/* Copy what trace_pipe has now; whole lines only. 0: empty now. */
static ssize_t pump(struct recorder *r)
{
	ssize_t n;
	char *last, *p, *eol;
	size_t have, whole;

	n = read(r->pipe_fd, r->buf + r->partial, READ_CHUNK);
	if (n < 0) {
		if (errno == EAGAIN || errno == EINTR)
			return 0;
		snprintf(r->err, sizeof(r->err), "reading trace_pipe: %s",
			 strerror(errno));
		fail(r, r->err);
		return -1;
	}
	have = r->partial + (size_t)n;
	last = memrchr(r->buf, '\n', have);
	whole = last ? (size_t)(last + 1 - r->buf) : 0;
	for (p = r->buf; p < r->buf + whole; p = eol + 1) {
		eol = memchr(p, '\n', whole - (size_t)(p - r->buf));
		if (r->filtering &&
		    !record_filter_keep(&r->filter, p, (size_t)(eol - p)))
			continue;
		r->lines++;
		emit(r, p, (size_t)(eol + 1 - p));
	}
	r->partial = have - whole;
	if (r->partial >= MAX_LINE) {	/* no line is this long: junk */
		r->dropped_tail += r->partial;
		r->partial = 0;
	}
	memmove(r->buf, r->buf + whole, r->partial);
	return n;
}

static void stop_child(struct recorder *r, int sig)
{
	if (r->child > 0 && !r->child_done)
		kill(r->child, sig);
}

/* A signal that asks us to stop: the command stops, then we finish. */
static void on_signal(struct recorder *r)
{
	struct signalfd_siginfo si;

	while (read(r->sig_fd, &si, sizeof(si)) == sizeof(si)) {
		if (si.ssi_signo == SIGCHLD)
			continue;
		r->signals++;
		/* a terminal's ^C reaches the command itself */
		if (si.ssi_code != SI_KERNEL || r->signals > 1)
			stop_child(r, r->signals > 2 ? SIGKILL :
				   (int)si.ssi_signo);
	}
}

static void reap(struct recorder *r)
{
	int status;

	if (r->child_done || waitpid(r->child, &status, WNOHANG) != r->child)
		return;
	r->child_done = true;
	r->child_status = status;
}

/* The command, with our signal mask undone; an exec error is ours. */
static int start_child(struct recorder *r, const sigset_t *old_mask)
{
	posix_spawnattr_t attr;
	int ret = ps_find_program(r->o->cmd_argv[0]);

	if (ret) {
		say("cannot run %s: %s", r->o->cmd_argv[0], strerror(ret));
		return -1;
	}
	posix_spawnattr_init(&attr);
	posix_spawnattr_setsigmask(&attr, old_mask);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK);
	ret = posix_spawnp(&r->child, r->o->cmd_argv[0], NULL, &attr,
			   r->o->cmd_argv, environ);
	posix_spawnattr_destroy(&attr);
	if (ret) {
		r->child = 0;
		say("cannot run %s: %s", r->o->cmd_argv[0], strerror(ret));
		return -1;
	}
	return 0;
}

/* Sum of a per-cpu stats field ("overrun: N") over all cpus. */
static u64 stats_sum(struct recorder *r, const char *field)
{
	char path[PATH_MAX], line[256];
	size_t flen = strlen(field);
	u64 sum = 0;
	int cpu;

	for (cpu = 0; cpu < 4096; cpu++) {
		char name[40];
		FILE *f;

		snprintf(name, sizeof(name), "per_cpu/cpu%d/stats", cpu);
		if (path_of(path, sizeof(path), r->inst, name) < 0)
			break;
		f = fopen(path, "re");
		if (!f)
			break;
		while (fgets(line, sizeof(line), f))
			if (!strncmp(line, field, flen) && line[flen] == ':')
				sum += strtoull(line + flen + 1, NULL, 10);
		fclose(f);
	}
	return sum;
}

/* Undo everything, in reverse; safe to call at any stage. */
static void cleanup(struct recorder *r)
{
	if (r->pipe_fd >= 0)
		close(r->pipe_fd);
	r->pipe_fd = -1;
	if (r->inst_made) {
		put(r->inst, "tracing_on", "0");
		if (rmdir(r->inst) < 0)
			say("cannot remove the tracefs instance %s: %s (remove it with rmdir)",
			    r->inst, strerror(errno));
		r->inst_made = false;
	}
	if (r->mounted && umount(r->root) < 0 && errno != EBUSY)
		say("cannot unmount %s: %s", r->root, strerror(errno));
	r->mounted = false;
}

static int child_exit_code(int status)
{
	if (WIFEXITED(status))
		return WEXITSTATUS(status);
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return 1;
}

static void summary(struct recorder *r, const char *path, double seconds,
		    u64 file_bytes, u64 lost)
{
	if (r->o->quiet)
		return;
	say("%llu lines (%.1f MB of text, %.1f MB written) in %.1f s to %s",
	    (unsigned long long)r->lines, (double)r->bytes / 1e6,
	    (double)file_bytes / 1e6, seconds, path);
	if (lost)
		say("the kernel lost %llu events (buffer overrun): try a larger -b (now %lu KiB per cpu)",
		    (unsigned long long)lost,
		    r->o->buffer_kb ? r->o->buffer_kb : DEFAULT_BUFFER_KB);
	else
		say("no events lost");
	if (r->filtering)
		say("--command-only: %zu tasks traced, %llu lines of other tasks left out",
		    r->filter.pids.count,
		    (unsigned long long)r->filter.dropped);
	if (r->dropped_tail)
		say("dropped an incomplete last line (%llu bytes)",
		    (unsigned long long)r->dropped_tail);
	say("next: pagestates compare %s", path);
}

int ps_record(const struct ps_options *o)
{
	const char *path = o->output ? o->output : DEFAULT_OUTPUT;
	struct recorder r = { .o = o, .pipe_fd = -1, .sig_fd = -1 };
	sigset_t mask, old;
	double t0;
	u64 lost = 0, file_bytes = 0;
	int ret = 1, i;

	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGHUP);
	sigaddset(&mask, SIGQUIT);
	sigaddset(&mask, SIGCHLD);
	sigprocmask(SIG_BLOCK, &mask, &old);
	r.sig_fd = signalfd(-1, &mask, SFD_NONBLOCK | SFD_CLOEXEC);
	r.buf = malloc(READ_CHUNK + MAX_LINE);
	if (r.sig_fd < 0 || !r.buf) {
		say("cannot set up: %s", strerror(errno));
		goto out;
	}
	if (open_tracefs(&r) < 0)
		goto out;
	remove_stale(&r);
	if (make_instance(&r) < 0 || open_pipe(&r) < 0)
		goto out;
	r.out = record_out_open(path, r.err, sizeof(r.err));
	if (!r.out) {
		say("%s", r.err);
		goto out;
	}
	header(&r);
	if (put(r.inst, "tracing_on", "1") < 0) {
		say("cannot switch tracing on in %s", r.inst);
		goto out;
	}
	t0 = ps_now();
	if (start_child(&r, &old) < 0) {
		ret = 127;
		goto out;
	}
	if (o->command_only) {
		if (command_filter(&r, r.child) < 0 ||
		    record_filter_init(&r.filter, r.child) < 0)
			fail(&r, "the command's tasks could not be made the only ones traced");
		else
			r.filtering = true;
	}
	while (!r.child_done && !r.failed) {
		struct pollfd pf[2] = {
			{ .fd = r.pipe_fd, .events = POLLIN },
			{ .fd = r.sig_fd, .events = POLLIN },
		};

		if (poll(pf, 2, 200) < 0 && errno != EINTR)
			break;
		if (pf[1].revents)
			on_signal(&r);
		/* a busy system never empties the pipe: look up now and then */
		for (i = 0; i < PUMP_BATCH && pump(&r) > 0; i++)
			;
		reap(&r);
	}
	if (r.failed)
		stop_child(&r, SIGTERM);
	put(r.inst, "tracing_on", "0");
	/* the rest in the buffer, up to the last whole line */
	while (!r.failed && pump(&r) > 0)
		;
	r.dropped_tail += r.partial;
	lost = stats_sum(&r, "overrun") + stats_sum(&r, "dropped events");
	if (!r.child_done) {
		waitpid(r.child, &r.child_status, 0);
		r.child_done = true;
	}
	if (record_out_close(r.out, &file_bytes, r.err, sizeof(r.err)) < 0)
		fail(&r, r.err);
	else if (!r.failed)
		summary(&r, path, ps_now() - t0, file_bytes, lost);
	r.out = NULL;
	ret = r.failed ? 1 : child_exit_code(r.child_status);
out:
	if (r.out) {	/* nothing was captured: no file either */
		record_out_close(r.out, NULL, r.err, sizeof(r.err));
		unlink(path);
	}
	if (r.child > 0 && !r.child_done) {
		stop_child(&r, SIGTERM);
		waitpid(r.child, NULL, 0);
	}
	cleanup(&r);
	if (r.filtering)
		record_filter_free(&r.filter);
	if (r.sig_fd >= 0)
		close(r.sig_fd);
	free(r.buf);
	sigprocmask(SIG_SETMASK, &old, NULL);
	return ret;
}
