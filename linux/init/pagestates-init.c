// SPDX-License-Identifier: GPL-2.0
/*
 * pagestates-init: the init of the test initramfs for the patched Linux
 * 6.1 (linux/boot.sh). Static s390x program, PID 1.
 *
 * It mounts proc, sysfs, tmpfs and tracefs, prints the kernel's page
 * states line (strategy, backend, probe result) and the page_states_*
 * counters of /proc/vmstat, then exercises the page allocator in
 * patterns that spill and refill the per-cpu lists (anonymous memory
 * touched and unmapped in rounds of several sizes, part by part) and the
 * page cache (files written, read and read again, content checked),
 * prints the counters again and powers the machine off. The files live
 * on ext2 on the RAM disk when boot.sh gave an image (/fs.img), so that
 * their clean page cache pages can be volatile (page_states=
 * spill+volatile; tmpfs pages never are): written, synced, the file
 * system mounted again (a fresh page cache, no buffer heads), then read
 * three times with pauses between the reads, in which a host that drops
 * volatile pages can drop them. Every line it
 * writes starts with "pagestates-init:"; the last one is
 *   pagestates-init: RESULT PASS|FAIL <what failed>
 * for linux/kernel-check.sh to assert on.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/klog.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>

#define PAGE		4096UL
#define NR_FILES	8
#define FILE_PAGES	256		/* 1 MiB per file */

static int failures;
static const char *file_dir = "/tmp";
static char failed_what[256];

static void say(const char *fmt, ...)
{
	va_list ap;

	printf("pagestates-init: ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

static void fail(const char *what)
{
	say("FAIL %s (errno %d)", what, errno);
	if (!failures++)
		snprintf(failed_what, sizeof(failed_what), "%s", what);
}

static void mount_fs(const char *src, const char *dir, const char *type)
{
	mkdir(dir, 0755);
	if (mount(src, dir, type, 0, NULL))
		say("mount %s on %s: %s", type, dir, strerror(errno));
	else
		say("mounted %s on %s", type, dir);
}

/* The kernel's "page_states:" boot lines, from the log buffer. */
static void print_probe_result(void)
{
	static char buf[1 << 17];
	char *line, *save = NULL;
	int n = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, buf, sizeof(buf) - 1);
	int found = 0;

	if (n < 0) {
		fail("klogctl");
		return;
	}
	buf[n] = '\0';
	for (line = strtok_r(buf, "\n", &save); line;
	     line = strtok_r(NULL, "\n", &save)) {
		if (strstr(line, "page_states:")) {
			say("kernel: %s", line);
			found++;
		}
	}
	if (!found)
		say("kernel: no page_states line (series not applied?)");
}

struct counters {
	unsigned long hints, batches, volatile_, commits, discards;
	unsigned long pgalloc, pgfree;
	int seen;			/* page_states_* names found */
};

static void read_vmstat(struct counters *c, const char *when)
{
	char name[64];
	unsigned long v;
	FILE *f = fopen("/proc/vmstat", "r");

	memset(c, 0, sizeof(*c));
	if (!f) {
		fail("open /proc/vmstat");
		return;
	}
	while (fscanf(f, "%63s %lu", name, &v) == 2) {
		if (!strncmp(name, "page_states_", 12)) {
			say("vmstat %s %s %lu", when, name, v);
			c->seen++;
		}
		if (!strcmp(name, "page_states_hints"))
			c->hints = v;
		else if (!strcmp(name, "page_states_batches"))
			c->batches = v;
		else if (!strcmp(name, "page_states_volatile"))
			c->volatile_ = v;
		else if (!strcmp(name, "page_states_commits"))
			c->commits = v;
		else if (!strcmp(name, "page_states_discards"))
			c->discards = v;
		else if (!strcmp(name, "pgfree"))
			c->pgfree = v;
		else if (!strncmp(name, "pgalloc_", 8))
			c->pgalloc += v;
	}
	fclose(f);
	say("vmstat %s pgalloc %lu pgfree %lu", when, c->pgalloc, c->pgfree);
}

static unsigned long min_size(unsigned long a, unsigned long b)
{
	return a < b ? a : b;
}

/*
 * Anonymous memory: nr pages touched (allocations, per-cpu refills) and
 * unmapped in parts of step pages (frees: the per-cpu lists fill past
 * high and spill to the buddy lists).
 */
static void anon_round(unsigned long nr, unsigned long step, unsigned int seed)
{
	unsigned char *p = mmap(NULL, nr * PAGE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	unsigned long i;

	if (p == MAP_FAILED) {
		fail("mmap anonymous");
		return;
	}
	for (i = 0; i < nr; i++)
		p[i * PAGE] = (unsigned char)(i + seed);
	for (i = 0; i < nr; i++)
		if (p[i * PAGE] != (unsigned char)(i + seed)) {
			fail("anonymous memory content");
			break;
		}
	/* every other part first, then the rest: frees of mixed order */
	for (i = 0; i < nr; i += 2 * step)
		munmap(p + i * PAGE, min_size(step, nr - i) * PAGE);
	for (i = step; i < nr; i += 2 * step)
		munmap(p + i * PAGE, min_size(step, nr - i) * PAGE);
}

static void fill(unsigned char *buf, int file, unsigned long page)
{
	unsigned long i;

	for (i = 0; i < PAGE; i++)
		buf[i] = (unsigned char)(file * 31 + page * 7 + i);
}

static void write_files(void)
{
	static unsigned char buf[PAGE];
	char path[64];
	unsigned long pg;
	int i, fd;

	for (i = 0; i < NR_FILES; i++) {
		snprintf(path, sizeof(path), "%s/file-%d", file_dir, i);
		fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
		if (fd < 0) {
			fail("create file");
			return;
		}
		for (pg = 0; pg < FILE_PAGES; pg++) {
			fill(buf, i, pg);
			if (write(fd, buf, PAGE) != (ssize_t)PAGE)
				fail("write file");
		}
		close(fd);
	}
}

/* Read every file (and /init) again; 0 if all content is right. */
static void read_files(int pass)
{
	static unsigned char buf[PAGE], want[PAGE];
	char path[64];
	unsigned long pg;
	int i, fd, bad = 0;

	for (i = 0; i < NR_FILES; i++) {
		snprintf(path, sizeof(path), "%s/file-%d", file_dir, i);
		fd = open(path, O_RDONLY);
		if (fd < 0) {
			fail("open file");
			return;
		}
		for (pg = 0; pg < FILE_PAGES; pg++) {
			fill(want, i, pg);
			if (read(fd, buf, PAGE) != (ssize_t)PAGE ||
			    memcmp(buf, want, PAGE))
				bad++;
		}
		close(fd);
	}
	fd = open("/init", O_RDONLY);
	while (fd >= 0 && read(fd, buf, PAGE) > 0)
		;
	if (fd >= 0)
		close(fd);
	if (bad)
		fail("file content");
	say("read pass %d: %d files of %d pages, %d bad pages", pass,
	    NR_FILES, FILE_PAGES, bad);
}

/*
 * The ext2 image boot.sh put in the initramfs, copied to the RAM disk
 * (brd: block major 1) and mounted on /mnt. 0 if the files go there.
 */
static int setup_disk(void)
{
	static char buf[1 << 16];
	int in, out;
	ssize_t n;

	in = open("/fs.img", O_RDONLY);
	if (in < 0) {
		say("no /fs.img: files on tmpfs");
		return -1;
	}
	mkdir("/dev", 0755);
	if (mknod("/dev/ram0", S_IFBLK | 0600, makedev(1, 0)) && errno != EEXIST)
		say("mknod /dev/ram0: %s", strerror(errno));
	out = open("/dev/ram0", O_WRONLY);
	if (out < 0) {
		say("open /dev/ram0: %s: files on tmpfs", strerror(errno));
		close(in);
		return -1;
	}
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, (size_t)n) != n) {
			fail("write /dev/ram0");
			break;
		}
	close(in);
	fsync(out);
	close(out);
	unlink("/fs.img");
	mkdir("/mnt", 0755);
	if (mount("/dev/ram0", "/mnt", "ext2", 0, NULL)) {
		say("mount ext2 /dev/ram0: %s: files on tmpfs", strerror(errno));
		return -1;
	}
	say("mounted ext2 /dev/ram0 on /mnt: files there");
	file_dir = "/mnt";
	return 0;
}

