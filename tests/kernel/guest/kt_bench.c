// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * kt_bench.c - the timed in-guest workloads scripts/lps-kernel-bench runs
 * on every kernel and boot parameter it compares: anonymous page faults
 * (allocation and free hints), file reads cold (I/O, offers at the end of
 * the read) and warm (lookups), mmap and touch of cached file pages
 * (fault lookups, unmap), write(2) + fsync, exec of a binary on the data
 * disk, and two CPUs reading the same files at once.  One line per
 * repeat; the host takes the medians.  With the glue's counters present
 * each line also carries the volatile hints per file page read (x1000).
 */
#define _GNU_SOURCE		/* sched_setaffinity */
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "kt_guest.h"
#include "kt_pattern.h"

/*
 * Sizes and pass counts keep each timing well above the guest clock's
 * 4 ms tick (tinyconfig under TCG counts in jiffies).
 */
#define KT_FAULT_SIZE	(64u << 20)
#define KT_WRITE_SIZE	(4u << 20)
#define KT_EXECS	40
#define KT_PASSES	4	/* warm reads, mmap, write, two-CPU reads */
#define KT_EXEC_PATH	KT_MNT "/kt_exec"
#define KT_WRITE_PATH	KT_MNT "/kt_write.bin"
#define KT_FILE_PAGES	((long long)KT_NFILES * (KT_FILE_SIZE >> 12))

static unsigned char rbuf[256 << 10];

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000ll + ts.tv_nsec;
}

static void data_path(char *path, size_t len, int i)
{
	snprintf(path, len, KT_MNT "/data%02d.bin", i);
}

static long long bench_faults(void)
{
	long long t0 = now_ns();
	unsigned char *p;
	size_t off;

	p = mmap(NULL, KT_FAULT_SIZE, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return -1;
	for (off = 0; off < KT_FAULT_SIZE; off += 4096)
		p[off] = (unsigned char)off;
	munmap(p, KT_FAULT_SIZE);
	return now_ns() - t0;
}

/* Read every data file @passes times; @cold first drops the cache. */
static long long bench_reads(int cold, int passes)
{
	long long t0 = now_ns();
	char path[64];
	int i, fd;

	for (i = 0; i < KT_NFILES * passes; i++) {
		data_path(path, sizeof(path), i % KT_NFILES);
		fd = open(path, O_RDONLY);
		if (fd < 0)
			return -1;
		if (cold)
			posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
		while (read(fd, rbuf, sizeof(rbuf)) > 0)
			;
		close(fd);
	}
	return now_ns() - t0;
}

/* Map every data file, read one byte per page, unmap; KT_PASSES times. */
static long long bench_mmap(void)
{
	long long t0 = now_ns();
	volatile unsigned char sink = 0;
	unsigned char *p;
	char path[64];
	size_t off;
	int i, fd;

	for (i = 0; i < KT_NFILES * KT_PASSES; i++) {
		data_path(path, sizeof(path), i % KT_NFILES);
		fd = open(path, O_RDONLY);
		if (fd < 0)
			return -1;
		p = mmap(NULL, KT_FILE_SIZE, PROT_READ, MAP_SHARED, fd, 0);
		close(fd);
		if (p == MAP_FAILED)
			return -1;
		for (off = 0; off < KT_FILE_SIZE; off += 4096)
			sink += p[off];
		munmap(p, KT_FILE_SIZE);
	}
	(void)sink;
	return now_ns() - t0;
}

/* Overwrite one file in place and fsync it; KT_PASSES times. */
static long long bench_write(void)
{
	long long t0 = now_ns();
	size_t off;
	int fd = open(KT_WRITE_PATH, O_WRONLY | O_CREAT, 0644);
	int pass;

	if (fd < 0)
		return -1;
	memset(rbuf, 0x5a, sizeof(rbuf));
	for (pass = 0; pass < KT_PASSES; pass++) {
		for (off = 0; off < KT_WRITE_SIZE; off += sizeof(rbuf))
			if (pwrite(fd, rbuf, sizeof(rbuf), (off_t)off) !=
			    (ssize_t)sizeof(rbuf))
				break;
		if (off < KT_WRITE_SIZE || fsync(fd)) {
			close(fd);
			return -1;
		}
	}
	close(fd);
	return now_ns() - t0;
}

/* Copy this program onto the data disk, so exec reads the page cache. */
static int exec_setup(const char *self)
{
	int in = open(self, O_RDONLY), out = -1;
	ssize_t n;
	int ok = 0;

	if (in < 0)
		return -1;
	out = open(KT_EXEC_PATH, O_WRONLY | O_CREAT | O_TRUNC, 0755);
	if (out >= 0) {
		ok = 1;
		while ((n = read(in, rbuf, sizeof(rbuf))) > 0)
			if (write(out, rbuf, (size_t)n) != n)
				ok = 0;
		if (fsync(out))
			ok = 0;
		close(out);
	}
	close(in);
	return ok ? 0 : -1;
}

static long long bench_exec(void)
{
	char *const argv[] = { KT_EXEC_PATH, "--exit", NULL };
	char *const envp[] = { NULL };
	long long t0 = now_ns();
	int i, status;
	pid_t pid;

	for (i = 0; i < KT_EXECS; i++) {
		pid = fork();
		if (pid < 0)
			return -1;
		if (!pid) {
			execve(KT_EXEC_PATH, argv, envp);
			_exit(127);
		}
		if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
		    WEXITSTATUS(status))
			return -1;
	}
	return now_ns() - t0;
}

