// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_batch.c - what the core puts in a batch and what reaches the port:
 * coalescing, flush when full, cancel by make-stable (trim, split, whole
 * range, split in a full batch), cross-CPU cancel and requeue, and the
 * make-stable runs.  Each case asserts the fake's exact call log.
 */
#include "core_env.h"

#define U LPS_UNUSED
#define V LPS_VOLATILE
#define P LPS_POT_VOLATILE

static void test_coalesce(void)
{
	struct core_env e;
	static const uint64_t want[][3] = {
		{ 0, 4, U }, { 4, 1, V }, { 8, 1, U }, { 7, 1, U },
	};
	struct lps_page_facts f = core_clean_facts();
	struct lps_counters c;

	core_env_init(&e, 64, 1, 0, 4);
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 0, 0), 0);
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 1, 0), 0);
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 2, 1), 0);
	LPS_CHECK_EQ(core_nr(&e, 0), 1);
	/* Adjacent but another state: a new range. */
	LPS_CHECK_EQ(lps_try_volatile(&e.g, 0, 4, &f), LPS_VOLATILE);
	/* Offering it again adds nothing. */
	LPS_CHECK_EQ(lps_try_volatile(&e.g, 0, 4, &f), LPS_VOLATILE);
	/* Not adjacent; then adjacent only below the last range: no merge. */
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 8, 0), 0);
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 7, 0), 0);
	LPS_CHECK_EQ(core_nr(&e, 0), 4);
	LPS_CHECK_EQ(e.fake.ncalls, 0);
	LPS_CHECK(core_view_is(&e, 0, 4, U));
	LPS_CHECK(core_host_is(&e, 0, 64, LPS_STABLE));

	LPS_CHECK_EQ(lps_flush(&e.g, 0), 0);
	LPS_CHECK_EQ(e.fake.ncalls, 1);
	LPS_CHECK(core_is_submit(&e, 0, want, 4, 4, 0));
	LPS_CHECK(core_host_is(&e, 0, 4, U));
	LPS_CHECK(core_host_is(&e, 4, 1, V));
	LPS_CHECK(core_host_is(&e, 7, 2, U));
	LPS_CHECK_EQ(core_nr(&e, 0), 0);
	c = core_cnt(&e);
	LPS_CHECK_EQ(c.hints[U], 6);
	LPS_CHECK_EQ(c.hints[V], 1);
	LPS_CHECK_EQ(c.batches, 1);
	LPS_CHECK_EQ(c.transitions, 1);
	/* Nothing queued: a flush calls nobody. */
	LPS_CHECK_EQ(lps_flush(&e.g, 0), 0);
	LPS_CHECK_EQ(e.fake.ncalls, 1);
	/* The host already holds these unused: no hint needed. */
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 0, 2), 0);
	LPS_CHECK_EQ(core_nr(&e, 0), 0);
	core_env_fini(&e);
}

static void test_full_batch(void)
{
	struct core_env e;
	uint32_t i;

	core_env_init(&e, 1024, 1, 0, 4);
	for (i = 0; i < LPS_BATCH_MAX_RANGES; i++)
		LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 2 * i, 0), 0);
	LPS_CHECK_EQ(core_nr(&e, 0), LPS_BATCH_MAX_RANGES);
	LPS_CHECK_EQ(e.fake.ncalls, 0);
	/* Coalescing still works in a full batch: no flush. */
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 2 * i - 1, 0), 0);
	LPS_CHECK_EQ(e.fake.ncalls, 0);
	/* A new range needs a slot: the batch goes first. */
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 1000, 0), 0);
	LPS_CHECK_EQ(e.fake.ncalls, 1);
	LPS_CHECK_EQ(e.fake.calls[0].offered, LPS_BATCH_MAX_RANGES);
	LPS_CHECK_EQ(e.fake.calls[0].applied, LPS_BATCH_MAX_RANGES);
	LPS_CHECK_EQ(core_nr(&e, 0), 1);
	LPS_CHECK_EQ(lps_le64(e.batches[0].range[0].pfn), 1000);
	LPS_CHECK(core_host_is(&e, 508, 2, U));
	LPS_CHECK(core_host_is(&e, 1000, 1, LPS_STABLE));
	LPS_CHECK(core_view_is(&e, 1000, 1, U));
	core_env_fini(&e);
}

