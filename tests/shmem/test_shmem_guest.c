// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_shmem_guest.c - the guest side of the table through the port the
 * core is given: setup, probe, submit, make-stable and get-state, and
 * every bad input refused with nothing changed.
 */
#define LPS_PORT_FORCE_SHMEM 1	/* this suite tests the shmem port */

#include "lps_test.h"		/* LPS_CHECK, lps_test_done */
#include "lps_port.h"		/* the port, as the core sees it */

#define NFRAMES 64u

static struct lps_shmem_hdr hdr __attribute__((aligned(4096)));
static uint32_t words[NFRAMES];
static struct lps_shmem_guest g;
static struct lps_port_env env = { .arg = &g };
static struct lps_batch batch;

static const struct lps_port_ops *ops;

static void setup(void)
{
	memset(&g, 0, sizeof(g));
	LPS_CHECK_EQ(lps_shmem_guest_setup(&g, &hdr, 0x10000, words,
					   0x10000 + 4096, 0, NFRAMES), 0);
}

static uint32_t w(uint64_t pfn)
{
	return lps_shmem_load(&words[pfn]);
}

static void set_w(uint64_t pfn, uint32_t v)
{
	words[pfn] = lps_le32(v);
}

static void batch_add(uint64_t pfn, uint32_t count, enum lps_usage u)
{
	uint16_t nr = lps_le16(batch.hdr.nr);

	batch.range[nr].pfn = lps_le64(pfn);
	batch.range[nr].count = lps_le32(count);
	batch.range[nr].usage = lps_le32((uint32_t)u);
	batch.hdr.nr = lps_le16((uint16_t)(nr + 1));
}

static void batch_new(void)
{
	memset(&batch, 0, sizeof(batch));
	batch.hdr.magic = lps_le32(LPS_BATCH_MAGIC);
	batch.hdr.version = lps_le16(LPS_BATCH_VERSION);
}

static void test_setup(void)
{
	struct lps_shmem_hdr before;
	uint32_t wb[NFRAMES];
	struct lps_shmem_guest g2;

	memset(&hdr, 0xaa, sizeof(hdr));
	memset(words, 0xaa, sizeof(words));
	memcpy(&before, &hdr, sizeof(hdr));
	memcpy(wb, words, sizeof(words));
	memset(&g2, 0, sizeof(g2));
#define BAD(ret, ...)							\
	do {								\
		LPS_CHECK_EQ(lps_shmem_guest_setup(__VA_ARGS__), ret);	\
		LPS_CHECK(!memcmp(&hdr, &before, sizeof(hdr)));		\
		LPS_CHECK(!memcmp(words, wb, sizeof(words)));		\
		LPS_CHECK(!g2.hdr);					\
	} while (0)
	BAD(-LPS_EINVAL, NULL, &hdr, 0, words, 4096, 0, NFRAMES);
	BAD(-LPS_EINVAL, &g2, NULL, 0, words, 4096, 0, NFRAMES);
	BAD(-LPS_EINVAL, &g2, &hdr, 0, NULL, 4096, 0, NFRAMES);
	BAD(-LPS_EINVAL, &g2, &hdr, 0, words, 4096, 0, 0);
	BAD(-LPS_EINVAL, &g2, &hdr, 8, words, 4096, 0, NFRAMES);
	BAD(-LPS_EINVAL, &g2, &hdr, 0, words, 4098, 0, NFRAMES);
	BAD(-LPS_EINVAL, &g2, &hdr, 0, words, 4096, 512, NFRAMES);
	/* The table may not overlap the header. */
	BAD(-LPS_EINVAL, &g2, &hdr, 4096, words, 4096 + 124, 0, NFRAMES);
	BAD(-LPS_EINVAL, &g2, &hdr, 4096, words, 4000, 0, NFRAMES);
	/* Sizes that wrap the address space. */
	BAD(-LPS_ERANGE, &g2, &hdr, 0, words, 4096, 0, 1ull << 60);
	BAD(-LPS_ERANGE, &g2, &hdr, 0, words, ~0ull - 3, 0, NFRAMES);
	BAD(-LPS_ERANGE, &g2, &hdr, 0, words, 4096, ~0ull << 12, 2);
#undef BAD

	setup();
	LPS_CHECK(!memcmp(&hdr.magic, "LPSHMTBL", 8));
	LPS_CHECK_EQ(lps_le16(hdr.version), 1);
	LPS_CHECK_EQ(lps_le16(hdr.hdr_bytes), 128);
	LPS_CHECK_EQ(lps_le16(hdr.word_bytes), 4);
	LPS_CHECK_EQ(lps_le16(hdr.page_shift), 12);
	LPS_CHECK_EQ(lps_le64(hdr.nframes), NFRAMES);
	LPS_CHECK_EQ(lps_le64(hdr.hdr_gpa), 0x10000);
	LPS_CHECK_EQ(lps_le64(hdr.table_gpa), 0x11000);
	LPS_CHECK_EQ(lps_le64(hdr.frame0_gpa), 0);
	LPS_CHECK_EQ(hdr.flags | hdr.host_epoch | hdr.reserved, 0);
	LPS_CHECK_EQ(w(0) | w(NFRAMES - 1), 0);	/* all stable */
}

