// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_host_api.c - every per-frame host entry point: each bad input gets
 * its documented error and leaves states, resident, dirty log, counters
 * and backend untouched; and each good call does what the header says.
 */
#include "lps_test.h"
#include "lps_host_fixture.h"

#define N 40

static void test_init(void)
{
	static lps_fstate_t states[N];
	static uint8_t dirty[(N + 7) / 8];
	struct lps_host h;
	struct lps_host_config cfg = {
		.sz = sizeof(cfg), .nframes = N,
		.states = states, .dirty_log = dirty,
	};
	struct lps_host_config bad;
	lps_fstate_t s;

	LPS_CHECK_EQ(lps_host_init(NULL, &cfg), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_host_init(&h, NULL), -LPS_EINVAL);
	bad = cfg;
	bad.sz = sizeof(cfg) - 1;
	LPS_CHECK_EQ(lps_host_init(&h, &bad), -LPS_EINVAL);
	bad = cfg;
	bad.nframes = 0;
	LPS_CHECK_EQ(lps_host_init(&h, &bad), -LPS_EINVAL);
	bad = cfg;
	bad.nframes = UINT64_MAX;
	LPS_CHECK_EQ(lps_host_init(&h, &bad), -LPS_EINVAL);
	bad = cfg;
	bad.states = NULL;
	LPS_CHECK_EQ(lps_host_init(&h, &bad), -LPS_EINVAL);
	bad = cfg;
	bad.dirty_log = NULL;
	LPS_CHECK_EQ(lps_host_init(&h, &bad), -LPS_EINVAL);
	bad = cfg;
	bad.flags = LPS_HOST_FLAGS + 1;
	LPS_CHECK_EQ(lps_host_init(&h, &bad), -LPS_EINVAL);

	/* Whatever the arrays held, init makes every frame stable, resident. */
	memset(states, 0x1f, sizeof(states));
	memset(dirty, 0xff, sizeof(dirty));
	LPS_CHECK_EQ(lps_host_init(&h, &cfg), 0);
	LPS_CHECK_EQ(h.resident, N);
	LPS_CHECK_EQ(lps_host_get_state(&h, N - 1, &s), 0);
	LPS_CHECK_EQ(s, LPS_FS(LPS_STABLE, LPS_RESIDENT, 0));
	LPS_CHECK_EQ(dirty[0] | dirty[(N - 1) / 8], 0);

	/* No backend at all: the model still works, counting only. */
	LPS_CHECK_EQ(lps_host_set_usage(&h, 3, LPS_UNUSED, NULL), 0);
	LPS_CHECK_EQ(lps_host_reclaim(&h, N - 1, LPS_RECLAIM_ALL, NULL), 0);
	LPS_CHECK_EQ(h.cnt.discarded_unused, 1);
	LPS_CHECK_EQ(lps_host_reclaim(&h, N - 2, LPS_RECLAIM_SWAP, NULL), 0);
	LPS_CHECK_EQ(h.cnt.swap_out, 1);
	LPS_CHECK_EQ(h.resident, N - 2);
}

static void test_get_state(void)
{
	struct fix *e = fix_new(N);
	struct fix_shot shot;
	lps_fstate_t s = 0x77;

	fix_take(e, &shot);
	LPS_CHECK_EQ(lps_host_get_state(NULL, 0, &s), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_host_get_state(&e->h, 0, NULL), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_host_get_state(&e->h, N, &s), -LPS_ERANGE);
	LPS_CHECK_EQ(lps_host_get_state(&e->h, UINT64_MAX, &s), -LPS_ERANGE);
	LPS_CHECK_EQ(s, 0x77);
	/* get_state takes a const model, so it cannot count what it refuses. */
	FIX_UNCHANGED(e, &shot, 0);
	free(e);
}

