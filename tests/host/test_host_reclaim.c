// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_host_reclaim.c - the reclaim policy against a backend that really
 * holds frame bytes: unused before volatile, never a stable or written
 * potentially volatile frame; dropped frames read back zero and make-stable
 * reports exactly the dropped ones; contiguous drops reach the backend as
 * one run; a backend failure changes nothing; swap round-trips the data;
 * repeated reclaims rotate through the guest, each pass on its own clock;
 * a new guest starts with nothing resident; a frame freed while in host
 * swap loses its slot; and the swap cache spares the write of a frame read
 * back and not written since.
 */
#include "lps_test.h"
#include "lps_host_fixture.h"

#define N 32

static void set(struct fix *e, uint64_t pfn, uint64_t count,
		enum lps_usage u)
{
	uint64_t i;

	for (i = 0; i < count; i++)
		LPS_CHECK_EQ(lps_host_set_usage(&e->h, pfn + i, u, NULL), 0);
}

static void check_resident(struct fix *e)
{
	LPS_CHECK_EQ(e->h.resident, fix_count_resident(e));
}

/*
 * Frames 0-7 stable, 8-11 unused, 12-15 volatile, 16-19 clean P,
 * 20-23 written P, 24-31 stable.
 */
static struct fix *mixed(void)
{
	struct fix *e = fix_new(N);
	uint64_t i;

	set(e, 8, 4, LPS_UNUSED);
	set(e, 12, 4, LPS_VOLATILE);
	set(e, 16, 8, LPS_POT_VOLATILE);
	for (i = 20; i < 24; i++)
		LPS_CHECK_EQ(fix_write(e, i, 0x20), 0);
	return e;
}

static void test_order(void)
{
	struct fix *e = mixed();
	struct lps_host_reclaim_result res;
	uint64_t i;

	/* Three frames to free: all from the unused ones, as one run. */
	LPS_CHECK_EQ(lps_host_reclaim(&e->h, N - 3, LPS_RECLAIM_ALL, &res), 0);
	LPS_CHECK_EQ(res.dropped_unused, 3);
	LPS_CHECK_EQ(res.dropped_volatile + res.swapped_out, 0);
	LPS_CHECK_EQ(e->n_discard, 1);
	LPS_CHECK_EQ(e->discards[0].pfn, 8);
	LPS_CHECK_EQ(e->discards[0].count, 3);
	LPS_CHECK_EQ(e->h.resident, N - 3);

	/* Three more: the last unused one first, then volatile ones. */
	LPS_CHECK_EQ(lps_host_reclaim(&e->h, N - 6, LPS_RECLAIM_ALL, &res), 0);
	LPS_CHECK_EQ(res.dropped_unused, 1);
	LPS_CHECK_EQ(res.dropped_volatile, 2);
	LPS_CHECK_EQ(fix_state(e, 11), LPS_FS(LPS_UNUSED, LPS_ZERO, 0));

	/* Everything droppable, and no further: 8 V/clean P remain to drop. */
	LPS_CHECK_EQ(lps_host_reclaim(&e->h, 0, LPS_RECLAIM_UNUSED |
				      LPS_RECLAIM_VOLATILE, &res),
		     -LPS_EAGAIN);
	LPS_CHECK_EQ(res.dropped_unused, 0);
	LPS_CHECK_EQ(res.dropped_volatile, 6);
	LPS_CHECK_EQ(e->h.resident, 20);
	for (i = 0; i < N; i++) {
		lps_fstate_t s = fix_state(e, i);
		bool droppable = i >= 8 && i < 20;

		LPS_CHECK_EQ(lps_fs_content(s),
			     droppable ? LPS_ZERO : LPS_RESIDENT);
	}
	LPS_CHECK_EQ(e->h.cnt.discarded_unused, 4);
	LPS_CHECK_EQ(e->h.cnt.discarded_volatile, 8);
	LPS_CHECK_EQ(e->h.cnt.swap_out, 0);

	/* Unused only: nothing left to take. */
	LPS_CHECK_EQ(lps_host_reclaim(&e->h, 0, LPS_RECLAIM_UNUSED, &res),
		     -LPS_EAGAIN);
	LPS_CHECK_EQ(res.dropped_unused, 0);

	/* Swap takes the rest, stable and written P, paging not dropping. */
	LPS_CHECK_EQ(lps_host_reclaim(&e->h, 0, LPS_RECLAIM_ALL, &res), 0);
	LPS_CHECK_EQ(res.swapped_out, 20);
	LPS_CHECK_EQ(res.dropped_unused + res.dropped_volatile, 0);
	LPS_CHECK_EQ(fix_state(e, 21),
		     LPS_FS(LPS_POT_VOLATILE, LPS_PRESERVED, 1));
	LPS_CHECK_EQ(fix_state(e, 0), LPS_FS(LPS_STABLE, LPS_PRESERVED, 0));
	LPS_CHECK_EQ(e->h.resident, 0);
	check_resident(e);

	/* At or under target already: nothing to do, no backend call. */
	i = e->n_page_out;
	LPS_CHECK_EQ(lps_host_reclaim(&e->h, 0, LPS_RECLAIM_ALL, &res), 0);
	LPS_CHECK_EQ(e->n_page_out, i);
	free(e);
}