static void test_probe_and_caps(void)
{
	struct lps_shmem_guest none;
	struct lps_port_env e2 = { .arg = &none };

	ops = lps_port_ops_get();
	LPS_CHECK(!strcmp(ops->name, "shmem"));
	LPS_CHECK_EQ(ops->caps, LPS_CAP_BATCH | LPS_CAP_GET_STATE);
	LPS_CHECK(ops->get_state != NULL);
	memset(&none, 0, sizeof(none));
	LPS_CHECK_EQ(ops->probe(NULL), -LPS_ENOTSUP);
	LPS_CHECK_EQ(ops->probe(&e2), -LPS_ENOTSUP);
	setup();
	LPS_CHECK_EQ(ops->probe(&env), 0);
	LPS_CHECK_EQ(ops->submit(NULL, &batch), -LPS_EINVAL);
	LPS_CHECK_EQ(ops->make_stable(NULL, 0, 1), -LPS_EINVAL);
}

static void test_submit(void)
{
	lps_fstate_t st;

	setup();
	batch_new();
	batch_add(0, 4, LPS_UNUSED);
	batch_add(8, 2, LPS_VOLATILE);
	batch_add(12, 1, LPS_POT_VOLATILE);
	batch_add(63, 1, LPS_VOLATILE);
	LPS_CHECK_EQ(ops->submit(&env, &batch), 0);
	LPS_CHECK_EQ(lps_le16(batch.hdr.cursor), 4);
	LPS_CHECK_EQ(w(0), lps_shmem_word(LPS_UNUSED, LPS_RESIDENT));
	LPS_CHECK_EQ(w(3), lps_shmem_word(LPS_UNUSED, LPS_RESIDENT));
	LPS_CHECK_EQ(w(4), 0);
	LPS_CHECK_EQ(w(9), lps_shmem_word(LPS_VOLATILE, LPS_RESIDENT));
	LPS_CHECK_EQ(w(12), lps_shmem_word(LPS_POT_VOLATILE, LPS_RESIDENT));
	LPS_CHECK_EQ(w(63), lps_shmem_word(LPS_VOLATILE, LPS_RESIDENT));
	LPS_CHECK_EQ(lps_shmem_load(&hdr.gcnt[LPS_SHMEM_G_HINTED]), 8);
	LPS_CHECK_EQ(ops->get_state(&env, 9, &st), 0);
	LPS_CHECK_EQ(st, LPS_FS(LPS_VOLATILE, LPS_RESIDENT, 0));

	/* Resubmitting from the end does nothing; unchanged words count 0. */
	LPS_CHECK_EQ(ops->submit(&env, &batch), 0);
	batch.hdr.cursor = 0;
	LPS_CHECK_EQ(ops->submit(&env, &batch), 0);
	LPS_CHECK_EQ(lps_shmem_load(&hdr.gcnt[LPS_SHMEM_G_HINTED]), 8);

	/* Volatile to unused, and a dropped frame stays dropped. */
	set_w(9, lps_shmem_word(LPS_VOLATILE, LPS_ZERO));
	batch_new();
	batch_add(8, 2, LPS_UNUSED);
	LPS_CHECK_EQ(ops->submit(&env, &batch), 0);
	LPS_CHECK_EQ(w(8), lps_shmem_word(LPS_UNUSED, LPS_RESIDENT));
	LPS_CHECK_EQ(w(9), lps_shmem_word(LPS_UNUSED, LPS_ZERO));
}

