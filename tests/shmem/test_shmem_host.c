// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_shmem_host.c - the host side of the table against a guest that
 * lies: finding the table, every header field a malicious guest could set,
 * the drop cycle (scan, claim, commit, abort), recovery of a dead host's
 * claims, and a seeded random run of guest and host against a reference.
 */
#include "lps_test.h"			/* LPS_CHECK, lps_test_seed */
#include "shmem/lps_shmem_guest.h"	/* the guest that writes the table */
#include <pagestates/host/lps_shmem_host.h>	/* the API under test */

#define NFRAMES		64u
#define PAGE		4096u
#define HDR_GPA		(60u * PAGE)	/* header and table live in RAM */
#define TBL_GPA		(61u * PAGE)
#define HOW		(LPS_RECLAIM_UNUSED | LPS_RECLAIM_VOLATILE)

static uint8_t ram_mem[NFRAMES * PAGE] __attribute__((aligned(4096)));
static struct lps_shmem_region ram = { ram_mem, sizeof(ram_mem), 0 };
static struct lps_shmem_guest g;

static struct lps_shmem_hdr *hdr_at(uint64_t gpa)
{
	return (struct lps_shmem_hdr *)(void *)(ram_mem + gpa);
}

static void guest_boot(void)
{
	memset(ram_mem, 0, sizeof(ram_mem));
	LPS_CHECK_EQ(lps_shmem_guest_setup(&g, hdr_at(HDR_GPA), HDR_GPA,
					   (uint32_t *)(void *)(ram_mem +
								TBL_GPA),
					   TBL_GPA, 0, NFRAMES), 0);
}

static uint32_t w(uint64_t pfn)
{
	return lps_shmem_load(&g.words[pfn]);
}

static void set_w(uint64_t pfn, uint32_t v)
{
	g.words[pfn] = lps_le32(v);
}

static void guest_mark(uint64_t pfn, uint32_t count, enum lps_usage u)
{
	struct lps_batch b;

	memset(&b, 0, sizeof(b));
	b.hdr.magic = lps_le32(LPS_BATCH_MAGIC);
	b.hdr.version = lps_le16(LPS_BATCH_VERSION);
	b.hdr.nr = lps_le16(1);
	b.range[0].pfn = lps_le64(pfn);
	b.range[0].count = lps_le32(count);
	b.range[0].usage = lps_le32((uint32_t)u);
	LPS_CHECK_EQ(lps_shmem_guest_submit(&g, &b), 0);
}

static void test_find(void)
{
	struct lps_shmem_region r0 = ram;
	uint64_t gpa = 0;
	struct lps_shmem_hdr *h2 = hdr_at(10 * PAGE);

	guest_boot();
	LPS_CHECK_EQ(lps_shmem_host_find(&ram, &ram, &gpa), 0);
	LPS_CHECK_EQ(gpa, HDR_GPA);

	/* A planted copy with a matching self-address: ambiguous. */
	memcpy(h2, hdr_at(HDR_GPA), sizeof(*h2));
	h2->hdr_gpa = lps_le64(10 * PAGE);
	LPS_CHECK_EQ(lps_shmem_host_find(&ram, &ram, &gpa), -LPS_EPROTO);
	/* One that lies about where it is does not count. */
	h2->hdr_gpa = lps_le64(HDR_GPA);
	gpa = 0;
	LPS_CHECK_EQ(lps_shmem_host_find(&ram, &ram, &gpa), 0);
	LPS_CHECK_EQ(gpa, HDR_GPA);

	/* The real one gone: nothing valid. */
	hdr_at(HDR_GPA)->version = lps_le16(2);
	LPS_CHECK_EQ(lps_shmem_host_find(&ram, &ram, &gpa), -LPS_ENOTSUP);
	memset(ram_mem, 0, sizeof(ram_mem));
	LPS_CHECK_EQ(lps_shmem_host_find(&ram, &ram, &gpa), -LPS_ENOTSUP);

	/* Regions that cannot be right. */
	LPS_CHECK_EQ(lps_shmem_host_find(NULL, &ram, &gpa), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_shmem_host_find(&ram, NULL, &gpa), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_shmem_host_find(&ram, &ram, NULL), -LPS_EINVAL);
	r0.base = ram_mem + 4;
	LPS_CHECK_EQ(lps_shmem_host_find(&r0, &ram, &gpa), -LPS_EINVAL);
	r0 = ram;
	r0.len = 0;
	LPS_CHECK_EQ(lps_shmem_host_find(&r0, &ram, &gpa), -LPS_EINVAL);
	r0 = ram;
	r0.gpa = ~0ull - 100;
	LPS_CHECK_EQ(lps_shmem_host_find(&r0, &ram, &gpa), -LPS_EINVAL);
	r0 = ram;
	r0.gpa = 4;
	LPS_CHECK_EQ(lps_shmem_host_find(&r0, &ram, &gpa), -LPS_EINVAL);
}

