// SPDX-License-Identifier: GPL-2.0
/*
 * e2e-guest: PID 1 of the e2e initramfs (e2e/run.sh), or the same
 * workload as an ordinary process.
 *
 * As PID 1 it mounts proc, sysfs, devtmpfs and tracefs, loads the
 * modules the initramfs carries (the .ko files of /lib/modules, in name order: a
 * modular kernel's virtio_blk), finds its disks by their first page (the
 * file set "E2EFILES", the trace disk "E2EOUT"), reads its options from
 * the kernel command line (e2e.small, e2e.seed=N, e2e.trace=KIB), and
 * runs:
 *
 *   e2e: vmstat begin ...      page_states_* and pgalloc, pgfree
 *   e2e: mark begin            the host reads QEMU's counters (1 s)
 *   ...the workload (workload.c), memory lines every 250 ms...
 *   e2e: vmstat end ...
 *   e2e: mark end              the host reads QEMU's counters (1 s)
 *   e2e: RESULT PASS|FAIL
 *
 * and powers the machine off. With e2e.trace the kmem and filemap
 * events of the window are recorded and written out before the result.
 *
 * As a process: e2e-guest [--small] [--seed N] [--files PATH]
 * runs the workload on PATH (an image or a directory), and
 * e2e-guest [--small] [--seed N] --mkfiles PATH writes the file set.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>

#include "e2e.h"

#define TRACEFS		"/sys/kernel/tracing"
#define MARK_MS		1000

static void sleep_ms(unsigned int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

static void mount_fs(const char *src, const char *dir, const char *type)
{
	mkdir(dir, 0755);
	if (mount(src, dir, type, 0, NULL) && errno != EBUSY)
		e2e_say("mount %s on %s: %s", type, dir, strerror(errno));
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static void load_modules(void)
{
	struct dirent **ent;
	char path[512];
	int i, n = scandir("/lib/modules", &ent, NULL, by_name);

	for (i = 0; i < n; i++) {
		size_t len = strlen(ent[i]->d_name);
		int fd;

		if (len > 3 && !strcmp(ent[i]->d_name + len - 3, ".ko")) {
			snprintf(path, sizeof(path), "/lib/modules/%s",
				 ent[i]->d_name);
			fd = open(path, O_RDONLY | O_CLOEXEC);
			if (fd < 0 || syscall(SYS_finit_module, fd, "", 0))
				e2e_say("module %s: %s", ent[i]->d_name,
					strerror(errno));
			else
				e2e_say("module %s loaded", ent[i]->d_name);
			if (fd >= 0)
				close(fd);
		}
		free(ent[i]);
	}
	if (n >= 0)
		free(ent);
}

/* A kernel without devtmpfs: the disks' nodes from /sys/block. */
static void make_disk_nodes(void)
{
	char path[64], dev[32];
	unsigned int d, maj, min;

	for (d = 0; d < 8; d++) {
		FILE *f;

		snprintf(path, sizeof(path), "/sys/block/vd%c/dev", 'a' + d);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (fscanf(f, "%u:%u", &maj, &min) == 2) {
			snprintf(dev, sizeof(dev), "/dev/vd%c", 'a' + d);
			mknod(dev, S_IFBLK | 0600, makedev(maj, min));
		}
		fclose(f);
	}
}

/* /dev/vdX whose first page starts with magic; the device probe may lag */
static const char *find_disk(const char *magic, char *buf, size_t len)
{
	unsigned int tries, d;

	for (tries = 0; tries < 20; tries++) {
		make_disk_nodes();
		for (d = 0; d < 8; d++) {
			char head[16] = "";
			int fd;

			snprintf(buf, len, "/dev/vd%c", 'a' + d);
			fd = open(buf, O_RDONLY);
			if (fd < 0)
				continue;
			if (pread(fd, head, sizeof(head) - 1, 0) > 0 &&
			    !strncmp(head, magic, strlen(magic))) {
				close(fd);
				return buf;
			}
			close(fd);
		}
		if (access("/dev/vda", F_OK) == 0)
			break;		/* disks are there, none matched */
		sleep_ms(100);
	}
	return NULL;
}

static const char *cmdline_opt(const char *cmdline, const char *name)
{
	size_t len = strlen(name);
	const char *p = cmdline;

	while ((p = strstr(p, name))) {
		if ((p == cmdline || p[-1] == ' ') &&
		    (p[len] == '=' || p[len] == ' ' || p[len] == '\n' ||
		     !p[len]))
			return p[len] == '=' ? p + len + 1 : p + len;
		p += len;
	}
	return NULL;
}

