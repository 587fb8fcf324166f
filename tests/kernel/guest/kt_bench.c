// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * kt_bench.c - the timed in-guest workload scripts/lps-kernel-bench runs on
 * the patched and the unpatched kernel: anonymous page faults (allocation
 * and free hints) and file reads, cold (I/O, make-volatile at end of read)
 * and warm (lookups that make pages stable).  One line per repeat; the
 * host takes the medians.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "kt_guest.h"
#include "kt_pattern.h"

#define KT_FAULT_SIZE	(32u << 20)

static unsigned char rbuf[256 << 10];

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000ll + ts.tv_nsec;
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

/* Read every data file; @cold first drops its clean page cache. */
static long long bench_reads(int cold)
{
	long long t0 = now_ns();
	char path[64];
	int i, fd;

	for (i = 0; i < KT_NFILES; i++) {
		snprintf(path, sizeof(path), KT_MNT "/data%02d.bin", i);
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

void kt_bench(int repeats)
{
	int r;

	bench_reads(0);		/* warm-up: one untimed pass of each */
	bench_faults();
	for (r = 0; r < repeats; r++) {
		long long fault = bench_faults();
		long long cold = bench_reads(1);
		long long warm = bench_reads(0);

		printf(KT_MARK_BENCH " rep=%d fault_ns=%lld read_cold_ns=%lld"
		       " read_warm_ns=%lld\n", r, fault, cold, warm);
	}
}