/* Every header lie a guest can tell: refused, the host left untouched. */
static void test_attach_bad(void)
{
	struct lps_shmem_host h, poison;
	struct lps_shmem_hdr *hd = hdr_at(HDR_GPA);
	struct lps_shmem_region small = ram;

	memset(&poison, 0x5a, sizeof(poison));
#define BAD(ret, mutate, at)						\
	do {								\
		guest_boot();						\
		mutate;							\
		h = poison;						\
		LPS_CHECK_EQ(lps_shmem_host_attach(&h, &ram, &ram, at),	\
			     ret);					\
		LPS_CHECK(!memcmp(&h, &poison, sizeof(h)));		\
		LPS_CHECK_EQ(hd->host_epoch, 0);			\
	} while (0)
	BAD(-LPS_EPROTO, hd->magic = __builtin_bswap64(hd->magic), HDR_GPA);
	BAD(-LPS_EPROTO, hd->version = lps_le16(2), HDR_GPA);
	BAD(-LPS_EPROTO, hd->hdr_bytes = lps_le16(4096), HDR_GPA);
	BAD(-LPS_EPROTO, hd->word_bytes = lps_le16(8), HDR_GPA);
	BAD(-LPS_EPROTO, hd->page_shift = lps_le16(16), HDR_GPA);
	BAD(-LPS_EPROTO, hd->flags = lps_le32(1), HDR_GPA);
	BAD(-LPS_EPROTO, hd->reserved = lps_le64(1), HDR_GPA);
	BAD(-LPS_EPROTO, hd->hdr_gpa = lps_le64(0), HDR_GPA);
	BAD(-LPS_EPROTO, hd->nframes = 0, HDR_GPA);
	BAD(-LPS_EPROTO, hd->nframes = lps_le64(NFRAMES + 1), HDR_GPA);
	BAD(-LPS_EPROTO, hd->nframes = lps_le64(1ull << 62), HDR_GPA);
	BAD(-LPS_EPROTO, hd->nframes = lps_le64(~0ull), HDR_GPA);
	BAD(-LPS_EPROTO, hd->table_gpa = lps_le64(TBL_GPA + 2), HDR_GPA);
	BAD(-LPS_EPROTO, hd->table_gpa = lps_le64(sizeof(ram_mem) - 128),
	    HDR_GPA);
	BAD(-LPS_EPROTO, hd->table_gpa = lps_le64(~0ull - 3), HDR_GPA);
	BAD(-LPS_EPROTO, hd->table_gpa = lps_le64(HDR_GPA + 64), HDR_GPA);
	BAD(-LPS_EPROTO, hd->table_gpa = lps_le64(HDR_GPA - 128), HDR_GPA);
	BAD(-LPS_EPROTO, hd->frame0_gpa = lps_le64(8), HDR_GPA);
	BAD(-LPS_EPROTO, hd->frame0_gpa = lps_le64(PAGE), HDR_GPA);
	BAD(-LPS_EPROTO, hd->frame0_gpa = lps_le64(~0ull << 12), HDR_GPA);
	BAD(-LPS_EINVAL, (void)0, HDR_GPA + 8);
	BAD(-LPS_ERANGE, (void)0, sizeof(ram_mem));
	BAD(-LPS_ERANGE, (void)0, ~0ull << 12);
#undef BAD
	guest_boot();
	h = poison;
	LPS_CHECK_EQ(lps_shmem_host_attach(NULL, &ram, &ram, HDR_GPA),
		     -LPS_EINVAL);
	LPS_CHECK_EQ(lps_shmem_host_attach(&h, NULL, &ram, HDR_GPA),
		     -LPS_EINVAL);
	LPS_CHECK_EQ(lps_shmem_host_attach(&h, &ram, NULL, HDR_GPA),
		     -LPS_EINVAL);
	/* The frames must fit the RAM mapping actually given. */
	small.len = 32 * PAGE;
	LPS_CHECK_EQ(lps_shmem_host_attach(&h, &ram, &small, HDR_GPA),
		     -LPS_EPROTO);
	LPS_CHECK(!memcmp(&h, &poison, sizeof(h)));
}

