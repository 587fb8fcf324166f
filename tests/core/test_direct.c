// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_direct.c - the direct path (a port with .hint) against the batched
 * path on the same seeded random sequence: after every flush both hosts
 * hold the same states and both guests the same views, a frame the host
 * dropped while volatile is reported discarded by both, and neither host
 * ever refused a hint.  Replay with LPS_TEST_SEED.
 */
#include "core_env.h"

#define NF	2048u
#define NCPUS	2u
#define STEPS	20000u
#define SYNC	64u

static uint64_t rng(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static struct core_env batched, direct;
static enum lps_usage last_hint[NF];	/* what the guest last said */

static void check_same(uint32_t step)
{
	uint32_t i, bad = 0;

	LPS_CHECK_EQ(lps_flush_all(&batched.g), 0);
	for (i = 0; i < NF; i++) {
		if (lps_get_state(&batched.g, i) != lps_get_state(&direct.g, i) ||
		    lps_fake_state(&batched.fake, i) !=
		    lps_fake_state(&direct.fake, i) ||
		    lps_get_state(&direct.g, i) != (int)last_hint[i] ||
		    (direct.words[i] & ~3u))
			bad++;
	}
	if (bad)
		fprintf(stderr, "step %u: %u frames differ\n", step, bad);
	LPS_CHECK_EQ(bad, 0);
}

/* The guest uses a frame it made stable: it writes it (or re-reads it). */
static void guest_writes(struct core_env *e, uint64_t pfn)
{
	lps_fstate_t next;

	if (lps_transition(e->fake.host[pfn], LPS_EV_GUEST_WRITE, &next) >= 0)
		e->fake.host[pfn] = next;
}

/* A host that applies a range's first frame, then refuses the rest. */
static int hint_first_only(void *ctx, uint64_t pfn, uint64_t count,
			   enum lps_usage usage)
{
	int ret = lps_fake_hint(ctx, pfn, 1, usage);

	return ret ? ret : count > 1 ? -LPS_EIO : 0;
}

/*
 * A direct hint that fails part way: the frame the host took must be
 * recorded as told, or the guest would use it without making it stable
 * and never learn of a drop.  The whole range is recorded: safe.
 */
static void test_partial_hint(void)
{
	struct core_env e;

	core_env_init(&e, NF, 1, 0, 4);
	e.fake.ops.hint = hint_first_only;
	LPS_CHECK_EQ(lps_guest_init(&e.g, &e.cfg), 0);
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 8, 1), -LPS_EIO);
	LPS_CHECK_EQ(lps_fs_usage(lps_fake_state(&e.fake, 8)), LPS_UNUSED);
	LPS_CHECK_EQ(lps_fs_usage(lps_fake_state(&e.fake, 9)), LPS_STABLE);
	LPS_CHECK_EQ(lps_get_state(&e.g, 8), LPS_UNUSED);
	LPS_CHECK_EQ(lps_get_state(&e.g, 9), LPS_UNUSED);
	core_env_fini(&e);
}

/* A host that applies the hint, then answers what hint_answer says. */
static int hint_answer;

static int hint_then_answer(void *ctx, uint64_t pfn, uint64_t count,
			    enum lps_usage usage)
{
	int ret = lps_fake_hint(ctx, pfn, count, usage);

	return ret ? ret : hint_answer;
}

/*
 * One frame on the direct path skips the batching code: the same answers
 * as a block.  No call for a frame the host holds so already; an error is
 * returned, counted, and the frame recorded as told; a positive answer,
 * outside the port contract, is -LPS_EIO.
 */
static void test_one_frame_direct(void)
{
	struct lps_page_facts clean = core_clean_facts();
	struct lps_counters c;
	struct core_env e;

	core_env_init(&e, NF, 1, 0, 4);
	e.fake.ops.hint = hint_then_answer;
	LPS_CHECK_EQ(lps_guest_init(&e.g, &e.cfg), 0);
	hint_answer = 0;
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 3, 0), 0);
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 3, 0), 0);
	LPS_CHECK_EQ(e.fake.ncalls, 1);
	LPS_CHECK_EQ(lps_fs_usage(lps_fake_state(&e.fake, 3)), LPS_UNUSED);
	hint_answer = -LPS_EIO;
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 4, 0), -LPS_EIO);
	LPS_CHECK_EQ(lps_get_state(&e.g, 4), LPS_UNUSED);
	hint_answer = 1;
	LPS_CHECK_EQ(lps_try_volatile(&e.g, 0, 5, &clean), -LPS_EIO);
	LPS_CHECK_EQ(lps_get_state(&e.g, 5), LPS_VOLATILE);
	LPS_CHECK_EQ(e.fake.ncalls, 3);
	lps_counters_sum(&e.g, &c);
	LPS_CHECK_EQ(c.transitions, 3);
	LPS_CHECK_EQ(c.port_errors, 2);
	LPS_CHECK_EQ(c.hints[LPS_UNUSED], 1);
	LPS_CHECK_EQ(c.hints[LPS_VOLATILE], 0);
	/* Told, so made stable before use: the host's answer is heard. */
	LPS_CHECK_EQ(lps_set_stable(&e.g, 0, 4, 0), 0);
	LPS_CHECK_EQ(lps_fs_usage(lps_fake_state(&e.fake, 4)), LPS_STABLE);
	core_env_fini(&e);
}