/* Mount the disk again: its files' page cache starts empty. */
static void remount_disk(void)
{
	sync();
	if (umount("/mnt"))
		fail("umount /mnt");
	else if (mount("/dev/ram0", "/mnt", "ext2", MS_RDONLY, NULL))
		fail("mount ext2 /dev/ram0 again");
}

/* Time for the host to act on the volatile pages (QEMU: every 100 ms). */
static void pause_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

int main(void)
{
	static const struct { unsigned long nr, step; } rounds[] = {
		{ 64, 1 }, { 1024, 8 }, { 4096, 64 }, { 8192, 512 },
		{ 16384, 3 }, { 2048, 2048 },
	};
	struct counters before, after;
	char cmdline[512] = "";
	unsigned int r, rep;
	int fd, n;

	mount_fs("proc", "/proc", "proc");
	mount_fs("sysfs", "/sys", "sysfs");
	mount_fs("tmpfs", "/tmp", "tmpfs");
	mount_fs("tracefs", "/sys/kernel/tracing", "tracefs");
	fd = open("/proc/cmdline", O_RDONLY);
	if (fd >= 0) {
		n = (int)read(fd, cmdline, sizeof(cmdline) - 1);
		cmdline[n > 0 ? n : 0] = '\0';
		cmdline[strcspn(cmdline, "\n")] = '\0';
		close(fd);
	}
	say("cmdline %s", cmdline);
	print_probe_result();
	read_vmstat(&before, "boot");

	for (rep = 0; rep < 3; rep++)
		for (r = 0; r < sizeof(rounds) / sizeof(rounds[0]); r++)
			anon_round(rounds[r].nr, rounds[r].step, rep * 16 + r);
	say("anonymous rounds done");
	if (!setup_disk()) {
		write_files();
		remount_disk();
	} else {
		write_files();
	}
	read_files(1);
	pause_ms(300);
	read_files(2);
	anon_round(8192, 16, 99);	/* pressure between the reads */
	pause_ms(300);
	read_files(3);

	read_vmstat(&after, "end");
	say("delta hints %lu batches %lu volatile %lu commits %lu discards %lu",
	    after.hints - before.hints, after.batches - before.batches,
	    after.volatile_ - before.volatile_,
	    after.commits - before.commits, after.discards - before.discards);
	say("delta pgalloc %lu pgfree %lu", after.pgalloc - before.pgalloc,
	    after.pgfree - before.pgfree);
	if (after.pgfree - before.pgfree < 20000)
		fail("too few frees for the per-cpu lists to spill");
	if (failures)
		say("RESULT FAIL %s", failed_what);
	else
		say("RESULT PASS");
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}
