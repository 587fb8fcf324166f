// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_shmem_core.c - the guest core, the shmem port and the host side
 * together: an allocator frees and reallocates heap frames, page-cache
 * frames go volatile and are looked up again, and a host agent drops what
 * the table allows in between.  A lookup must say "discarded" exactly for
 * the cache frames the host dropped, and after a flush the table must
 * agree with the core on every frame.
 */
#define LPS_PORT_FORCE_SHMEM 1	/* the port under test */

#include "lps_test.h"			/* LPS_CHECK, lps_test_seed */
#include "lps_port.h"			/* the shmem port's ops */
#include <pagestates/host/lps_shmem_host.h>	/* the host agent's side */

#define NFRAMES		1024u
#define PAGE		4096u
#define HDR_PFN		1000u		/* header and table at the top */
#define TBL_PFN		1001u
#define HEAP		512u		/* below: allocator; above: cache */
#define CACHE_END	1000u
#define HOW		(LPS_RECLAIM_UNUSED | LPS_RECLAIM_VOLATILE)

static uint8_t ram_mem[NFRAMES * PAGE] __attribute__((aligned(4096)));
static struct lps_shmem_guest table;
static struct lps_port_env env = { .arg = &table };

static const struct lps_page_facts clean_cache_page = {
	.flags = LPS_PF_HAS_MAPPING | LPS_PF_UPTODATE,
	.ref_count = 1,
};

static bool dropped_v[NFRAMES];	/* cache frames the host dropped */
static bool heap_free[NFRAMES];

/* One agent pass; marks the volatile frames it dropped. */
static void host_pass(struct lps_shmem_host *h, uint64_t budget)
{
	struct lps_shmem_claim c;
	uint64_t pfn, f;

	while (lps_shmem_host_recover(h, &c) == 1)
		LPS_CHECK_EQ(lps_shmem_host_commit(h, &c), 0);
	while (budget-- && lps_shmem_host_scan(h, HOW, &pfn) == 1) {
		if (lps_shmem_host_claim(h, pfn, 1 + lps_test_below(8), HOW,
					 &c))
			continue;
		if (!lps_test_below(5)) {	/* the punch failed */
			LPS_CHECK_EQ(lps_shmem_host_abort(h, &c), 0);
			continue;
		}
		for (f = c.pfn; f < c.pfn + c.count; f++) {
			lps_fstate_t st;

			LPS_CHECK_EQ(lps_shmem_host_get_state(h, f, &st), 0);
			LPS_CHECK(f < CACHE_END);
			if (lps_fs_usage(st) == LPS_VOLATILE)
				dropped_v[f] = true;
			else
				LPS_CHECK(f < HEAP && heap_free[f]);
		}
		LPS_CHECK_EQ(lps_shmem_host_commit(h, &c), 0);
	}
}

