// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_shmem_word.c - the table's ABI (offsets, byte order) and every step
 * function of lps_wire_shmem_word.h against the tables in
 * docs/shmem-protocol.md, over every well-formed word and a sweep of corrupt ones.
 */
#include <stddef.h>		/* offsetof */

#include "lps_test.h"		/* LPS_CHECK, lps_test_done */
#include "shmem/lps_shmem_cas.h"	/* the steps under test */

#define S LPS_STABLE
#define U LPS_UNUSED
#define V LPS_VOLATILE
#define P LPS_POT_VOLATILE
#define RES LPS_RESIDENT
#define ZERO LPS_ZERO

static void test_abi(void)
{
	struct lps_shmem_hdr h;
	uint32_t w = 0, old = 0;
	const uint8_t *b = (const uint8_t *)&w;

	LPS_CHECK_EQ(sizeof(struct lps_shmem_hdr), LPS_SHMEM_HDR_BYTES);
	LPS_CHECK_EQ(offsetof(struct lps_shmem_hdr, version), 8);
	LPS_CHECK_EQ(offsetof(struct lps_shmem_hdr, hdr_bytes), 10);
	LPS_CHECK_EQ(offsetof(struct lps_shmem_hdr, word_bytes), 12);
	LPS_CHECK_EQ(offsetof(struct lps_shmem_hdr, page_shift), 14);
	LPS_CHECK_EQ(offsetof(struct lps_shmem_hdr, flags), 16);
	LPS_CHECK_EQ(offsetof(struct lps_shmem_hdr, host_epoch), 20);
	LPS_CHECK_EQ(offsetof(struct lps_shmem_hdr, nframes), 24);
	LPS_CHECK_EQ(offsetof(struct lps_shmem_hdr, hdr_gpa), 32);
	LPS_CHECK_EQ(offsetof(struct lps_shmem_hdr, table_gpa), 40);
	LPS_CHECK_EQ(offsetof(struct lps_shmem_hdr, frame0_gpa), 48);
	LPS_CHECK_EQ(offsetof(struct lps_shmem_hdr, gcnt), 56);
	LPS_CHECK_EQ(offsetof(struct lps_shmem_hdr, hcnt), 88);
	LPS_CHECK_EQ(offsetof(struct lps_shmem_hdr, reserved), 120);

	/* The magic spells LPSHMTBL in memory, whatever this CPU's order. */
	h.magic = lps_le64(LPS_SHMEM_MAGIC);
	LPS_CHECK(!memcmp(&h.magic, "LPSHMTBL", 8));

	/* A word goes to memory little-endian: usage in the first byte. */
	LPS_CHECK(lps_shmem_cas(&w, &old, lps_shmem_word(V, ZERO) |
				lps_shmem_claim_bits(0x12)));
	LPS_CHECK(!lps_shmem_word_valid(lps_shmem_load(&w)));
	LPS_CHECK_EQ(b[0], 0x2a);
	LPS_CHECK_EQ(b[1], 0x12);
	LPS_CHECK_EQ(b[2] | b[3], 0);
	/* A failed CAS reports what it found, in host order. */
	old = 0;
	LPS_CHECK(!lps_shmem_cas(&w, &old, 1));
	LPS_CHECK_EQ(old, 0x122a);
}

/* Exactly 7 unclaimed and 2 * 256 claimed words are well-formed. */
static void test_valid(void)
{
	uint32_t w, nvalid = 0;

	for (w = 0; w < 0x10000; w++)
		nvalid += lps_shmem_word_valid(w);
	LPS_CHECK_EQ(nvalid, 7 + 2 * 256);
	LPS_CHECK(lps_shmem_word_valid(0));
	LPS_CHECK(!lps_shmem_word_valid(lps_shmem_word(S, ZERO)));
	LPS_CHECK(!lps_shmem_word_valid(lps_shmem_word(V, 1)));
	LPS_CHECK(!lps_shmem_word_valid(lps_shmem_word(V, 3)));
	LPS_CHECK(!lps_shmem_word_valid(0x10));
	LPS_CHECK(!lps_shmem_word_valid(0x100));	/* epoch, no claim */
	LPS_CHECK(!lps_shmem_word_valid(LPS_SHMEM_W_CLAIM)); /* claimed S */
	LPS_CHECK(!lps_shmem_word_valid(lps_shmem_word(P, RES) |
					LPS_SHMEM_W_CLAIM));
	LPS_CHECK(!lps_shmem_word_valid(lps_shmem_word(V, ZERO) |
					LPS_SHMEM_W_CLAIM));
	for (w = 16; w < 32; w++)
		LPS_CHECK(!lps_shmem_word_valid(1u << w));
}

