/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * harness_scenario.h - what every trap-and-emulate harness runs: the core
 * (lps_guest API) through a real port against the host model behind an
 * emulated transport, then the host's final states compared with what the
 * guest meant, including make-stable of frames the host dropped.
 */
#ifndef HARNESS_SCENARIO_H
#define HARNESS_SCENARIO_H

#include "lps_test.h"
#include "lps_host_fixture.h"

#define HS_CPUS 2u
#define HS_DISCARD_CAP 16u

/* The emulated host; the trap handler and the scenario share it. */
static struct fix hs_host;

/* Guest RAM as the host sees it: the batch descriptors live here. */
static struct lps_batch hs_batches[HS_CPUS] __attribute__((aligned(4096)));

/* Guest physical address of a descriptor: its offset in hs_batches. */
static uint64_t hs_to_phys(void *arg, const void *p)
{
	(void)arg;
	return (uint64_t)((const uint8_t *)p - (const uint8_t *)hs_batches);
}

static struct lps_gmem_flat hs_flat = {
	(uint8_t *)hs_batches, sizeof(hs_batches)
};
static const struct lps_gmem hs_gmem = { lps_gmem_flat_map, &hs_flat };

struct hs_guest {
	struct lps_guest g;
	uint32_t words[FIX_FRAMES];
	struct lps_cpu cpus[HS_CPUS];
	uint64_t slots[HS_CPUS * HS_DISCARD_CAP];
};

static void hs_guest_init(struct hs_guest *hg, const struct lps_port_ops *ops,
			  void *ctx)
{
	struct lps_guest_config cfg;

	memset(hg, 0, sizeof(*hg));
	memset(&cfg, 0, sizeof(cfg));
	cfg.sz = sizeof(cfg);
	cfg.port = ops;
	cfg.port_ctx = ctx;
	cfg.nframes = FIX_FRAMES;
	cfg.frame_words = hg->words;
	cfg.ncpus = HS_CPUS;
	cfg.cpus = hg->cpus;
	cfg.batches = hs_batches;
	cfg.discard_slots = hg->slots;
	cfg.discard_cap = HS_DISCARD_CAP;
	LPS_CHECK_EQ(lps_guest_init(&hg->g, &cfg), 0);
}

/* A clean, unmapped, uptodate page-cache page: may become volatile. */
static const struct lps_page_facts hs_cache_page = {
	LPS_PF_HAS_MAPPING | LPS_PF_UPTODATE, 0, 1
};

static void hs_expect(const char *what, uint64_t pfn, enum lps_usage u)
{
	if (fix_usage(&hs_host, pfn) != u)
		fprintf(stderr, "%s: frame %" PRIu64 " is %s, want %s\n", what,
			pfn, lps_usage_name(fix_usage(&hs_host, pfn)),
			lps_usage_name(u));
	LPS_CHECK_EQ(fix_usage(&hs_host, pfn), u);
}

/* The fixed story: free, cache, reclaim, reuse. */
static void hs_story(const struct lps_port_ops *ops, void *ctx)
{
	static struct hs_guest hg;
	struct lps_host_reclaim_result res;
	struct lps_counters cnt;
	lps_fstate_t s;
	uint64_t pfn;

	fix_init(&hs_host, FIX_FRAMES);
	hs_guest_init(&hg, ops, ctx);
	LPS_CHECK_EQ(lps_set_unused(&hg.g, 0, 0, 3), 0);
	LPS_CHECK_EQ(lps_set_unused(&hg.g, 1, 16, 2), 0);
	LPS_CHECK_EQ(lps_try_volatile(&hg.g, 0, 32, &hs_cache_page),
		     LPS_VOLATILE);
	LPS_CHECK_EQ(lps_try_volatile(&hg.g, 1, 33, &hs_cache_page),
		     LPS_VOLATILE);
	LPS_CHECK_EQ(lps_flush_all(&hg.g), 0);
	for (pfn = 0; pfn < 8; pfn++)
		hs_expect("freed", pfn, LPS_UNUSED);
	for (pfn = 16; pfn < 20; pfn++)
		hs_expect("freed", pfn, LPS_UNUSED);
	hs_expect("cached", 32, LPS_VOLATILE);
	hs_expect("untouched", 40, LPS_STABLE);

	/* The host needs memory: it drops all of that. */
	LPS_CHECK_EQ(lps_host_reclaim_all(&hs_host.h, &res), 0);
	LPS_CHECK_EQ(res.dropped_unused, 12);
	LPS_CHECK_EQ(res.dropped_volatile, 2);
	if (ops->caps & LPS_CAP_GET_STATE) {
		LPS_CHECK_EQ(ops->get_state(ctx, 32, &s), 0);
		LPS_CHECK(lps_fs_discarded(s));
	}

	/* The guest wants the cached page: its content is gone. */
	LPS_CHECK_EQ(lps_set_stable(&hg.g, 0, 32, 0), LPS_R_DISCARDED);
	hs_expect("re-read", 32, LPS_STABLE);
	/* A freed block is reallocated: zero is what it may hold. */
	LPS_CHECK_EQ(lps_set_stable(&hg.g, 1, 0, 3), 0);
	for (pfn = 0; pfn < 8; pfn++)
		hs_expect("reallocated", pfn, LPS_STABLE);
	/* A volatile page the host kept comes back intact. */
	LPS_CHECK_EQ(lps_try_volatile(&hg.g, 0, 40, &hs_cache_page),
		     LPS_VOLATILE);
	LPS_CHECK_EQ(lps_flush(&hg.g, 0), 0);
	hs_expect("cached", 40, LPS_VOLATILE);
	LPS_CHECK_EQ(lps_set_stable(&hg.g, 0, 40, 0), 0);
	hs_expect("reused", 40, LPS_STABLE);
	/* 33 is still volatile and dropped; 16..19 still unused. */
	hs_expect("left", 33, LPS_VOLATILE);
	hs_expect("left", 17, LPS_UNUSED);

	lps_counters_sum(&hg.g, &cnt);
	LPS_CHECK_EQ(cnt.discards_found, 1);
	LPS_CHECK(cnt.transitions > 0);
	LPS_CHECK_EQ(cnt.port_errors, 0);
	LPS_CHECK_EQ(hs_host.h.cnt.rejected, 0);
}

