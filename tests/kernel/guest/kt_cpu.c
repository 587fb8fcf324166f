// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * kt_cpu.c - nothing stranded on a CPU that goes away, nothing pending
 * forever on one that idles (kernel-glue/lps_kcpu.c).  Before the reclaim
 * the guest reads a file of its own once, so the host drops its pages.
 * After the checked run it works on CPU 1: frees anonymous memory (hints
 * a batching port queues) and looks up dropped pages of that file with
 * mincore(2) (each parks its folio on CPU 1's discard list),
 * with the periodic flush off so nothing else takes them; then it takes
 * CPU 1 offline, and the glue's debugfs "cpus" must show nothing left on
 * it and the dead-CPU counters what it held.  CPU 1 comes back and takes
 * hints again; with the periodic flush back on, pending hints and parked
 * folios must go within a few periods of idling.  Every byte of the file
 * is checked at the end.  Prints LPS-CPU {...}.
 */
#define _GNU_SOURCE		/* sched_setaffinity, sched_getcpu */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "kt_guest.h"
#include "kt_pattern.h"

#define KT_CPU_FILE	KT_MNT "/cpu.bin"
#define KT_CPU_PAGES	64u
#define KT_CPU_PAGE	4096u
#define KT_SEED_CPU	0x6370752d66696c00ull
#define KT_CPU_ANON	(4u << 20)
#define KT_CPU1_ONLINE	"/sys/devices/system/cpu/cpu1/online"
#define KT_FLUSH_MS	"/sys/module/kernel/parameters/pagestates_flush_ms"

struct kt_cpu_run {
	long errors;		/* steps that failed */
	long checksum_errors;	/* 8-byte words wrong */
	long long before_ranges, before_parked;
	long long after_online, after_ranges, after_parked;
	long long drained, dead_discards;
	long long again_ranges, port_errors;
	long long flush_ms, idle_before_ranges, idle_before_parked;
	long long periodic_flushes, periodic_releases;
	long long idle_ranges, idle_parked;
	long long discards, mincore_gone;
};

static void cpu_err(struct kt_cpu_run *r, const char *what)
{
	kt_err(what, strerror(errno));
	r->errors++;
}

/* One "name value" line of debugfs "cpus"; -1 when absent. */
static long long cpus_value(const char *name)
{
	return kt_debugfs_value("cpus", name);
}

static int write_str(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, s, strlen(s));
	close(fd);
	return n == (ssize_t)strlen(s) ? 0 : -1;
}

static long long read_num(const char *path)
{
	char buf[32] = "";
	int fd = open(path, O_RDONLY);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	return n > 0 ? strtoll(buf, NULL, 10) : -1;
}

static void pin(struct kt_cpu_run *r, int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	if (cpu < 0) {
		CPU_SET(0, &set);
		CPU_SET(1, &set);
	} else {
		CPU_SET(cpu, &set);
	}
	if (sched_setaffinity(0, sizeof(set), &set))
		cpu_err(r, "cpu affinity");
	sched_yield();
	if (cpu >= 0 && sched_getcpu() != cpu) {
		errno = EINVAL;
		cpu_err(r, "cpu pin");
	}
}

/* Fill, check and free anonymous memory: hints on the CPU we run on. */
static void hint_anon(struct kt_cpu_run *r)
{
	unsigned char *p = mmap(NULL, KT_CPU_ANON, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		cpu_err(r, "cpu anon");
		return;
	}
	kt_fill(p, KT_CPU_ANON, KT_SEED_CPU + 1, 0);
	r->checksum_errors += (long)kt_check(p, KT_CPU_ANON, KT_SEED_CPU + 1,
					     0);
	munmap(p, KT_CPU_ANON);
}

