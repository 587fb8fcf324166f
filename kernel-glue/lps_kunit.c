// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_kunit.c - the KUnit suite "pagestates": the core's shared vectors
 * (tests/vectors) replayed inside the kernel, and one guest context driven
 * through a recording port, so a kernel build proves that the core it
 * links behaves as in userspace.
 */
#include <kunit/test.h>			/* KUNIT_EXPECT_EQ */
#include <linux/kernel.h>		/* ARRAY_SIZE */
#include "vectors/transitions.h"	/* lps_transition_vectors */
#include "vectors/rule_cases.h"	/* lps_rule_cases */
#include "lps_kglue.h"			/* struct lps_guest */

#define LPS_KT_CELLS (LPS_NR_USAGE * LPS_NR_CONTENT * 2 * LPS_NR_EVENTS)

static void lps_kt_transitions(struct kunit *test)
{
	unsigned int i, bad = 0;

	KUNIT_EXPECT_EQ(test, ARRAY_SIZE(lps_transition_vectors),
			(size_t)LPS_KT_CELLS);
	for (i = 0; i < ARRAY_SIZE(lps_transition_vectors); i++) {
		const struct lps_transition_vector *v =
			&lps_transition_vectors[i];
		lps_fstate_t next = LPS_TV_UNTOUCHED;
		int ret = lps_transition(v->from, v->event, &next);

		if (ret != v->ret || next != v->next)
			bad++;
		KUNIT_EXPECT_EQ_MSG(test, ret, v->ret, "vector %u", i);
		KUNIT_EXPECT_EQ_MSG(test, next, v->next, "vector %u", i);
	}
	kunit_info(test, "transitions: %zu vectors, %u failed\n",
		   ARRAY_SIZE(lps_transition_vectors), bad);
}

static void lps_kt_rules(struct kunit *test)
{
	unsigned int i, bad = 0;

	for (i = 0; i < ARRAY_SIZE(lps_rule_cases); i++) {
		const struct lps_rule_case *c = &lps_rule_cases[i];
		enum lps_reason why = LPS_RC_UNTOUCHED;
		int ret = lps_rules_decide(&c->facts, c->caps, &why);

		if (ret != c->expect || why != c->why)
			bad++;
		KUNIT_EXPECT_EQ_MSG(test, ret, c->expect, "case %u: %s", i,
				    c->what);
		KUNIT_EXPECT_EQ_MSG(test, why, c->why, "case %u: %s", i,
				    c->what);
	}
	kunit_info(test, "rules: %zu cases, %u failed\n",
		   ARRAY_SIZE(lps_rule_cases), bad);
}

/*
 * A host that applies whole batches and drops every volatile frame at
 * once, so the guest's next make-stable must report the discard.
 */
#define LPS_KT_FRAMES	64u

struct lps_kt_host {
	u8 usage[LPS_KT_FRAMES];
	bool dropped[LPS_KT_FRAMES];
	unsigned int submits;
};

static int lps_kt_submit(void *ctx, struct lps_batch *b)
{
	struct lps_kt_host *h = ctx;
	u16 i, nr = lps_le16(b->hdr.nr);
	u64 pfn, n;

	for (i = lps_le16(b->hdr.cursor); i < nr; i++) {
		pfn = lps_le64(b->range[i].pfn);
		for (n = 0; n < lps_le32(b->range[i].count); n++) {
			if (pfn + n >= LPS_KT_FRAMES)
				return -LPS_ERANGE;
			h->usage[pfn + n] = lps_le32(b->range[i].usage);
			h->dropped[pfn + n] =
				h->usage[pfn + n] == LPS_VOLATILE;
		}
	}
	b->hdr.cursor = b->hdr.nr;
	h->submits++;
	return 0;
}

static int lps_kt_make_stable(void *ctx, u64 pfn, u64 count)
{
	struct lps_kt_host *h = ctx;
	int ret = 0;
	u64 i;

	for (i = pfn; i < pfn + count && i < LPS_KT_FRAMES; i++) {
		if (h->dropped[i])
			ret = LPS_R_DISCARDED;
		h->usage[i] = LPS_STABLE;
		h->dropped[i] = false;
	}
	return ret;
}