/* docs/shmem-protocol.md section 2, unclaimed words. */
static const struct {
	uint32_t usage, content;
	enum lps_usage to;
	int ret;
	uint32_t nusage, ncontent;
} guest_table[] = {
	{ S, RES,  S, LPS_SHMEM_SAME, S, RES },
	{ S, RES,  U, LPS_SHMEM_SET, U, RES },
	{ S, RES,  V, LPS_SHMEM_SET, V, RES },
	{ S, RES,  P, LPS_SHMEM_SET, P, RES },
	{ U, RES,  S, LPS_SHMEM_SET, S, RES },
	{ U, RES,  U, LPS_SHMEM_SAME, U, RES },
	{ U, RES,  V, -LPS_EPERM, 0, 0 },
	{ U, RES,  P, -LPS_EPERM, 0, 0 },
	{ U, ZERO, S, LPS_SHMEM_SET, S, RES },
	{ U, ZERO, U, LPS_SHMEM_SAME, U, ZERO },
	{ U, ZERO, V, -LPS_EPERM, 0, 0 },
	{ V, RES,  S, LPS_SHMEM_SET, S, RES },
	{ V, RES,  U, LPS_SHMEM_SET, U, RES },
	{ V, RES,  V, LPS_SHMEM_SAME, V, RES },
	{ V, RES,  P, LPS_SHMEM_SET, P, RES },
	{ V, ZERO, S, LPS_SHMEM_SET_DISCARDED, S, RES },
	{ V, ZERO, U, LPS_SHMEM_SET, U, ZERO },
	{ V, ZERO, V, LPS_SHMEM_SAME, V, ZERO },
	{ P, RES,  S, LPS_SHMEM_SET, S, RES },
	{ P, RES,  V, LPS_SHMEM_SET, V, RES },
	{ P, ZERO, S, LPS_SHMEM_SET_DISCARDED, S, RES },
	{ P, ZERO, U, LPS_SHMEM_SET, U, ZERO },
};

static void test_guest_next(void)
{
	uint32_t i, e, w, n;

	for (i = 0; i < sizeof(guest_table) / sizeof(guest_table[0]); i++) {
		int ret;

		w = lps_shmem_word(guest_table[i].usage,
				   guest_table[i].content);
		n = 0xdead;
		ret = lps_shmem_guest_next(w, guest_table[i].to, 7, &n);
		LPS_CHECK_EQ(ret, guest_table[i].ret);
		if (ret > 0)
			LPS_CHECK_EQ(n, lps_shmem_word(guest_table[i].nusage,
						       guest_table[i].ncontent));
	}
	/* A live claim: every op waits, whatever the epoch's high bits. */
	for (e = 0; e < 256; e++) {
		w = lps_shmem_word(V, RES) | lps_shmem_claim_bits(e);
		LPS_CHECK_EQ(lps_shmem_guest_next(w, S, e + 0x300, &n),
			     LPS_SHMEM_WAIT);
		LPS_CHECK_EQ(lps_shmem_guest_next(w, U, e, &n),
			     LPS_SHMEM_WAIT);
	}
	/* A dead host's claim: as if committed, then the op. */
	w = lps_shmem_word(V, RES) | lps_shmem_claim_bits(1);
	LPS_CHECK_EQ(lps_shmem_guest_next(w, S, 2, &n),
		     LPS_SHMEM_SET_DISCARDED);
	LPS_CHECK_EQ(n, lps_shmem_word(S, RES));
	LPS_CHECK_EQ(lps_shmem_guest_next(w, U, 2, &n), LPS_SHMEM_SET);
	LPS_CHECK_EQ(n, lps_shmem_word(U, ZERO));
	LPS_CHECK_EQ(lps_shmem_guest_next(w, V, 2, &n), LPS_SHMEM_SET);
	LPS_CHECK_EQ(n, lps_shmem_word(V, ZERO));
	w = lps_shmem_word(U, RES) | lps_shmem_claim_bits(1);
	LPS_CHECK_EQ(lps_shmem_guest_next(w, S, 2, &n), LPS_SHMEM_SET);
	LPS_CHECK_EQ(n, lps_shmem_word(S, RES));
	LPS_CHECK_EQ(lps_shmem_guest_next(w, V, 2, &n), -LPS_EPERM);
	/* Corrupt words and unknown ops. */
	LPS_CHECK_EQ(lps_shmem_guest_next(0x10, S, 0, &n), -LPS_EIO);
	LPS_CHECK_EQ(lps_shmem_guest_next(lps_shmem_word(S, ZERO), U, 0, &n),
		     -LPS_EIO);
	LPS_CHECK_EQ(lps_shmem_guest_next(0, LPS_NR_USAGE, 0, &n),
		     -LPS_EINVAL);
}