static void test_attach_apart(void)
{
	/* The table in its own region (ivshmem), far from RAM. */
	static uint8_t shm[2 * PAGE] __attribute__((aligned(4096)));
	struct lps_shmem_region tbl = { shm, sizeof(shm), 1ull << 40 };
	struct lps_shmem_guest g2;
	struct lps_shmem_host h;
	uint64_t gpa = 0;

	LPS_CHECK_EQ(lps_shmem_guest_setup(&g2, (void *)shm, 1ull << 40,
					   (uint32_t *)(void *)(shm + PAGE),
					   (1ull << 40) + PAGE, 0, NFRAMES),
		     0);
	LPS_CHECK_EQ(lps_shmem_host_find(&tbl, &ram, &gpa), 0);
	LPS_CHECK_EQ(gpa, 1ull << 40);
	LPS_CHECK_EQ(lps_shmem_host_attach(&h, &tbl, &ram, gpa), 0);
	LPS_CHECK_EQ(h.nframes, NFRAMES);
	/* Nothing of RAM holds the table, so nothing is kept back. */
	LPS_CHECK_EQ(h.keep_hi[0] + h.keep_hi[1], 0);
	/* The header or table cannot sit in RAM when RAM is not @tbl. */
	LPS_CHECK_EQ(lps_shmem_host_attach(&h, &ram, &ram, gpa),
		     -LPS_ERANGE);
}

