// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_shmem_runs.c - the host side of the shared state table on long
 * runs: a claim covers every droppable frame in a row and ends exactly at
 * the first it may not take (a frame the guest kept or took back, the
 * table's own frames, the caller's maximum, the table's end); the fast
 * scan and recovery find a lone frame among thousands of others; a commit
 * of a run leaves alone a word a broken guest rewrote, and does on every
 * possible word what the proven word steps say.
 */
#include "lps_test.h"			/* LPS_CHECK */
#include "shmem/lps_shmem_guest.h"	/* the guest half */
#include <pagestates/host/lps_shmem_host.h>	/* under test */

#define NFRAMES		4096u		/* 16 MiB: runs far beyond one
					 * look-ahead of the claim */
#define PAGE		4096u
#define HDR_PFN		3000u		/* header and table inside RAM */
#define TBL_PFN		3001u		/* 4 frames of table */
#define HOW		(LPS_RECLAIM_UNUSED | LPS_RECLAIM_VOLATILE)

static uint8_t ram_mem[NFRAMES * PAGE] __attribute__((aligned(4096)));
static struct lps_shmem_region ram = { ram_mem, sizeof(ram_mem), 0 };
static struct lps_shmem_guest g;
static struct lps_shmem_host h;

static uint32_t w(uint64_t pfn)
{
	return lps_shmem_load(&g.words[pfn]);
}

static void set_w(uint64_t pfn, uint32_t v)
{
	g.words[pfn] = lps_le32(v);
}

static void mark(uint64_t pfn, uint64_t count, uint32_t usage)
{
	uint64_t i;

	for (i = pfn; i < pfn + count; i++)
		set_w(i, lps_shmem_word(usage, LPS_RESIDENT));
}

static void boot(void)
{
	memset(ram_mem, 0, sizeof(ram_mem));
	LPS_CHECK_EQ(lps_shmem_guest_setup(&g, (void *)(ram_mem +
							HDR_PFN * PAGE),
					   HDR_PFN * PAGE,
					   (uint32_t *)(void *)(ram_mem +
								TBL_PFN *
								PAGE),
					   TBL_PFN * PAGE, 0, NFRAMES), 0);
	LPS_CHECK_EQ(lps_shmem_host_attach(&h, &ram, &ram, HDR_PFN * PAGE),
		     0);
}

static void test_long_run(void)
{
	struct lps_shmem_claim c;
	uint64_t pfn = 0, i;

	boot();
	mark(10, 2000, LPS_UNUSED);
	mark(1200, 300, LPS_VOLATILE);	/* usage may change within a run */
	LPS_CHECK_EQ(lps_shmem_host_scan(&h, HOW, &pfn), 1);
	LPS_CHECK_EQ(pfn, 10);
	LPS_CHECK_EQ(lps_shmem_host_claim(&h, pfn, NFRAMES, HOW, &c), 0);
	LPS_CHECK_EQ(c.pfn, 10);
	LPS_CHECK_EQ(c.count, 2000);
	LPS_CHECK_EQ(c.offset, 10ull * PAGE);
	LPS_CHECK_EQ(c.len, 2000ull * PAGE);
	LPS_CHECK(lps_shmem_claimed_by(w(2009), h.epoch));
	LPS_CHECK_EQ(w(2010), 0);
	LPS_CHECK_EQ(lps_shmem_host_commit(&h, &c), 0);
	for (i = 10; i < 2010; i++) {
		uint32_t u = i >= 1200 && i < 1500 ? LPS_VOLATILE : LPS_UNUSED;

		if (w(i) != lps_shmem_word(u, LPS_ZERO)) {
			LPS_CHECK_EQ(w(i), lps_shmem_word(u, LPS_ZERO));
			break;
		}
	}
	LPS_CHECK_EQ(h.cnt.drop_unused, 1700);
	LPS_CHECK_EQ(h.cnt.drop_volatile, 300);
	LPS_CHECK_EQ(lps_shmem_load(&g.hdr->hcnt[LPS_SHMEM_H_DROP_VOLATILE]),
		     300);
	LPS_CHECK_EQ(lps_shmem_guest_make_stable(&g, 1300, 1),
		     LPS_R_DISCARDED);
	LPS_CHECK_EQ(lps_shmem_guest_make_stable(&g, 1600, 1), 0);
	/* Nothing droppable is left: a whole pass over 4096 words says so. */
	LPS_CHECK_EQ(lps_shmem_host_scan(&h, HOW, &pfn), 0);
}

/* Every reason a run ends, each exactly at its frame. */
static void test_run_cuts(void)
{
	struct lps_shmem_claim c;

	boot();
	mark(0, 3000, LPS_UNUSED);
	set_w(700, lps_shmem_word(LPS_STABLE, LPS_RESIDENT));
	set_w(1500, lps_shmem_word(LPS_POT_VOLATILE, LPS_RESIDENT));
	set_w(1800, lps_shmem_word(LPS_UNUSED, LPS_ZERO));
	set_w(2100, 0x4000000u);		/* corrupt */

	LPS_CHECK_EQ(lps_shmem_host_claim(&h, 0, 300, HOW, &c), 0);
	LPS_CHECK_EQ(c.count, 300);		/* the caller's maximum */
	LPS_CHECK_EQ(w(300), lps_shmem_word(LPS_UNUSED, LPS_RESIDENT));
	LPS_CHECK_EQ(lps_shmem_host_claim(&h, 300, NFRAMES, HOW, &c), 0);
	LPS_CHECK_EQ(c.count, 400);		/* a stable frame */
	LPS_CHECK_EQ(lps_shmem_host_claim(&h, 701, NFRAMES, HOW, &c), 0);
	LPS_CHECK_EQ(c.count, 799);		/* never pot. volatile */
	LPS_CHECK_EQ(lps_shmem_host_claim(&h, 1501, NFRAMES, HOW, &c), 0);
	LPS_CHECK_EQ(c.count, 299);		/* not dropped twice */
	LPS_CHECK_EQ(lps_shmem_host_claim(&h, 1801, NFRAMES,
					  LPS_RECLAIM_VOLATILE, &c),
		     -LPS_EBUSY);		/* unused, not asked for */
	LPS_CHECK_EQ(lps_shmem_host_claim(&h, 1801, NFRAMES, HOW, &c), 0);
	LPS_CHECK_EQ(c.count, 299);		/* a corrupt word */
	LPS_CHECK_EQ(w(2100), 0x4000000u);
	LPS_CHECK_EQ(lps_shmem_host_claim(&h, 2100, 1, HOW, &c),
		     -LPS_EPROTO);
	LPS_CHECK_EQ(lps_shmem_host_claim(&h, 2101, NFRAMES, HOW, &c), 0);
	LPS_CHECK_EQ(c.count, HDR_PFN - 2101);	/* the table's frames */
	LPS_CHECK_EQ(lps_shmem_host_claim(&h, HDR_PFN, 1, HOW, &c),
		     -LPS_EPERM);
	mark(NFRAMES - 50, 50, LPS_VOLATILE);
	LPS_CHECK_EQ(lps_shmem_host_claim(&h, NFRAMES - 50, NFRAMES, HOW,
					  &c), 0);
	LPS_CHECK_EQ(c.count, 50);		/* the table's end */
}

/* The guest takes a frame back after the scan: the claim stops there. */
static void test_taken_back(void)
{
	struct lps_shmem_claim c;
	uint64_t pfn;

	boot();
	mark(100, 1000, LPS_VOLATILE);
	LPS_CHECK_EQ(lps_shmem_host_scan(&h, HOW, &pfn), 1);
	LPS_CHECK_EQ(pfn, 100);
	LPS_CHECK_EQ(lps_shmem_guest_make_stable(&g, 900, 1), 0);
	LPS_CHECK_EQ(lps_shmem_host_claim(&h, pfn, NFRAMES, HOW, &c), 0);
	LPS_CHECK_EQ(c.count, 800);
	LPS_CHECK_EQ(w(900), lps_shmem_word(LPS_STABLE, LPS_RESIDENT));
	LPS_CHECK_EQ(lps_shmem_host_commit(&h, &c), 0);
	LPS_CHECK_EQ(w(900), lps_shmem_word(LPS_STABLE, LPS_RESIDENT));
}

/* A broken guest rewrites a claimed word: the rest still commits. */
static void test_broken_commit(void)
{
	struct lps_shmem_claim c;

	boot();
	mark(0, 600, LPS_UNUSED);
	LPS_CHECK_EQ(lps_shmem_host_claim(&h, 0, NFRAMES, HOW, &c), 0);
	LPS_CHECK_EQ(c.count, 600);
	set_w(333, lps_shmem_word(LPS_STABLE, LPS_RESIDENT));
	LPS_CHECK_EQ(lps_shmem_host_commit(&h, &c), -LPS_EPROTO);
	LPS_CHECK_EQ(w(333), lps_shmem_word(LPS_STABLE, LPS_RESIDENT));
	LPS_CHECK_EQ(w(332), lps_shmem_word(LPS_UNUSED, LPS_ZERO));
	LPS_CHECK_EQ(w(599), lps_shmem_word(LPS_UNUSED, LPS_ZERO));
	LPS_CHECK_EQ(h.cnt.drop_unused, 599);
	LPS_CHECK_EQ(h.cnt.corrupt, 1);
}

/* One frame among thousands: scan and recovery find it, junk counted. */
static void test_needle(void)
{
	struct lps_shmem_host dead;
	struct lps_shmem_claim c;
	uint64_t pfn = 0;

	boot();
	mark(2777, 1, LPS_VOLATILE);
	set_w(1234, 0x10000u);			/* bits no word has */
	h.cursor = 2778;			/* wraps to find it */
	LPS_CHECK_EQ(lps_shmem_host_scan(&h, LPS_RECLAIM_UNUSED, &pfn), 0);
	LPS_CHECK_EQ(h.cnt.corrupt, 1);
	LPS_CHECK_EQ(lps_shmem_host_scan(&h, HOW, &pfn), 1);
	LPS_CHECK_EQ(pfn, 2777);
	LPS_CHECK_EQ(h.cursor, 2778);

	dead = h;
	LPS_CHECK_EQ(lps_shmem_host_claim(&dead, 2777, 8, HOW, &c), 0);
	LPS_CHECK_EQ(c.count, 1);
	LPS_CHECK_EQ(lps_shmem_host_attach(&h, &ram, &ram, HDR_PFN * PAGE),
		     0);
	LPS_CHECK_EQ(lps_shmem_host_recover(&h, &c), 1);
	LPS_CHECK_EQ(c.pfn, 2777);
	LPS_CHECK_EQ(c.flags, LPS_SHMEM_CLAIM_RECOVERED);
	LPS_CHECK_EQ(lps_shmem_host_commit(&h, &c), 0);
	LPS_CHECK_EQ(lps_shmem_host_recover(&h, &c), 0);
	LPS_CHECK_EQ(w(2777), lps_shmem_word(LPS_VOLATILE, LPS_ZERO));
}

/*
 * Commit and abort compare raw words against this host's two claims
 * instead of running the word steps: on every word the bits allow, they
 * must do exactly what lps_shmem_commit_next() / _abort_next() say.
 */
static void test_finish_matches_steps(void)
{
	struct lps_shmem_claim c = { .pfn = 5, .count = 1 };
	uint64_t bad = 0;
	uint32_t x, want;
	int commit;

	boot();
	for (commit = 0; commit < 2; commit++) {
		for (x = 0; x <= 0xffff; x++) {
			int ok = commit ?
				 !lps_shmem_commit_next(x, h.epoch, &want) :
				 !lps_shmem_abort_next(x, h.epoch, &want);
			int ret;

			set_w(5, x);
			ret = commit ? lps_shmem_host_commit(&h, &c) :
			      lps_shmem_host_abort(&h, &c);
			if (ok ? (ret || w(5) != want) :
			    (ret != -LPS_EPROTO || w(5) != x))
				bad++;
		}
	}
	LPS_CHECK_EQ(bad, 0);
	LPS_CHECK_EQ(h.cnt.drop_unused, 1);
	LPS_CHECK_EQ(h.cnt.drop_volatile, 1);
	LPS_CHECK_EQ(h.cnt.aborts, 2);
}

int main(void)
{
	test_long_run();
	test_run_cuts();
	test_taken_back();
	test_broken_commit();
	test_needle();
	test_finish_matches_steps();
	return lps_test_done();
}