int main(void)
{
	uint64_t seed = lps_test_seed(0xd12ec7), s = seed;
	struct lps_page_facts clean = core_clean_facts();
	struct lps_counters cb, cd;
	uint32_t step, cpu, order, k;
	uint64_t pfn, discards = 0;
	int rb, rd;

	test_partial_hint();
	test_one_frame_direct();
	core_env_init(&batched, NF, NCPUS, 0, 4);
	core_env_init(&direct, NF, NCPUS, 0, 4);
	direct.fake.ops.hint = lps_fake_hint;
	LPS_CHECK_EQ(lps_guest_init(&direct.g, &direct.cfg), 0);
	batched.fake.calls_cap = 0;
	direct.fake.calls_cap = 0;

	for (step = 0; step < STEPS; step++) {
		cpu = (uint32_t)(rng(&s) % NCPUS);
		order = (uint32_t)(rng(&s) % 4);
		pfn = rng(&s) % NF & ~((1ull << order) - 1);
		switch (rng(&s) % 4) {
		case 0:
			rb = lps_set_unused(&batched.g, cpu, pfn, order);
			rd = lps_set_unused(&direct.g, cpu, pfn, order);
			LPS_CHECK_EQ(rb, 0);
			LPS_CHECK_EQ(rd, 0);
			for (k = 0; k < 1u << order; k++)
				last_hint[pfn + k] = LPS_UNUSED;
			break;
		case 1:
			rb = lps_try_volatile(&batched.g, cpu, pfn, &clean);
			rd = lps_try_volatile(&direct.g, cpu, pfn, &clean);
			LPS_CHECK_EQ(rb, rd);
			if (rd == LPS_VOLATILE)
				last_hint[pfn] = LPS_VOLATILE;
			break;
		default:
			rb = lps_set_stable(&batched.g, cpu, pfn, 0);
			rd = lps_set_stable(&direct.g, cpu, pfn, 0);
			/*
			 * A dropped frame freed since reads as zero and is not
			 * data: only for a volatile one must both say so.
			 */
			if (last_hint[pfn] == LPS_VOLATILE)
				LPS_CHECK_EQ(rb, rd);
			else
				LPS_CHECK(rb >= 0 && rd >= 0);
			if (rd == LPS_R_DISCARDED &&
			    last_hint[pfn] == LPS_VOLATILE)
				discards++;
			last_hint[pfn] = LPS_STABLE;
			guest_writes(&batched, pfn);
			guest_writes(&direct, pfn);
			break;
		}
		if (step % SYNC == SYNC - 1) {
			check_same(step);
			/* Same states, so the same frames are dropped. */
			LPS_CHECK_EQ(lps_fake_pressure(&batched.fake),
				     lps_fake_pressure(&direct.fake));
		}
	}
	check_same(step);
	lps_counters_sum(&batched.g, &cb);
	lps_counters_sum(&direct.g, &cd);
	/* Both paths ran: batches on one side, none on the other. */
	LPS_CHECK(cb.batches > 0 && cb.cancelled > 0);
	LPS_CHECK_EQ(cd.batches, 0);
	LPS_CHECK_EQ(cd.cancelled, 0);
	LPS_CHECK(cd.hints[LPS_UNUSED] > 0 && cd.hints[LPS_VOLATILE] > 0);
	LPS_CHECK(discards > 0);
	LPS_CHECK_EQ(batched.fake.rejects + direct.fake.rejects, 0);
	LPS_CHECK_EQ(batched.fake.bad_batches + direct.fake.bad_batches, 0);
	core_env_fini(&batched);
	core_env_fini(&direct);
	return lps_test_done();
}