static void test_drop_cycle(void)
{
	struct lps_shmem_host h, h2;
	struct lps_shmem_claim c;
	uint64_t pfn = 99;
	lps_fstate_t st;

	guest_boot();
	LPS_CHECK_EQ(lps_shmem_host_attach(&h, &ram, &ram, HDR_GPA), 0);
	LPS_CHECK_EQ(h.epoch, 1);
	LPS_CHECK_EQ(lps_shmem_load(&g.hdr->host_epoch), 1);
	LPS_CHECK_EQ(lps_shmem_host_scan(&h, HOW, &pfn), 0);
	LPS_CHECK_EQ(pfn, 99);

	guest_mark(4, 3, LPS_UNUSED);
	guest_mark(8, 2, LPS_VOLATILE);
	guest_mark(12, 1, LPS_POT_VOLATILE);	/* never dropped here */
	guest_mark(60, 2, LPS_UNUSED);		/* the table's own frames */
	LPS_CHECK_EQ(lps_shmem_host_scan(&h, LPS_RECLAIM_VOLATILE, &pfn), 1);
	LPS_CHECK_EQ(pfn, 8);
	LPS_CHECK_EQ(lps_shmem_host_scan(&h, HOW, &pfn), 1);
	LPS_CHECK_EQ(pfn, 9);
	LPS_CHECK_EQ(lps_shmem_host_scan(&h, HOW, &pfn), 1);
	LPS_CHECK_EQ(pfn, 4);	/* wrapped, skipping 60 and 61 */

	/* A run stops at the first frame it may not take. */
	LPS_CHECK_EQ(lps_shmem_host_claim(&h, 4, 100, HOW, &c), 0);
	LPS_CHECK_EQ(c.pfn, 4);
	LPS_CHECK_EQ(c.count, 3);
	LPS_CHECK_EQ(c.offset, 4 * PAGE);
	LPS_CHECK_EQ(c.len, 3 * PAGE);
	LPS_CHECK_EQ(c.flags, 0);
	LPS_CHECK(lps_shmem_claimed_by(w(5), 1));
	/* The guest waits on a claim; the host side shows it as dropped. */
	LPS_CHECK_EQ(lps_shmem_host_get_state(&h, 5, &st), 0);
	LPS_CHECK_EQ(st, LPS_FS(LPS_UNUSED, LPS_ZERO, 0));
	/* A claimed frame is not claimable again. */
	LPS_CHECK_EQ(lps_shmem_host_claim(&h, 5, 1, HOW, &c), -LPS_EBUSY);
	LPS_CHECK_EQ(lps_shmem_host_claim(&h, 4, 100, HOW, &c), -LPS_EBUSY);
	c.pfn = 4;
	c.count = 3;
	c.flags = 0;
	LPS_CHECK_EQ(lps_shmem_host_commit(&h, &c), 0);
	LPS_CHECK_EQ(w(4), lps_shmem_word(LPS_UNUSED, LPS_ZERO));
	LPS_CHECK_EQ(w(6), lps_shmem_word(LPS_UNUSED, LPS_ZERO));
	LPS_CHECK_EQ(h.cnt.drop_unused, 3);
	LPS_CHECK_EQ(lps_shmem_load(&g.hdr->hcnt[LPS_SHMEM_H_DROP_UNUSED]), 3);
	/* Committing again: the claim is gone, the guest's words kept. */
	LPS_CHECK_EQ(lps_shmem_host_commit(&h, &c), -LPS_EPROTO);
	LPS_CHECK_EQ(w(4), lps_shmem_word(LPS_UNUSED, LPS_ZERO));
	LPS_CHECK_EQ(h.cnt.corrupt, 3);

	/* Volatile: a failed punch gives it back; a good one drops it. */
	LPS_CHECK_EQ(lps_shmem_host_claim(&h, 8, 2, HOW, &c), 0);
	LPS_CHECK_EQ(lps_shmem_host_abort(&h, &c), 0);
	LPS_CHECK_EQ(w(8), lps_shmem_word(LPS_VOLATILE, LPS_RESIDENT));
	LPS_CHECK_EQ(h.cnt.aborts, 2);
	LPS_CHECK_EQ(lps_shmem_host_claim(&h, 8, 2, HOW, &c), 0);
	LPS_CHECK_EQ(lps_shmem_host_commit(&h, &c), 0);
	LPS_CHECK_EQ(h.cnt.drop_volatile, 2);
	LPS_CHECK_EQ(lps_shmem_guest_make_stable(&g, 8, 1), LPS_R_DISCARDED);
	LPS_CHECK_EQ(lps_shmem_guest_make_stable(&g, 4, 3), 0);

	/* Refusals, each changing nothing. */
	LPS_CHECK_EQ(lps_shmem_host_claim(&h, 12, 1, HOW, &c), -LPS_EBUSY);
	LPS_CHECK_EQ(lps_shmem_host_claim(&h, 0, 1, HOW, &c), -LPS_EBUSY);
	LPS_CHECK_EQ(lps_shmem_host_claim(&h, 60, 1, HOW, &c), -LPS_EPERM);
	LPS_CHECK_EQ(lps_shmem_host_claim(&h, NFRAMES, 1, HOW, &c),
		     -LPS_ERANGE);
	LPS_CHECK_EQ(lps_shmem_host_claim(&h, 9, 0, HOW, &c), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_shmem_host_claim(&h, 9, 1, 0, &c), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_shmem_host_claim(&h, 9, 1, 8, &c), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_shmem_host_claim(&h, 9, 1, HOW, NULL), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_shmem_host_claim(NULL, 9, 1, HOW, &c), -LPS_EINVAL);
	set_w(20, 0x40);
	LPS_CHECK_EQ(lps_shmem_host_claim(&h, 20, 1, HOW, &c), -LPS_EPROTO);
	LPS_CHECK_EQ(w(20), 0x40);
	LPS_CHECK_EQ(lps_shmem_host_get_state(&h, 20, &st), -LPS_EPROTO);
	LPS_CHECK_EQ(lps_shmem_host_get_state(&h, NFRAMES, &st), -LPS_ERANGE);
	LPS_CHECK_EQ(lps_shmem_host_get_state(&h, 0, NULL), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_shmem_host_scan(&h, 0, &pfn), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_shmem_host_scan(&h, HOW, NULL), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_shmem_host_scan(NULL, HOW, &pfn), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_shmem_host_get_state(NULL, 0, &st), -LPS_EINVAL);
	c.pfn = NFRAMES - 1;
	c.count = 2;
	LPS_CHECK_EQ(lps_shmem_host_commit(&h, &c), -LPS_ERANGE);
	c.count = 0;
	LPS_CHECK_EQ(lps_shmem_host_commit(&h, &c), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_shmem_host_abort(&h, NULL), -LPS_EINVAL);
	c.pfn = 9;
	c.count = 1;
	c.flags = 2;
	LPS_CHECK_EQ(lps_shmem_host_commit(&h, &c), -LPS_EINVAL);
	LPS_CHECK_EQ(w(9), lps_shmem_word(LPS_VOLATILE, LPS_ZERO));

	/* A second attach is a new epoch. */
	LPS_CHECK_EQ(lps_shmem_host_attach(&h2, &ram, &ram, HDR_GPA), 0);
	LPS_CHECK_EQ(h2.epoch, 2);
}