static const struct lps_port_ops lps_kt_port = {
	.name = "kunit",
	.submit = lps_kt_submit,
	.make_stable = lps_kt_make_stable,
};

static void lps_kt_guest(struct kunit *test)
{
	const struct lps_page_facts clean = {
		.flags = LPS_PF_HAS_MAPPING | LPS_PF_UPTODATE,
		.map_count = 0, .ref_count = 1,
	};
	struct lps_kt_host *h = kunit_kzalloc(test, sizeof(*h), GFP_KERNEL);
	struct lps_guest *g = kunit_kzalloc(test, sizeof(*g), GFP_KERNEL);
	struct lps_guest_config cfg = {
		.sz = sizeof(cfg), .port = &lps_kt_port,
		.nframes = LPS_KT_FRAMES, .ncpus = 1, .discard_cap = 4,
	};
	struct lps_counters cnt;

	KUNIT_ASSERT_NOT_NULL(test, h);
	KUNIT_ASSERT_NOT_NULL(test, g);
	cfg.port_ctx = h;
	cfg.frame_words = kunit_kcalloc(test, LPS_KT_FRAMES, 4, GFP_KERNEL);
	cfg.cpus = kunit_kzalloc(test, sizeof(*cfg.cpus), GFP_KERNEL);
	cfg.batches = kunit_kzalloc(test, sizeof(*cfg.batches), GFP_KERNEL);
	cfg.discard_slots = kunit_kcalloc(test, 4, 8, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, cfg.frame_words);
	KUNIT_ASSERT_NOT_NULL(test, cfg.cpus);
	KUNIT_ASSERT_NOT_NULL(test, cfg.batches);
	KUNIT_ASSERT_NOT_NULL(test, cfg.discard_slots);
	KUNIT_ASSERT_EQ(test, lps_guest_init(g, &cfg), 0);

	/* Free an order-2 block: pending until flushed, then the host's. */
	KUNIT_EXPECT_EQ(test, lps_set_unused(g, 0, 8, 2), 0);
	KUNIT_EXPECT_EQ(test, lps_get_state(g, 9), LPS_UNUSED);
	KUNIT_EXPECT_EQ(test, lps_flush(g, 0), 0);
	KUNIT_EXPECT_EQ(test, h->usage[11], LPS_UNUSED);
	KUNIT_EXPECT_EQ(test, lps_set_stable(g, 0, 8, 2), 0);
	KUNIT_EXPECT_EQ(test, lps_get_state(g, 8), LPS_STABLE);

	/* A clean cache page goes volatile; the host drops it. */
	KUNIT_EXPECT_EQ(test, lps_try_volatile(g, 0, 3, &clean),
			LPS_VOLATILE);
	KUNIT_EXPECT_EQ(test, lps_flush(g, 0), 0);
	KUNIT_EXPECT_TRUE(test, h->dropped[3]);
	KUNIT_EXPECT_EQ(test, lps_set_stable(g, 0, 3, 0), LPS_R_DISCARDED);
	KUNIT_EXPECT_EQ(test, lps_discard_park(g, 0, 3), 0);

	/* Bad input is refused and changes nothing. */
	KUNIT_EXPECT_EQ(test, lps_set_unused(g, 1, 0, 0), -LPS_EINVAL);
	KUNIT_EXPECT_EQ(test, lps_set_unused(g, 0, LPS_KT_FRAMES, 0),
			-LPS_ERANGE);
	KUNIT_EXPECT_EQ(test, lps_set_unused(g, 0, 1, 1), -LPS_EINVAL);

	lps_counters_sum(g, &cnt);
	KUNIT_EXPECT_EQ(test, cnt.discards_found, 1ULL);
	KUNIT_EXPECT_EQ(test, cnt.hints[LPS_VOLATILE], 1ULL);
	KUNIT_EXPECT_GE(test, cnt.batches, 2ULL);
}

static struct kunit_case lps_kt_cases[] = {
	KUNIT_CASE(lps_kt_transitions),
	KUNIT_CASE(lps_kt_rules),
	KUNIT_CASE(lps_kt_guest),
	{}
};

static struct kunit_suite lps_kt_suite = {
	.name = "pagestates",
	.test_cases = lps_kt_cases,
};

kunit_test_suite(lps_kt_suite);