static void test_cancel_shapes(void)
{
	struct core_env e;
	/* The smaller side of a split moves to a new slot, at the end. */
	static const uint64_t split[][3] = { { 4, 4, U }, { 0, 2, U } };
	static const uint64_t trimmed[][3] = { { 2, 4, U } };
	static const uint64_t middle[][3] = { { 0, 1, U }, { 20, 1, U } };

	core_env_init(&e, 64, 1, 0, 4);
	/* A hole in the middle of a range splits it. */
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 0, 3), 0);
	LPS_CHECK_EQ(lps_set_stable(&e.g, 0, 2, 1), 0);
	LPS_CHECK_EQ(e.fake.ncalls, 0);
	LPS_CHECK_EQ(core_nr(&e, 0), 2);
	LPS_CHECK_EQ(e.cpus[0].scrub, 0);
	LPS_CHECK_EQ(core_cnt(&e).cancelled, 2);
	LPS_CHECK(core_view_is(&e, 2, 2, LPS_STABLE));
	LPS_CHECK_EQ(lps_flush(&e.g, 0), 0);
	LPS_CHECK(core_is_submit(&e, 0, split, 2, 2, 0));
	/* Only frames the host holds unused need make-stable: two runs. */
	LPS_CHECK_EQ(lps_set_stable(&e.g, 0, 0, 3), 0);
	LPS_CHECK_EQ(e.fake.ncalls, 3);
	LPS_CHECK(core_is_make_stable(&e, 1, 0, 2, 0));
	LPS_CHECK(core_is_make_stable(&e, 2, 4, 4, 0));
	LPS_CHECK(core_host_is(&e, 0, 8, LPS_STABLE));
	/* Stable already: no call. */
	LPS_CHECK_EQ(lps_set_stable(&e.g, 0, 0, 3), 0);
	LPS_CHECK_EQ(e.fake.ncalls, 3);

	/* Trim the start, then the end. */
	lps_fake_clear_log(&e.fake);
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 0, 3), 0);
	LPS_CHECK_EQ(lps_set_stable(&e.g, 0, 0, 1), 0);
	LPS_CHECK_EQ(lps_set_stable(&e.g, 0, 6, 1), 0);
	LPS_CHECK_EQ(lps_flush(&e.g, 0), 0);
	LPS_CHECK_EQ(e.fake.ncalls, 1);
	LPS_CHECK(core_is_submit(&e, 0, trimmed, 1, 1, 0));

	/*
	 * A whole range in the middle is dead: it stays until the flush
	 * scrubs it, and the others keep their order.
	 */
	lps_fake_clear_log(&e.fake);
	LPS_CHECK_EQ(lps_set_stable(&e.g, 0, 0, 3), 0);
	lps_fake_clear_log(&e.fake);
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 0, 0), 0);
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 10, 0), 0);
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 20, 0), 0);
	LPS_CHECK_EQ(lps_set_stable(&e.g, 0, 10, 0), 0);
	LPS_CHECK_EQ(core_nr(&e, 0), 3);
	LPS_CHECK_EQ(e.cpus[0].scrub, 1);
	LPS_CHECK(core_view_is(&e, 10, 1, LPS_STABLE));
	LPS_CHECK_EQ(lps_flush(&e.g, 0), 0);
	LPS_CHECK(core_is_submit(&e, 0, middle, 2, 2, 0));
	LPS_CHECK_EQ(e.fake.ncalls, 1);
	LPS_CHECK_EQ(e.cpus[0].scrub, 0);
	LPS_CHECK(core_host_is(&e, 10, 1, LPS_STABLE));

	/* The newest range is popped at once; its slot is left clean. */
	lps_fake_clear_log(&e.fake);
	LPS_CHECK_EQ(lps_set_stable(&e.g, 0, 0, 3), 0);
	LPS_CHECK_EQ(lps_set_stable(&e.g, 0, 16, 3), 0);
	lps_fake_clear_log(&e.fake);
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 0, 0), 0);
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 20, 0), 0);
	LPS_CHECK_EQ(lps_set_stable(&e.g, 0, 20, 0), 0);
	LPS_CHECK_EQ(core_nr(&e, 0), 1);
	LPS_CHECK_EQ(e.batches[0].range[1].count, 0);
	LPS_CHECK_EQ(e.cpus[0].scrub, 0);
	LPS_CHECK_EQ(lps_set_stable(&e.g, 0, 0, 0), 0);
	LPS_CHECK_EQ(core_nr(&e, 0), 0);
	LPS_CHECK_EQ(e.fake.ncalls, 0);

	/* Only ever pending: freed and reallocated before a flush is free. */
	lps_fake_clear_log(&e.fake);
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 32, 4), 0);
	LPS_CHECK_EQ(lps_set_stable(&e.g, 0, 32, 4), 0);
	LPS_CHECK_EQ(lps_flush(&e.g, 0), 0);
	LPS_CHECK_EQ(e.fake.ncalls, 0);
	core_env_fini(&e);
}