static void test_host_next(void)
{
	uint32_t w, how, n = 0, nclaim = 0;

	for (w = 0; w < 0x10000; w++) {
		for (how = 1; how <= 3; how++) {
			int ret = lps_shmem_claim_next(w, how, 5, &n);
			bool want = lps_shmem_word_valid(w) &&
				    !(w & LPS_SHMEM_W_CLAIM) &&
				    lps_shmem_w_content(w) == RES &&
				    ((lps_shmem_w_usage(w) == U &&
				      (how & LPS_SHMEM_DROP_UNUSED)) ||
				     (lps_shmem_w_usage(w) == V &&
				      (how & LPS_SHMEM_DROP_VOLATILE)));

			if (!lps_shmem_word_valid(w)) {
				LPS_CHECK_EQ(ret, -LPS_EPROTO);
				continue;
			}
			if (!want) {
				LPS_CHECK_EQ(ret, -LPS_EBUSY);
				continue;
			}
			nclaim++;
			LPS_CHECK_EQ(ret, 0);
			LPS_CHECK_EQ(n, w | lps_shmem_claim_bits(5));
			LPS_CHECK(lps_shmem_claimed_by(n, 5));
			LPS_CHECK(!lps_shmem_claimed_by(n, 6));
		}
	}
	LPS_CHECK_EQ(nclaim, 4);	/* U: how 1, 3; V: how 2, 3 */

	w = lps_shmem_word(V, RES) | lps_shmem_claim_bits(5);
	LPS_CHECK_EQ(lps_shmem_commit_next(w, 5, &n), 0);
	LPS_CHECK_EQ(n, lps_shmem_word(V, ZERO));
	LPS_CHECK_EQ(lps_shmem_abort_next(w, 5, &n), 0);
	LPS_CHECK_EQ(n, lps_shmem_word(V, RES));
	LPS_CHECK_EQ(lps_shmem_commit_next(w, 6, &n), -LPS_EPROTO);
	LPS_CHECK_EQ(lps_shmem_abort_next(w, 6, &n), -LPS_EPROTO);
	LPS_CHECK_EQ(lps_shmem_commit_next(lps_shmem_word(V, RES), 5, &n),
		     -LPS_EPROTO);
	LPS_CHECK_EQ(lps_shmem_recover_next(w, 5, &n), -LPS_EBUSY);
	LPS_CHECK_EQ(lps_shmem_recover_next(w, 6, &n), 0);
	LPS_CHECK_EQ(n, lps_shmem_word(V, RES) | lps_shmem_claim_bits(6));
	/* Epochs compare by their low byte. */
	LPS_CHECK_EQ(lps_shmem_recover_next(w, 0x105, &n), -LPS_EBUSY);
	LPS_CHECK_EQ(lps_shmem_recover_next(lps_shmem_word(U, RES), 6, &n),
		     -LPS_EBUSY);
	LPS_CHECK_EQ(lps_shmem_recover_next(0x40, 6, &n), -LPS_EPROTO);
}

static void test_fstate_and_counter(void)
{
	uint32_t c = lps_le32(0xfffffffeu);

	LPS_CHECK_EQ(lps_shmem_fstate(lps_shmem_word(V, ZERO)),
		     LPS_FS(V, ZERO, 0));
	LPS_CHECK_EQ(lps_shmem_fstate(lps_shmem_word(U, RES) |
				      lps_shmem_claim_bits(3)),
		     LPS_FS(U, ZERO, 0));
	LPS_CHECK_EQ(lps_shmem_fstate(0), LPS_FS(S, RES, 0));
	lps_shmem_cnt_add(&c, 3);	/* wraps modulo 2^32 */
	LPS_CHECK_EQ(lps_shmem_load(&c), 1);
	lps_shmem_cnt_add(&c, 0);
	LPS_CHECK_EQ(lps_shmem_load(&c), 1);
}

int main(void)
{
	test_abi();
	test_valid();
	test_guest_next();
	test_host_next();
	test_fstate_and_counter();
	return lps_test_done();
}