static void test_zero_and_discarded(void)
{
	struct fix *e = mixed();
	uint64_t i;

	LPS_CHECK_EQ(lps_host_reclaim(&e->h, 0, LPS_RECLAIM_UNUSED |
				      LPS_RECLAIM_VOLATILE, NULL),
		     -LPS_EAGAIN);

	/* A dropped volatile frame faults; make-stable says discarded. */
	LPS_CHECK_EQ(lps_host_guest_access(&e->h, 12, false), -LPS_EFAULT);
	LPS_CHECK_EQ(lps_host_guest_access(&e->h, 16, true), -LPS_EFAULT);
	LPS_CHECK_EQ(e->h.cnt.discard_faults, 2);
	LPS_CHECK_EQ(lps_host_make_stable(&e->h, 12, 1), LPS_R_DISCARDED);
	LPS_CHECK_EQ(e->h.cnt.stable_discarded, 1);
	LPS_CHECK_EQ(lps_host_guest_access(&e->h, 12, false), 0);
	LPS_CHECK(fix_mem_is(e, 12, 0));

	/* Exactly the dropped frames are reported, per frame and per range. */
	for (i = 0; i < N; i++) {
		bool dropped = i >= 13 && i < 20;
		lps_fstate_t old;
		int ret = lps_host_set_usage(&e->h, i, LPS_STABLE, &old);

		LPS_CHECK_EQ(ret, dropped ? LPS_R_DISCARDED : 0);
		LPS_CHECK_EQ(lps_fs_discarded(old), dropped);
	}
	LPS_CHECK_EQ(e->h.cnt.stable_discarded, 8);
	/* Stable now, so make-stable again reports nothing. */
	LPS_CHECK_EQ(lps_host_make_stable(&e->h, 0, N), 0);

	/* An unused frame is not "discarded", but it reads back zero too. */
	for (i = 8; i < 20; i++) {
		LPS_CHECK_EQ(lps_host_guest_access(&e->h, i, false), 0);
		LPS_CHECK(fix_mem_is(e, i, 0));
	}
	/* Frames never dropped kept their bytes. */
	LPS_CHECK(fix_mem_is(e, 7, 8));
	LPS_CHECK(fix_mem_is(e, 20, 0x20));
	check_resident(e);
	LPS_CHECK_EQ(e->h.resident, N);

	/* make-stable over a range reports a discard anywhere inside it. */
	set(e, 0, 4, LPS_VOLATILE);
	LPS_CHECK_EQ(lps_host_reclaim(&e->h, N - 1, LPS_RECLAIM_VOLATILE, NULL),
		     0);
	LPS_CHECK_EQ(fix_state(e, 0), LPS_FS(LPS_VOLATILE, LPS_ZERO, 0));
	LPS_CHECK_EQ(lps_host_make_stable(&e->h, 1, 3), 0);
	LPS_CHECK_EQ(lps_host_make_stable(&e->h, 0, 4), LPS_R_DISCARDED);
	free(e);
}