/* Splitting a range in a full batch needs a slot: the batch is sent. */
static void test_split_full(void)
{
	struct core_env e;
	struct lps_counters c;
	uint32_t i;

	core_env_init(&e, 1024, 1, 0, 4);
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 0, 3), 0);
	for (i = 1; i < LPS_BATCH_MAX_RANGES; i++)
		LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 8 + 2 * i, 0), 0);
	LPS_CHECK_EQ(core_nr(&e, 0), LPS_BATCH_MAX_RANGES);
	LPS_CHECK_EQ(lps_set_stable(&e.g, 0, 2, 0), 0);
	LPS_CHECK_EQ(e.fake.ncalls, 2);
	LPS_CHECK_EQ(e.fake.calls[0].op, LPS_FAKE_SUBMIT);
	LPS_CHECK_EQ(e.fake.calls[0].offered, LPS_BATCH_MAX_RANGES);
	LPS_CHECK(core_is_make_stable(&e, 1, 2, 1, 0));
	LPS_CHECK(core_host_is(&e, 0, 2, U));
	LPS_CHECK(core_host_is(&e, 2, 1, LPS_STABLE));
	LPS_CHECK(core_host_is(&e, 3, 5, U));
	LPS_CHECK_EQ(core_nr(&e, 0), 0);
	c = core_cnt(&e);
	LPS_CHECK_EQ(c.cancelled, 0);
	LPS_CHECK_EQ(c.batches, 1);
	LPS_CHECK_EQ(c.transitions, 2);
	core_env_fini(&e);
}

/* A hole far from both ends of a long range is left to the scrub. */
static void test_far_hole(void)
{
	struct core_env e;
	static const uint64_t want[][3] = { { 0, 1024, U }, { 1025, 1023, U } };

	core_env_init(&e, 4096, 1, 0, 4);
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 0, 11), 0);
	LPS_CHECK_EQ(lps_set_stable(&e.g, 0, 1024, 0), 0);
	LPS_CHECK_EQ(core_nr(&e, 0), 1);
	LPS_CHECK_EQ(e.cpus[0].scrub, 1);
	LPS_CHECK_EQ(core_cnt(&e).cancelled, 1);
	LPS_CHECK_EQ(lps_flush(&e.g, 0), 0);
	LPS_CHECK(core_is_submit(&e, 0, want, 2, 2, 0));
	LPS_CHECK(core_host_is(&e, 1024, 1, LPS_STABLE));
	LPS_CHECK(core_host_is(&e, 0, 1024, U));
	LPS_CHECK(core_host_is(&e, 1025, 1023, U));
	LPS_CHECK_EQ(e.words[1024] & ~3u, 0);
	core_env_fini(&e);
}

/* A full batch with dead ranges is compacted, not sent. */
static void test_full_compacts(void)
{
	struct core_env e;
	uint32_t i;

	core_env_init(&e, 1024, 1, 0, 4);
	for (i = 0; i < LPS_BATCH_MAX_RANGES; i++)
		LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 2 * i, 0), 0);
	/* Ten dead ranges in the middle. */
	for (i = 100; i < 110; i++)
		LPS_CHECK_EQ(lps_set_stable(&e.g, 0, 2 * i, 0), 0);
	LPS_CHECK_EQ(e.cpus[0].scrub, 1);
	LPS_CHECK_EQ(core_nr(&e, 0), LPS_BATCH_MAX_RANGES);
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 1000, 0), 0);
	LPS_CHECK_EQ(e.fake.ncalls, 0);
	LPS_CHECK_EQ(e.cpus[0].scrub, 0);
	LPS_CHECK_EQ(core_nr(&e, 0), LPS_BATCH_MAX_RANGES - 10 + 1);
	/* The words follow their ranges: a moved one still cancels. */
	LPS_CHECK_EQ(lps_set_stable(&e.g, 0, 2 * 200, 0), 0);
	LPS_CHECK_EQ(lps_set_stable(&e.g, 0, 2 * 254, 0), 0);
	LPS_CHECK_EQ(lps_flush(&e.g, 0), 0);
	LPS_CHECK_EQ(e.fake.ncalls, 1);
	LPS_CHECK_EQ(e.fake.calls[0].offered, LPS_BATCH_MAX_RANGES - 10 - 1);
	LPS_CHECK(core_host_is(&e, 2 * 99, 1, U));
	LPS_CHECK(core_host_is(&e, 2 * 100, 1, LPS_STABLE));
	LPS_CHECK(core_host_is(&e, 2 * 110, 1, U));
	LPS_CHECK(core_host_is(&e, 2 * 200, 1, LPS_STABLE));
	LPS_CHECK(core_host_is(&e, 2 * 254, 1, LPS_STABLE));
	LPS_CHECK(core_host_is(&e, 1000, 1, U));
	for (i = 0; i < 1024; i++)
		LPS_CHECK_EQ(e.words[i] & ~3u, 0);
	core_env_fini(&e);
}