static void test_recover(void)
{
	struct lps_shmem_host dead, h;
	struct lps_shmem_claim c;

	guest_boot();
	guest_mark(3, 1, LPS_VOLATILE);
	guest_mark(5, 1, LPS_UNUSED);
	LPS_CHECK_EQ(lps_shmem_host_attach(&dead, &ram, &ram, HDR_GPA), 0);
	LPS_CHECK_EQ(lps_shmem_host_claim(&dead, 3, 1, HOW, &c), 0);
	LPS_CHECK_EQ(lps_shmem_host_claim(&dead, 5, 1, HOW, &c), 0);
	/* A claim the guest forged on the table's own frame. */
	set_w(61, lps_shmem_word(LPS_UNUSED, LPS_RESIDENT) |
		  lps_shmem_claim_bits(1));
	/* The dead host's claims are live until someone new attaches. */
	LPS_CHECK_EQ(lps_shmem_guest_next(w(3), LPS_STABLE,
					  lps_shmem_guest_epoch(&g), &c.flags),
		     LPS_SHMEM_WAIT);

	LPS_CHECK_EQ(lps_shmem_host_attach(&h, &ram, &ram, HDR_GPA), 0);
	LPS_CHECK_EQ(lps_shmem_host_recover(&h, &c), 1);
	LPS_CHECK_EQ(c.pfn, 3);
	LPS_CHECK_EQ(c.count, 1);
	LPS_CHECK_EQ(c.flags, LPS_SHMEM_CLAIM_RECOVERED);
	LPS_CHECK(lps_shmem_claimed_by(w(3), 2));
	/* Content unknown: a failed punch still commits it. */
	LPS_CHECK_EQ(lps_shmem_host_abort(&h, &c), 0);
	LPS_CHECK_EQ(w(3), lps_shmem_word(LPS_VOLATILE, LPS_ZERO));
	LPS_CHECK_EQ(h.cnt.aborts, 0);
	LPS_CHECK_EQ(h.cnt.drop_volatile, 1);
	LPS_CHECK_EQ(lps_shmem_host_commit(&h, &c), -LPS_EPROTO);

	/* The guest resolves frame 5 itself before the host gets there. */
	LPS_CHECK_EQ(lps_shmem_guest_make_stable(&g, 5, 1), 0);
	LPS_CHECK_EQ(lps_shmem_load(&g.hdr->gcnt[LPS_SHMEM_G_TAKEOVERS]), 1);
	LPS_CHECK_EQ(lps_shmem_host_recover(&h, &c), 0);
	/* The forged claim on the table was cleared, never handed out. */
	LPS_CHECK_EQ(w(61), lps_shmem_word(LPS_UNUSED, LPS_RESIDENT));
	LPS_CHECK_EQ(h.cnt.recovered, 1);
	LPS_CHECK_EQ(h.cnt.corrupt, 2);	/* the second commit, the forgery */
	LPS_CHECK_EQ(lps_shmem_host_recover(NULL, &c), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_shmem_host_recover(&h, NULL), -LPS_EINVAL);
}