static void test_runs(void)
{
	struct fix *e = fix_new(N);
	struct lps_host_reclaim_result res;

	set(e, 4, 4, LPS_UNUSED);
	set(e, 10, 2, LPS_UNUSED);
	set(e, 12, 3, LPS_VOLATILE);	/* contiguous, but a later pass */
	set(e, 30, 2, LPS_UNUSED);	/* runs end at the guest's end */
	LPS_CHECK_EQ(lps_host_reclaim_all(&e->h, &res), 0);
	LPS_CHECK_EQ(res.dropped_unused, 8);
	LPS_CHECK_EQ(res.dropped_volatile, 3);
	LPS_CHECK_EQ(res.swapped_out, 0);
	LPS_CHECK_EQ(e->n_discard, 3);
	LPS_CHECK_EQ(e->discards[0].pfn, 4);
	LPS_CHECK_EQ(e->discards[0].count, 4);
	/* reclaim_all has one pass, so unused and volatile may share a run. */
	LPS_CHECK_EQ(e->discards[1].pfn, 10);
	LPS_CHECK_EQ(e->discards[1].count, 5);
	LPS_CHECK_EQ(e->discards[2].pfn, 30);
	LPS_CHECK_EQ(e->discards[2].count, 2);
	check_resident(e);

	/* Dropped content is not dropped twice; stable is never dropped. */
	LPS_CHECK_EQ(lps_host_reclaim_all(&e->h, &res), 0);
	LPS_CHECK_EQ(res.dropped_unused + res.dropped_volatile, 0);
	LPS_CHECK_EQ(e->n_discard, 3);

	/* A paged-out volatile frame can still be dropped (frees swap). */
	set(e, 0, 1, LPS_VOLATILE);
	LPS_CHECK_EQ(lps_host_reclaim(&e->h, e->h.resident - 1,
				      LPS_RECLAIM_SWAP, &res), 0);
	LPS_CHECK_EQ(res.swapped_out, 1);
	LPS_CHECK_EQ(fix_state(e, 0), LPS_FS(LPS_VOLATILE, LPS_PRESERVED, 0));
	LPS_CHECK_EQ(lps_host_reclaim_all(&e->h, &res), 0);
	LPS_CHECK_EQ(res.dropped_volatile, 1);
	LPS_CHECK_EQ(fix_state(e, 0), LPS_FS(LPS_VOLATILE, LPS_ZERO, 0));
	check_resident(e);
	free(e);
}

static void test_backend_errors(void)
{
	struct fix *e = fix_new(N);
	struct lps_host_reclaim_result res;
	struct fix_shot shot;

	set(e, 4, 4, LPS_UNUSED);
	set(e, 10, 2, LPS_VOLATILE);
	fix_clear_dirty(e);

	/* The first run fails: left as it was; the second still goes. */
	e->fail_discard = 1;
	LPS_CHECK_EQ(lps_host_reclaim(&e->h, 0, LPS_RECLAIM_UNUSED |
				      LPS_RECLAIM_VOLATILE, &res),
		     -LPS_EAGAIN);
	LPS_CHECK_EQ(res.dropped_unused, 0);
	LPS_CHECK_EQ(res.dropped_volatile, 2);
	LPS_CHECK_EQ(e->h.cnt.backend_errors, 1);
	LPS_CHECK_EQ(fix_state(e, 5), LPS_FS(LPS_UNUSED, LPS_RESIDENT, 0));
	LPS_CHECK(fix_mem_is(e, 5, 6));
	LPS_CHECK(!fix_dirty(e, 5));
	LPS_CHECK(fix_dirty(e, 10));
	LPS_CHECK_EQ(e->h.resident, N - 2);
	check_resident(e);

	/* A failing page_out leaves the frame resident, intact, counted. */
	e->fail_page_out = 1;
	fix_take(e, &shot);
	LPS_CHECK_EQ(lps_host_reclaim(&e->h, N - 3, LPS_RECLAIM_SWAP, &res),
		     0);
	LPS_CHECK_EQ(res.swapped_out, 1);
	LPS_CHECK_EQ(e->h.cnt.backend_errors, 2);
	LPS_CHECK_EQ(lps_fs_content(fix_state(e, e->page_outs[0])),
		     LPS_PRESERVED);
	LPS_CHECK_EQ(e->h.resident, N - 3);
	check_resident(e);
	free(e);
}

