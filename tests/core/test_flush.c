// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_flush.c - partial completion and failure: resume from the cursor
 * after -LPS_EAGAIN, give up after the retry limit, and after a hard error
 * leave every frame word agreeing with what the host really applied.
 */
#include "core_env.h"

#define U LPS_UNUSED

/* Four separate unused ranges: frames 0-1, 4-5, 8-9, 12-13. */
static void queue_four(struct core_env *e)
{
	uint32_t i;

	for (i = 0; i < 4; i++)
		LPS_CHECK_EQ(lps_set_unused(&e->g, 0, 4 * i, 1), 0);
	LPS_CHECK_EQ(core_nr(e, 0), 4);
}

static void test_resume(void)
{
	struct core_env e;
	static const uint64_t all[][3] = {
		{ 0, 2, U }, { 4, 2, U }, { 8, 2, U }, { 12, 2, U },
	};
	struct lps_counters c;

	core_env_init(&e, 64, 1, 0, 4);
	queue_four(&e);
	e.fake.eagain_after = 1;
	LPS_CHECK_EQ(lps_flush(&e.g, 0), 0);
	/* Each call starts at the cursor the last one left. */
	LPS_CHECK_EQ(e.fake.ncalls, 4);
	LPS_CHECK(core_is_submit(&e, 0, all, 4, 1, -LPS_EAGAIN));
	LPS_CHECK(core_is_submit(&e, 1, all + 1, 3, 1, -LPS_EAGAIN));
	LPS_CHECK(core_is_submit(&e, 2, all + 2, 2, 1, -LPS_EAGAIN));
	LPS_CHECK(core_is_submit(&e, 3, all + 3, 1, 1, 0));
	c = core_cnt(&e);
	LPS_CHECK_EQ(c.transitions, 4);
	LPS_CHECK_EQ(c.retries, 3);
	LPS_CHECK_EQ(c.batches, 1);
	LPS_CHECK_EQ(c.port_errors, 0);
	LPS_CHECK(core_host_is(&e, 0, 2, U));
	LPS_CHECK(core_host_is(&e, 12, 2, U));
	LPS_CHECK(core_view_is(&e, 12, 2, U));
	core_env_fini(&e);
}

static void test_retries_exhausted(void)
{
	struct core_env e;
	struct lps_counters c;

	core_env_init(&e, 64, 1, 0, 4);
	queue_four(&e);
	e.fake.eagain_after = 0;
	LPS_CHECK_EQ(lps_flush(&e.g, 0), -LPS_EAGAIN);
	LPS_CHECK_EQ(e.fake.ncalls, 9);
	c = core_cnt(&e);
	LPS_CHECK_EQ(c.retries, 8);
	LPS_CHECK_EQ(c.transitions, 9);
	LPS_CHECK_EQ(c.port_errors, 1);
	/* Nothing applied: the host and every word keep the old view. */
	LPS_CHECK(core_view_is(&e, 0, 16, LPS_STABLE));
	LPS_CHECK(core_host_is(&e, 0, 16, LPS_STABLE));
	LPS_CHECK_EQ(core_nr(&e, 0), 0);
	LPS_CHECK_EQ(lps_le32(e.batches[0].hdr.magic), LPS_BATCH_MAGIC);
	core_env_fini(&e);
}

