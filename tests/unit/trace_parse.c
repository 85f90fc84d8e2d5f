// SPDX-License-Identifier: GPL-2.0
/*
 * The trace line parsers, per format, on real lines: tracefs lines taken
 * from ../shared/traces (Linux 6.18, x86-64), perf script and trace-cmd
 * report lines written from their documented layouts; old kernels'
 * decimal pfns; malformed lines.
 */
#include <string.h>
#include "tap.h"
#include "../../tools/pagestates/trace_line.c"
#include "../../tools/pagestates/trace_payload.c"
#include "../../tools/pagestates/trace_tracefs.c"
#include "../../tools/pagestates/trace_perf.c"
#include "../../tools/pagestates/trace_cmd.c"

static enum trace_line_kind parse(const struct trace_format *f,
				  const char *line, struct trace_rec *rec,
				  const char **err)
{
	memset(rec, 0xaa, sizeof(*rec));
	*err = NULL;
	return f->parse(line, line + strlen(line), rec, err);
}

static const struct trace_format *detect(const char *line)
{
	int score;

	return trace_format_probe(line, line + strlen(line), &score);
}

static void tracefs_lines(void)
{
	const struct trace_format *f = &trace_format_tracefs;
	const char *err;
	struct trace_rec r;

	is(parse(f, " capture-kmem-tr-19842   [000] .....   733.259675: mm_page_alloc: page=00000000880d9ead pfn=0x1ac7fd order=0 migratetype=1 gfp_flags=GFP_HIGHUSER_MOVABLE|__GFP_COMP",
		 &r, &err), TL_EVENT, "tracefs alloc parses");
	is(r.type, TR_PAGE_ALLOC, "alloc type");
	is(r.cpu, 0, "alloc cpu");
	is(r.time_ns, 733259675000ULL, "alloc time in ns");
	is(r.pfn, 0x1ac7fd, "alloc pfn");
	is(r.order, 0, "alloc order");
	ok(!r.null_page, "alloc page not null");

	is(parse(f, "              dd-19846   [001] .....   733.271126: mm_page_alloc: page=000000005142ef9f pfn=0x19a300 order=8 migratetype=1 gfp_flags=GFP_HIGHUSER_MOVABLE|__GFP_WRITE|__GFP_NOWARN|__GFP_NORETRY|__GFP_COMP",
		 &r, &err), TL_EVENT, "order-8 alloc parses");
	is(r.order, 8, "order 8");
	is(r.cpu, 1, "cpu 1");

	is(parse(f, "           sleep-19889   [001] ...2.   734.726140: mm_page_free_batched: page=00000000750e28be pfn=0x1ac7c3 order=0",
		 &r, &err), TL_EVENT, "free_batched parses");
	is(r.type, TR_PAGE_FREE_BATCHED, "free_batched type");
	is(r.pfn, 0x1ac7c3, "free_batched pfn");

	is(parse(f, "             cat-19843   [001] ...1.   734.726239: mm_page_free: page=000000001ea5a262 pfn=0x1746bd order=0",
		 &r, &err), TL_EVENT, "free parses");
	is(r.type, TR_PAGE_FREE, "free type");

	is(parse(f, "             cat-24537   [001] .....  2397.844602: mm_filemap_add_to_page_cache: dev 0:3 ino fe00000 pfn=0x151d7a ofs=733417472 order=0",
		 &r, &err), TL_EVENT, "page cache add parses");
	is(r.type, TR_CACHE_ADD, "add type");
	is(r.dev, 3, "add dev 0:3");
	is(r.ino, 0xfe00000, "add inode (hex)");
	is(r.pfn, 0x151d7a, "add pfn");
	is(r.ofs, 733417472ULL, "add offset");

	is(parse(f, "              xz-24538   [001] .....  2397.904405: mm_filemap_add_to_page_cache: dev 254:0 ino 51009d pfn=0x188530 ofs=0 order=1",
		 &r, &err), TL_EVENT, "large folio add parses");
	is(r.dev, 254u << 20, "dev 254:0");
	is(r.order, 1, "folio order 1");

	is(parse(f, "       kdamond.0-77      [000] d..2.  2398.936835: mm_filemap_delete_from_page_cache: dev 0:3 ino fe00000 pfn=0x100df0 ofs=5503549440 order=0",
		 &r, &err), TL_EVENT, "page cache delete parses");
	is(r.type, TR_CACHE_DEL, "delete type");
	is(r.ofs, 5503549440ULL, "delete offset above 4 GiB");

	is(parse(f, "             cat-24537   [001] .....  2397.847736: mm_filemap_map_pages: dev=254:0 ino=51423 ofs=155648-221183",
		 &r, &err), TL_EVENT, "map_pages parses");
	is(r.type, TR_CACHE_MAP_PAGES, "map_pages type");
	is(r.ino, 0x51423, "map_pages inode");
	is(r.ofs, 155648, "map_pages start");
	is(r.ofs_end, 221183, "map_pages end");

	is(parse(f, "             cat-24537   [001] .....  2397.849088: mm_filemap_fault: dev=254:0 ino=3c55e ofs=40960",
		 &r, &err), TL_EVENT, "fault parses");
	is(r.type, TR_CACHE_FAULT, "fault type");
	is(r.ofs_end, 40960, "fault is one page");

	is(parse(f, " capture-kmem-tr-24536   [001] .....  2405.000987: mm_filemap_get_pages: dev=254:0 ino=510080 ofs=0-4095",
		 &r, &err), TL_EVENT, "get_pages parses");
	is(r.type, TR_CACHE_GET_PAGES, "get_pages type");

	/* layouts of other tracefs options */
	is(parse(f, "            bash-1234    (   1234) [003] d..1.  100.000001: mm_page_free: page=0000000022f10105 pfn=0x11d0d5 order=2",
		 &r, &err), TL_EVENT, "record-tgid column");
	is(r.cpu, 3, "cpu after tgid");
	is(r.order, 2, "order after tgid");
	is(parse(f, "            bash-1234  [002]  100.5: mm_page_free: page=0000000022f10105 pfn=0x11d0d5 order=0",
		 &r, &err), TL_EVENT, "no irq-info column");
	is(r.time_ns, 100500000000ULL, "short fraction scaled");
	is(parse(f, "          <idle>-0       [001] .Ns1.  2403.516130: mm_page_alloc: page=(null) pfn=0x0 order=0 migratetype=0 gfp_flags=GFP_ATOMIC",
		 &r, &err), TL_EVENT, "failed allocation parses");
	ok(r.null_page, "failed allocation: null page");
	is(parse(f, "          <idle>-0       [001] ..s1.  10.000000: mm_page_free: page=ffffea0004ac6c00 pfn=1234567 order=0",
		 &r, &err), TL_EVENT, "old kernels: decimal pfn");
	is(r.pfn, 1234567, "decimal pfn value");

	is(parse(f, "# tracer: nop", &r, &err), TL_IGNORED, "header ignored");
	is(parse(f, "#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION", &r, &err),
	   TL_IGNORED, "column header ignored");
	is(parse(f, "", &r, &err), TL_IGNORED, "blank ignored");
	is(parse(f, "CPU:1 [LOST 1234 EVENTS]", &r, &err), TL_LOST, "lost events line");
	is(r.pfn, 1234, "lost count");
	is(parse(f, "             cat-4130  [001] .....  12.000001: sched_switch: prev_comm=cat",
		 &r, &err), TL_EVENT, "other tracepoint parses");
	is(r.type, TR_OTHER, "other tracepoint type");
}