static void test_swap_round_trip(void)
{
	struct fix *e = fix_new(N);
	uint64_t i;

	for (i = 0; i < N; i++)
		LPS_CHECK_EQ(fix_write(e, i, (uint8_t)(0x40 + i)), 0);
	LPS_CHECK_EQ(lps_host_reclaim(&e->h, 0, LPS_RECLAIM_SWAP, NULL), 0);
	LPS_CHECK_EQ(e->n_page_out, N);
	for (i = 0; i < N; i++)
		LPS_CHECK(fix_mem_is(e, i, FIX_POISON));
	for (i = 0; i < N; i++) {
		LPS_CHECK_EQ(lps_host_guest_access(&e->h, i, i & 1), 0);
		LPS_CHECK(fix_mem_is(e, i, (uint8_t)(0x40 + i)));
	}
	LPS_CHECK_EQ(e->h.cnt.swap_in, N);
	LPS_CHECK_EQ(e->h.cnt.swap_out, N);
	LPS_CHECK_EQ(e->h.resident, N);
	free(e);
}

/* Each reclaim starts where the last stopped, wrapping at the end. */
static void test_rotation(void)
{
	struct fix *e = fix_new(N);
	uint64_t i;

	for (i = 0; i < N + 3; i++) {
		LPS_CHECK_EQ(lps_host_reclaim(&e->h, N - 1, LPS_RECLAIM_SWAP,
					      NULL), 0);
		LPS_CHECK_EQ(e->page_outs[i], i % N);
		LPS_CHECK_EQ(lps_host_guest_access(&e->h, i % N, false), 0);
	}
	/* The same for drops: after 12 comes 13, then back round to 12. */
	set(e, 12, 2, LPS_UNUSED);
	LPS_CHECK_EQ(lps_host_reclaim(&e->h, N - 1, LPS_RECLAIM_UNUSED, NULL),
		     0);
	LPS_CHECK_EQ(e->discards[0].pfn, 12);
	LPS_CHECK_EQ(lps_host_make_stable(&e->h, 12, 1), 0);
	LPS_CHECK_EQ(lps_host_guest_access(&e->h, 12, false), 0);
	set(e, 12, 1, LPS_UNUSED);
	LPS_CHECK_EQ(lps_host_reclaim(&e->h, N - 1, LPS_RECLAIM_UNUSED, NULL),
		     0);
	LPS_CHECK_EQ(e->discards[1].pfn, 13);
	LPS_CHECK_EQ(lps_host_reclaim(&e->h, N - 2, LPS_RECLAIM_UNUSED, NULL),
		     0);
	LPS_CHECK_EQ(e->discards[2].pfn, 12);
	free(e);
}

/*
 * Dropping a frame the guest freed must not move the swap clock: with one
 * clock shared by all passes, the swap pass would go on right after the
 * dropped frame, among the frames the guest allocated last.
 */