static void test_hard_error(void)
{
	struct core_env e;
	struct lps_counters c;

	core_env_init(&e, 64, 1, 0, 4);
	queue_four(&e);
	e.fake.fail_after = 2;
	e.fake.fail_code = -LPS_EIO;
	LPS_CHECK_EQ(lps_flush(&e.g, 0), -LPS_EIO);
	c = core_cnt(&e);
	LPS_CHECK_EQ(c.port_errors, 1);
	LPS_CHECK_EQ(c.batches, 1);
	/* Applied ranges are unused on both sides, the rest stable on both. */
	LPS_CHECK(core_host_is(&e, 0, 2, U) && core_view_is(&e, 0, 2, U));
	LPS_CHECK(core_host_is(&e, 4, 2, U) && core_view_is(&e, 4, 2, U));
	LPS_CHECK(core_host_is(&e, 8, 2, LPS_STABLE) &&
		  core_view_is(&e, 8, 2, LPS_STABLE));
	LPS_CHECK(core_host_is(&e, 12, 2, LPS_STABLE) &&
		  core_view_is(&e, 12, 2, LPS_STABLE));
	LPS_CHECK_EQ(core_nr(&e, 0), 0);

	/* Allocating it all again asks only for what the host holds unused. */
	e.fake.fail_after = -1;
	lps_fake_clear_log(&e.fake);
	LPS_CHECK_EQ(lps_set_stable(&e.g, 0, 0, 4), 0);
	LPS_CHECK_EQ(e.fake.ncalls, 2);
	LPS_CHECK(core_is_make_stable(&e, 0, 0, 2, 0));
	LPS_CHECK(core_is_make_stable(&e, 1, 4, 2, 0));

	/* A positive answer is outside the contract: a hard error too. */
	queue_four(&e);
	e.fake.fail_after = 0;
	e.fake.fail_code = 3;
	LPS_CHECK_EQ(lps_flush(&e.g, 0), -LPS_EIO);
	LPS_CHECK(core_view_is(&e, 0, 16, LPS_STABLE));
	core_env_fini(&e);
}

static void test_make_stable_error(void)
{
	struct core_env e;
	core_env_init(&e, 64, 1, 0, 4);
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 0, 2), 0);
	LPS_CHECK_EQ(lps_flush(&e.g, 0), 0);
	e.fake.make_stable_ret = -LPS_EIO;
	LPS_CHECK_EQ(lps_set_stable(&e.g, 0, 0, 2), -LPS_EIO);
	LPS_CHECK_EQ(core_cnt(&e).port_errors, 1);
	/* The host still holds them unused, and the words say so. */
	LPS_CHECK(core_view_is(&e, 0, 4, U));
	LPS_CHECK(core_host_is(&e, 0, 4, U));
	/* An answer outside the contract is refused the same way. */
	e.fake.make_stable_ret = 7;
	LPS_CHECK_EQ(lps_set_stable(&e.g, 0, 0, 2), -LPS_EIO);
	LPS_CHECK(core_view_is(&e, 0, 4, U));
	e.fake.make_stable_ret = 0;
	LPS_CHECK_EQ(lps_set_stable(&e.g, 0, 0, 2), 0);
	LPS_CHECK(core_view_is(&e, 0, 4, LPS_STABLE));
	core_env_fini(&e);
}

/* A flush the queueing forced fails: the new hint is not queued. */
static void test_forced_flush_error(void)
{
	struct core_env e;
	uint32_t i;

	core_env_init(&e, 1024, 1, 0, 4);
	for (i = 0; i < LPS_BATCH_MAX_RANGES; i++)
		LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 2 * i, 0), 0);
	e.fake.fail_after = 0;
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 1000, 0), -LPS_EIO);
	LPS_CHECK_EQ(core_nr(&e, 0), 0);
	LPS_CHECK(core_view_is(&e, 0, 1, LPS_STABLE));
	LPS_CHECK(core_view_is(&e, 1000, 1, LPS_STABLE));
	LPS_CHECK(core_host_is(&e, 0, 1024, LPS_STABLE));
	/* And the next one goes through. */
	e.fake.fail_after = -1;
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 1000, 0), 0);
	LPS_CHECK_EQ(lps_flush(&e.g, 0), 0);
	LPS_CHECK(core_host_is(&e, 1000, 1, U));
	core_env_fini(&e);
}

/* A host that scribbles on the descriptor cannot make us write astray. */
static int scribble_submit(void *ctx, struct lps_batch *b)
{
	(void)ctx;
	b->range[0].pfn = lps_le64(1ull << 40);
	b->range[0].usage = lps_le32(0xffffffffu);
	b->hdr.cursor = lps_le16(0xffff);
	return 0;
}

