/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_bench.h - what every benchmark measures with: thread CPU time (a
 * busy neighbour on a shared machine slows wall time, not this), a fixed
 * PRNG so every run replays the same operations, and the median of the
 * repeats, which one noisy repeat cannot move.
 */
#ifndef LPS_BENCH_H
#define LPS_BENCH_H

#include <stdint.h>	/* uint64_t */
#include <stdlib.h>	/* qsort */
#include <time.h>	/* clock_gettime */

/*
 * A baseline function the compiler may neither inline nor see through, so
 * the baseline pays for a real call as the hooked code does.  GCC says so
 * with noipa; clang has no noipa, and leaves optnone functions alone.
 */
#if defined(__clang__)
#define LPS_BENCH_OPAQUE __attribute__((noinline, optnone))
#else
#define LPS_BENCH_OPAQUE __attribute__((noipa))
#endif

static inline double lps_bench_cpu_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

/* xorshift64*: @state must not be zero. */
static inline uint64_t lps_bench_rand(uint64_t *state)
{
	uint64_t x = *state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*state = x;
	return x * 0x2545F4914F6CDD1DULL;
}

static int lps_bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Sorts @v in place. */
static inline double lps_bench_median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), lps_bench_cmp_double);
	return v[n / 2];
}

#endif /* LPS_BENCH_H */
