// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_kunit.c - the KUnit suite "pagestates": the core's shared vectors
 * (tests/vectors) replayed inside the kernel, and one guest context driven
 * through a recording port, so a kernel build proves that the core it
 * links behaves as in userspace.
 */
#include <kunit/test.h>			/* KUNIT_EXPECT_EQ */
#include <linux/kernel.h>		/* ARRAY_SIZE */
#include <linux/sizes.h>		/* SZ_1M */
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
	bool fail_stable;	/* make-stable fails as a broken port would */
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

	if (h->fail_stable)
		return -LPS_EIO;
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

	/*
	 * A make-stable the port fails is never taken as intact: the glue
	 * re-reads the folio and asks again, and the retry still finds the
	 * drop the host made before the failure.
	 */
	KUNIT_EXPECT_EQ(test, lps_try_volatile(g, 0, 5, &clean),
			LPS_VOLATILE);
	KUNIT_EXPECT_EQ(test, lps_flush(g, 0), 0);
	KUNIT_EXPECT_TRUE(test, h->dropped[5]);
	h->fail_stable = true;
	KUNIT_EXPECT_EQ(test, lps_kcontent_of(lps_set_stable(g, 0, 5, 0)),
			LPS_KC_UNKNOWN);
	h->fail_stable = false;
	KUNIT_EXPECT_EQ(test, lps_kcontent_of(lps_set_stable(g, 0, 5, 0)),
			LPS_KC_DISCARDED);
	KUNIT_EXPECT_EQ(test, lps_kcontent_of(lps_set_stable(g, 0, 5, 0)),
			LPS_KC_INTACT);

	/* Bad input is refused and changes nothing. */
	KUNIT_EXPECT_EQ(test, lps_set_unused(g, 1, 0, 0), -LPS_EINVAL);
	KUNIT_EXPECT_EQ(test, lps_set_unused(g, 0, LPS_KT_FRAMES, 0),
			-LPS_ERANGE);
	KUNIT_EXPECT_EQ(test, lps_set_unused(g, 0, 1, 1), -LPS_EINVAL);

	lps_counters_sum(g, &cnt);
	KUNIT_EXPECT_EQ(test, cnt.discards_found, 2ULL);
	KUNIT_EXPECT_EQ(test, cnt.hints[LPS_VOLATILE], 2ULL);
	KUNIT_EXPECT_EQ(test, cnt.port_errors, 1ULL);
	KUNIT_EXPECT_GE(test, cnt.batches, 2ULL);
}

/* A guest of two CPUs over the recording host, for the CPU cases. */
static struct lps_guest *lps_kt_guest2(struct kunit *test,
				       struct lps_kt_host *h)
{
	struct lps_guest *g = kunit_kzalloc(test, sizeof(*g), GFP_KERNEL);
	struct lps_guest_config cfg = {
		.sz = sizeof(cfg), .port = &lps_kt_port, .port_ctx = h,
		.nframes = LPS_KT_FRAMES, .ncpus = 2, .discard_cap = 4,
	};

	cfg.frame_words = kunit_kcalloc(test, LPS_KT_FRAMES, 4, GFP_KERNEL);
	cfg.cpus = kunit_kcalloc(test, 2, sizeof(*cfg.cpus), GFP_KERNEL);
	cfg.batches = kunit_kcalloc(test, 2, sizeof(*cfg.batches),
				    GFP_KERNEL);
	cfg.discard_slots = kunit_kcalloc(test, 2 * 4, 8, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, g);
	KUNIT_ASSERT_NOT_NULL(test, cfg.frame_words);
	KUNIT_ASSERT_NOT_NULL(test, cfg.cpus);
	KUNIT_ASSERT_NOT_NULL(test, cfg.batches);
	KUNIT_ASSERT_NOT_NULL(test, cfg.discard_slots);
	KUNIT_ASSERT_EQ(test, lps_guest_init(g, &cfg), 0);
	return g;
}

struct lps_kt_taken {
	unsigned int n;
	u64 pfn[8];
};

static void lps_kt_take(void *opaque, const u64 *pfn, u32 n)
{
	struct lps_kt_taken *t = opaque;

	while (n--) {
		if (t->n < ARRAY_SIZE(t->pfn))
			t->pfn[t->n] = *pfn;
		t->n++;
		pfn++;
	}
}

/*
 * CPU 1 dies with hints queued (one of them cancelled from CPU 0) and a
 * folio parked: the drain from CPU 0 tells the host every live hint and
 * none of the cancelled, hands each parked frame out once, and leaves an
 * empty, valid batch that takes hints again when CPU 1 comes back.
 */