static void test_hostile_descriptor(void)
{
	struct core_env e;
	struct lps_port_ops ops;

	core_env_init(&e, 64, 1, 0, 4);
	ops = e.fake.ops;
	ops.submit = scribble_submit;
	e.g.port = &ops;
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 0, 0), 0);
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 2, 0), 0);
	LPS_CHECK_EQ(lps_flush(&e.g, 0), 0);
	/* Range 0 was redirected out of the guest: skipped; range 1 kept. */
	LPS_CHECK_EQ(lps_get_state(&e.g, 2), U);
	LPS_CHECK(lps_get_state(&e.g, 0) >= 0);
	/* Frame 0 is in no batch now: using it again must still finish. */
	e.g.port = &e.fake.ops;
	LPS_CHECK_EQ(lps_set_stable(&e.g, 0, 0, 0), 0);
	LPS_CHECK_EQ(lps_get_state(&e.g, 0), LPS_STABLE);
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 0, 0), 0);
	LPS_CHECK_EQ(lps_get_state(&e.g, 0), U);
	core_env_fini(&e);
}

/* Frames submit call @i carried, from the fake's log. */
static uint64_t submit_frames(const struct core_env *e, uint32_t i)
{
	const struct lps_fake_call *c = &e->fake.calls[i];
	uint64_t n = 0;
	uint32_t k;

	for (k = 0; k < c->offered; k++)
		n += e->fake.ranges[c->first + k].count;
	return n;
}

/* Every submit so far within the budget; returns the frames they carried. */
static uint64_t submits_within_budget(const struct core_env *e)
{
	uint64_t total = 0, n;
	uint32_t i;

	for (i = 0; i < e->fake.ncalls; i++) {
		if (e->fake.calls[i].op != LPS_FAKE_SUBMIT)
			continue;
		n = submit_frames(e, i);
		LPS_CHECK(n <= LPS_BATCH_MAX_FRAMES);
		total += n;
	}
	return total;
}

/*
 * However far a run of hints coalesces, from one big block or from many
 * adjacent frames, no batch carries more than LPS_BATCH_MAX_FRAMES, so
 * the flush that settles it walks a bounded number of words with the lock
 * held, and nothing is lost on the way.
 */
static void test_frame_budget(void)
{
	const uint64_t big = 4ull * LPS_BATCH_MAX_FRAMES;
	const uint64_t small = 2ull * LPS_BATCH_MAX_FRAMES + 5;
	uint32_t order = 0;
	struct core_env e;
	uint64_t i;

	while ((1ull << order) < big)
		order++;
	core_env_init(&e, big + small, 1, 0, 4);
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 0, order), 0);
	/* Three full batches went while queueing; the fourth waits. */
	LPS_CHECK_EQ(e.fake.ncalls, 3);
	LPS_CHECK_EQ(submits_within_budget(&e), 3 * LPS_BATCH_MAX_FRAMES);
	for (i = 0; i < small; i++)
		LPS_CHECK_EQ(lps_set_unused(&e.g, 0, big + i, 0), 0);
	LPS_CHECK_EQ(lps_flush(&e.g, 0), 0);
	LPS_CHECK_EQ(submits_within_budget(&e), big + small);
	LPS_CHECK(core_host_is(&e, 0, big + small, U));
	LPS_CHECK(core_view_is(&e, 0, big + small, U));
	LPS_CHECK_EQ(core_cnt(&e).hints[U], big + small);
	core_env_fini(&e);

	/*
	 * A hint cancelled before the flush gives its budget back: a block
	 * freed and reused over and over beside one that stays queued
	 * forces no early, half-empty batch (the 2 MiB workload's pattern).
	 */
	core_env_init(&e, 4 * 512, 1, 0, 4);
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 0, 9), 0);
	for (i = 0; i < 4 * LPS_BATCH_MAX_FRAMES / 512; i++) {
		LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 512, 9), 0);
		LPS_CHECK_EQ(lps_set_stable(&e.g, 0, 512, 9), 0);
		LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 1024, 0), 0);
		LPS_CHECK_EQ(lps_set_stable(&e.g, 0, 1024, 0), 0);
	}
	LPS_CHECK_EQ(e.fake.ncalls, 0);
	LPS_CHECK_EQ(lps_flush(&e.g, 0), 0);
	LPS_CHECK_EQ(e.fake.ncalls, 1);
	LPS_CHECK_EQ(submit_frames(&e, 0), 512);
	core_env_fini(&e);
}

int main(void)
{
	test_resume();
	test_retries_exhausted();
	test_hard_error();
	test_make_stable_error();
	test_forced_flush_error();
	test_hostile_descriptor();
	test_frame_budget();
	return lps_test_done();
}