static void perf_lines(void)
{
	const struct trace_format *f = &trace_format_perf;
	const char *err;
	struct trace_rec r;

	is(parse(f, "             cat  4130 [001]  1234.567890: kmem:mm_page_alloc: page=0xffffea0004ac6c00 pfn=0x12b1b0 order=0 migratetype=0 gfp_flags=GFP_KERNEL",
		 &r, &err), TL_EVENT, "perf alloc parses");
	is(r.type, TR_PAGE_ALLOC, "perf alloc type");
	is(r.cpu, 1, "perf cpu");
	is(r.pfn, 0x12b1b0, "perf pfn");
	is(r.time_ns, 1234567890000ULL, "perf time");
	is(parse(f, "     Web Content  2211/2230  [003] 1234.567891234: kmem:mm_page_free: page=0xffffea0004ac6c00 pfn=0x12b1b0 order=1",
		 &r, &err), TL_EVENT, "comm with a space, pid/tid, --ns");
	is(r.cpu, 3, "cpu after pid/tid");
	is(r.time_ns, 1234567891234ULL, "nanosecond timestamp");
	is(r.order, 1, "perf order");
	is(parse(f, "              dd 19846 [000] 733.271126: filemap:mm_filemap_add_to_page_cache: dev 254:0 ino 51009d pfn=0x188530 ofs=8192 order=0",
		 &r, &err), TL_EVENT, "perf filemap event");
	is(r.type, TR_CACHE_ADD, "perf add type");
	is(r.ofs, 8192, "perf add offset");
	/* real perf 6.x output on this machine: page= shows the pfn */
	is(parse(f, "            perf 12258 [001]  1882.752263: kmem:mm_page_alloc: page=0x322dea pfn=0x322dea order=0 migratetype=0 gfp_flags=GFP_HIGHUSER|__GFP_ACCOUNT",
		 &r, &err), TL_EVENT, "real perf alloc line");
	is(r.pfn, 0x322dea, "real perf alloc pfn");
	is(parse(f, "       perf-exec 12265 [001]  1882.753740:  kmem:mm_page_free: page=0x5a4c0c pfn=0x5a4c0c order=0",
		 &r, &err), TL_EVENT, "real perf free line (two spaces)");
	is(r.type, TR_PAGE_FREE, "real perf free type");
	is(r.time_ns, 1882753740000ULL, "real perf free time");
	is(parse(f, "\tffffffff812c3d5e __alloc_pages+0x1e ([kernel.kallsyms])", &r, &err),
	   TL_IGNORED, "callchain line ignored");
	is(parse(f, "", &r, &err), TL_IGNORED, "blank line ignored");
	ok(detect("             cat  4130 [001]  1234.567890: kmem:mm_page_free: page=0xffffea0004ac6c00 pfn=0x12b1b0 order=0") == f,
	   "perf script detected by its system:event name");
}