static int init_main(void)
{
	static char cmdline[4096];
	char fsdisk[32], outdisk[32];
	struct e2e_params p;
	const char *fileset, *out, *v;
	unsigned long trace_kib = 0;
	double t0;
	int fd, failures, sampler;

	mount_fs("proc", "/proc", "proc");
	mount_fs("sysfs", "/sys", "sysfs");
	mount_fs("devtmpfs", "/dev", "devtmpfs");
	if (fcntl(1, F_GETFD) < 0) {
		/* no console from the kernel: make the node (no devtmpfs) */
		mknod("/dev/console", S_IFCHR | 0600, makedev(5, 1));
		fd = open("/dev/console", O_RDWR);
		if (fd >= 0) {
			dup2(fd, 0);
			dup2(fd, 1);
			dup2(fd, 2);
		}
	}
	mount_fs("tracefs", TRACEFS, "tracefs");
	fd = open("/proc/cmdline", O_RDONLY);
	if (fd >= 0) {
		if (read(fd, cmdline, sizeof(cmdline) - 1) < 0)
			cmdline[0] = '\0';
		close(fd);
	}
	if (cmdline_opt(cmdline, "e2e.small"))
		e2e_params_small(&p);
	else
		e2e_params_full(&p);
	v = cmdline_opt(cmdline, "e2e.seed");
	if (v && *v)
		p.seed = strtoull(v, NULL, 10);
	v = cmdline_opt(cmdline, "e2e.trace");
	if (v)
		trace_kib = *v && *v != ' ' ? strtoul(v, NULL, 10) : 65536;
	e2e_say("init: cmdline %.*s", (int)strcspn(cmdline, "\n"), cmdline);
	load_modules();

	fileset = find_disk("E2EFILES", fsdisk, sizeof(fsdisk));
	if (!fileset && access("/e2e/files", F_OK) == 0)
		fileset = "/e2e/files";
	out = find_disk("E2EOUT", outdisk, sizeof(outdisk));
	e2e_say("init: file set %s, trace out %s", fileset ? fileset : "none",
		out ? out : "console");

	if (trace_kib && e2e_trace_start(TRACEFS, trace_kib))
		trace_kib = 0;
	t0 = e2e_now();
	sampler = e2e_sampler_start(250, t0);
	e2e_print_vmstat("begin");
	e2e_say("mark begin");
	sleep_ms(MARK_MS);
	failures = e2e_workload(&p, fileset);
	e2e_print_vmstat("end");
	e2e_say("mark end");
	sleep_ms(MARK_MS);
	e2e_sampler_stop(sampler);
	if (trace_kib) {
		e2e_trace_stop(TRACEFS);
		if (e2e_trace_dump(TRACEFS, out))
			failures++;
	}
	e2e_say("RESULT %s%s", failures ? "FAIL" : "PASS",
		failures ? " (see above)" : "");
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}

static int usage(void)
{
	fprintf(stderr, "usage: e2e-guest [--small] [--seed N] [--files PATH | --mkfiles PATH]\n");
	return 2;
}

int main(int argc, char **argv)
{
	struct e2e_params p;
	const char *files = NULL, *mkfiles = NULL;
	int small = 0, i, failures;
	uint64_t seed = 1;

	if (getpid() == 1)
		return init_main();
	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--small"))
			small = 1;
		else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
			seed = strtoull(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--files") && i + 1 < argc)
			files = argv[++i];
		else if (!strcmp(argv[i], "--mkfiles") && i + 1 < argc)
			mkfiles = argv[++i];
		else
			return usage();
	}
	if (small)
		e2e_params_small(&p);
	else
		e2e_params_full(&p);
	p.seed = seed;
	if (mkfiles) {
		if (e2e_fileset_write(mkfiles, &p)) {
			perror(mkfiles);
			return 1;
		}
		return 0;
	}
	e2e_print_mem(e2e_now());
	e2e_print_vmstat("begin");
	failures = e2e_workload(&p, files);
	e2e_print_vmstat("end");
	e2e_print_mem(e2e_now());
	e2e_say("RESULT %s", failures ? "FAIL" : "PASS");
	return failures ? 1 : 0;
}
