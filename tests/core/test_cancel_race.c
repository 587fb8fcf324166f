// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_cancel_race.c - the O(1) cancel under cross-CPU races.  CPU 0 frees
 * runs of frames (they coalesce into ranges), takes some back from the
 * middle of a range (a split that moves words to a new slot), flushes,
 * and hands other freed frames to CPU 1, whose make-stable must cancel
 * them in CPU 0's batch while CPU 0 keeps editing it.  CPU 1 holds each
 * frame a while and checks that the host keeps it stable: a stale unused
 * hint reaching the host after the make-stable would show.  Replay with
 * LPS_TEST_SEED.
 */
#include <pthread.h>
#include <sched.h>

#include "core_env.h"

#define NF	4096u
#define ROUNDS	4000u
#define HOLD	64u

enum { OWN_A, OWN_B, OWN_BACK };

static struct core_env e;
static uint32_t own[NF];	/* who may touch the frame */
static uint32_t stale;		/* host saw a frame unused while B held it */
static uint32_t done;

static uint64_t rng(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static uint32_t ld(uint32_t i)
{
	return __atomic_load_n(&own[i], __ATOMIC_ACQUIRE);
}

static void *cpu_b(void *arg)
{
	uint32_t held[HOLD], n = 0, i;

	(void)arg;
	while (!__atomic_load_n(&done, __ATOMIC_ACQUIRE) || n) {
		for (i = 0; i < NF && n < HOLD; i++) {
			if (__atomic_load_n(&own[i], __ATOMIC_ACQUIRE) != OWN_B)
				continue;
			if (lps_set_stable(&e.g, 1, i, 0) < 0)
				__atomic_fetch_add(&stale, 1, __ATOMIC_RELAXED);
			held[n++] = i;
			__atomic_store_n(&own[i], OWN_BACK + 1, __ATOMIC_RELAXED);
		}
		/* While held, CPU 0's flushes must never make it unused. */
		for (i = 0; i < n; i++)
			if (lps_fs_usage(lps_fake_state(&e.fake, held[i])) !=
			    LPS_STABLE)
				__atomic_fetch_add(&stale, 1, __ATOMIC_RELAXED);
		if (n == HOLD || __atomic_load_n(&done, __ATOMIC_ACQUIRE)) {
			while (n)
				__atomic_store_n(&own[held[--n]], OWN_BACK,
						 __ATOMIC_RELEASE);
		}
	}
	return NULL;
}

int main(void)
{
	uint64_t seed = lps_test_seed(0xca9ce1), s = seed;
	struct lps_counters c0, c1;
	uint32_t round, i, base, len, bad = 0;
	bool freed[NF] = { false };
	pthread_t b;

	core_env_init(&e, NF, 2, 0, 4);
	e.fake.calls_cap = 0;
	pthread_create(&b, NULL, cpu_b, NULL);
	for (round = 0; round < ROUNDS; round++) {
		/* Take back what CPU 1 is done with: in use again. */
		for (i = 0; i < NF; i++)
			if (__atomic_load_n(&own[i], __ATOMIC_ACQUIRE) ==
			    OWN_BACK) {
				__atomic_store_n(&own[i], OWN_A,
						 __ATOMIC_RELAXED);
				freed[i] = false;
			}
		/* Free a run: one range in the batch. */
		base = (uint32_t)(rng(&s) % (NF - 16));
		len = 2 + (uint32_t)(rng(&s) % 14);
		for (i = base; i < base + len; i++)
			if (__atomic_load_n(&own[i], __ATOMIC_RELAXED) ==
			    OWN_A && !freed[i]) {
				LPS_CHECK_EQ(lps_set_unused(&e.g, 0, i, 0), 0);
				freed[i] = true;
			}
		/* Reuse one from the middle (a local split). */
		i = base + 1 + (uint32_t)(rng(&s) % (len - 1));
		if (ld(i) == OWN_A && freed[i]) {
			LPS_CHECK(lps_set_stable(&e.g, 0, i, 0) >= 0);
			freed[i] = false;
		}
		/* Hand some freed frames to CPU 1 (a remote cancel). */
		for (i = base; i < base + len; i++)
			if (ld(i) == OWN_A && freed[i] && rng(&s) % 3 == 0) {
				freed[i] = false;
				__atomic_store_n(&own[i], OWN_B,
						 __ATOMIC_RELEASE);
			}
		/*
		 * Every fourth round, wait until CPU 1 took them, so some
		 * are surely cancelled while still in this batch.
		 */
		for (i = base; round % 4 == 0 && i < base + len; i++)
			while (ld(i) == OWN_B)
				sched_yield();
		if (rng(&s) % 8 == 0)
			LPS_CHECK_EQ(lps_flush(&e.g, 0), 0);
	}
	__atomic_store_n(&done, 1, __ATOMIC_RELEASE);
	pthread_join(b, NULL);
	LPS_CHECK_EQ(stale, 0);
	LPS_CHECK_EQ(lps_flush_all(&e.g), 0);
	for (i = 0; i < NF; i++) {
		int want = freed[i] ? LPS_UNUSED : LPS_STABLE;

		if (ld(i) == OWN_B)
			continue;
		if (lps_get_state(&e.g, i) != want ||
		    (int)lps_fs_usage(lps_fake_state(&e.fake, i)) != want ||
		    (e.words[i] & ~3u))
			bad++;
	}
	LPS_CHECK_EQ(bad, 0);
	c0 = e.cpus[0].cnt;
	c1 = e.cpus[1].cnt;
	/* Both kinds of cancel ran. */
	LPS_CHECK(c0.cancelled > 0);
	LPS_CHECK(c1.cancelled > 0);
	LPS_CHECK_EQ(e.fake.rejects, 0);
	LPS_CHECK_EQ(e.fake.bad_batches, 0);
	core_env_fini(&e);
	return lps_test_done();
}