/* Guest and host in a seeded random order against a reference model. */
static void test_random(void)
{
	struct ref {
		uint32_t usage;
		bool zero;
	} ref[NFRAMES];
	struct lps_shmem_host h;
	uint64_t i, step;

	lps_test_seed(20261123);
	guest_boot();
	memset(ref, 0, sizeof(ref));
	LPS_CHECK_EQ(lps_shmem_host_attach(&h, &ram, &ram, HDR_GPA), 0);
	for (step = 0; step < 20000; step++) {
		uint64_t pfn = lps_test_below(60), n = 1 + lps_test_below(4);
		struct lps_shmem_claim c;
		int ret, want = 0;

		if (pfn + n > 60)
			n = 60 - pfn;
		switch (lps_test_below(4)) {
		case 0:	/* free */
			guest_mark(pfn, (uint32_t)n, LPS_UNUSED);
			for (i = pfn; i < pfn + n; i++)
				ref[i].usage = LPS_UNUSED;
			break;
		case 1:	/* allocate or look up: make-stable */
			for (i = pfn; i < pfn + n; i++)
				if (ref[i].usage == LPS_VOLATILE && ref[i].zero)
					want = LPS_R_DISCARDED;
			LPS_CHECK_EQ(lps_shmem_guest_make_stable(&g, pfn, n),
				     want);
			for (i = pfn; i < pfn + n; i++) {
				ref[i].usage = LPS_STABLE;
				ref[i].zero = false;
			}
			break;
		case 2:	/* page cache: volatile, if none is free */
			for (i = pfn; i < pfn + n; i++)
				if (ref[i].usage == LPS_UNUSED)
					want = -LPS_EPERM;
			if (want)
				break;
			guest_mark(pfn, (uint32_t)n, LPS_VOLATILE);
			for (i = pfn; i < pfn + n; i++)
				ref[i].usage = LPS_VOLATILE;
			break;
		default: /* the host drops a run, or fails to */
			if (lps_shmem_host_scan(&h, HOW, &pfn) != 1)
				break;
			ret = lps_shmem_host_claim(&h, pfn, n, HOW, &c);
			LPS_CHECK_EQ(ret, 0);
			if (ret)
				break;
			for (i = c.pfn; i < c.pfn + c.count; i++)
				LPS_CHECK(ref[i].usage != LPS_STABLE &&
					  !ref[i].zero);
			if (lps_test_below(4)) {
				LPS_CHECK_EQ(lps_shmem_host_commit(&h, &c), 0);
				for (i = c.pfn; i < c.pfn + c.count; i++)
					ref[i].zero = true;
			} else {
				LPS_CHECK_EQ(lps_shmem_host_abort(&h, &c), 0);
			}
		}
		for (i = 0; i < 60; i++)
			if (w(i) != lps_shmem_word(ref[i].usage, ref[i].zero ?
						   LPS_ZERO : LPS_RESIDENT)) {
				LPS_CHECK_EQ(w(i), ~0u);
				return;
			}
	}
	printf("random: %" PRIu64 " claims, %" PRIu64 " unused and %" PRIu64
	       " volatile drops, %" PRIu64 " aborts\n", h.cnt.claims,
	       h.cnt.drop_unused, h.cnt.drop_volatile, h.cnt.aborts);
	LPS_CHECK(h.cnt.drop_unused > 0 && h.cnt.drop_volatile > 0);
}

/*
 * Headers a guest may scribble: random fields set to random or boundary
 * values.  Attach either refuses or yields a table and frames that lie
 * inside the mappings (ASan watches every access of the variant).
 */
static void test_header_fuzz(void)
{
	static const uint64_t edge[] = {
		0, 1, 4, PAGE - 1, PAGE, HDR_GPA, TBL_GPA, NFRAMES,
		NFRAMES + 1, sizeof(ram_mem) - 4, sizeof(ram_mem),
		1ull << 52, ~0ull >> 12, ~0ull - 3, ~0ull,
	};
	struct lps_shmem_host h;
	struct lps_shmem_hdr *hd = hdr_at(HDR_GPA);
	uint64_t i, accepted = 0;

	for (i = 0; i < 20000; i++) {
		uint64_t v = lps_test_below(2) ? lps_test_rand() :
			     edge[lps_test_below(sizeof(edge) /
						 sizeof(edge[0]))];
		uint64_t k, n = 1 + lps_test_below(3);
		int ret;

		guest_boot();
		for (k = 0; k < n; k++) {
			switch (lps_test_below(7)) {
			case 0: hd->nframes = lps_le64(v); break;
			case 1: hd->table_gpa = lps_le64(v); break;
			case 2: hd->frame0_gpa = lps_le64(v); break;
			case 3: hd->hdr_gpa = lps_le64(v); break;
			case 4: hd->page_shift = lps_le16((uint16_t)v); break;
			case 5: hd->host_epoch = lps_le32((uint32_t)v); break;
			default: hd->gcnt[v % 8] = (uint32_t)v; break;
			}
		}
		ret = lps_shmem_host_attach(&h, &ram, &ram, HDR_GPA);
		LPS_CHECK(ret == 0 || ret == -LPS_EPROTO);
		if (ret)
			continue;
		accepted++;
		LPS_CHECK((uint8_t *)h.words >= ram_mem &&
			  (uint8_t *)(h.words + h.nframes) <=
			  ram_mem + sizeof(ram_mem));
		LPS_CHECK(h.ram_off0 + h.nframes * PAGE <= sizeof(ram_mem));
		/* Whatever was accepted can be scanned end to end. */
		while (lps_shmem_host_scan(&h, HOW, &k) == 1 &&
		       lps_shmem_host_claim(&h, k, 8, HOW, &(struct
				lps_shmem_claim){ 0 }) == 0)
			;
	}
	printf("header fuzz: %" PRIu64 " of 20000 accepted\n", accepted);
	LPS_CHECK(accepted > 0);
}

int main(void)
{
	test_find();
	test_attach_bad();
	test_attach_apart();
	test_drop_cycle();
	test_recover();
	test_random();
	test_header_fuzz();
	return lps_test_done();
}