static void test_set_usage(void)
{
	struct fix *e = fix_new(N);
	struct fix_shot shot;
	lps_fstate_t old = 0x77;

	fix_take(e, &shot);
	LPS_CHECK_EQ(lps_host_set_usage(NULL, 0, LPS_UNUSED, NULL),
		     -LPS_EINVAL);
	LPS_CHECK_EQ(lps_host_set_usage(&e->h, 0, LPS_NR_USAGE, &old),
		     -LPS_EINVAL);
	LPS_CHECK_EQ(lps_host_set_usage(&e->h, 0, (enum lps_usage)-1, &old),
		     -LPS_EINVAL);
	LPS_CHECK_EQ(lps_host_set_usage(&e->h, N, LPS_UNUSED, &old),
		     -LPS_ERANGE);
	LPS_CHECK_EQ(lps_host_set_usage(&e->h, UINT64_MAX, LPS_UNUSED, &old),
		     -LPS_ERANGE);
	LPS_CHECK_EQ(old, 0x77);
	FIX_UNCHANGED(e, &shot, 4);

	/* Illegal transition: unused -> volatile. */
	LPS_CHECK_EQ(lps_host_set_usage(&e->h, 5, LPS_UNUSED, &old), 0);
	LPS_CHECK_EQ(old, LPS_FS(LPS_STABLE, LPS_RESIDENT, 0));
	fix_take(e, &shot);
	LPS_CHECK_EQ(lps_host_set_usage(&e->h, 5, LPS_VOLATILE, &old),
		     -LPS_EPERM);
	LPS_CHECK_EQ(lps_host_set_usage(&e->h, 5, LPS_POT_VOLATILE, NULL),
		     -LPS_EPERM);
	FIX_UNCHANGED(e, &shot, 2);

	/* Good calls: counted by state, dirty, old reported. */
	fix_clear_dirty(e);
	LPS_CHECK_EQ(lps_host_set_usage(&e->h, 7, LPS_VOLATILE, &old), 0);
	LPS_CHECK_EQ(old, LPS_FS(LPS_STABLE, LPS_RESIDENT, 0));
	LPS_CHECK_EQ(fix_state(e, 7), LPS_FS(LPS_VOLATILE, LPS_RESIDENT, 0));
	LPS_CHECK(fix_dirty(e, 7));
	LPS_CHECK(!fix_dirty(e, 6) && !fix_dirty(e, 8));
	LPS_CHECK_EQ(e->h.cnt.hints_applied[LPS_VOLATILE], 1);
	LPS_CHECK_EQ(e->h.cnt.hints_applied[LPS_UNUSED], 1);
	/* Setting the state a frame already has changes nothing visible. */
	fix_clear_dirty(e);
	LPS_CHECK_EQ(lps_host_set_usage(&e->h, 7, LPS_VOLATILE, NULL), 0);
	LPS_CHECK(!fix_dirty(e, 7));
	LPS_CHECK_EQ(e->h.cnt.hints_applied[LPS_VOLATILE], 2);
	LPS_CHECK_EQ(e->h.resident, N);
	free(e);
}

static void test_make_stable(void)
{
	struct fix *e = fix_new(N);
	struct fix_shot shot;

	fix_take(e, &shot);
	LPS_CHECK_EQ(lps_host_make_stable(NULL, 0, 1), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_host_make_stable(&e->h, 0, 0), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_host_make_stable(&e->h, N, 1), -LPS_ERANGE);
	LPS_CHECK_EQ(lps_host_make_stable(&e->h, N - 1, 2), -LPS_ERANGE);
	LPS_CHECK_EQ(lps_host_make_stable(&e->h, 1, UINT64_MAX), -LPS_ERANGE);
	LPS_CHECK_EQ(lps_host_make_stable(&e->h, UINT64_MAX, 2), -LPS_ERANGE);
	FIX_UNCHANGED(e, &shot, 5);

	LPS_CHECK_EQ(lps_host_set_usage(&e->h, 2, LPS_VOLATILE, NULL), 0);
	LPS_CHECK_EQ(lps_host_set_usage(&e->h, 3, LPS_POT_VOLATILE, NULL), 0);
	LPS_CHECK_EQ(lps_host_make_stable(&e->h, 0, N), 0);
	LPS_CHECK_EQ(e->h.cnt.hints_applied[LPS_STABLE], N);
	LPS_CHECK_EQ(e->h.cnt.stable_discarded, 0);
	LPS_CHECK_EQ(fix_state(e, 2), LPS_FS(LPS_STABLE, LPS_RESIDENT, 0));
	LPS_CHECK_EQ(fix_state(e, 3), LPS_FS(LPS_STABLE, LPS_RESIDENT, 0));
	free(e);
}