static void test_discarded(void)
{
	struct core_env e;
	struct lps_page_facts f = core_clean_facts();
	struct lps_counters c;

	core_env_init(&e, 64, 1, 0, 4);
	LPS_CHECK_EQ(lps_try_volatile(&e.g, 0, 5, &f), LPS_VOLATILE);
	LPS_CHECK_EQ(lps_try_volatile(&e.g, 0, 6, &f), LPS_VOLATILE);
	LPS_CHECK_EQ(lps_flush(&e.g, 0), 0);
	LPS_CHECK_EQ(lps_fake_discard(&e.fake, 5), 0);
	lps_fake_clear_log(&e.fake);
	LPS_CHECK_EQ(lps_set_stable(&e.g, 0, 4, 2), LPS_R_DISCARDED);
	LPS_CHECK_EQ(e.fake.ncalls, 1);
	LPS_CHECK(core_is_make_stable(&e, 0, 5, 2, LPS_R_DISCARDED));
	c = core_cnt(&e);
	LPS_CHECK_EQ(c.discards_found, 1);
	/* Frames 5 and 6 reached the host stable; 4 and 7 never left it. */
	LPS_CHECK_EQ(c.hints[LPS_STABLE], 2);
	lps_count_reread(&e.g, 0);
	LPS_CHECK_EQ(core_cnt(&e).rereads, 1);
	/* The frame was volatile, not just freed: stable again now. */
	LPS_CHECK(core_view_is(&e, 4, 4, LPS_STABLE));
	LPS_CHECK(core_host_is(&e, 4, 4, LPS_STABLE));
	core_env_fini(&e);
}

static void test_try_volatile_rules(void)
{
	struct core_env e;
	struct lps_page_facts f = core_clean_facts();
	struct lps_counters c;

	core_env_init(&e, 64, 1, LPS_CAP_DISCARD_FAULT | LPS_CAP_DIRTY_BIT,
		      4);
	f.flags |= LPS_PF_DIRTY;
	LPS_CHECK_EQ(lps_try_volatile(&e.g, 0, 1, &f), LPS_STABLE);
	c = core_cnt(&e);
	LPS_CHECK_EQ(c.refused[LPS_WHY_DIRTY], 1);
	LPS_CHECK_EQ(core_nr(&e, 0), 0);

	/* The port's caps reach the rules: writable becomes P here. */
	f = core_clean_facts();
	f.flags |= LPS_PF_MAPPED_WRITABLE;
	f.map_count = 1;
	f.ref_count = 2;
	LPS_CHECK_EQ(lps_try_volatile(&e.g, 0, 2, &f), LPS_POT_VOLATILE);
	/* P to V while pending: the hint is replaced, not added. */
	f = core_clean_facts();
	LPS_CHECK_EQ(lps_try_volatile(&e.g, 0, 2, &f), LPS_VOLATILE);
	LPS_CHECK_EQ(core_nr(&e, 0), 1);
	LPS_CHECK_EQ(lps_le32(e.batches[0].range[0].usage), V);
	LPS_CHECK_EQ(lps_get_state(&e.g, 2), V);

	/* A freed frame is no page cache: refused, and nothing counted. */
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 8, 0), 0);
	LPS_CHECK_EQ(lps_try_volatile(&e.g, 0, 8, &f), -LPS_EPERM);
	LPS_CHECK_EQ(lps_flush(&e.g, 0), 0);
	LPS_CHECK_EQ(lps_try_volatile(&e.g, 0, 8, &f), -LPS_EPERM);
	c = core_cnt(&e);
	LPS_CHECK_EQ(c.refused[LPS_WHY_DIRTY], 1);
	LPS_CHECK_EQ(c.hints[V] + c.hints[P], 2);
	/* A freed frame that was volatile: the free replaces the hint. */
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 2, 0), 0);
	LPS_CHECK_EQ(lps_flush(&e.g, 0), 0);
	LPS_CHECK(core_host_is(&e, 2, 1, U));
	core_env_fini(&e);
}