static void tracecmd_lines(void)
{
	const struct trace_format *f = &trace_format_tracecmd;
	const char *err;
	struct trace_rec r;

	is(parse(f, "cpus=2", &r, &err), TL_IGNORED, "cpus= header");
	is(parse(f, "version = 6", &r, &err), TL_IGNORED, "version header");
	is(parse(f, "CPU 0 is empty", &r, &err), TL_IGNORED, "empty cpu line");
	is(parse(f, "             cat-24537 [001]  2397.844599: mm_page_alloc:        page=0xffffea00054770c0 pfn=0x151d7a order=0 migratetype=0 gfp_flags=GFP_NOFS",
		 &r, &err), TL_EVENT, "trace-cmd padded event name");
	is(r.pfn, 0x151d7a, "trace-cmd pfn");
	is(r.cpu, 1, "trace-cmd cpu");
	is(parse(f, "             cat-24537 [001] d..2.  2397.844600: mm_page_free:         page=0xffffea00054770c0 pfn=0x151d7a order=0",
		 &r, &err), TL_EVENT, "trace-cmd -l latency column");
	is(r.type, TR_PAGE_FREE, "trace-cmd free type");
	is(parse(f, "CPU:1 [12 EVENTS DROPPED]", &r, &err), TL_LOST, "dropped events");
	is(r.pfn, 12, "dropped count");
	ok(detect("cpus=2") == f, "trace-cmd detected by its header");
	ok(detect("# tracer: nop") == &trace_format_tracefs,
	   "tracefs detected by its header");
	ok(detect(" capture-kmem-tr-19842   [000] .....   733.259675: mm_page_free: page=00000000880d9ead pfn=0x1ac7fd order=0") ==
	   &trace_format_tracefs, "tracefs detected by its flags column");
}

static void malformed_lines(void)
{
	const struct trace_format *f = &trace_format_tracefs;
	const char *err;
	struct trace_rec r;

	is(parse(f, "hello world", &r, &err), TL_MALFORMED, "garbage");
	ok(err && strstr(err, "timestamp"), "garbage: says what is missing (%s)", err);
	is(parse(f, "  cat-1 [000] .....  1.0: mm_page_alloc: page=00000000880d9ead pf",
		 &r, &err), TL_MALFORMED, "truncated in the payload");
	ok(err && strstr(err, "pfn"), "truncated: no pfn (%s)", err);
	is(parse(f, "  cat-1 [000] .....  1.0: mm_page_alloc: page=00000000880d9ead pfn=0x1000 order=11 migratetype=0",
		 &r, &err), TL_MALFORMED, "order 11 rejected");
	ok(err && strstr(err, "order"), "huge order: says order (%s)", err);
	is(parse(f, "  cat-1 [000] .....  1.0: mm_page_free: page=00000000880d9ead pfn=0xffffffffffff order=0",
		 &r, &err), TL_MALFORMED, "pfn beyond 2^40 rejected");
	is(parse(f, "  cat-1 [000] .....  1.0: mm_page_free: page=00000000880d9ead pfn=0x1fffffffffffffffff order=0",
		 &r, &err), TL_MALFORMED, "pfn overflowing 64 bits rejected");
	is(parse(f, "  cat-1 [000] .....  1.0 mm_page_free: page=0 pfn=0x1 order=0",
		 &r, &err), TL_MALFORMED, "timestamp without colon");
	is(parse(f, "  cat-1 [99999] .....  1.0: mm_page_free: page=0 pfn=0x1 order=0",
		 &r, &err), TL_MALFORMED, "absurd cpu number");
	is(parse(f, "  cat-1 [000] .....  1.0: mm_filemap_add_to_page_cache: dev x ino 1 pfn=0x1 ofs=0",
		 &r, &err), TL_MALFORMED, "filemap add without dev");
	is(parse(f, "  cat-1 [000] .....  1.0: mm_filemap_get_pages: dev=254:0 ino=3c55e ofs=4095-0",
		 &r, &err), TL_MALFORMED, "lookup range backwards");
	is(parse(f, "  cat-1 [000] .....  1.0:", &r, &err), TL_MALFORMED,
	   "no event name");
}

