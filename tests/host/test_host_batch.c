// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_host_batch.c - lps_host_apply_batch() as the boundary against a
 * malicious guest: every malformed descriptor field is refused with its
 * documented error, leaving the model, the counters and the descriptor
 * itself untouched; good descriptors apply, at any alignment, and a budget
 * stops and resumes them through the cursor.
 */
#include "lps_test.h"
#include "lps_host_fixture.h"

#define N 64

/* Room for a full descriptor plus slack, so odd offsets stay in bounds. */
static uint8_t page[LPS_BATCH_BYTES + 64];

/* Apply a descriptor that must be refused with @err, changing nothing. */
static void expect_refused(struct fix *e, uint8_t *d, size_t len,
			   uint32_t budget, int err, int line)
{
	static uint8_t before[sizeof(page)];
	struct fix_shot shot;
	int ret;

	fix_take(e, &shot);
	memcpy(before, page, sizeof(page));
	ret = lps_host_apply_batch(&e->h, d, len, budget);
	if (ret != err)
		fprintf(stderr, "line %d: got %d, want %d\n", line, ret, err);
	LPS_CHECK_EQ(ret, err);
	FIX_UNCHANGED(e, &shot, 1);
	LPS_CHECK(!memcmp(before, page, sizeof(page)));
}

#define REFUSED(e, d, len, err) expect_refused(e, d, len, 0, err, __LINE__)

static void test_header(void)
{
	struct fix *e = fix_new(N);
	uint8_t *d = page;
	struct fix_shot shot;

	fix_desc_init(d);
	fix_desc_add(d, 0, 4, LPS_UNUSED);

	fix_take(e, &shot);
	LPS_CHECK_EQ(lps_host_apply_batch(NULL, d, fix_desc_len(d), 0),
		     -LPS_EINVAL);
	FIX_UNCHANGED(e, &shot, 0);
	REFUSED(e, NULL, fix_desc_len(d), -LPS_EINVAL);
	REFUSED(e, d, 0, -LPS_EPROTO);
	REFUSED(e, d, FIX_HDR - 1, -LPS_EPROTO);

	d[0] ^= 1;				/* magic */
	REFUSED(e, d, fix_desc_len(d), -LPS_EPROTO);
	d[0] ^= 1;
	fix_put16(d + 4, LPS_BATCH_VERSION + 1);	/* version */
	REFUSED(e, d, fix_desc_len(d), -LPS_EPROTO);
	fix_put16(d + 4, 0);
	REFUSED(e, d, fix_desc_len(d), -LPS_EPROTO);
	fix_put16(d + 4, LPS_BATCH_VERSION);
	fix_put16(d + FIX_OFF_FLAGS, 1);		/* flags */
	REFUSED(e, d, fix_desc_len(d), -LPS_EPROTO);
	fix_put16(d + FIX_OFF_FLAGS, 0x8000);
	REFUSED(e, d, fix_desc_len(d), -LPS_EPROTO);
	fix_put16(d + FIX_OFF_FLAGS, 0);
	d[15] = 1;				/* reserved */
	REFUSED(e, d, fix_desc_len(d), -LPS_EPROTO);
	d[15] = 0;

	/* nr above the capacity, whatever the buffer length claims. */
	fix_put16(d + FIX_OFF_NR, LPS_BATCH_MAX_RANGES + 1);
	REFUSED(e, d, sizeof(page), -LPS_EPROTO);
	fix_put16(d + FIX_OFF_NR, 0xffff);
	REFUSED(e, d, sizeof(page), -LPS_EPROTO);
	/* nr beyond what @len really holds: the SNP PSC bug. */
	fix_put16(d + FIX_OFF_NR, 2);
	REFUSED(e, d, FIX_HDR + FIX_RANGE, -LPS_EPROTO);
	REFUSED(e, d, FIX_HDR + 2 * FIX_RANGE - 1, -LPS_EPROTO);
	fix_put16(d + FIX_OFF_NR, 1);
	REFUSED(e, d, FIX_HDR, -LPS_EPROTO);
	REFUSED(e, d, FIX_HDR + FIX_RANGE - 1, -LPS_EPROTO);
	/* cursor beyond nr */
	fix_put16(d + FIX_OFF_CURSOR, 2);
	REFUSED(e, d, fix_desc_len(d), -LPS_EPROTO);
	fix_put16(d + FIX_OFF_CURSOR, 0xffff);
	REFUSED(e, d, fix_desc_len(d), -LPS_EPROTO);
	fix_put16(d + FIX_OFF_CURSOR, 0);

	/* And the descriptor we broke and mended is good after all. */
	LPS_CHECK_EQ(lps_host_apply_batch(&e->h, d, fix_desc_len(d), 0), 0);
	LPS_CHECK_EQ(fix_state(e, 3), LPS_FS(LPS_UNUSED, LPS_RESIDENT, 0));
	LPS_CHECK_EQ(fix_get16(d + FIX_OFF_CURSOR), 1);
	free(e);
}

