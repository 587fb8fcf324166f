// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_host_migrate.c - snapshot and dirty log as live migration uses
 * them: the snapshot is the states and empties the log; every kind of state
 * change (hint, batch, access, page-in, drop, page-out) and only a change
 * sets a frame's bit; dirty_next walks the bits in order and clears them;
 * and snapshot plus dirty walk rebuild the source exactly.
 */
#include "lps_test.h"
#include "lps_host_fixture.h"

#define N 100	/* not a multiple of 8: the log's last byte is partial */

static lps_fstate_t dest[FIX_MAX_FRAMES];

/* Walk the whole log from @from; returns how many frames it reported. */
static unsigned int walk(struct fix *e, uint64_t from, uint64_t *seen)
{
	unsigned int n = 0;
	uint64_t pfn, last = 0;
	lps_fstate_t s;
	int ret;

	while ((ret = lps_host_dirty_next(&e->h, from, &pfn, &s)) == 1) {
		LPS_CHECK(pfn >= from && pfn < N);
		LPS_CHECK(n == 0 || pfn > last);
		LPS_CHECK_EQ(s, fix_state(e, pfn));
		LPS_CHECK(!fix_dirty(e, pfn));
		dest[pfn] = s;
		if (seen)
			seen[n] = pfn;
		last = pfn;
		from = pfn + 1;
		n++;
	}
	LPS_CHECK_EQ(ret, 0);
	return n;
}

static void test_snapshot(void)
{
	struct fix *e = fix_new(N);
	uint64_t i;

	LPS_CHECK_EQ(lps_host_set_usage(&e->h, 3, LPS_UNUSED, NULL), 0);
	LPS_CHECK_EQ(lps_host_set_usage(&e->h, 4, LPS_VOLATILE, NULL), 0);
	LPS_CHECK_EQ(lps_host_set_usage(&e->h, 5, LPS_POT_VOLATILE, NULL), 0);
	LPS_CHECK_EQ(fix_write(e, 5, 1), 0);
	LPS_CHECK_EQ(lps_host_reclaim(&e->h, N - 3, LPS_RECLAIM_ALL, NULL), 0);
	LPS_CHECK(fix_dirty(e, 3) && fix_dirty(e, 4) && fix_dirty(e, 5));

	memset(dest, 0xff, sizeof(dest));
	LPS_CHECK_EQ(lps_host_snapshot(&e->h, dest, N), 0);
	for (i = 0; i < N; i++)
		LPS_CHECK_EQ(dest[i], fix_state(e, i));
	LPS_CHECK_EQ(dest[3], LPS_FS(LPS_UNUSED, LPS_ZERO, 0));
	LPS_CHECK_EQ(dest[4], LPS_FS(LPS_VOLATILE, LPS_ZERO, 0));
	/* The swap pass has its own clock, which starts at frame 0. */
	LPS_CHECK_EQ(dest[0], LPS_FS(LPS_STABLE, LPS_PRESERVED, 0));
	LPS_CHECK_EQ(dest[5], LPS_FS(LPS_POT_VOLATILE, LPS_RESIDENT, 1));
	LPS_CHECK_EQ(dest[N], 0xff);	/* nothing beyond the guest */
	for (i = 0; i < (N + 7) / 8; i++)
		LPS_CHECK_EQ(e->dirty[i], 0);
	LPS_CHECK_EQ(walk(e, 0, NULL), 0);
	/* A longer buffer is fine. */
	LPS_CHECK_EQ(lps_host_snapshot(&e->h, dest, FIX_MAX_FRAMES), 0);
	free(e);
}