/* Every malformed batch: refused, table and cursor untouched. */
static void test_submit_bad(void)
{
	uint32_t before[NFRAMES];
	struct lps_batch saved;

	setup();
	set_w(5, lps_shmem_word(LPS_UNUSED, LPS_RESIDENT));
	set_w(6, 0x10);		/* corrupt */
	memcpy(before, words, sizeof(words));
#define BAD(ret, mutate)						\
	do {								\
		batch_new();						\
		batch_add(0, 2, LPS_VOLATILE);				\
		batch_add(2, 2, LPS_UNUSED);				\
		mutate;							\
		memcpy(&saved, &batch, sizeof(batch));			\
		LPS_CHECK_EQ(ops->submit(&env, &batch), ret);		\
		LPS_CHECK(!memcmp(words, before, sizeof(words)));	\
		LPS_CHECK(!memcmp(&batch, &saved, sizeof(batch)));	\
	} while (0)
	BAD(-LPS_EPROTO, batch.hdr.magic ^= 1);
	BAD(-LPS_EPROTO, batch.hdr.magic = __builtin_bswap32(batch.hdr.magic));
	BAD(-LPS_EPROTO, batch.hdr.version = lps_le16(2));
	BAD(-LPS_EPROTO, batch.hdr.flags = lps_le16(1));
	BAD(-LPS_EPROTO, batch.hdr.reserved = lps_le32(1));
	BAD(-LPS_EPROTO, batch.hdr.nr = lps_le16(LPS_BATCH_MAX_RANGES + 1));
	BAD(-LPS_EPROTO, batch.hdr.cursor = lps_le16(3));
	BAD(-LPS_EPROTO, batch.range[1].count = 0);
	BAD(-LPS_EPROTO, batch.range[1].usage = lps_le32(LPS_NR_USAGE));
	BAD(-LPS_ERANGE, batch_add(NFRAMES, 1, LPS_UNUSED));
	BAD(-LPS_ERANGE, batch_add(NFRAMES - 1, 2, LPS_UNUSED));
	BAD(-LPS_ERANGE, batch_add(~0ull, 2, LPS_UNUSED));
	BAD(-LPS_ERANGE, batch_add(1, 0xffffffffu, LPS_UNUSED));
	BAD(-LPS_EPERM, batch_add(10, 1, LPS_STABLE));
	BAD(-LPS_EPERM, batch_add(4, 2, LPS_VOLATILE));	/* 5 is unused */
	BAD(-LPS_EPERM, batch_add(5, 1, LPS_POT_VOLATILE));
	BAD(-LPS_EIO, batch_add(6, 1, LPS_UNUSED));
#undef BAD
	LPS_CHECK_EQ(ops->submit(&env, NULL), -LPS_EINVAL);
	/* Ranges before the cursor are not looked at. */
	batch_new();
	batch_add(6, 1, LPS_UNUSED);
	batch_add(0, 1, LPS_UNUSED);
	batch.hdr.cursor = lps_le16(1);
	LPS_CHECK_EQ(ops->submit(&env, &batch), 0);
	LPS_CHECK_EQ(w(0), lps_shmem_word(LPS_UNUSED, LPS_RESIDENT));
}