/*
 * The fast way (trace_line_fast) must give what the general way gives for
 * every line it accepts. Real lines of each event, each mutated at every
 * position (one byte replaced by a character that matters to the
 * scanners, or the line cut there).
 */
static const char *const fast_lines[] = {
	"             cat-24537   [001] .....  2397.850623: mm_page_alloc: page=00000000f7cf5a22 pfn=0x10d0b4 order=0 migratetype=1 gfp_flags=GFP_HIGHUSER_MOVABLE|__GFP_ZERO|__GFP_COMP",
	"             cat-24544   [001] .N.4.  2402.451014: mm_page_free_batched: page=000000006f3c8405 pfn=0x10a0eb order=0",
	"             cat-19843   [001] ...1.   734.726239: mm_page_free: page=000000001ea5a262 pfn=0x1746bd order=3",
	"          <idle>-0       [000] d.s2.   733.259675: mm_page_pcpu_drain: page=00000000880d9ead pfn=0x1ac7fd order=0 migratetype=1",
	"             cat-24537   [001] .....  2397.850640: mm_filemap_map_pages: dev=254:0 ino=4e3e2 ofs=0-4095",
	"             cat-24537   [001] .....  2397.850619: mm_filemap_get_pages: dev=254:0 ino=4e3e5 ofs=196608-262143",
	"             cat-24537   [001] .....  2397.850700: mm_filemap_fault: dev=254:0 ino=4e3e5 ofs=8192",
	"             cat-24537   [001] .....  2397.850701: mm_filemap_add_to_page_cache: dev 254:0 ino 4e3e5 pfn=0x10d0b5 ofs=12288 order=0",
	"         kswapd0-92      [000] .....  2399.000001: mm_filemap_delete_from_page_cache: dev 254:0 ino 4e3e5 pfn=0x10d0b5 ofs=12288 order=2",
	"            perf  1234 [002]  4500.123456789: kmem:mm_page_alloc: page=0xffffea0004a1b2c0 pfn=0x1286c8 order=0 migratetype=0 gfp_flags=GFP_KERNEL",
	"           bash-7109  [003]  1704.329232: mm_page_alloc: page=(null) pfn=0x0 order=0 migratetype=0 gfp_flags=GFP_KERNEL",
};

static bool fast_matches_general(const char *line, size_t len)
{
	struct trace_rec a, b;
	const char *err;

	memset(&a, 0x5a, sizeof(a));
	memset(&b, 0x5a, sizeof(b));
	if (!trace_line_fast(line, line + len, &a))
		return true;
	return trace_line_general(line, line + len, 0, &b, &err) ==
	       TL_EVENT && !memcmp(&a, &b, sizeof(a));
}

static void fast_way(void)
{
	static const char subst[] = " \t0x:-[](a9.=kF";
	unsigned int tried = 0, fast = 0, bad = 0;
	char buf[256];
	size_t i, pos, k, len;

	for (i = 0; i < ARRAY_SIZE(fast_lines); i++) {
		len = strlen(fast_lines[i]);
		memcpy(buf, fast_lines[i], len);
		ok(trace_line_fast(buf, buf + len, &(struct trace_rec){ 0 }),
		   "fast way takes line %zu", i);
		for (pos = 0; pos <= len; pos++) {
			for (k = 0; k <= sizeof(subst) - 1; k++) {
				memcpy(buf, fast_lines[i], len);
				if (k < sizeof(subst) - 1 && pos < len)
					buf[pos] = subst[k];
				tried++;
				if (trace_line_fast(buf, buf + (k == sizeof(subst) - 1 ? pos : len),
						    &(struct trace_rec){ 0 }))
					fast++;
				if (!fast_matches_general(buf, k == sizeof(subst) - 1 ? pos : len)) {
					if (!bad++)
						tap_diag("differs: \"%.*s\"",
							 (int)len, buf);
				}
			}
		}
	}
	tap_diag("%u mutated lines, %u taken by the fast way", tried, fast);
	ok(fast > tried / 4 && fast < tried, "fast way takes some, not all");
	is(bad, 0, "fast way = general way on every mutated line");
}