static void test_separate_clocks(void)
{
	struct fix *e = fix_new(N);

	LPS_CHECK_EQ(lps_host_reclaim(&e->h, N - 1, LPS_RECLAIM_SWAP, NULL), 0);
	LPS_CHECK_EQ(e->page_outs[0], 0);
	LPS_CHECK_EQ(lps_host_guest_access(&e->h, 0, false), 0);
	set(e, 20, 1, LPS_UNUSED);
	LPS_CHECK_EQ(lps_host_reclaim(&e->h, N - 1, LPS_RECLAIM_UNUSED |
				      LPS_RECLAIM_SWAP, NULL), 0);
	LPS_CHECK_EQ(e->discards[0].pfn, 20);
	set(e, 20, 1, LPS_STABLE);
	LPS_CHECK_EQ(fix_write(e, 20, 0x33), 0);
	/* The swap clock goes on from frame 1, not from 21. */
	LPS_CHECK_EQ(lps_host_reclaim(&e->h, N - 1, LPS_RECLAIM_SWAP, NULL), 0);
	LPS_CHECK_EQ(e->n_page_out, 2);
	LPS_CHECK_EQ(e->page_outs[1], 1);
	/* And the drop clock from 21: frame 10 comes after 30 and 31. */
	set(e, 10, 1, LPS_UNUSED);
	set(e, 30, 1, LPS_UNUSED);
	LPS_CHECK_EQ(lps_host_reclaim(&e->h, e->h.resident - 1,
				      LPS_RECLAIM_UNUSED, NULL), 0);
	LPS_CHECK_EQ(e->discards[1].pfn, 30);
	free(e);
}

/* A new guest: nothing resident, every frame stable and reading zero. */
static void test_start_zero(void)
{
	struct fix *e = fix_new_with(N, LPS_HOST_START_ZERO, false);
	struct lps_host_reclaim_result res;
	uint64_t i;

	LPS_CHECK_EQ(e->h.resident, 0);
	for (i = 0; i < N; i++)
		LPS_CHECK_EQ(fix_state(e, i), LPS_FS(LPS_STABLE, LPS_ZERO, 0));
	check_resident(e);
	/* Nothing to page out: the host never held this memory. */
	LPS_CHECK_EQ(lps_host_reclaim(&e->h, 0, LPS_RECLAIM_ALL, &res), 0);
	LPS_CHECK_EQ(res.swapped_out + res.dropped_unused, 0);
	LPS_CHECK_EQ(e->n_page_out + e->n_discard, 0);
	/* First touch populates without a page-in; stable is not discarded. */
	LPS_CHECK_EQ(lps_host_make_stable(&e->h, 0, N), 0);
	LPS_CHECK_EQ(fix_write(e, 3, 0x44), 0);
	LPS_CHECK_EQ(lps_host_guest_access(&e->h, 4, false), 0);
	LPS_CHECK_EQ(e->h.resident, 2);
	LPS_CHECK_EQ(e->n_page_in + e->h.cnt.swap_in, 0);
	LPS_CHECK_EQ(fix_state(e, 3), LPS_FS(LPS_STABLE, LPS_RESIDENT, 1));
	/* Freed and hinted before first use: nothing to drop either. */
	set(e, 5, 1, LPS_UNUSED);
	LPS_CHECK_EQ(lps_host_reclaim_all(&e->h, &res), 0);
	LPS_CHECK_EQ(res.dropped_unused, 0);
	check_resident(e);
	free(e);
}

/*
 * A frame the guest frees while it sits in host swap loses its slot at
 * once, per frame and through a descriptor: reusing the frame must not
 * read worthless content back.
 */