/* The direct path: one CAS per frame; every bad hint changes nothing. */
static void test_hint(void)
{
	uint32_t before[NFRAMES];

	setup();
	LPS_CHECK(ops->hint != NULL);
	LPS_CHECK_EQ(ops->hint(&env, 0, 4, LPS_UNUSED), 0);
	LPS_CHECK_EQ(ops->hint(&env, 8, 1, LPS_VOLATILE), 0);
	LPS_CHECK_EQ(w(0), lps_shmem_word(LPS_UNUSED, LPS_RESIDENT));
	LPS_CHECK_EQ(w(3), lps_shmem_word(LPS_UNUSED, LPS_RESIDENT));
	LPS_CHECK_EQ(w(4), 0);
	LPS_CHECK_EQ(w(8), lps_shmem_word(LPS_VOLATILE, LPS_RESIDENT));
	/* No shared counter is written per hint. */
	LPS_CHECK_EQ(lps_shmem_load(&hdr.gcnt[LPS_SHMEM_G_HINTED]), 0);
	LPS_CHECK_EQ(ops->hint(&env, 8, 1, LPS_VOLATILE), 0);
	LPS_CHECK_EQ(w(8), lps_shmem_word(LPS_VOLATILE, LPS_RESIDENT));

	set_w(6, 0x10);		/* corrupt */
	memcpy(before, words, sizeof(words));
	LPS_CHECK_EQ(ops->hint(NULL, 0, 1, LPS_UNUSED), -LPS_EINVAL);
	LPS_CHECK_EQ(ops->hint(&env, 10, 0, LPS_UNUSED), -LPS_EINVAL);
	LPS_CHECK_EQ(ops->hint(&env, 10, 1, LPS_NR_USAGE), -LPS_EINVAL);
	LPS_CHECK_EQ(ops->hint(&env, 10, 1, LPS_STABLE), -LPS_EPERM);
	LPS_CHECK_EQ(ops->hint(&env, NFRAMES, 1, LPS_UNUSED), -LPS_ERANGE);
	LPS_CHECK_EQ(ops->hint(&env, NFRAMES - 1, 2, LPS_UNUSED),
		     -LPS_ERANGE);
	LPS_CHECK_EQ(ops->hint(&env, ~0ull, 2, LPS_UNUSED), -LPS_ERANGE);
	/* 3 is unused: not page cache.  6 is corrupt: nothing before it. */
	LPS_CHECK_EQ(ops->hint(&env, 2, 2, LPS_VOLATILE), -LPS_EPERM);
	LPS_CHECK_EQ(ops->hint(&env, 5, 2, LPS_UNUSED), -LPS_EIO);
	/* One frame takes a shorter way: the same answers. */
	LPS_CHECK_EQ(ops->hint(&env, 3, 1, LPS_VOLATILE), -LPS_EPERM);
	LPS_CHECK_EQ(ops->hint(&env, 6, 1, LPS_UNUSED), -LPS_EIO);
	LPS_CHECK_EQ(ops->hint(&env, NFRAMES, 1, LPS_VOLATILE), -LPS_ERANGE);
	LPS_CHECK(!memcmp(words, before, sizeof(words)));
}

static void test_make_stable(void)
{
	uint32_t before[NFRAMES];

	setup();
	set_w(1, lps_shmem_word(LPS_VOLATILE, LPS_RESIDENT));
	set_w(2, lps_shmem_word(LPS_VOLATILE, LPS_ZERO));
	set_w(3, lps_shmem_word(LPS_UNUSED, LPS_ZERO));
	set_w(4, lps_shmem_word(LPS_POT_VOLATILE, LPS_ZERO));
	LPS_CHECK_EQ(ops->make_stable(&env, 0, 2), 0);
	LPS_CHECK_EQ(w(1), 0);
	LPS_CHECK_EQ(ops->make_stable(&env, 3, 1), 0);	/* unused: junk */
	LPS_CHECK_EQ(w(3), 0);
	LPS_CHECK_EQ(ops->make_stable(&env, 2, 3), LPS_R_DISCARDED);
	LPS_CHECK_EQ(w(2) | w(4), 0);
	LPS_CHECK_EQ(lps_shmem_load(&hdr.gcnt[LPS_SHMEM_G_DISCARDS]), 2);
	/* The discard is reported once: the content is the guest's again. */
	LPS_CHECK_EQ(ops->make_stable(&env, 2, 1), 0);

	/* A dead host's claim (epoch 1 while the header says 2). */
	hdr.host_epoch = lps_le32(2);
	set_w(7, lps_shmem_word(LPS_VOLATILE, LPS_RESIDENT) |
		 lps_shmem_claim_bits(1));
	LPS_CHECK_EQ(ops->make_stable(&env, 7, 1), LPS_R_DISCARDED);
	LPS_CHECK_EQ(w(7), 0);
	LPS_CHECK_EQ(lps_shmem_load(&hdr.gcnt[LPS_SHMEM_G_TAKEOVERS]), 1);

	/* Bad input: nothing changes, not even a discard before the fault. */
	set_w(10, lps_shmem_word(LPS_VOLATILE, LPS_ZERO));
	set_w(11, 0x80);
	memcpy(before, words, sizeof(words));
	LPS_CHECK_EQ(ops->make_stable(&env, 10, 2), -LPS_EIO);
	LPS_CHECK_EQ(ops->make_stable(&env, 10, 0), -LPS_EINVAL);
	LPS_CHECK_EQ(ops->make_stable(&env, ~0ull, 2), -LPS_EINVAL);
	LPS_CHECK_EQ(ops->make_stable(&env, NFRAMES, 1), -LPS_ERANGE);
	LPS_CHECK_EQ(ops->make_stable(&env, 60, 5), -LPS_ERANGE);
	LPS_CHECK(!memcmp(words, before, sizeof(words)));
	LPS_CHECK_EQ(ops->make_stable(&env, 10, 1), LPS_R_DISCARDED);
}