static void lps_kt_cpu_dead(struct kunit *test)
{
	const struct lps_page_facts clean = {
		.flags = LPS_PF_HAS_MAPPING | LPS_PF_UPTODATE,
		.map_count = 0, .ref_count = 1,
	};
	struct lps_kt_host *h = kunit_kzalloc(test, sizeof(*h), GFP_KERNEL);
	struct lps_kt_taken taken = { 0 };
	struct lps_guest *g;
	struct lps_batch *b;
	unsigned int submits;

	KUNIT_ASSERT_NOT_NULL(test, h);
	g = lps_kt_guest2(test, h);
	b = g->cpus[1].batch;
	KUNIT_EXPECT_EQ(test, lps_set_unused(g, 1, 8, 2), 0);
	KUNIT_EXPECT_EQ(test, lps_try_volatile(g, 1, 3, &clean),
			LPS_VOLATILE);
	KUNIT_EXPECT_EQ(test, lps_set_unused(g, 1, 40, 0), 0);
	/* Taken back on another CPU before the host heard of it. */
	KUNIT_EXPECT_EQ(test, lps_set_stable(g, 0, 40, 0), 0);
	KUNIT_EXPECT_EQ(test, lps_discard_park(g, 1, 20), 0);
	KUNIT_EXPECT_EQ(test, h->submits, 0U);

	KUNIT_EXPECT_EQ(test, lps_kcpu_flush_dead(g, 1), 3);
	KUNIT_EXPECT_EQ(test, h->submits, 1U);
	KUNIT_EXPECT_EQ(test, h->usage[9], LPS_UNUSED);
	KUNIT_EXPECT_TRUE(test, h->dropped[3]);
	KUNIT_EXPECT_EQ(test, h->usage[40], LPS_STABLE);
	KUNIT_EXPECT_EQ(test, lps_get_state(g, 11), LPS_UNUSED);
	KUNIT_EXPECT_EQ(test, lps_le32(b->hdr.magic), LPS_BATCH_MAGIC);
	KUNIT_EXPECT_EQ(test, lps_le16(b->hdr.version), LPS_BATCH_VERSION);
	KUNIT_EXPECT_EQ(test, lps_le16(b->hdr.nr), 0);
	KUNIT_EXPECT_EQ(test, lps_le16(b->hdr.cursor), 0);
	KUNIT_EXPECT_EQ(test, lps_discard_release(g, 1, lps_kt_take, &taken),
			1LL);
	KUNIT_EXPECT_EQ(test, taken.n, 1U);
	KUNIT_EXPECT_EQ(test, taken.pfn[0], 20ULL);

	/* Drained twice: nothing more is sent or handed out. */
	submits = h->submits;
	KUNIT_EXPECT_EQ(test, lps_kcpu_flush_dead(g, 1), 0);
	KUNIT_EXPECT_EQ(test, h->submits, submits);
	KUNIT_EXPECT_EQ(test, lps_discard_release(g, 1, lps_kt_take, &taken),
			0LL);
	KUNIT_EXPECT_EQ(test, taken.n, 1U);

	/* Back online: the batch takes hints and flushes as before. */
	KUNIT_EXPECT_EQ(test, lps_set_unused(g, 1, 32, 0), 0);
	KUNIT_EXPECT_EQ(test, lps_flush(g, 1), 0);
	KUNIT_EXPECT_EQ(test, h->usage[32], LPS_UNUSED);
}

/*
 * The periodic look acts on what waited a whole period only: seen once
 * is not stale; a flush or a release between two looks starts over.
 */
static void lps_kt_stale(struct kunit *test)
{
	struct lps_kt_host *h = kunit_kzalloc(test, sizeof(*h), GFP_KERNEL);
	struct lps_kt_taken taken = { 0 };
	struct lps_kseen seen = { 0 };
	struct lps_guest *g;
	struct lps_cpu *c;

	KUNIT_ASSERT_NOT_NULL(test, h);
	g = lps_kt_guest2(test, h);
	c = &g->cpus[1];
	KUNIT_EXPECT_EQ(test, lps_kcpu_stale(&seen, c), 0U);
	KUNIT_EXPECT_EQ(test, lps_set_unused(g, 1, 8, 0), 0);
	KUNIT_EXPECT_EQ(test, lps_kcpu_stale(&seen, c), 0U);
	KUNIT_EXPECT_EQ(test, lps_kcpu_stale(&seen, c), LPS_KSTALE_HINTS);
	KUNIT_EXPECT_EQ(test, lps_flush(g, 1), 0);
	KUNIT_EXPECT_EQ(test, lps_kcpu_stale(&seen, c), 0U);
	/* Flushed and refilled between two looks: the new hint is young. */
	KUNIT_EXPECT_EQ(test, lps_set_unused(g, 1, 9, 0), 0);
	KUNIT_EXPECT_EQ(test, lps_kcpu_stale(&seen, c), 0U);
	KUNIT_EXPECT_EQ(test, lps_flush(g, 1), 0);
	KUNIT_EXPECT_EQ(test, lps_set_unused(g, 1, 10, 0), 0);
	KUNIT_EXPECT_EQ(test, lps_kcpu_stale(&seen, c), 0U);
	KUNIT_EXPECT_EQ(test, lps_kcpu_stale(&seen, c), LPS_KSTALE_HINTS);

	KUNIT_EXPECT_EQ(test, lps_flush(g, 1), 0);
	KUNIT_EXPECT_EQ(test, lps_discard_park(g, 1, 20), 0);
	KUNIT_EXPECT_EQ(test, lps_kcpu_stale(&seen, c), 0U);
	KUNIT_EXPECT_EQ(test, lps_kcpu_stale(&seen, c), LPS_KSTALE_PARKED);
	/* Released and parked again between two looks: young again. */
	KUNIT_EXPECT_EQ(test, lps_discard_release(g, 1, lps_kt_take, &taken),
			1LL);
	KUNIT_EXPECT_EQ(test, lps_discard_park(g, 1, 21), 0);
	KUNIT_EXPECT_EQ(test, lps_kcpu_stale(&seen, c), 0U);
	KUNIT_EXPECT_EQ(test, lps_set_unused(g, 1, 12, 0), 0);
	KUNIT_EXPECT_EQ(test, lps_kcpu_stale(&seen, c),
			LPS_KSTALE_PARKED);
	KUNIT_EXPECT_EQ(test, lps_kcpu_stale(&seen, c),
			LPS_KSTALE_HINTS | LPS_KSTALE_PARKED);
}