static void test_unused_frees_swap(void)
{
	struct fix *e = fix_new(N);
	static uint8_t d[LPS_BATCH_BYTES];

	LPS_CHECK_EQ(fix_write(e, 0, 0x55), 0);
	LPS_CHECK_EQ(lps_host_reclaim(&e->h, N - 3, LPS_RECLAIM_SWAP, NULL), 0);
	LPS_CHECK_EQ(e->n_page_out, 3);
	LPS_CHECK_EQ(lps_fs_content(fix_state(e, 0)), LPS_PRESERVED);

	set(e, 0, 1, LPS_UNUSED);
	LPS_CHECK_EQ(fix_state(e, 0), LPS_FS(LPS_UNUSED, LPS_ZERO, 0));
	LPS_CHECK_EQ(e->n_discard, 1);
	LPS_CHECK_EQ(e->discards[0].pfn, 0);
	LPS_CHECK_EQ(e->discards[0].count, 1);
	LPS_CHECK_EQ(e->h.cnt.discarded_unused, 1);
	/* Reuse: no page-in, and the frame reads zero, not old data. */
	set(e, 0, 1, LPS_STABLE);
	LPS_CHECK_EQ(lps_host_guest_access(&e->h, 0, false), 0);
	LPS_CHECK_EQ(e->n_page_in + e->h.cnt.swap_in, 0);
	LPS_CHECK(fix_mem_is(e, 0, 0));

	/* Frames 1 and 2 through a descriptor, with resident 3 between. */
	fix_desc_init(d);
	fix_desc_add(d, 1, 3, LPS_UNUSED);
	LPS_CHECK_EQ(lps_host_apply_batch(&e->h, d, fix_desc_len(d), 0), 0);
	LPS_CHECK_EQ(fix_state(e, 1), LPS_FS(LPS_UNUSED, LPS_ZERO, 0));
	LPS_CHECK_EQ(fix_state(e, 2), LPS_FS(LPS_UNUSED, LPS_ZERO, 0));
	LPS_CHECK_EQ(fix_state(e, 3), LPS_FS(LPS_UNUSED, LPS_RESIDENT, 0));
	LPS_CHECK_EQ(e->n_discard, 2);
	LPS_CHECK_EQ(e->discards[1].pfn, 1);
	LPS_CHECK_EQ(e->discards[1].count, 2);
	check_resident(e);

	/* A backend failure leaves the frame in swap, counted. */
	LPS_CHECK_EQ(lps_host_reclaim(&e->h, e->h.resident - 1,
				      LPS_RECLAIM_SWAP, NULL), 0);
	LPS_CHECK_EQ(e->page_outs[3], 3);
	set(e, 3, 1, LPS_STABLE);
	e->fail_discard = 1;
	set(e, 3, 1, LPS_UNUSED);
	LPS_CHECK_EQ(fix_state(e, 3), LPS_FS(LPS_UNUSED, LPS_PRESERVED, 0));
	LPS_CHECK_EQ(e->h.cnt.backend_errors, 1);
	free(e);
}

/*
 * Read back and not written since: paged out again without a write.  Each
 * reclaim pages out everything resident, which is frame 0 alone after the
 * first, so the swap clock always comes back to it.
 */