/* A one-range descriptor whose range is @pfn, @count, @usage. */
static void one_range(uint8_t *d, uint64_t pfn, uint32_t count,
		      uint32_t usage)
{
	fix_desc_init(d);
	fix_desc_add(d, 0, 1, LPS_UNUSED);	/* a good range first */
	fix_desc_add(d, pfn, count, usage);
}

static void test_ranges(void)
{
	struct fix *e = fix_new(N);
	uint8_t *d = page;

	one_range(d, 0 + 8, 0, LPS_UNUSED);		/* count 0 */
	REFUSED(e, d, fix_desc_len(d), -LPS_EPROTO);
	one_range(d, 8, 1, LPS_NR_USAGE);		/* unknown usage */
	REFUSED(e, d, fix_desc_len(d), -LPS_EPROTO);
	one_range(d, 8, 1, 0xffffffffu);
	REFUSED(e, d, fix_desc_len(d), -LPS_EPROTO);
	one_range(d, N, 1, LPS_UNUSED);		/* past the end */
	REFUSED(e, d, fix_desc_len(d), -LPS_ERANGE);
	one_range(d, N - 1, 2, LPS_UNUSED);
	REFUSED(e, d, fix_desc_len(d), -LPS_ERANGE);
	one_range(d, 8, LPS_RANGE_MAX_COUNT, LPS_UNUSED);
	REFUSED(e, d, fix_desc_len(d), -LPS_ERANGE);
	one_range(d, UINT64_MAX, 2, LPS_UNUSED);	/* pfn + count wraps */
	REFUSED(e, d, fix_desc_len(d), -LPS_ERANGE);
	one_range(d, UINT64_MAX - 0xfffffffeu, LPS_RANGE_MAX_COUNT,
		  LPS_UNUSED);
	REFUSED(e, d, fix_desc_len(d), -LPS_ERANGE);
	one_range(d, (uint64_t)1 << 63, 1, LPS_UNUSED);
	REFUSED(e, d, fix_desc_len(d), -LPS_ERANGE);

	/* Overlaps, in every shape; the first range is [0, 1). */
	one_range(d, 0, 1, LPS_UNUSED);			/* identical */
	REFUSED(e, d, fix_desc_len(d), -LPS_EPROTO);
	fix_desc_init(d);
	fix_desc_add(d, 10, 5, LPS_UNUSED);
	fix_desc_add(d, 14, 3, LPS_STABLE);		/* tail overlap */
	REFUSED(e, d, fix_desc_len(d), -LPS_EPROTO);
	fix_desc_init(d);
	fix_desc_add(d, 10, 5, LPS_UNUSED);
	fix_desc_add(d, 20, 1, LPS_UNUSED);
	fix_desc_add(d, 8, 3, LPS_STABLE);		/* head overlap */
	REFUSED(e, d, fix_desc_len(d), -LPS_EPROTO);
	fix_desc_init(d);
	fix_desc_add(d, 10, 5, LPS_UNUSED);
	fix_desc_add(d, 11, 1, LPS_UNUSED);		/* inside */
	REFUSED(e, d, fix_desc_len(d), -LPS_EPROTO);
	fix_desc_init(d);
	fix_desc_add(d, 11, 1, LPS_UNUSED);
	fix_desc_add(d, 10, 5, LPS_UNUSED);		/* around */
	REFUSED(e, d, fix_desc_len(d), -LPS_EPROTO);

	/* Touching ranges do not overlap. */
	fix_desc_init(d);
	fix_desc_add(d, 10, 5, LPS_UNUSED);
	fix_desc_add(d, 15, 1, LPS_VOLATILE);
	fix_desc_add(d, 9, 1, LPS_POT_VOLATILE);
	LPS_CHECK_EQ(lps_host_apply_batch(&e->h, d, fix_desc_len(d), 0), 0);
	LPS_CHECK_EQ(fix_state(e, 9),
		     LPS_FS(LPS_POT_VOLATILE, LPS_RESIDENT, 0));
	LPS_CHECK_EQ(fix_state(e, 14), LPS_FS(LPS_UNUSED, LPS_RESIDENT, 0));
	LPS_CHECK_EQ(fix_state(e, 15), LPS_FS(LPS_VOLATILE, LPS_RESIDENT, 0));
	LPS_CHECK_EQ(e->h.cnt.hints_applied[LPS_UNUSED], 5);
	LPS_CHECK_EQ(e->h.cnt.batches, 1);
	free(e);
}