/*
 * Look up pages [first, first + n) of the file with mincore(2): each
 * dropped folio is parked on this CPU's list and reported gone.  Not
 * pread(2): reading one dropped folio reads (and parks) the whole
 * discarded run after it (patch 0008), and a list half full is released
 * at once, which would leave nothing for the offline or the idle period
 * to find.  The last step reads every byte back.
 */
static void park_pages(struct kt_cpu_run *r, const unsigned char *map,
		       unsigned int first, unsigned int n)
{
	unsigned char vec[KT_CPU_PAGES];
	unsigned int i;

	if (mincore((void *)(map + (size_t)first * KT_CPU_PAGE),
		    (size_t)n * KT_CPU_PAGE, vec)) {
		cpu_err(r, "cpu mincore");
		return;
	}
	for (i = 0; i < n; i++)
		r->mincore_gone += !(vec[i] & 1);
}

static void sleep_ms(long long ms)
{
	struct timespec ts = { .tv_sec = ms / 1000,
			       .tv_nsec = (ms % 1000) * 1000000 };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* Before the reclaim: the file, written, dropped from the cache, read once. */
void kt_cpu_setup(void)
{
	static unsigned char buf[KT_CPU_PAGES * KT_CPU_PAGE];
	int fd = open(KT_CPU_FILE, O_CREAT | O_TRUNC | O_RDWR, 0644);

	if (fd < 0) {
		kt_err(KT_CPU_FILE, strerror(errno));
		return;
	}
	kt_fill(buf, sizeof(buf), KT_SEED_CPU, 0);
	if (write(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf) || fsync(fd) ||
	    posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED))
		kt_err(KT_CPU_FILE, "write, fsync or fadvise failed");
	memset(buf, 0, sizeof(buf));
	if (pread(fd, buf, sizeof(buf), 0) != (ssize_t)sizeof(buf) ||
	    kt_check(buf, sizeof(buf), KT_SEED_CPU, 0))
		kt_err(KT_CPU_FILE, "first read wrong");
	close(fd);
}

/* CPU 1 offline with work pending, then back; the dead drain's share. */
static void cpu_offline_step(struct kt_cpu_run *r, const unsigned char *map)
{
	long long d0 = kt_counter("cpu_dead_drained");
	long long dd0 = kt_counter("cpu_dead_discards");
	long long pe0 = kt_counter("port_errors");

	pin(r, 1);
	hint_anon(r);
	park_pages(r, map, 0, 24);
	/* Off CPU 1 (left idle), so the offline does not move us. */
	pin(r, 0);
	r->before_ranges = cpus_value("cpu1_ranges");
	r->before_parked = cpus_value("cpu1_parked");
	if (write_str(KT_CPU1_ONLINE, "0"))
		cpu_err(r, "cpu1 offline");
	r->after_online = cpus_value("cpu1_online");
	r->after_ranges = cpus_value("cpu1_ranges");
	r->after_parked = cpus_value("cpu1_parked");
	r->drained = kt_counter("cpu_dead_drained") - d0;
	r->dead_discards = kt_counter("cpu_dead_discards") - dd0;
	if (write_str(KT_CPU1_ONLINE, "1"))
		cpu_err(r, "cpu1 online");
	pin(r, 1);
	hint_anon(r);
	r->again_ranges = cpus_value("cpu1_ranges");
	kt_flush_hints();
	r->port_errors = kt_counter("port_errors") - pe0;
}

/* Work pending on CPU 1 while everything idles for three periods. */
static void cpu_idle_step(struct kt_cpu_run *r, const unsigned char *map)
{
	long long f0, q0;

	f0 = kt_counter("periodic_flushes");
	q0 = kt_counter("periodic_releases");
	pin(r, 1);
	hint_anon(r);
	park_pages(r, map, 24, 8);
	r->idle_before_ranges = cpus_value("cpu1_ranges");
	r->idle_before_parked = cpus_value("cpu1_parked");
	sleep_ms(3 * r->flush_ms + 500);
	r->periodic_flushes = kt_counter("periodic_flushes") - f0;
	r->periodic_releases = kt_counter("periodic_releases") - q0;
	r->idle_ranges = cpus_value("cpu1_ranges");
	r->idle_parked = cpus_value("cpu1_parked");
}