static void test_swap_cache(void)
{
	struct fix *e = fix_new_with(N, 0, true);
	struct lps_host_reclaim_result res;

	LPS_CHECK_EQ(fix_write(e, 0, 0x66), 0);
	LPS_CHECK_EQ(lps_host_reclaim(&e->h, 0, LPS_RECLAIM_SWAP, &res), 0);
	LPS_CHECK_EQ(res.swapped_out, N);
	LPS_CHECK_EQ(lps_host_guest_access(&e->h, 0, false), 0);
	LPS_CHECK(fix_mem_is(e, 0, 0x66));

	LPS_CHECK_EQ(lps_host_reclaim(&e->h, 0, LPS_RECLAIM_SWAP, &res), 0);
	LPS_CHECK_EQ(res.swapped_clean, 1);
	LPS_CHECK_EQ(res.swapped_out, 0);
	LPS_CHECK_EQ(e->n_evict, 1);
	LPS_CHECK_EQ(e->n_page_out, N);
	LPS_CHECK_EQ(e->h.cnt.swap_out, N);
	LPS_CHECK_EQ(e->h.cnt.swap_out_clean, 1);
	LPS_CHECK(fix_mem_is(e, 0, FIX_POISON));
	LPS_CHECK_EQ(lps_host_guest_access(&e->h, 0, false), 0);
	LPS_CHECK(fix_mem_is(e, 0, 0x66));

	/* Written since the page-in: the slot is stale, so it is written. */
	LPS_CHECK_EQ(fix_write(e, 0, 0x77), 0);
	LPS_CHECK_EQ(lps_host_reclaim(&e->h, 0, LPS_RECLAIM_SWAP, &res), 0);
	LPS_CHECK_EQ(res.swapped_out, 1);
	LPS_CHECK_EQ(e->n_page_out, N + 1);
	LPS_CHECK_EQ(lps_host_guest_access(&e->h, 0, true), 0);
	LPS_CHECK(fix_mem_is(e, 0, 0x77));

	/* Paged in by a write: no clean copy either. */
	LPS_CHECK_EQ(lps_host_reclaim(&e->h, 0, LPS_RECLAIM_SWAP, &res), 0);
	LPS_CHECK_EQ(res.swapped_out, 1);
	LPS_CHECK_EQ(e->n_evict, 1);

	/* A failed evict leaves the frame resident and still clean. */
	LPS_CHECK_EQ(lps_host_guest_access(&e->h, 0, false), 0);
	e->fail_evict = 1;
	LPS_CHECK_EQ(lps_host_reclaim(&e->h, 0, LPS_RECLAIM_SWAP, &res),
		     -LPS_EAGAIN);
	LPS_CHECK_EQ(e->h.cnt.backend_errors, 1);
	LPS_CHECK_EQ(fix_state(e, 0), LPS_FS(LPS_STABLE, LPS_RESIDENT, 1));
	LPS_CHECK_EQ(lps_host_reclaim(&e->h, 0, LPS_RECLAIM_SWAP, &res), 0);
	LPS_CHECK_EQ(res.swapped_clean, 1);
	LPS_CHECK_EQ(e->n_page_out, N + 2);
	/* Dropped content leaves nothing cached to evict. */
	LPS_CHECK_EQ(lps_host_guest_access(&e->h, 0, false), 0);
	set(e, 0, 1, LPS_UNUSED);
	LPS_CHECK_EQ(lps_host_reclaim(&e->h, 0, LPS_RECLAIM_UNUSED, &res), 0);
	LPS_CHECK_EQ(e->swapc[0] & 1, 0);
	check_resident(e);
	free(e);
}

/* A guest larger than one scan batch, so passes pause and resume. */
static void test_large(void)
{
	enum { BIG = 5000 };
	static lps_fstate_t states[BIG];
	static uint8_t dirty[(BIG + 7) / 8];
	struct lps_host_config cfg = {
		.sz = sizeof(cfg), .nframes = BIG,
		.states = states, .dirty_log = dirty,
	};
	struct lps_host_reclaim_result res;
	struct lps_host h;
	uint64_t i, unused = 0;

	LPS_CHECK_EQ(lps_host_init(&h, &cfg), 0);
	for (i = 0; i < BIG; i += 3, unused++)
		LPS_CHECK_EQ(lps_host_set_usage(&h, i, LPS_UNUSED, NULL), 0);
	/* The last unused frame sits past several pauses. */
	LPS_CHECK_EQ(lps_host_reclaim(&h, BIG - unused, LPS_RECLAIM_ALL, &res),
		     0);
	LPS_CHECK_EQ(res.dropped_unused, unused);
	LPS_CHECK_EQ(res.swapped_out, 0);
	LPS_CHECK_EQ(lps_fs_content(states[4998]), LPS_ZERO);
	LPS_CHECK_EQ(lps_host_reclaim(&h, 0, LPS_RECLAIM_ALL, &res), 0);
	LPS_CHECK_EQ(res.swapped_out, BIG - unused);
	LPS_CHECK_EQ(h.resident, 0);
	LPS_CHECK_EQ(h.reclaim_busy, 0);
}

int main(void)
{
	test_order();
	test_zero_and_discarded();
	test_runs();
	test_backend_errors();
	test_swap_round_trip();
	test_rotation();
	test_separate_clocks();
	test_start_zero();
	test_unused_frees_swap();
	test_swap_cache();
	test_large();
	return lps_test_done();
}
