/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_test.h - the tiny test harness every suite uses: checks that report
 * file:line and keep going, a seeded PRNG whose seed is printed and can be
 * replayed (LPS_TEST_SEED=<n>), and the closing "N passed, N failed" line
 * that CI reads.
 */
#ifndef LPS_TEST_H
#define LPS_TEST_H

#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long lps_test_passed, lps_test_failed;

#define LPS_CHECK(cond)							\
	do {								\
		if (cond) {						\
			lps_test_passed++;				\
		} else {						\
			lps_test_failed++;				\
			fprintf(stderr, "%s:%d: %s: check failed: %s\n", \
				__FILE__, __LINE__, __func__, #cond);	\
		}							\
	} while (0)

#define LPS_CHECK_EQ(a, b)						\
	do {								\
		long long lps_a_ = (long long)(a);			\
		long long lps_b_ = (long long)(b);			\
		if (lps_a_ == lps_b_) {					\
			lps_test_passed++;				\
		} else {						\
			lps_test_failed++;				\
			fprintf(stderr,					\
				"%s:%d: %s: %s == %s failed: %lld != %lld\n", \
				__FILE__, __LINE__, __func__, #a, #b,	\
				lps_a_, lps_b_);			\
		}							\
	} while (0)

/* xorshift64*: small, fast, and identical on every architecture. */
static uint64_t lps_test_rng_state = 1;

static inline uint64_t lps_test_rand(void)
{
	uint64_t x = lps_test_rng_state;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	lps_test_rng_state = x;
	return x * 0x2545F4914F6CDD1DULL;
}

/* Below @n, n > 0. */
static inline uint64_t lps_test_below(uint64_t n)
{
	return lps_test_rand() % n;
}

/* Seed from LPS_TEST_SEED or @fallback; prints it so a run can be replayed. */
static inline uint64_t lps_test_seed(uint64_t fallback)
{
	const char *env = getenv("LPS_TEST_SEED");
	uint64_t seed = env ? strtoull(env, NULL, 0) : fallback;

	printf("seed %" PRIu64 " (replay with LPS_TEST_SEED=%" PRIu64 ")\n",
	       seed, seed);
	lps_test_rng_state = seed ? seed : 1;
	return seed;
}

/* Print the closing line and give main() its exit status. */
static inline int lps_test_done(void)
{
	printf("%lu passed, %lu failed\n", lps_test_passed, lps_test_failed);
	return lps_test_failed ? 1 : 0;
}

#endif /* LPS_TEST_H */