static void test_every_change(void)
{
	struct fix *e = fix_new(N);
	static uint8_t d[LPS_BATCH_BYTES];
	uint64_t seen[N];
	unsigned int n;

	LPS_CHECK_EQ(lps_host_set_usage(&e->h, 40, LPS_VOLATILE, NULL), 0);
	LPS_CHECK_EQ(lps_host_set_usage(&e->h, 41, LPS_UNUSED, NULL), 0);
	LPS_CHECK_EQ(lps_host_reclaim(&e->h, N - 1, LPS_RECLAIM_SWAP, NULL),
		     0);
	LPS_CHECK_EQ(lps_fs_content(fix_state(e, 0)), LPS_PRESERVED);
	LPS_CHECK_EQ(lps_host_snapshot(&e->h, dest, N), 0);

	/* Nothing that leaves the state alone sets a bit. */
	LPS_CHECK_EQ(lps_host_set_usage(&e->h, 41, LPS_VOLATILE, NULL),
		     -LPS_EPERM);
	LPS_CHECK_EQ(lps_host_set_usage(&e->h, 40, LPS_VOLATILE, NULL), 0);
	LPS_CHECK_EQ(lps_host_guest_access(&e->h, 40, false), 0);
	LPS_CHECK_EQ(lps_host_make_stable(&e->h, 90, 10), 0);
	e->fail_page_in = 1;
	LPS_CHECK_EQ(lps_host_guest_access(&e->h, 0, false), -LPS_EIO);
	LPS_CHECK_EQ(walk(e, 0, NULL), 0);

	/* One of each kind of change, on both sides of byte boundaries. */
	fix_desc_init(d);
	fix_desc_add(d, 8, 1, LPS_VOLATILE);
	fix_desc_add(d, 63, 2, LPS_POT_VOLATILE);
	LPS_CHECK_EQ(lps_host_apply_batch(&e->h, d, fix_desc_len(d), 0), 0);
	LPS_CHECK_EQ(fix_write(e, 64, 9), 0);		/* P gets changed */
	LPS_CHECK_EQ(lps_host_guest_access(&e->h, 0, false), 0); /* page-in */
	LPS_CHECK_EQ(lps_host_reclaim(&e->h, N - 1, LPS_RECLAIM_UNUSED, NULL),
		     0);				/* drops 41 */
	LPS_CHECK_EQ(lps_host_reclaim(&e->h, N - 2, LPS_RECLAIM_SWAP, NULL),
		     0);				/* pages 1 out */
	LPS_CHECK_EQ(e->n_page_out, 2);
	LPS_CHECK_EQ(e->page_outs[1], 1);
	LPS_CHECK_EQ(lps_host_set_usage(&e->h, 7, LPS_UNUSED, NULL), 0);
	LPS_CHECK_EQ(lps_host_make_stable(&e->h, 99, 1), 0);
	LPS_CHECK_EQ(lps_host_set_usage(&e->h, 99, LPS_UNUSED, NULL), 0);

	n = walk(e, 0, seen);
	LPS_CHECK_EQ(n, 8);
	if (n == 8) {
		static const uint64_t want[8] = { 0, 1, 7, 8, 41, 63, 64, 99 };

		LPS_CHECK(!memcmp(seen, want, sizeof(want)));
	}
	LPS_CHECK_EQ(walk(e, 0, NULL), 0);
	free(e);
}

static void test_partial_walk(void)
{
	struct fix *e = fix_new(N);
	uint64_t pfn;
	lps_fstate_t s;

	LPS_CHECK_EQ(lps_host_set_usage(&e->h, 10, LPS_UNUSED, NULL), 0);
	LPS_CHECK_EQ(lps_host_set_usage(&e->h, 50, LPS_UNUSED, NULL), 0);
	/* Starting past a bit leaves it for later. */
	LPS_CHECK_EQ(lps_host_dirty_next(&e->h, 11, &pfn, &s), 1);
	LPS_CHECK_EQ(pfn, 50);
	LPS_CHECK_EQ(s, LPS_FS(LPS_UNUSED, LPS_RESIDENT, 0));
	LPS_CHECK_EQ(lps_host_dirty_next(&e->h, 11, &pfn, &s), 0);
	LPS_CHECK(fix_dirty(e, 10));
	LPS_CHECK_EQ(lps_host_dirty_next(&e->h, 10, &pfn, &s), 1);
	LPS_CHECK_EQ(pfn, 10);
	LPS_CHECK_EQ(lps_host_dirty_next(&e->h, 0, &pfn, &s), 0);
	/* The reported state is the latest, however often it changed. */
	LPS_CHECK_EQ(lps_host_set_usage(&e->h, 99, LPS_UNUSED, NULL), 0);
	LPS_CHECK_EQ(lps_host_set_usage(&e->h, 99, LPS_STABLE, NULL), 0);
	LPS_CHECK_EQ(lps_host_set_usage(&e->h, 99, LPS_VOLATILE, NULL), 0);
	LPS_CHECK_EQ(lps_host_dirty_next(&e->h, 0, &pfn, &s), 1);
	LPS_CHECK_EQ(pfn, 99);
	LPS_CHECK_EQ(s, LPS_FS(LPS_VOLATILE, LPS_RESIDENT, 0));
	free(e);
}

/* Snapshot, keep running, then catch up from the log: the copy matches. */
static void test_migration(void)
{
	struct fix *e = fix_new(N);
	unsigned int round, i;
	uint64_t pfn;

	lps_test_seed(0x6d696772);
	LPS_CHECK_EQ(lps_host_snapshot(&e->h, dest, N), 0);
	for (round = 0; round < 20; round++) {
		for (i = 0; i < 30; i++) {
			pfn = lps_test_below(N);
			switch (lps_test_below(5)) {
			case 0:
			case 1:
				lps_host_set_usage(&e->h, pfn,
					(enum lps_usage)lps_test_below(4),
					NULL);
				break;
			case 2:
				lps_host_guest_access(&e->h, pfn,
						      lps_test_below(2));
				break;
			case 3:
				lps_host_reclaim(&e->h, lps_test_below(N),
					(uint32_t)lps_test_below(7) + 1, NULL);
				break;
			default:
				lps_host_make_stable(&e->h, pfn, 1);
				break;
			}
		}
		walk(e, 0, NULL);
		LPS_CHECK(!memcmp(dest, e->states, N));
	}
	LPS_CHECK_EQ(e->h.resident, fix_count_resident(e));
	free(e);
}

int main(void)
{
	test_snapshot();
	test_every_change();
	test_partial_walk();
	test_migration();
	return lps_test_done();
}
