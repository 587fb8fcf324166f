// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_model.c - random allocator and page-cache traffic on random CPUs
 * against the fake host, with host paging, partial completion and hard
 * errors mixed in.  After every step: no frame the guest uses is held by
 * the host as anything but stable (the "no data loss" property), every
 * make-stable reports a discard exactly when the host had dropped the
 * content, and the guest's view matches the model.  The seed is printed.
 */
#include "core_env.h"

#include <time.h>	/* time */
#include <unistd.h>	/* getpid */

#define NF	512
#define NCPU	4
#define STEPS	50000
#define CAPS	(LPS_CAP_DISCARD_FAULT | LPS_CAP_DIRTY_BIT)

enum role { FREE, USED, CACHE };

static struct core_env e;
static uint8_t role[NF];
static int view[NF];
static unsigned long step_no, rereads;

static bool block_is(uint64_t pfn, uint64_t n, enum role r, bool want)
{
	uint64_t i;

	for (i = pfn; i < pfn + n; i++)
		if ((role[i] == r) != want)
			return false;
	return true;
}

static bool host_discarded(uint64_t pfn, uint64_t n)
{
	uint64_t i;

	for (i = pfn; i < pfn + n; i++)
		if (lps_fs_discarded(lps_fake_state(&e.fake, i)))
			return true;
	return false;
}

static struct lps_page_facts random_facts(void)
{
	struct lps_page_facts f = core_clean_facts();
	uint64_t r = lps_test_below(10);

	if (r == 7)
		f.flags |= LPS_PF_DIRTY;
	if (r == 8) {
		f.flags |= LPS_PF_MAPPED_WRITABLE;
		f.map_count = 1;
		f.ref_count = 2;
	}
	if (r == 9) {
		f.map_count = 2;
		f.ref_count = 3;
	}
	return f;
}

/* A hard error dropped hints: frames fall back to what the host holds. */
static void resync_after_error(void)
{
	uint32_t i;

	for (i = 0; i < NF; i++) {
		int s = lps_get_state(&e.g, i);

		if (s == view[i])
			continue;
		/* Frames in use have no hint to drop. */
		LPS_CHECK(role[i] != USED);
		LPS_CHECK_EQ(s, lps_fs_usage(lps_fake_state(&e.fake, i)));
		view[i] = s;
	}
}

static void check_invariants(void)
{
	uint32_t i;

	for (i = 0; i < NF; i++) {
		lps_fstate_t h = lps_fake_state(&e.fake, i);

		if (role[i] == USED && lps_fs_usage(h) != LPS_STABLE) {
			fprintf(stderr, "step %lu: frame %u in use, host %s\n",
				step_no, i, lps_usage_name(lps_fs_usage(h)));
			LPS_CHECK(0);
		}
		if (lps_get_state(&e.g, i) != view[i]) {
			fprintf(stderr, "step %lu: frame %u view %d, model %d\n",
				step_no, i, lps_get_state(&e.g, i), view[i]);
			LPS_CHECK(0);
		}
	}
	LPS_CHECK_EQ(e.fake.rejects, 0);
	LPS_CHECK_EQ(e.fake.bad_batches, 0);
}

/* Set the fake's mood for the next calls: mostly good, sometimes not. */
static void random_knobs(void)
{
	uint64_t r = lps_test_below(100);

	e.fake.eagain_after = -1;
	e.fake.fail_after = -1;
	if (r < 20) {
		/* At most the core's retry budget: the flush must succeed. */
		e.fake.eagain_after = (int)lps_test_below(3);
		e.fake.eagain_times = (int)lps_test_below(9);
	} else if (r < 23) {
		e.fake.fail_after = (int)lps_test_below(3);
		e.fake.fail_code = lps_test_below(2) ? -LPS_EIO : -LPS_EPROTO;
	}
}