/*
 * A seeded random allocator workload: 8 blocks of 8 frames, freed,
 * reallocated, their pages cached and reused, the host reclaiming now and
 * then.  Every make-stable must say "discarded" exactly when the host had
 * dropped a volatile frame of it, and after a final flush the host's usage
 * of every frame equals the guest's own view.
 */
static void hs_random(const struct lps_port_ops *ops, void *ctx,
		      uint64_t seed, unsigned int steps)
{
	static struct hs_guest hg;
	bool freed[FIX_FRAMES / 8] = { false };
	unsigned int i, discards = 0, mismatches = 0;
	uint64_t pfn;

	fix_init(&hs_host, FIX_FRAMES);
	hs_guest_init(&hg, ops, ctx);
	lps_test_seed(seed);
	for (i = 0; i < steps; i++) {
		uint32_t cpu = (uint32_t)lps_test_below(HS_CPUS);
		uint64_t blk = lps_test_below(FIX_FRAMES / 8);
		uint64_t p = blk * 8 + lps_test_below(8);
		struct lps_host_reclaim_result res;
		bool want_discard = false;
		uint64_t k;
		int ret;

		switch (lps_test_below(6)) {
		case 0:
			if (freed[blk])
				break;
			LPS_CHECK_EQ(lps_set_unused(&hg.g, cpu, blk * 8, 3), 0);
			freed[blk] = true;
			break;
		case 1:
		case 2:
			/* Reuse a block, or one page of a live block. */
			if (freed[blk]) {
				for (k = 0; k < 8; k++)
					want_discard |= lps_fs_discarded(
						hs_host.states[blk * 8 + k]);
				ret = lps_set_stable(&hg.g, cpu, blk * 8, 3);
				freed[blk] = false;
			} else {
				want_discard = lps_fs_discarded(
					hs_host.states[p]);
				ret = lps_set_stable(&hg.g, cpu, p, 0);
			}
			if (ret != (want_discard ? LPS_R_DISCARDED : 0))
				mismatches++;
			LPS_CHECK_EQ(ret, want_discard ? LPS_R_DISCARDED : 0);
			discards += ret == LPS_R_DISCARDED;
			break;
		case 3:
			if (freed[blk])
				break;
			ret = lps_try_volatile(&hg.g, cpu, p, &hs_cache_page);
			/* A page already found discarded is the caller's. */
			LPS_CHECK(ret >= 0 || ret == -LPS_EPERM);
			break;
		case 4:
			LPS_CHECK_EQ(lps_flush(&hg.g, cpu), 0);
			break;
		default:
			if (lps_test_below(4) == 0)
				LPS_CHECK(lps_host_reclaim_all(&hs_host.h,
							       &res) >= 0);
			break;
		}
	}
	LPS_CHECK_EQ(lps_flush_all(&hg.g), 0);
	for (pfn = 0; pfn < FIX_FRAMES; pfn++) {
		int g = lps_get_state(&hg.g, pfn);

		if (g != (int)fix_usage(&hs_host, pfn))
			mismatches++;
		LPS_CHECK_EQ(g, fix_usage(&hs_host, pfn));
	}
	LPS_CHECK_EQ(hs_host.h.cnt.rejected, 0);
	printf("random: %u steps, %u discards found, %u mismatches\n", steps,
	       discards, mismatches);
}

#endif /* HARNESS_SCENARIO_H */
