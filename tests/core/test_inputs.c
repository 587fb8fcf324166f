// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_inputs.c - every bad input of every public guest function returns
 * its documented code and changes nothing (words, batches, counters,
 * discard rings, host, port log), one check each.
 */
#include "core_env.h"

#define NFRAMES 256

static struct core_env e;

/* Run @call, expect @want, and that nothing at all changed. */
#define BAD(call, want)							\
	do {								\
		struct core_snap s_;					\
		core_snap_take(&e, &s_);				\
		LPS_CHECK_EQ((call), (want));				\
		LPS_CHECK(core_snap_same(&e, &s_));			\
	} while (0)

/* Some state worth preserving: pending hints, parked frames, counters. */
static void busy_env(void)
{
	struct lps_page_facts f = core_clean_facts();

	core_env_init(&e, NFRAMES, 2, 0, 8);
	lps_set_unused(&e.g, 0, 0, 3);
	lps_set_unused(&e.g, 1, 64, 4);
	lps_flush(&e.g, 1);
	lps_try_volatile(&e.g, 1, 100, &f);
	lps_discard_park(&e.g, 0, 9);
}

static void init_rejects(struct lps_guest_config cfg, const char *what)
{
	struct lps_guest g, before;
	uint32_t word0 = 0x5a5a5a5a;

	e.words[0] = word0;
	memset(&g, 0xa5, sizeof(g));
	before = g;
	if (lps_guest_init(&g, &cfg) != -LPS_EINVAL)
		fprintf(stderr, "init accepted: %s\n", what);
	LPS_CHECK_EQ(lps_guest_init(&g, &cfg), -LPS_EINVAL);
	LPS_CHECK(memcmp(&g, &before, sizeof(g)) == 0);
	LPS_CHECK_EQ(e.words[0], word0);
}

static void test_init(void)
{
	struct lps_port_ops no_submit, no_stable;
	struct lps_guest_config c;
	struct lps_guest g;

	core_env_init(&e, NFRAMES, 2, 0, 8);
	LPS_CHECK_EQ(lps_guest_init(NULL, &e.cfg), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_guest_init(&g, NULL), -LPS_EINVAL);
	c = e.cfg; c.sz = 0; init_rejects(c, "sz 0");
	c = e.cfg; c.sz--; init_rejects(c, "sz short");
	c = e.cfg; c.sz++; init_rejects(c, "sz long");
	c = e.cfg; c.port = NULL; init_rejects(c, "no port");
	no_submit = e.fake.ops;
	no_submit.submit = NULL;
	c = e.cfg; c.port = &no_submit; init_rejects(c, "no submit");
	no_stable = e.fake.ops;
	no_stable.make_stable = NULL;
	c = e.cfg; c.port = &no_stable; init_rejects(c, "no make_stable");
	c = e.cfg; c.nframes = 0; init_rejects(c, "no frames");
	c = e.cfg; c.frame_words = NULL; init_rejects(c, "no words");
	c = e.cfg; c.ncpus = 0; init_rejects(c, "no cpus");
	c = e.cfg; c.cpus = NULL; init_rejects(c, "no cpu storage");
	c = e.cfg; c.batches = NULL; init_rejects(c, "no batches");
	c = e.cfg; c.discard_slots = NULL; init_rejects(c, "no slots");
	c = e.cfg; c.discard_cap = 0; init_rejects(c, "zero discard cap");
	c = e.cfg; c.ncpus = 1u << 24; c.ncpus++;
	init_rejects(c, "more CPUs than a frame word can name");
	c = e.cfg; c.nframes = ~0ull; init_rejects(c, "unaddressable words");
	core_env_fini(&e);
}

/* set_unused and set_stable share their checks; run both through them. */
static void test_block(int (*fn)(struct lps_guest *, uint32_t, uint64_t,
				 uint32_t))
{
	busy_env();
	BAD(fn(NULL, 0, 0, 0), -LPS_EINVAL);
	BAD(fn(&e.g, 2, 0, 0), -LPS_EINVAL);
	BAD(fn(&e.g, ~0u, 0, 0), -LPS_EINVAL);
	BAD(fn(&e.g, 0, 0, LPS_MAX_ORDER + 1), -LPS_EINVAL);
	BAD(fn(&e.g, 0, 0, ~0u), -LPS_EINVAL);
	BAD(fn(&e.g, 0, 1, 1), -LPS_EINVAL);
	BAD(fn(&e.g, 0, 8, 4), -LPS_EINVAL);
	BAD(fn(&e.g, 0, NFRAMES, 0), -LPS_ERANGE);
	BAD(fn(&e.g, 0, NFRAMES - 4, 3), -LPS_EINVAL);
	BAD(fn(&e.g, 0, NFRAMES, 3), -LPS_ERANGE);
	BAD(fn(&e.g, 0, 0, 9), -LPS_ERANGE);
	BAD(fn(&e.g, 0, 0, LPS_MAX_ORDER), -LPS_ERANGE);
	/* pfn + 2^order would wrap past zero. */
	BAD(fn(&e.g, 0, ~0ull - 1, 1), -LPS_ERANGE);
	BAD(fn(&e.g, 0, 1ull << 63, 0), -LPS_ERANGE);
	BAD(fn(&e.g, 0, ~0ull << LPS_MAX_ORDER, LPS_MAX_ORDER), -LPS_ERANGE);
	core_env_fini(&e);
}

