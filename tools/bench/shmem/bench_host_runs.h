/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * bench_host_runs.h - the host agent's reclaim rate on one RAM backing
 * and one layout of guest frees, next to the no-protocol drop of the very
 * same ranges, for lps-bench-shmem.
 */
#ifndef BENCH_HOST_RUNS_H
#define BENCH_HOST_RUNS_H

#include <stdint.h>	/* uint64_t */

/* How guest RAM is held, and so how a frame is dropped. */
enum bench_backing {
	BENCH_ANON,	/* anonymous THP memory: madvise(MADV_DONTNEED) */
	BENCH_FILE,	/* a memfd: fallocate(PUNCH_HOLE) */
};

/* Which frames the guest let go. */
enum bench_layout {
	BENCH_CONTIG,		/* 2 MiB-aligned blocks, 7 of every 8 */
	BENCH_SCATTERED,	/* every other 4 KiB frame */
};

/* Medians over the repeats; _ns are CPU nanoseconds of one pass. */
struct bench_host_result {
	uint64_t frames;		/* dropped per pass */
	uint64_t punches;		/* drop calls of the agent's pass */
	uint64_t baseline_punches;	/* ... of the no-protocol pass */
	double host_ns, punch_ns;
	double host_gib_s, punch_gib_s;
	double ns_per_frame, punch_ns_per_frame;
};

/* One layout on one backing, runs of at most @max_run frames. */
void bench_host_runs(enum bench_backing b, enum bench_layout l,
		     uint64_t max_run, struct bench_host_result *res);

#endif /* BENCH_HOST_RUNS_H */