/*
 * A live host's claim that outlives the guest's bounded wait (a stalled
 * agent): make-stable returns -LPS_ETIMEDOUT with nothing changed, so the
 * caller can wait with interrupts enabled and come back; hints leave the
 * frame to the host, whose drop they allow anyway; once the host commits,
 * make-stable reports the discard.
 */
static void test_stalled_claim(void)
{
	uint32_t claimed = lps_shmem_word(LPS_VOLATILE, LPS_RESIDENT) |
			   lps_shmem_claim_bits(2);
	uint32_t before[NFRAMES];

	setup();
	hdr.host_epoch = lps_le32(2);
	set_w(5, claimed);
	set_w(6, lps_shmem_word(LPS_VOLATILE, LPS_RESIDENT));
	memcpy(before, words, sizeof(words));
	LPS_CHECK_EQ(ops->make_stable(&env, 5, 1), -LPS_ETIMEDOUT);
	/* A block whose first frame is held: nothing changed either. */
	LPS_CHECK_EQ(ops->make_stable(&env, 5, 2), -LPS_ETIMEDOUT);
	LPS_CHECK(!memcmp(words, before, sizeof(words)));
	LPS_CHECK_EQ(lps_shmem_load(&hdr.gcnt[LPS_SHMEM_G_GAVE_UP]), 2);
	LPS_CHECK_EQ(ops->hint(&env, 5, 1, LPS_UNUSED), 0);
	LPS_CHECK_EQ(ops->hint(&env, 4, 3, LPS_UNUSED), 0);
	LPS_CHECK_EQ(w(5), claimed);
	LPS_CHECK_EQ(w(4), lps_shmem_word(LPS_UNUSED, LPS_RESIDENT));
	LPS_CHECK_EQ(w(6), lps_shmem_word(LPS_UNUSED, LPS_RESIDENT));
	batch_new();
	batch_add(5, 1, LPS_VOLATILE);
	LPS_CHECK_EQ(ops->submit(&env, &batch), 0);
	LPS_CHECK_EQ(w(5), claimed);
	LPS_CHECK_EQ(lps_le16(batch.hdr.cursor), 1);
	/* The host commits its drop: the guest learns it, once. */
	set_w(5, lps_shmem_word(LPS_VOLATILE, LPS_ZERO));
	LPS_CHECK_EQ(ops->make_stable(&env, 5, 1), LPS_R_DISCARDED);
	LPS_CHECK_EQ(w(5), 0);
}

static void test_get_state(void)
{
	lps_fstate_t st = 0x55;

	setup();
	set_w(3, lps_shmem_word(LPS_UNUSED, LPS_RESIDENT) |
		 lps_shmem_claim_bits(0));
	LPS_CHECK_EQ(ops->get_state(&env, 3, &st), 0);
	LPS_CHECK_EQ(st, LPS_FS(LPS_UNUSED, LPS_ZERO, 0));
	set_w(4, 0x40);
	st = 0x55;
	LPS_CHECK_EQ(ops->get_state(&env, 4, &st), -LPS_EIO);
	LPS_CHECK_EQ(ops->get_state(&env, NFRAMES, &st), -LPS_ERANGE);
	LPS_CHECK_EQ(ops->get_state(&env, 0, NULL), -LPS_EINVAL);
	LPS_CHECK_EQ(ops->get_state(NULL, 0, &st), -LPS_EINVAL);
	LPS_CHECK_EQ(st, 0x55);
}

int main(void)
{
	ops = lps_port_ops_get();
	test_setup();
	test_probe_and_caps();
	test_submit();
	test_submit_bad();
	test_hint();
	test_make_stable();
	test_stalled_claim();
	test_get_state();
	return lps_test_done();
}