static void cpu_verify_file(struct kt_cpu_run *r, int fd)
{
	static unsigned char buf[KT_CPU_PAGES * KT_CPU_PAGE];

	if (pread(fd, buf, sizeof(buf), 0) != (ssize_t)sizeof(buf))
		cpu_err(r, "cpu verify");
	else
		r->checksum_errors += (long)kt_check(buf, sizeof(buf),
						     KT_SEED_CPU, 0);
}

void kt_cpu(void)
{
	struct kt_cpu_run r = { 0 };
	long long disc0 = kt_counter("discards_found");
	unsigned char *map;
	char ms[32];
	int fd;

	fd = open(KT_CPU_FILE, O_RDONLY);
	if (fd < 0 || access(KT_CPU1_ONLINE, W_OK) ||
	    access(KT_DBG_DIR "/cpus", R_OK) || access(KT_FLUSH_MS, W_OK)) {
		printf(KT_MARK_CPU " {\"run\":false,\"cpus\":%ld}\n",
		       sysconf(_SC_NPROCESSORS_ONLN));
		if (fd >= 0)
			close(fd);
		return;
	}
	map = mmap(NULL, KT_CPU_PAGES * KT_CPU_PAGE, PROT_READ, MAP_SHARED,
		   fd, 0);
	if (map == MAP_FAILED) {
		cpu_err(&r, "cpu mmap");
		map = NULL;
	}
	r.flush_ms = read_num(KT_FLUSH_MS);
	if (r.flush_ms <= 0)
		r.flush_ms = 1000;
	/* A clean start: every list released, no periodic flush. */
	if (write_str(KT_DBG_DIR "/drain", "1") || write_str(KT_FLUSH_MS, "0"))
		cpu_err(&r, "cpu drain or flush_ms");
	if (map)
		cpu_offline_step(&r, map);
	snprintf(ms, sizeof(ms), "%lld", r.flush_ms);
	if (write_str(KT_FLUSH_MS, ms))
		cpu_err(&r, "cpu flush_ms");
	if (map)
		cpu_idle_step(&r, map);
	pin(&r, -1);
	cpu_verify_file(&r, fd);
	r.discards = kt_counter("discards_found") - disc0;
	if (map)
		munmap(map, KT_CPU_PAGES * KT_CPU_PAGE);
	close(fd);

	printf(KT_MARK_CPU " {\"run\":true,\"cpus\":%ld,\"errors\":%ld,"
	       "\"checksum_errors\":%ld,\"before_ranges\":%lld,"
	       "\"before_parked\":%lld,\"after_online\":%lld,"
	       "\"after_ranges\":%lld,\"after_parked\":%lld,\"drained\":%lld,"
	       "\"dead_discards\":%lld,\"again_ranges\":%lld,"
	       "\"port_errors\":%lld,\"flush_ms\":%lld,"
	       "\"idle_before_ranges\":%lld,\"idle_before_parked\":%lld,"
	       "\"periodic_flushes\":%lld,\"periodic_releases\":%lld,"
	       "\"idle_ranges\":%lld,\"idle_parked\":%lld,\"discards\":%lld,"
	       "\"mincore_gone\":%lld}\n",
	       sysconf(_SC_NPROCESSORS_CONF), r.errors, r.checksum_errors,
	       r.before_ranges, r.before_parked,
	       r.after_online, r.after_ranges, r.after_parked, r.drained,
	       r.dead_discards, r.again_ranges, r.port_errors, r.flush_ms,
	       r.idle_before_ranges, r.idle_before_parked, r.periodic_flushes,
	       r.periodic_releases, r.idle_ranges, r.idle_parked, r.discards,
	       r.mincore_gone);
}