static void test_try_volatile(void)
{
	struct lps_page_facts f = core_clean_facts();
	struct lps_page_facts bad_flags = f, bad_counts = f;

	bad_flags.flags |= 1u << 31;
	bad_counts.map_count = 3;
	busy_env();
	BAD(lps_try_volatile(NULL, 0, 10, &f), -LPS_EINVAL);
	BAD(lps_try_volatile(&e.g, 2, 10, &f), -LPS_EINVAL);
	BAD(lps_try_volatile(&e.g, 0, 10, NULL), -LPS_EINVAL);
	BAD(lps_try_volatile(&e.g, 0, NFRAMES, &f), -LPS_ERANGE);
	BAD(lps_try_volatile(&e.g, 0, ~0ull, &f), -LPS_ERANGE);
	BAD(lps_try_volatile(&e.g, 0, 10, &bad_flags), -LPS_EINVAL);
	BAD(lps_try_volatile(&e.g, 0, 10, &bad_counts), -LPS_EINVAL);
	/* Unused, pending on CPU 0, and told to the host (CPU 1 flushed). */
	BAD(lps_try_volatile(&e.g, 0, 1, &f), -LPS_EPERM);
	BAD(lps_try_volatile(&e.g, 1, 70, &f), -LPS_EPERM);
	/* Unused and refused by a rule: the illegality wins, nothing counted. */
	f.flags |= LPS_PF_DIRTY;
	BAD(lps_try_volatile(&e.g, 0, 1, &f), -LPS_EPERM);
	core_env_fini(&e);
}

static void sink(void *opaque, const uint64_t *pfn, uint32_t n)
{
	(void)opaque;
	(void)pfn;
	(void)n;
}

static void test_others(void)
{
	struct lps_counters before, after;

	busy_env();
	BAD(lps_get_state(NULL, 0), -LPS_EINVAL);
	BAD(lps_get_state(&e.g, NFRAMES), -LPS_ERANGE);
	BAD(lps_get_state(&e.g, ~0ull), -LPS_ERANGE);
	BAD(lps_flush(NULL, 0), -LPS_EINVAL);
	BAD(lps_flush(&e.g, 2), -LPS_EINVAL);
	BAD(lps_flush_all(NULL), -LPS_EINVAL);
	BAD(lps_discard_park(NULL, 0, 1), -LPS_EINVAL);
	BAD(lps_discard_park(&e.g, 2, 1), -LPS_EINVAL);
	BAD(lps_discard_park(&e.g, 0, NFRAMES), -LPS_ERANGE);
	BAD(lps_discard_release(NULL, 0, sink, NULL), -LPS_EINVAL);
	BAD(lps_discard_release(&e.g, 2, sink, NULL), -LPS_EINVAL);
	BAD(lps_discard_release(&e.g, 0, NULL, NULL), -LPS_EINVAL);
	BAD(lps_discard_release_all(NULL, sink, NULL), -LPS_EINVAL);
	BAD(lps_discard_release_all(&e.g, NULL, NULL), -LPS_EINVAL);

	/* The void functions: bad input is ignored, nothing written. */
	BAD((lps_count_reread(NULL, 0), 0), 0);
	BAD((lps_count_reread(&e.g, 2), 0), 0);
	BAD((lps_counters_sum(NULL, &after), 0), 0);
	BAD((lps_counters_sum(&e.g, NULL), 0), 0);
	memset(&after, 0x77, sizeof(after));
	lps_counters_sum(NULL, &after);
	memset(&before, 0x77, sizeof(before));
	LPS_CHECK(memcmp(&before, &after, sizeof(after)) == 0);
	core_env_fini(&e);
}

int main(void)
{
	test_init();
	test_block(lps_set_unused);
	test_block(lps_set_stable);
	test_try_volatile();
	test_others();
	return lps_test_done();
}