static void test_illegal(void)
{
	struct fix *e = fix_new(N);
	uint8_t *d = page;

	LPS_CHECK_EQ(lps_host_set_usage(&e->h, 30, LPS_UNUSED, NULL), 0);
	/* Legal ranges before and after must not be applied either. */
	fix_desc_init(d);
	fix_desc_add(d, 0, 8, LPS_UNUSED);
	fix_desc_add(d, 28, 4, LPS_VOLATILE);		/* 30 is unused */
	fix_desc_add(d, 40, 8, LPS_VOLATILE);
	REFUSED(e, d, fix_desc_len(d), -LPS_EPERM);
	fix_desc_init(d);
	fix_desc_add(d, 28, 4, LPS_POT_VOLATILE);
	REFUSED(e, d, fix_desc_len(d), -LPS_EPERM);

	/* A discarded frame cannot be re-marked volatile either. */
	LPS_CHECK_EQ(lps_host_set_usage(&e->h, 50, LPS_VOLATILE, NULL), 0);
	LPS_CHECK_EQ(lps_host_reclaim_all(&e->h, NULL), 0);
	LPS_CHECK_EQ(fix_state(e, 50), LPS_FS(LPS_VOLATILE, LPS_ZERO, 0));
	fix_desc_init(d);
	fix_desc_add(d, 50, 1, LPS_VOLATILE);
	REFUSED(e, d, fix_desc_len(d), -LPS_EPERM);
	/* Stable or unused are always allowed. */
	fix_desc_init(d);
	fix_desc_add(d, 50, 1, LPS_STABLE);
	fix_desc_add(d, 30, 1, LPS_UNUSED);
	LPS_CHECK_EQ(lps_host_apply_batch(&e->h, d, fix_desc_len(d), 0), 0);
	LPS_CHECK_EQ(fix_state(e, 50), LPS_FS(LPS_STABLE, LPS_ZERO, 0));
	free(e);
}

/* The descriptor anywhere in memory: the host must only copy bytes. */
static void test_unaligned(void)
{
	size_t off;

	for (off = 0; off < 16; off++) {
		struct fix *e = fix_new(N);
		uint8_t *d = page + off;

		memset(page, 0xee, sizeof(page));
		fix_desc_init(d);
		fix_desc_add(d, 3, 2, LPS_UNUSED);
		fix_desc_add(d, (uint64_t)5 + off, 1, LPS_VOLATILE);
		LPS_CHECK_EQ(lps_host_apply_batch(&e->h, d, fix_desc_len(d), 0),
			     0);
		LPS_CHECK_EQ(fix_state(e, 4),
			     LPS_FS(LPS_UNUSED, LPS_RESIDENT, 0));
		LPS_CHECK_EQ(fix_state(e, 5 + off),
			     LPS_FS(LPS_VOLATILE, LPS_RESIDENT, 0));
		LPS_CHECK_EQ(fix_get16(d + FIX_OFF_CURSOR), 2);
		/* Only the cursor was written; the bytes around are intact. */
		LPS_CHECK(off == 0 || page[off - 1] == 0xee);
		LPS_CHECK_EQ(page[off + fix_desc_len(d)], 0xee);

		/* And a malformed one at the same offset is still refused. */
		fix_desc_init(d);
		fix_desc_add(d, 3, 0, LPS_UNUSED);
		REFUSED(e, d, fix_desc_len(d), -LPS_EPROTO);
		free(e);
	}
}

