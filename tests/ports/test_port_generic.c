// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_port_generic.c - the generic layer over a recording per-frame port:
 * submit walks ranges from the cursor, refuses a bad descriptor without a
 * single call, reports a half-applied range frame-exactly, and make_stable
 * reports a discard found on any frame.
 */
#include <pagestates/pagestates.h>
#include "lps_test.h"

#define MAX_CALLS 4096

static struct call {
	uint64_t pfn;
	enum lps_usage usage;
} calls[MAX_CALLS];
static unsigned int ncalls;
static long fail_at = -1;		/* call index that fails */
static uint64_t discarded_pfn = ~0ull;	/* answers LPS_R_DISCARDED */

#include "generic/lps_port_fn.h"	/* LPS_PORT_FN() */

#define LPS_PORT_ID fake_frame
#define LPS_PORT_NAME "fake-frame"

#define lps_port_set_usage LPS_PORT_FN(set_usage)
static inline int lps_port_set_usage(void *ctx, uint64_t pfn,
				     enum lps_usage usage, lps_fstate_t *old)
{
	(void)ctx;
	(void)old;
	if ((long)ncalls == fail_at) {
		fail_at = -1;
		return -LPS_EIO;
	}
	if (ncalls < MAX_CALLS) {
		calls[ncalls].pfn = pfn;
		calls[ncalls].usage = usage;
	}
	ncalls++;
	return usage == LPS_STABLE && pfn == discarded_pfn ?
	       LPS_R_DISCARDED : 0;
}

#include "generic/lps_port_generic.h"
#include "lps_host_fixture.h"

static void test_ops(void)
{
	const struct lps_port_ops *ops = lps_port_fake_frame_ops();

	LPS_CHECK(strcmp(ops->name, "fake-frame") == 0);
	LPS_CHECK_EQ(ops->caps, 0);
	LPS_CHECK(ops->get_state == NULL);
	LPS_CHECK_EQ(ops->probe(NULL), 0);
	LPS_CHECK(ops->submit == lps_port_fake_frame_submit);
}

static void test_submit_from_cursor(void)
{
	static struct lps_batch b;

	fix_batch_reset(&b);
	fix_batch_add(&b, 10, 2, LPS_UNUSED);
	fix_batch_add(&b, 20, 3, LPS_VOLATILE);
	fix_batch_add(&b, 30, 1, LPS_POT_VOLATILE);
	b.hdr.cursor = lps_le16(1);
	ncalls = 0;
	LPS_CHECK_EQ(lps_port_fake_frame_ops()->submit(NULL, &b), 0);
	LPS_CHECK_EQ(ncalls, 4);
	LPS_CHECK_EQ(calls[0].pfn, 20);
	LPS_CHECK_EQ(calls[0].usage, LPS_VOLATILE);
	LPS_CHECK_EQ(calls[2].pfn, 22);
	LPS_CHECK_EQ(calls[3].pfn, 30);
	LPS_CHECK_EQ(calls[3].usage, LPS_POT_VOLATILE);
	LPS_CHECK_EQ(lps_le16(b.hdr.cursor), 3);
	/* Nothing left: no call. */
	ncalls = 0;
	LPS_CHECK_EQ(lps_port_fake_frame_submit(NULL, &b), 0);
	LPS_CHECK_EQ(ncalls, 0);
}

static void test_submit_refuses(void)
{
	static struct lps_batch b, copy;
	static const char *const what[] = {
		"magic", "version", "flags", "reserved", "nr", "cursor",
		"count", "usage",
	};
	unsigned int i;

	for (i = 0; i < sizeof(what) / sizeof(what[0]); i++) {
		fix_batch_reset(&b);
		fix_batch_add(&b, 1, 1, LPS_UNUSED);
		fix_batch_add(&b, 5, 2, LPS_UNUSED);
		switch (i) {
		case 0: b.hdr.magic ^= 1; break;
		case 1: b.hdr.version = lps_le16(2); break;
		case 2: b.hdr.flags = lps_le16(1); break;
		case 3: b.hdr.reserved = lps_le32(1); break;
		case 4: b.hdr.nr = lps_le16(LPS_BATCH_MAX_RANGES + 1); break;
		case 5: b.hdr.cursor = lps_le16(3); break;
		case 6: b.range[1].count = 0; break;
		case 7: b.range[1].usage = lps_le32(LPS_NR_USAGE); break;
		}
		copy = b;
		ncalls = 0;
		LPS_CHECK_EQ(lps_port_fake_frame_submit(NULL, &b), -LPS_EPROTO);
		LPS_CHECK_EQ(ncalls, 0);
		LPS_CHECK(memcmp(&b, &copy, sizeof(b)) == 0);
		if (ncalls || memcmp(&b, &copy, sizeof(b)))
			fprintf(stderr, "spoilt %s was not refused\n", what[i]);
	}
	LPS_CHECK_EQ(lps_port_fake_frame_submit(NULL, NULL), -LPS_EINVAL);
}