/*
 * pagestates_table=: the strings the parser takes and refuses, and each
 * refusal of a range against a made-up memory map (RAM at 1 MiB..1 GiB,
 * in use at 16..32 MiB).
 */
static bool lps_kt_fake_ram(u64 addr, u64 size)
{
	return addr >= SZ_1M && addr + size <= SZ_1G;
}

static bool lps_kt_fake_reserved(u64 addr, u64 size)
{
	return addr < SZ_32M && addr + size > SZ_16M;
}

static const struct lps_ktable_mem lps_kt_fake_mem = {
	.is_ram = lps_kt_fake_ram,
	.is_reserved = lps_kt_fake_reserved,
};

static void lps_kt_table_param(struct kunit *test)
{
	static const char *const bad[] = {
		"", "0x41000", "0x41000@", "@0x1000", "0x41000@0x1000x",
		"0x41000@@0x1000", "abc@0x1000", "0x41000 @0x1000",
	};
	const unsigned long n = 65536;	/* 256 MiB of frames */
	const u64 need = PAGE_SIZE + n * 4;
	const struct {
		u64 addr, size;
		const char *why;
	} ranges[] = {
		{ SZ_64M, need, "accepted" },
		{ SZ_1G - need, need, "accepted" },
		{ SZ_32M, need, "accepted" },
		{ SZ_64M + 8, need, "not page aligned" },
		{ SZ_64M, need + 8, "not page aligned" },
		{ SZ_64M, need - PAGE_SIZE, "too small for the table" },
		{ 0 - need, need * 2, "beyond the physical address space" },
		{ SZ_1G - PAGE_SIZE, need, "not RAM the kernel maps" },
		{ 0, need, "not RAM the kernel maps" },
		{ SZ_16M - PAGE_SIZE, need, "overlaps memory already in use" },
		{ SZ_32M - PAGE_SIZE, need, "overlaps memory already in use" },
	};
	u64 a = 1, z = 2;
	unsigned int i;

	KUNIT_EXPECT_EQ(test, lps_ktable_need(n), need);
	KUNIT_EXPECT_EQ(test, lps_ktable_parse("0x41000@0xc000000", &a, &z), 0);
	KUNIT_EXPECT_EQ(test, a, 0xc000000ULL);
	KUNIT_EXPECT_EQ(test, z, 0x41000ULL);
	KUNIT_EXPECT_EQ(test, lps_ktable_parse("260K@192M", &a, &z), 0);
	KUNIT_EXPECT_EQ(test, a, 192ULL << 20);
	KUNIT_EXPECT_EQ(test, z, 260ULL << 10);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		a = 1;
		z = 2;
		KUNIT_EXPECT_EQ_MSG(test, lps_ktable_parse(bad[i], &a, &z),
				    -EINVAL, "'%s'", bad[i]);
		/* A refused string changes nothing. */
		KUNIT_EXPECT_EQ(test, a, 1ULL);
		KUNIT_EXPECT_EQ(test, z, 2ULL);
	}
	KUNIT_EXPECT_EQ(test, lps_ktable_parse(NULL, &a, &z), -EINVAL);

	for (i = 0; i < ARRAY_SIZE(ranges); i++) {
		const char *why = lps_ktable_check(ranges[i].addr,
						   ranges[i].size, n,
						   &lps_kt_fake_mem);

		KUNIT_EXPECT_STREQ_MSG(test, why ? why : "accepted",
				       ranges[i].why, "range %u", i);
	}
}

static struct kunit_case lps_kt_cases[] = {
	KUNIT_CASE(lps_kt_transitions),
	KUNIT_CASE(lps_kt_rules),
	KUNIT_CASE(lps_kt_guest),
	KUNIT_CASE(lps_kt_table_param),
	KUNIT_CASE(lps_kt_cpu_dead),
	KUNIT_CASE(lps_kt_stale),
	{}
};

static struct kunit_suite lps_kt_suite = {
	.name = "pagestates",
	.test_cases = lps_kt_cases,
};

kunit_test_suite(lps_kt_suite);