int main(void)
{
	static struct lps_cpu cpus[2];
	static struct lps_batch batches[2];
	static uint64_t slots[2 * 8];
	static uint32_t words[NFRAMES];
	const struct lps_port_ops *ops = lps_port_ops_get();
	struct lps_guest_config cfg = {
		.sz = sizeof(cfg),
		.port = ops,
		.port_ctx = &env,
		.nframes = NFRAMES,
		.frame_words = words,
		.ncpus = 2,
		.cpus = cpus,
		.batches = batches,
		.discard_slots = slots,
		.discard_cap = 8,
	};
	struct lps_shmem_region ram = { ram_mem, sizeof(ram_mem), 0 };
	struct lps_shmem_host h;
	struct lps_counters cnt;
	struct lps_guest g;
	uint64_t step, pfn, gpa, lookups = 0, discards = 0;

	lps_test_seed(61);
	LPS_CHECK_EQ(lps_shmem_guest_setup(&table,
					   (void *)(ram_mem + HDR_PFN * PAGE),
					   HDR_PFN * PAGE,
					   (uint32_t *)(void *)(ram_mem +
								TBL_PFN * PAGE),
					   TBL_PFN * PAGE, 0, NFRAMES), 0);
	LPS_CHECK_EQ(ops->probe(&env), 0);
	LPS_CHECK_EQ(lps_guest_init(&g, &cfg), 0);
	LPS_CHECK_EQ(lps_shmem_host_find(&ram, &ram, &gpa), 0);
	LPS_CHECK_EQ(lps_shmem_host_attach(&h, &ram, &ram, gpa), 0);

	for (step = 0; step < 200000; step++) {
		uint32_t cpu = (uint32_t)lps_test_below(2);
		int ret;

		pfn = lps_test_below(CACHE_END);
		if (pfn < HEAP) {
			/* The allocator: a free frame back, or one freed. */
			if (heap_free[pfn]) {
				ret = lps_set_stable(&g, cpu, pfn, 0);
				LPS_CHECK_EQ(ret, 0);	/* junk is no loss */
			} else {
				ret = lps_set_unused(&g, cpu, pfn, 0);
				LPS_CHECK_EQ(ret, 0);
			}
			heap_free[pfn] = !heap_free[pfn];
		} else if (lps_get_state(&g, pfn) == LPS_STABLE) {
			ret = lps_try_volatile(&g, cpu, pfn,
					       &clean_cache_page);
			LPS_CHECK_EQ(ret, LPS_VOLATILE);
		} else {
			/* A lookup: discarded exactly when it was dropped. */
			ret = lps_set_stable(&g, cpu, pfn, 0);
			LPS_CHECK_EQ(ret, dropped_v[pfn] ? LPS_R_DISCARDED : 0);
			lookups++;
			discards += ret == LPS_R_DISCARDED;
			dropped_v[pfn] = false;
		}
		if (!lps_test_below(50))
			LPS_CHECK_EQ(lps_flush(&g, cpu), 0);
		if (!lps_test_below(500))
			host_pass(&h, 1 + lps_test_below(64));
	}

	/* Flushed, the table says what the core says, frame by frame. */
	LPS_CHECK_EQ(lps_flush_all(&g), 0);
	for (pfn = 0; pfn < CACHE_END; pfn++) {
		lps_fstate_t st = 0;

		LPS_CHECK_EQ(lps_shmem_guest_get_state(&table, pfn, &st), 0);
		if ((int)lps_fs_usage(st) != lps_get_state(&g, pfn)) {
			LPS_CHECK_EQ(lps_fs_usage(st), lps_get_state(&g, pfn));
			break;
		}
	}
	lps_counters_sum(&g, &cnt);
	printf("%" PRIu64 " lookups, %" PRIu64 " found discarded; host "
	       "dropped %" PRIu64 " unused, %" PRIu64 " volatile, %" PRIu64
	       " aborts\n", lookups, discards, h.cnt.drop_unused,
	       h.cnt.drop_volatile, h.cnt.aborts);
	LPS_CHECK_EQ(cnt.discards_found, discards);
	LPS_CHECK_EQ(lps_shmem_load(&table.hdr->gcnt[LPS_SHMEM_G_DISCARDS]),
		     discards);
	LPS_CHECK(discards > 0 && h.cnt.drop_unused > 0);

	/*
	 * A host stalled between claim and commit: the core's make-stable
	 * gives up with -LPS_ETIMEDOUT and changes nothing (no port error,
	 * the frame still told volatile), and the next call after the
	 * commit finds the discard.
	 */
	for (pfn = HEAP; pfn < CACHE_END; pfn++)
		if (lps_get_state(&g, pfn) == LPS_STABLE)
			break;
	LPS_CHECK(pfn < CACHE_END);
	LPS_CHECK_EQ(lps_try_volatile(&g, 0, pfn, &clean_cache_page),
		     LPS_VOLATILE);
	{
		struct lps_shmem_claim c;
		uint64_t errors = cnt.port_errors;

		LPS_CHECK_EQ(lps_shmem_host_claim(&h, pfn, 1, HOW, &c), 0);
		LPS_CHECK_EQ(c.pfn, pfn);
		LPS_CHECK_EQ(lps_set_stable(&g, 1, pfn, 0), -LPS_ETIMEDOUT);
		LPS_CHECK_EQ(lps_get_state(&g, pfn), LPS_VOLATILE);
		lps_counters_sum(&g, &cnt);
		LPS_CHECK_EQ(cnt.port_errors, errors);
		LPS_CHECK_EQ(lps_shmem_host_commit(&h, &c), 0);
		LPS_CHECK_EQ(lps_set_stable(&g, 1, pfn, 0), LPS_R_DISCARDED);
		LPS_CHECK_EQ(lps_get_state(&g, pfn), LPS_STABLE);
	}
	return lps_test_done();
}