static void test_cross_cpu(void)
{
	struct core_env e;
	static const uint64_t want[][3] = { { 16, 4, U } };
	struct lps_counters c;

	core_env_init(&e, 64, 3, 0, 4);
	/*
	 * Pending on CPU 1, made stable from CPU 0: CPU 0 may not edit
	 * CPU 1's batch, so the words are cleared and CPU 1's next flush
	 * scrubs the dead range.
	 */
	LPS_CHECK_EQ(lps_set_unused(&e.g, 1, 0, 2), 0);
	LPS_CHECK_EQ(lps_set_stable(&e.g, 0, 0, 2), 0);
	LPS_CHECK_EQ(core_nr(&e, 1), 1);
	LPS_CHECK_EQ(e.cpus[1].scrub, 1);
	LPS_CHECK(core_view_is(&e, 0, 4, LPS_STABLE));
	LPS_CHECK_EQ(e.cpus[0].cnt.cancelled, 4);
	LPS_CHECK_EQ(e.cpus[1].cnt.cancelled, 0);
	LPS_CHECK_EQ(e.fake.ncalls, 0);

	/* Freed on CPU 1, then again on CPU 2: the hint moves. */
	LPS_CHECK_EQ(lps_set_unused(&e.g, 1, 16, 2), 0);
	LPS_CHECK_EQ(lps_set_stable(&e.g, 1, 16, 2), 0);
	LPS_CHECK_EQ(lps_set_unused(&e.g, 1, 16, 2), 0);
	LPS_CHECK_EQ(lps_set_unused(&e.g, 2, 16, 2), 0);
	LPS_CHECK_EQ(core_nr(&e, 1), 2);
	LPS_CHECK_EQ(core_nr(&e, 2), 1);
	LPS_CHECK_EQ(lps_flush(&e.g, 1), 0);
	LPS_CHECK_EQ(e.fake.ncalls, 0);
	LPS_CHECK_EQ(lps_flush(&e.g, 2), 0);
	LPS_CHECK(core_is_submit(&e, 0, want, 1, 1, 0));

	/* Part of a block pending on two CPUs: each loses its part. */
	LPS_CHECK_EQ(lps_set_unused(&e.g, 1, 32, 1), 0);
	LPS_CHECK_EQ(lps_set_unused(&e.g, 2, 34, 1), 0);
	LPS_CHECK_EQ(lps_set_stable(&e.g, 0, 32, 2), 0);
	LPS_CHECK_EQ(core_nr(&e, 1), 1);
	LPS_CHECK_EQ(core_nr(&e, 2), 1);
	LPS_CHECK(core_view_is(&e, 32, 4, LPS_STABLE));
	c = core_cnt(&e);
	/* 4 + 4 + 4: the move from CPU 1 to CPU 2 was no make-stable. */
	LPS_CHECK_EQ(c.cancelled, 12);
	LPS_CHECK_EQ(e.fake.ncalls, 1);
	core_env_fini(&e);
}

/*
 * The one-frame paths and where they hand over: a frame next to the
 * newest range joins it only with the same usage; a frame cancelled from
 * the end of a longer newest range shrinks it in place and may join it
 * again; one from the middle splits it; the frame budget sends a batch of
 * one long range before the next frame is queued.
 */