/*
 * The scanners against printf: random numbers of every length written
 * out and read back, timestamps both ways (two words, digit loop).
 */
static void scanners(void)
{
	unsigned int bad_hex = 0, bad_dec = 0, bad_time = 0, read = 0;
	unsigned int i, fd, sd;
	unsigned long long seed = 88172645463325252ULL, v, sec, frac;
	char buf[64], sbuf[32], fbuf[32];
	const char *q1, *q2;
	u64 got, t1 = 0, t2 = 0;

	for (i = 0; i < 20000; i++) {
		seed ^= seed << 13;
		seed ^= seed >> 7;
		seed ^= seed << 17;
		v = seed >> (i % 64);
		snprintf(buf, sizeof(buf), "%llx pfn", v);
		if (!scan_hex(buf, buf + strlen(buf), &got) || got != v)
			bad_hex++;
		/* scan_dec takes up to 19 digits */
		v %= 10000000000000000000ULL;
		snprintf(buf, sizeof(buf), "%llu:", v);
		if (!scan_dec(buf, buf + strlen(buf), &got) || got != v)
			bad_dec++;
		/* 1..12 digits either side, then ": mm_page_alloc" */
		sd = 1 + i % 12;
		fd = 1 + (i / 12) % 12;
		sec = seed % 1000000000000ULL;
		frac = (seed >> 20) % 1000000000000ULL;
		snprintf(sbuf, sizeof(sbuf), "%012llu", sec);
		snprintf(fbuf, sizeof(fbuf), "%012llu", frac);
		snprintf(buf, sizeof(buf), "%s.%s: mm_page_alloc",
			 sbuf + 12 - sd, fbuf + 12 - fd);
		q1 = scan_time_ns(buf, buf + strlen(buf), &t1);
		q2 = scan_time_ns_loop(buf, buf + strlen(buf), &t2);
		if (q1 != q2 || (q1 && t1 != t2))
			bad_time++;
		read += q1 != NULL;
	}
	is(bad_hex, 0, "scan_hex reads back 20000 printf'd numbers");
	is(bad_dec, 0, "scan_dec reads back 20000 printf'd numbers");
	ok(read > 15000, "%u of 20000 timestamps in range", read);
	is(bad_time, 0, "timestamps: two-word read = digit loop");
}

/* The two-word %p scan against the byte loop, on mutated pointers. */
static void fast_pointer(void)
{
	static const char *const ptrs[] = {
		"00000000f7cf5a22 pfn", "0000000000000000 pfn",
		"0x00000000000000 pfn", "ffffea0004a1b2c0 x",
	};
	static const char subst[] = " \t0x(X\n";
	unsigned int bad = 0, taken = 0;
	const char *q1, *q2;
	bool n1, n2;
	char buf[32];
	size_t i, pos, k, len;

	for (i = 0; i < ARRAY_SIZE(ptrs); i++) {
		len = strlen(ptrs[i]);
		for (pos = 0; pos < len; pos++) {
			for (k = 0; k < sizeof(subst) - 1; k++) {
				memcpy(buf, ptrs[i], len);
				buf[pos] = subst[k];
				q1 = scan_pointer16(buf, buf + len, &n1);
				if (!q1)
					continue;
				taken++;
				q2 = scan_pointer(buf, buf + len, &n2);
				if (q1 != q2 || n1 != n2)
					bad++;
			}
		}
	}
	ok(taken > 0, "two-word pointer scan takes %u tokens", taken);
	is(bad, 0, "two-word pointer scan = byte loop");
}

int main(void)
{
	tap_plan(99 + ARRAY_SIZE(fast_lines) + 8);
	scanners();
	fast_pointer();
	tracefs_lines();
	perf_lines();
	tracecmd_lines();
	malformed_lines();
	fast_way();
	return tap_finish();
}
