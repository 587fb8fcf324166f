// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_threads.c - four threads, each the only user of its CPU index, free,
 * allocate and offer frames they take turns owning (ownership passes
 * through an atomic, as a page lock would).  Hints a thread leaves queued
 * are found by the next owner on another CPU, so cross-CPU cancel runs
 * under contention; a host thread pages meanwhile, and threads park and
 * release discarded frames on every list.  At the end both sides must
 * agree with what each frame's last owner asked for.
 */
#include "core_env.h"

#include <pthread.h>	/* pthread_create, pthread_join */

#define NTHREADS	4
#define NF		2048
#define BLOCK_ORDER	3
#define NBLOCKS		(NF >> BLOCK_ORDER)
#define ITERS		20000
#define DISCARD_CAP	4

static struct core_env e;
static uint32_t owner[NBLOCKS];	/* 0: free to take; t + 1: thread t */
static int expected[NF];	/* written by the block's owner only */
static uint64_t parked, released, overflowed;
static int host_stop;
static uint64_t seeds[NTHREADS];
static int failures;

static uint64_t rng(uint64_t *s)
{
	uint64_t x = *s;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	*s = x;
	return x * 0x2545F4914F6CDD1DULL;
}

static void fail(const char *what, uint32_t cpu, uint64_t pfn, int ret)
{
	fprintf(stderr, "cpu %u pfn %llu: %s (%d)\n", cpu,
		(unsigned long long)pfn, what, ret);
	__atomic_fetch_add(&failures, 1, __ATOMIC_RELAXED);
}

static void count_released(void *opaque, const uint64_t *pfn, uint32_t n)
{
	(void)opaque;
	(void)pfn;
	__atomic_fetch_add(&released, n, __ATOMIC_RELAXED);
}

/* One turn on block @b, which this thread owns for the duration. */
static void work_block(uint32_t cpu, uint32_t b, uint64_t *s)
{
	struct lps_page_facts f = core_clean_facts();
	uint64_t base = (uint64_t)b << BLOCK_ORDER, pfn;
	uint32_t ops = 1 + (uint32_t)(rng(s) % 3), i, k;
	int ret;

	for (i = 0; i < ops; i++) {
		pfn = base + rng(s) % (1u << BLOCK_ORDER);
		switch (rng(s) % 6) {
		case 0:
		case 1:
			ret = lps_set_unused(&e.g, cpu, base, BLOCK_ORDER);
			if (ret)
				fail("set_unused", cpu, base, ret);
			for (k = 0; k < 1u << BLOCK_ORDER; k++)
				expected[base + k] = LPS_UNUSED;
			break;
		case 2:
			ret = lps_set_stable(&e.g, cpu, base, BLOCK_ORDER);
			if (ret < 0)
				fail("set_stable block", cpu, base, ret);
			for (k = 0; k < 1u << BLOCK_ORDER; k++)
				expected[base + k] = LPS_STABLE;
			break;
		case 3:
			ret = lps_set_stable(&e.g, cpu, pfn, 0);
			if (ret < 0)
				fail("set_stable frame", cpu, pfn, ret);
			expected[pfn] = LPS_STABLE;
			break;
		case 4:
			ret = lps_try_volatile(&e.g, cpu, pfn, &f);
			if (expected[pfn] == LPS_UNUSED ?
			    ret != -LPS_EPERM : ret != LPS_VOLATILE)
				fail("try_volatile", cpu, pfn, ret);
			if (ret == LPS_VOLATILE)
				expected[pfn] = LPS_VOLATILE;
			break;
		default:
			if (rng(s) % 4 == 0) {
				ret = lps_discard_park(&e.g, cpu, pfn);
				if (ret == 0)
					__atomic_fetch_add(&parked, 1,
							   __ATOMIC_RELAXED);
				else if (ret == -LPS_ENOSPC)
					__atomic_fetch_add(&overflowed, 1,
							   __ATOMIC_RELAXED);
				else
					fail("park", cpu, pfn, ret);
			} else if (rng(s) % 2) {
				lps_discard_release_all(&e.g, count_released,
							NULL);
			} else {
				ret = lps_flush(&e.g, cpu);
				if (ret)
					fail("flush", cpu, 0, ret);
			}
			break;
		}
	}
}

static void *cpu_thread(void *arg)
{
	uint32_t cpu = (uint32_t)(uintptr_t)arg;
	uint64_t s = seeds[cpu];
	uint32_t it, b, want;

	for (it = 0; it < ITERS; it++) {
		b = (uint32_t)(rng(&s) % NBLOCKS);
		want = 0;
		if (!__atomic_compare_exchange_n(&owner[b], &want, cpu + 1, 0,
						 __ATOMIC_ACQUIRE,
						 __ATOMIC_RELAXED))
			continue;
		work_block(cpu, b, &s);
		__atomic_store_n(&owner[b], 0, __ATOMIC_RELEASE);
	}
	return NULL;
}

/* The host drops what it may while the guest works. */
static void *host_thread(void *arg)
{
	(void)arg;
	while (!__atomic_load_n(&host_stop, __ATOMIC_ACQUIRE))
		lps_fake_pressure(&e.fake);
	return NULL;
}

int main(void)
{
	pthread_t th[NTHREADS], host;
	uint64_t seed = lps_test_seed(0x5eed);
	uint64_t left = 0;
	uint32_t t, i;
	int bad = 0;

	core_env_init(&e, NF, NTHREADS, 0, DISCARD_CAP);
	e.fake.calls_cap = 0;
	for (t = 0; t < NTHREADS; t++)
		seeds[t] = seed * 0x9e3779b97f4a7c15ull + t + 1;
	/* Everything starts in use, as a booted guest's memory does. */
	for (i = 0; i < NF; i++)
		expected[i] = LPS_STABLE;

	pthread_create(&host, NULL, host_thread, NULL);
	for (t = 0; t < NTHREADS; t++)
		pthread_create(&th[t], NULL, cpu_thread,
			       (void *)(uintptr_t)t);
	for (t = 0; t < NTHREADS; t++)
		pthread_join(th[t], NULL);
	__atomic_store_n(&host_stop, 1, __ATOMIC_RELEASE);
	pthread_join(host, NULL);

	LPS_CHECK_EQ(failures, 0);
	LPS_CHECK_EQ(lps_flush_all(&e.g), 0);
	for (i = 0; i < NF; i++) {
		int h = lps_fs_usage(lps_fake_state(&e.fake, i));

		if (lps_get_state(&e.g, i) != expected[i] || h != expected[i] ||
		    e.words[i] & ~3u)
			bad++;
	}
	LPS_CHECK_EQ(bad, 0);
	LPS_CHECK_EQ(e.fake.rejects, 0);
	LPS_CHECK_EQ(e.fake.bad_batches, 0);
	for (t = 0; t < NTHREADS; t++)
		left += e.cpus[t].discarded.count;
	LPS_CHECK_EQ(parked, released + left);
	LPS_CHECK_EQ(core_cnt(&e).discard_overflows, overflowed);
	printf("cancelled %llu, batches %llu, parked %llu, overflows %llu\n",
	       (unsigned long long)core_cnt(&e).cancelled,
	       (unsigned long long)core_cnt(&e).batches,
	       (unsigned long long)parked, (unsigned long long)overflowed);
	LPS_CHECK(core_cnt(&e).cancelled > 0);
	core_env_fini(&e);
	return lps_test_done();
}