static void test_full_page(void)
{
	struct fix *e = fix_new(FIX_MAX_FRAMES);
	uint8_t *d = page;
	unsigned int i;

	fix_desc_init(d);
	for (i = 0; i < LPS_BATCH_MAX_RANGES; i++)
		fix_desc_add(d, i, 1, i % 2 ? LPS_VOLATILE : LPS_UNUSED);
	LPS_CHECK_EQ(fix_desc_len(d), LPS_BATCH_BYTES);
	REFUSED(e, d, LPS_BATCH_BYTES - 1, -LPS_EPROTO);
	LPS_CHECK_EQ(lps_host_apply_batch(&e->h, d, LPS_BATCH_BYTES, 0), 0);
	LPS_CHECK_EQ(e->h.cnt.hints_applied[LPS_UNUSED], 128);
	LPS_CHECK_EQ(e->h.cnt.hints_applied[LPS_VOLATILE], 127);
	LPS_CHECK_EQ(fix_state(e, 254), LPS_FS(LPS_UNUSED, LPS_RESIDENT, 0));
	LPS_CHECK_EQ(fix_state(e, 255), LPS_FS(LPS_STABLE, LPS_RESIDENT, 0));
	LPS_CHECK_EQ(fix_get16(d + FIX_OFF_CURSOR), LPS_BATCH_MAX_RANGES);
	LPS_CHECK_EQ(fix_dirty(e, 254), 1);
	LPS_CHECK_EQ(fix_dirty(e, 255), 0);
	free(e);
}