/*
 * A frame fails part way through a range: the frames before it stay
 * applied and are reported as exactly that (the range cut to them, the
 * cursor past it), with no call undoing them.
 */
static void test_submit_reports_partial_range(void)
{
	static struct lps_batch b;

	fix_batch_reset(&b);
	fix_batch_add(&b, 100, 1, LPS_UNUSED);
	fix_batch_add(&b, 200, 4, LPS_UNUSED);
	fix_batch_add(&b, 300, 2, LPS_UNUSED);
	ncalls = 0;
	fail_at = 3;	/* range 0 frame, then 200, 201, then 202 fails */
	LPS_CHECK_EQ(lps_port_fake_frame_submit(NULL, &b), -LPS_EIO);
	LPS_CHECK_EQ(ncalls, 3);
	LPS_CHECK_EQ(calls[2].pfn, 201);
	LPS_CHECK_EQ(calls[2].usage, LPS_UNUSED);
	LPS_CHECK_EQ(lps_le16(b.hdr.cursor), 2);
	LPS_CHECK_EQ(lps_le64(b.range[1].pfn), 200);
	LPS_CHECK_EQ(lps_le32(b.range[1].count), 2);
	/* The caller resumes from the cursor: the next range. */
	ncalls = 0;
	LPS_CHECK_EQ(lps_port_fake_frame_submit(NULL, &b), 0);
	LPS_CHECK_EQ(ncalls, 2);
	LPS_CHECK_EQ(calls[0].pfn, 300);
	LPS_CHECK_EQ(lps_le16(b.hdr.cursor), 3);

	/* The first frame of a range fails: that range is not applied. */
	fix_batch_reset(&b);
	fix_batch_add(&b, 100, 1, LPS_UNUSED);
	fix_batch_add(&b, 200, 4, LPS_UNUSED);
	ncalls = 0;
	fail_at = 1;
	LPS_CHECK_EQ(lps_port_fake_frame_submit(NULL, &b), -LPS_EIO);
	LPS_CHECK_EQ(ncalls, 1);
	LPS_CHECK_EQ(lps_le16(b.hdr.cursor), 1);
	LPS_CHECK_EQ(lps_le32(b.range[1].count), 4);
}

static void test_make_stable(void)
{
	const struct lps_port_ops *ops = lps_port_fake_frame_ops();

	ncalls = 0;
	LPS_CHECK_EQ(ops->make_stable(NULL, 40, 8), 0);
	LPS_CHECK_EQ(ncalls, 8);
	LPS_CHECK_EQ(calls[7].pfn, 47);
	discarded_pfn = 43;
	LPS_CHECK_EQ(ops->make_stable(NULL, 40, 8), LPS_R_DISCARDED);
	discarded_pfn = ~0ull;
	ncalls = 0;
	LPS_CHECK_EQ(ops->make_stable(NULL, 40, 0), -LPS_EINVAL);
	LPS_CHECK_EQ(ops->make_stable(NULL, ~0ull, 2), -LPS_EINVAL);
	LPS_CHECK_EQ(ncalls, 0);
	fail_at = 0;
	LPS_CHECK_EQ(ops->make_stable(NULL, 40, 2), -LPS_EIO);
}

/* The direct path: one set_usage per frame, never undone on failure. */
static void test_hint(void)
{
	const struct lps_port_ops *ops = lps_port_fake_frame_ops();

	LPS_CHECK(ops->hint == lps_port_fake_frame_hint);
	ncalls = 0;
	LPS_CHECK_EQ(ops->hint(NULL, 50, 3, LPS_VOLATILE), 0);
	LPS_CHECK_EQ(ncalls, 3);
	LPS_CHECK_EQ(calls[2].pfn, 52);
	LPS_CHECK_EQ(calls[2].usage, LPS_VOLATILE);
	ncalls = 0;
	LPS_CHECK_EQ(ops->hint(NULL, 50, 0, LPS_UNUSED), -LPS_EINVAL);
	LPS_CHECK_EQ(ops->hint(NULL, ~0ull, 2, LPS_UNUSED), -LPS_EINVAL);
	LPS_CHECK_EQ(ops->hint(NULL, 50, 1, LPS_STABLE), -LPS_EINVAL);
	LPS_CHECK_EQ(ops->hint(NULL, 50, 1, LPS_NR_USAGE), -LPS_EINVAL);
	LPS_CHECK_EQ(ncalls, 0);
	fail_at = 2;	/* 60, 61, then 62 fails: nothing is undone */
	LPS_CHECK_EQ(ops->hint(NULL, 60, 4, LPS_UNUSED), -LPS_EIO);
	LPS_CHECK_EQ(ncalls, 2);
	LPS_CHECK_EQ(calls[1].pfn, 61);
	LPS_CHECK_EQ(calls[1].usage, LPS_UNUSED);
}

int main(void)
{
	test_ops();
	test_submit_from_cursor();
	test_submit_refuses();
	test_submit_reports_partial_range();
	test_make_stable();
	test_hint();
	return lps_test_done();
}