static void test_guest_access(void)
{
	struct fix *e = fix_new(N);
	struct fix_shot shot;

	fix_take(e, &shot);
	LPS_CHECK_EQ(lps_host_guest_access(NULL, 0, false), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_host_guest_access(&e->h, N, false), -LPS_ERANGE);
	LPS_CHECK_EQ(lps_host_guest_access(&e->h, UINT64_MAX, true),
		     -LPS_ERANGE);
	FIX_UNCHANGED(e, &shot, 2);

	/* Touching an unused frame is a guest bug, refused and counted. */
	LPS_CHECK_EQ(lps_host_set_usage(&e->h, 4, LPS_UNUSED, NULL), 0);
	/* So is writing a volatile one. */
	LPS_CHECK_EQ(lps_host_set_usage(&e->h, 5, LPS_VOLATILE, NULL), 0);
	fix_take(e, &shot);
	LPS_CHECK_EQ(lps_host_guest_access(&e->h, 4, false), -LPS_EPERM);
	LPS_CHECK_EQ(lps_host_guest_access(&e->h, 4, true), -LPS_EPERM);
	LPS_CHECK_EQ(lps_host_guest_access(&e->h, 5, true), -LPS_EPERM);
	FIX_UNCHANGED(e, &shot, 3);
	LPS_CHECK_EQ(lps_host_guest_access(&e->h, 5, false), 0);

	/* A write to a potentially volatile frame marks it changed. */
	LPS_CHECK_EQ(lps_host_set_usage(&e->h, 6, LPS_POT_VOLATILE, NULL), 0);
	fix_clear_dirty(e);
	LPS_CHECK_EQ(fix_write(e, 6, 0x66), 0);
	LPS_CHECK_EQ(fix_state(e, 6),
		     LPS_FS(LPS_POT_VOLATILE, LPS_RESIDENT, 1));
	LPS_CHECK(fix_dirty(e, 6));
	/* The log follows the state byte: a repeated write changes nothing. */
	LPS_CHECK_EQ(fix_write(e, 0, 0x10), 0);
	fix_clear_dirty(e);
	LPS_CHECK_EQ(fix_write(e, 0, 0x11), 0);
	LPS_CHECK(!fix_dirty(e, 0));

	/* Paged out, then touched: paged back in, content intact, counted. */
	LPS_CHECK_EQ(fix_write(e, 9, 0x99), 0);
	LPS_CHECK_EQ(lps_host_make_stable(&e->h, 0, N), 0);
	LPS_CHECK_EQ(lps_host_reclaim(&e->h, 0, LPS_RECLAIM_SWAP, NULL), 0);
	LPS_CHECK_EQ(e->h.resident, 0);
	LPS_CHECK_EQ(fix_count_resident(e), 0);
	LPS_CHECK(fix_mem_is(e, 9, FIX_POISON));
	LPS_CHECK_EQ(lps_host_guest_access(&e->h, 9, false), 0);
	LPS_CHECK(fix_mem_is(e, 9, 0x99));
	LPS_CHECK_EQ(e->h.cnt.swap_in, 1);
	LPS_CHECK_EQ(e->n_page_in, 1);
	LPS_CHECK_EQ(e->h.resident, 1);
	LPS_CHECK_EQ(fix_state(e, 9), LPS_FS(LPS_STABLE, LPS_RESIDENT, 0));

	/* A failing page_in leaves the frame out and says -LPS_EIO. */
	e->fail_page_in = 1;
	fix_take(e, &shot);
	LPS_CHECK_EQ(lps_host_guest_access(&e->h, 10, true), -LPS_EIO);
	LPS_CHECK_EQ(e->h.cnt.backend_errors, shot.cnt.backend_errors + 1);
	shot.cnt.backend_errors++;
	FIX_UNCHANGED(e, &shot, 0);
	LPS_CHECK_EQ(lps_host_guest_access(&e->h, 10, true), 0);
	LPS_CHECK_EQ(fix_state(e, 10), LPS_FS(LPS_STABLE, LPS_RESIDENT, 1));
	LPS_CHECK_EQ(e->h.resident, fix_count_resident(e));
	free(e);
}

static void test_reclaim_args(void)
{
	struct fix *e = fix_new(N);
	struct lps_host_reclaim_result res;
	struct fix_shot shot;

	LPS_CHECK_EQ(lps_host_set_usage(&e->h, 1, LPS_UNUSED, NULL), 0);
	fix_take(e, &shot);
	LPS_CHECK_EQ(lps_host_reclaim(NULL, 0, LPS_RECLAIM_ALL, &res),
		     -LPS_EINVAL);
	LPS_CHECK_EQ(lps_host_reclaim(&e->h, 0, 0, &res), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_host_reclaim(&e->h, 0, LPS_RECLAIM_ALL + 1, &res),
		     -LPS_EINVAL);
	LPS_CHECK_EQ(lps_host_reclaim(&e->h, 0, 1u << 31, &res), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_host_reclaim_all(NULL, &res), -LPS_EINVAL);
	FIX_UNCHANGED(e, &shot, 3);
	free(e);
}

static void test_migrate_args(void)
{
	struct fix *e = fix_new(N);
	static lps_fstate_t out[N];
	struct fix_shot shot;
	uint64_t pfn = 77;
	lps_fstate_t s = 0x77;

	LPS_CHECK_EQ(lps_host_set_usage(&e->h, 1, LPS_UNUSED, NULL), 0);
	fix_take(e, &shot);
	LPS_CHECK_EQ(lps_host_snapshot(NULL, out, N), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_host_snapshot(&e->h, NULL, N), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_host_snapshot(&e->h, out, 0), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_host_snapshot(&e->h, out, N - 1), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_host_dirty_next(NULL, 0, &pfn, &s), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_host_dirty_next(&e->h, 0, NULL, &s), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_host_dirty_next(&e->h, 0, &pfn, NULL), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_host_dirty_next(&e->h, N + 1, &pfn, &s),
		     -LPS_ERANGE);
	LPS_CHECK_EQ(lps_host_dirty_next(&e->h, UINT64_MAX, &pfn, &s),
		     -LPS_ERANGE);
	FIX_UNCHANGED(e, &shot, 7);
	LPS_CHECK_EQ(pfn, 77);
	LPS_CHECK_EQ(s, 0x77);
	/* Starting exactly at the end is the end of an iteration. */
	LPS_CHECK_EQ(lps_host_dirty_next(&e->h, N, &pfn, &s), 0);
	FIX_UNCHANGED(e, &shot, 7);
	free(e);
}

int main(void)
{
	test_init();
	test_get_state();
	test_set_usage();
	test_make_stable();
	test_guest_access();
	test_reclaim_args();
	test_migrate_args();
	return lps_test_done();
}