static void test_one_frame_edges(void)
{
	static const uint64_t mixed[][3] = {
		{ 0, 2, V }, { 2, 1, U }, { 3, 1, V }, { 5, 3, U },
	};
	static const uint64_t split[][3] = { { 102, 2, U }, { 100, 1, U } };
	const uint64_t budget = LPS_BATCH_MAX_FRAMES;
	struct lps_page_facts f = core_clean_facts();
	struct core_env e;
	uint64_t i;

	core_env_init(&e, 2 * budget + 64, 1, 0, 4);
	/* Volatile then unused then volatile, each next to the last. */
	LPS_CHECK_EQ(lps_try_volatile(&e.g, 0, 0, &f), LPS_VOLATILE);
	LPS_CHECK_EQ(lps_try_volatile(&e.g, 0, 1, &f), LPS_VOLATILE);
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 2, 0), 0);
	LPS_CHECK_EQ(lps_try_volatile(&e.g, 0, 3, &f), LPS_VOLATILE);
	/* Shrunk from its end twice, the newest range grows again. */
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 5, 0), 0);
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 6, 0), 0);
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 7, 0), 0);
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 8, 0), 0);
	LPS_CHECK_EQ(lps_set_stable(&e.g, 0, 8, 0), 0);
	LPS_CHECK_EQ(lps_set_stable(&e.g, 0, 7, 0), 0);
	LPS_CHECK_EQ(core_nr(&e, 0), 4);
	LPS_CHECK_EQ(lps_le32(e.batches[0].range[3].count), 1u + 1u);
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 7, 0), 0);
	LPS_CHECK_EQ(core_nr(&e, 0), 4);
	LPS_CHECK_EQ(core_cnt(&e).cancelled, 2);
	LPS_CHECK_EQ(e.fake.ncalls, 0);
	LPS_CHECK_EQ(lps_flush(&e.g, 0), 0);
	LPS_CHECK(core_is_submit(&e, 0, mixed, 4, 4, 0));
	LPS_CHECK(core_host_is(&e, 8, 1, LPS_STABLE));
	LPS_CHECK(core_view_is(&e, 5, 3, U));

	/* A frame from the middle of the newest range splits it. */
	lps_fake_clear_log(&e.fake);
	for (i = 100; i < 104; i++)
		LPS_CHECK_EQ(lps_set_unused(&e.g, 0, i, 0), 0);
	LPS_CHECK_EQ(lps_set_stable(&e.g, 0, 101, 0), 0);
	LPS_CHECK_EQ(core_nr(&e, 0), 2);
	LPS_CHECK_EQ(e.cpus[0].scrub, 0);
	LPS_CHECK_EQ(lps_flush(&e.g, 0), 0);
	LPS_CHECK_EQ(e.fake.ncalls, 1);
	LPS_CHECK(core_is_submit(&e, 0, split, 2, 2, 0));
	LPS_CHECK(core_host_is(&e, 101, 1, LPS_STABLE));

	/* The budget: one range of LPS_BATCH_MAX_FRAMES, sent whole. */
	lps_fake_clear_log(&e.fake);
	for (i = 0; i < budget; i++)
		LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 128 + i, 0), 0);
	LPS_CHECK_EQ(core_nr(&e, 0), 1);
	LPS_CHECK_EQ(e.fake.ncalls, 0);
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 128 + budget, 0), 0);
	LPS_CHECK_EQ(e.fake.ncalls, 1);
	LPS_CHECK_EQ(e.fake.calls[0].offered, 1);
	LPS_CHECK_EQ(e.fake.ranges[e.fake.calls[0].first].count, budget);
	LPS_CHECK(core_host_is(&e, 128, budget, U));
	LPS_CHECK(core_host_is(&e, 128 + budget, 1, LPS_STABLE));
	LPS_CHECK_EQ(core_nr(&e, 0), 1);
	/* And a frame far away after it: the new batch takes it. */
	LPS_CHECK_EQ(lps_set_unused(&e.g, 0, 128 + budget + 5, 0), 0);
	LPS_CHECK_EQ(core_nr(&e, 0), 2);
	LPS_CHECK_EQ(e.fake.ncalls, 1);
	LPS_CHECK_EQ(lps_flush(&e.g, 0), 0);
	LPS_CHECK(core_host_is(&e, 128 + budget, 1, U));
	LPS_CHECK(core_host_is(&e, 128 + budget + 5, 1, U));
	LPS_CHECK_EQ(core_cnt(&e).hints[U], 6 + 4 + budget + 2);
	core_env_fini(&e);
}

int main(void)
{
	test_coalesce();
	test_full_batch();
	test_cancel_shapes();
	test_split_full();
	test_far_hole();
	test_full_compacts();
	test_discarded();
	test_try_volatile_rules();
	test_cross_cpu();
	test_one_frame_edges();
	return lps_test_done();
}