/* Two processes, one per CPU, read every data file warm at once. */
static long long bench_reads_2cpu(void)
{
	long long t0 = now_ns();
	int cpu, status, ok = 1;
	pid_t pid[2];

	for (cpu = 0; cpu < 2; cpu++) {
		pid[cpu] = fork();
		if (pid[cpu] < 0)
			return -1;
		if (!pid[cpu]) {
			cpu_set_t set;

			CPU_ZERO(&set);
			CPU_SET(cpu, &set);
			sched_setaffinity(0, sizeof(set), &set);
			_exit(bench_reads(0, KT_PASSES) < 0);
		}
	}
	for (cpu = 0; cpu < 2; cpu++)
		if (waitpid(pid[cpu], &status, 0) != pid[cpu] ||
		    !WIFEXITED(status) || WEXITSTATUS(status))
			ok = 0;
	return ok ? now_ns() - t0 : -1;
}

/* Volatile hints per file page read, x1000, over @passes; -1 without. */
static long long hints_milli(long long before, int passes)
{
	long long after = kt_counter("hints_volatile");

	if (before < 0 || after < 0)
		return -1;
	return (after - before) * 1000 / (KT_FILE_PAGES * passes);
}

void kt_bench(int repeats, const char *self)
{
	long long v, cold_h, warm_h;
	int r;

	if (exec_setup(self))
		kt_err("bench", "cannot copy the exec binary");
	bench_reads(0, 1);	/* warm-up: one untimed pass of each */
	bench_faults();
	bench_write();
	for (r = 0; r < repeats; r++) {
		long long fault = bench_faults();
		long long cold, warm, map, wr, ex, two;

		v = kt_counter("hints_volatile");
		cold = bench_reads(1, 1);
		cold_h = hints_milli(v, 1);
		v = kt_counter("hints_volatile");
		warm = bench_reads(0, KT_PASSES);
		warm_h = hints_milli(v, KT_PASSES);
		map = bench_mmap();
		wr = bench_write();
		ex = bench_exec();
		two = bench_reads_2cpu();
		printf(KT_MARK_BENCH " rep=%d fault_ns=%lld read_cold_ns=%lld"
		       " read_warm_ns=%lld mmap_ns=%lld write_ns=%lld"
		       " exec_ns=%lld read_2cpu_ns=%lld cold_hints_milli=%lld"
		       " warm_hints_milli=%lld\n", r, fault, cold, warm, map,
		       wr, ex, two, cold_h, warm_h);
	}
}