static void test_budget(void)
{
	struct fix *e = fix_new(N);
	uint8_t *d = page;
	unsigned int i;

	fix_desc_init(d);
	for (i = 0; i < 5; i++)
		fix_desc_add(d, 10 * i, 3, LPS_UNUSED);

	LPS_CHECK_EQ(lps_host_apply_batch(&e->h, d, fix_desc_len(d), 2),
		     -LPS_EAGAIN);
	LPS_CHECK_EQ(fix_get16(d + FIX_OFF_CURSOR), 2);
	LPS_CHECK_EQ(fix_state(e, 12), LPS_FS(LPS_UNUSED, LPS_RESIDENT, 0));
	LPS_CHECK_EQ(fix_state(e, 20), LPS_FS(LPS_STABLE, LPS_RESIDENT, 0));
	LPS_CHECK_EQ(e->h.cnt.hints_applied[LPS_UNUSED], 6);
	LPS_CHECK_EQ(e->h.cnt.batches, 0);

	/* Ranges behind the cursor are never read again: trash them. */
	memset(d + FIX_HDR, 0xff, 2 * FIX_RANGE);
	LPS_CHECK_EQ(lps_host_apply_batch(&e->h, d, fix_desc_len(d), 2),
		     -LPS_EAGAIN);
	LPS_CHECK_EQ(fix_get16(d + FIX_OFF_CURSOR), 4);
	LPS_CHECK_EQ(lps_host_apply_batch(&e->h, d, fix_desc_len(d), 2), 0);
	LPS_CHECK_EQ(fix_get16(d + FIX_OFF_CURSOR), 5);
	LPS_CHECK_EQ(fix_state(e, 42), LPS_FS(LPS_UNUSED, LPS_RESIDENT, 0));
	LPS_CHECK_EQ(e->h.cnt.hints_applied[LPS_UNUSED], 15);
	LPS_CHECK_EQ(e->h.cnt.batches, 1);

	/* A finished descriptor is a no-op. */
	LPS_CHECK_EQ(lps_host_apply_batch(&e->h, d, fix_desc_len(d), 0), 0);
	LPS_CHECK_EQ(e->h.cnt.hints_applied[LPS_UNUSED], 15);

	/*
	 * Every range from the cursor on is checked, not only those the
	 * budget covers: a bad third range refuses a budget of one.
	 */
	fix_desc_init(d);
	fix_desc_add(d, 0, 1, LPS_STABLE);
	fix_desc_add(d, 1, 1, LPS_STABLE);
	fix_desc_add(d, N, 1, LPS_STABLE);
	expect_refused(e, d, fix_desc_len(d), 1, -LPS_ERANGE, __LINE__);

	/*
	 * Each call stands alone: a change between a stop and the resume
	 * that makes a later range illegal refuses the resume only; what
	 * the cursor already passed stays applied.
	 */
	fix_desc_init(d);
	fix_desc_add(d, 50, 2, LPS_VOLATILE);
	fix_desc_add(d, 52, 2, LPS_VOLATILE);
	LPS_CHECK_EQ(lps_host_apply_batch(&e->h, d, fix_desc_len(d), 1),
		     -LPS_EAGAIN);
	LPS_CHECK_EQ(lps_host_set_usage(&e->h, 53, LPS_UNUSED, NULL), 0);
	expect_refused(e, d, fix_desc_len(d), 1, -LPS_EPERM, __LINE__);
	LPS_CHECK_EQ(fix_get16(d + FIX_OFF_CURSOR), 1);
	LPS_CHECK_EQ(fix_state(e, 51), LPS_FS(LPS_VOLATILE, LPS_RESIDENT, 0));
	LPS_CHECK_EQ(fix_state(e, 52), LPS_FS(LPS_STABLE, LPS_RESIDENT, 0));

	/* A budget larger than the rest is no limit. */
	fix_desc_init(d);
	fix_desc_add(d, 0, 1, LPS_STABLE);
	LPS_CHECK_EQ(lps_host_apply_batch(&e->h, d, fix_desc_len(d), 1000), 0);
	LPS_CHECK_EQ(e->h.resident, fix_count_resident(e));
	free(e);
}

/* The host's overlap check against the obvious pairwise one. */
static void test_overlap_random(void)
{
	struct fix *e = fix_new(FIX_MAX_FRAMES);
	uint64_t pfn[LPS_BATCH_MAX_RANGES];
	uint32_t count[LPS_BATCH_MAX_RANGES];
	unsigned int iter, n, i, j, overlaps = 0;
	bool want;
	int ret;

	lps_test_seed(0x6f766c70);
	for (iter = 0; iter < 3000; iter++) {
		n = 1 + (unsigned int)lps_test_below(LPS_BATCH_MAX_RANGES);
		fix_desc_init(page);
		want = false;
		for (i = 0; i < n; i++) {
			/* Sparse or dense, so both outcomes are common. */
			count[i] = 1 + (uint32_t)lps_test_below(iter % 3 ?
								2 : 9);
			pfn[i] = lps_test_below(FIX_MAX_FRAMES - count[i] + 1);
			fix_desc_add(page, pfn[i], count[i], LPS_STABLE);
			for (j = 0; j < i; j++)
				want |= pfn[i] < pfn[j] + count[j] &&
					pfn[j] < pfn[i] + count[i];
		}
		ret = lps_host_apply_batch(&e->h, page, fix_desc_len(page), 0);
		LPS_CHECK_EQ(ret, want ? -LPS_EPROTO : 0);
		overlaps += want;
	}
	/* Both outcomes must have been exercised for this to mean much. */
	LPS_CHECK(overlaps > 100 && overlaps < 2900);
	free(e);
}

int main(void)
{
	test_header();
	test_ranges();
	test_illegal();
	test_unaligned();
	test_full_page();
	test_budget();
	test_overlap_random();
	return lps_test_done();
}