static void step(void)
{
	uint32_t cpu = (uint32_t)lps_test_below(NCPU);
	uint64_t r = lps_test_below(100), pfn, n;
	uint32_t order = (uint32_t)lps_test_below(5);
	uint64_t errs = core_cnt(&e).port_errors;
	struct lps_page_facts f;
	int ret, want;

	n = 1ull << order;
	pfn = lps_test_below(NF / n) * n;
	if (r < 25) {
		/* Free a block that is wholly in use or cached. */
		if (!block_is(pfn, n, FREE, false))
			return;
		ret = lps_set_unused(&e.g, cpu, pfn, order);
		LPS_CHECK(ret == 0 || core_cnt(&e).port_errors > errs);
		if (ret == 0) {
			memset(&role[pfn], FREE, n);
			for (uint64_t i = pfn; i < pfn + n; i++)
				view[i] = LPS_UNUSED;
		}
	} else if (r < 50) {
		/* Allocate a wholly free block. */
		if (!block_is(pfn, n, FREE, true))
			return;
		want = host_discarded(pfn, n) ? LPS_R_DISCARDED : 0;
		LPS_CHECK_EQ(lps_set_stable(&e.g, cpu, pfn, order), want);
		memset(&role[pfn], USED, n);
		for (uint64_t i = pfn; i < pfn + n; i++)
			view[i] = LPS_STABLE;
	} else if (r < 70) {
		/* A page in use becomes clean page cache, if the rules agree. */
		pfn = lps_test_below(NF);
		if (role[pfn] != USED)
			return;
		f = random_facts();
		want = lps_rules_decide(&f, CAPS, NULL);
		ret = lps_try_volatile(&e.g, cpu, pfn, &f);
		if (ret < 0) {
			LPS_CHECK(core_cnt(&e).port_errors > errs);
		} else {
			LPS_CHECK_EQ(ret, want);
			if (ret != LPS_STABLE)
				role[pfn] = CACHE;
			view[pfn] = ret;
		}
	} else if (r < 85) {
		/* Look a cached page up: discarded exactly if the host dropped it. */
		pfn = lps_test_below(NF);
		if (role[pfn] != CACHE)
			return;
		want = host_discarded(pfn, 1) ? LPS_R_DISCARDED : 0;
		LPS_CHECK_EQ(lps_set_stable(&e.g, cpu, pfn, 0), want);
		if (want == LPS_R_DISCARDED) {
			lps_count_reread(&e.g, cpu);
			rereads++;
		}
		role[pfn] = USED;
		view[pfn] = LPS_STABLE;
	} else if (r < 95) {
		random_knobs();
		lps_flush(&e.g, cpu);
	} else {
		lps_fake_pressure(&e.fake);
	}
	if (core_cnt(&e).port_errors > errs)
		resync_after_error();
}

int main(void)
{
	struct lps_counters c;
	uint32_t i;

	lps_test_seed((uint64_t)time(NULL) ^ ((uint64_t)getpid() << 32));
	core_env_init(&e, NF, NCPU, CAPS, 16);
	/* The fake's log is not needed here; keep it from filling. */
	e.fake.calls_cap = 0;
	memset(role, USED, sizeof(role));
	for (step_no = 0; step_no < STEPS; step_no++) {
		step();
		check_invariants();
	}

	/* Quiet host, everything sent: both sides agree on every frame. */
	e.fake.eagain_after = -1;
	e.fake.fail_after = -1;
	LPS_CHECK_EQ(lps_flush_all(&e.g), 0);
	for (i = 0; i < NF; i++) {
		LPS_CHECK_EQ(lps_fs_usage(lps_fake_state(&e.fake, i)), view[i]);
		LPS_CHECK_EQ(e.words[i] & ~3u, 0);
	}
	c = core_cnt(&e);
	printf("hints U %llu V %llu P %llu, refused %llu, cancelled %llu, "
	       "discards %llu, batches %llu, retries %llu, port errors %llu\n",
	       (unsigned long long)c.hints[LPS_UNUSED],
	       (unsigned long long)c.hints[LPS_VOLATILE],
	       (unsigned long long)c.hints[LPS_POT_VOLATILE],
	       (unsigned long long)(c.refused[LPS_WHY_DIRTY] +
				    c.refused[LPS_WHY_EXTRA_REFS]),
	       (unsigned long long)c.cancelled,
	       (unsigned long long)c.discards_found,
	       (unsigned long long)c.batches,
	       (unsigned long long)c.retries,
	       (unsigned long long)c.port_errors);
	/* The run must have met the paths it exists to test. */
	LPS_CHECK(c.cancelled > 0);
	LPS_CHECK(c.discards_found > 0);
	LPS_CHECK(c.retries > 0);
	LPS_CHECK(c.port_errors > 0);
	LPS_CHECK_EQ(c.rereads, rereads);
	core_env_fini(&e);
	return lps_test_done();
}
