// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_discard.c - the discarded-frame ring (capacity, wrap-around, drain
 * order, overflow count, zero capacity) and the per-CPU park/release API
 * built on it.
 */
#include "core_env.h"

struct sink {
	uint64_t pfn[1024];
	uint32_t n;
	uint32_t calls;
	uint32_t largest;
	struct lps_guest *g;	/* re-park through this, if set */
	uint32_t repark_cpu;
};

static void sink_fn(void *opaque, const uint64_t *pfn, uint32_t n)
{
	struct sink *s = opaque;
	uint32_t i;

	s->calls++;
	if (n > s->largest)
		s->largest = n;
	for (i = 0; i < n && s->n < 1024; i++)
		s->pfn[s->n++] = pfn[i];
	if (s->g)
		for (i = 0; i < n; i++)
			lps_discard_park(s->g, s->repark_cpu, pfn[i]);
}

static void test_init(void)
{
	struct lps_discard_list l, before;
	uint64_t slot[4];

	memset(&l, 0xab, sizeof(l));
	before = l;
	LPS_CHECK_EQ(lps_discard_init(NULL, slot, 4), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_discard_init(&l, NULL, 4), -LPS_EINVAL);
	/* Zero capacity: a list that can hold nothing is a caller bug. */
	LPS_CHECK_EQ(lps_discard_init(&l, slot, 0), -LPS_EINVAL);
	LPS_CHECK(memcmp(&l, &before, sizeof(l)) == 0);
	LPS_CHECK_EQ(lps_discard_init(&l, slot, 4), 0);
	LPS_CHECK_EQ(l.count, 0);
	LPS_CHECK_EQ(l.overflows, 0);
}

static void test_capacity_and_order(void)
{
	struct lps_discard_list l;
	struct sink s = { .n = 0 };
	uint64_t slot[4];
	uint32_t i;

	lps_discard_init(&l, slot, 4);
	for (i = 0; i < 4; i++)
		LPS_CHECK_EQ(lps_discard_push(&l, 100 + i), 0);
	LPS_CHECK_EQ(lps_discard_push(&l, 999), -LPS_ENOSPC);
	LPS_CHECK_EQ(lps_discard_push(&l, 998), -LPS_ENOSPC);
	LPS_CHECK_EQ(l.overflows, 2);
	LPS_CHECK_EQ(l.count, 4);
	LPS_CHECK_EQ(lps_discard_drain(&l, sink_fn, &s), 4);
	LPS_CHECK_EQ(s.n, 4);
	for (i = 0; i < 4; i++)
		LPS_CHECK_EQ(s.pfn[i], 100 + i);
	LPS_CHECK_EQ(l.count, 0);
	/* Empty: no call at all. */
	s.calls = 0;
	LPS_CHECK_EQ(lps_discard_drain(&l, sink_fn, &s), 0);
	LPS_CHECK_EQ(s.calls, 0);
	/* Usable again after a drain; overflows are history, kept. */
	LPS_CHECK_EQ(lps_discard_push(&l, 7), 0);
	LPS_CHECK_EQ(l.overflows, 2);
}

static void test_wrap(void)
{
	struct lps_discard_list l;
	struct sink s = { .n = 0 };
	uint64_t slot[4];
	uint32_t i;

	lps_discard_init(&l, slot, 4);
	/* An empty ring whose oldest slot is near the end, as after takes. */
	l.head = 3;
	for (i = 0; i < 4; i++)
		LPS_CHECK_EQ(lps_discard_push(&l, 10 + i), 0);
	LPS_CHECK_EQ(slot[3], 10);
	LPS_CHECK_EQ(slot[0], 11);
	LPS_CHECK_EQ(lps_discard_push(&l, 14), -LPS_ENOSPC);
	LPS_CHECK_EQ(lps_discard_drain(&l, sink_fn, &s), 4);
	/* Two runs, oldest first: the tail slot, then the wrapped three. */
	LPS_CHECK_EQ(s.calls, 2);
	for (i = 0; i < 4; i++)
		LPS_CHECK_EQ(s.pfn[i], 10 + i);
}

static void test_bad_args(void)
{
	struct lps_discard_list l;
	struct sink s = { .n = 0 };
	uint64_t slot[2];

	lps_discard_init(&l, slot, 2);
	lps_discard_push(&l, 1);
	LPS_CHECK_EQ(lps_discard_push(NULL, 1), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_discard_drain(NULL, sink_fn, &s), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_discard_drain(&l, NULL, &s), -LPS_EINVAL);
	LPS_CHECK_EQ(l.count, 1);
	LPS_CHECK_EQ(s.calls, 0);
}

static void test_park_release(void)
{
	struct core_env e;
	struct sink s = { .n = 0 };
	uint32_t i;

	core_env_init(&e, 1024, 2, 0, 200);
	for (i = 0; i < 200; i++)
		LPS_CHECK_EQ(lps_discard_park(&e.g, 1, i), 0);
	LPS_CHECK_EQ(lps_discard_park(&e.g, 1, 500), -LPS_ENOSPC);
	LPS_CHECK_EQ(core_cnt(&e).discard_overflows, 1);
	LPS_CHECK_EQ(e.cpus[1].cnt.discard_overflows, 1);
	LPS_CHECK_EQ(lps_discard_park(&e.g, 0, 300), 0);

	/* Released in chunks, oldest first, without the lock held. */
	LPS_CHECK_EQ(lps_discard_release(&e.g, 1, sink_fn, &s), 200);
	LPS_CHECK(s.largest <= 64);
	LPS_CHECK_EQ(s.calls, 4);
	for (i = 0; i < 200; i++)
		LPS_CHECK_EQ(s.pfn[i], i);
	LPS_CHECK_EQ(e.cpus[0].discarded.count, 1);

	/* A callback that parks again cannot keep the release going. */
	memset(&s, 0, sizeof(s));
	for (i = 0; i < 150; i++)
		lps_discard_park(&e.g, 1, i);
	s.g = &e.g;
	s.repark_cpu = 1;
	LPS_CHECK_EQ(lps_discard_release(&e.g, 1, sink_fn, &s), 150);
	LPS_CHECK_EQ(e.cpus[1].discarded.count, 150);
	/* ... and the re-parked ones, wrapped round the ring, come out next. */
	memset(&s, 0, sizeof(s));
	LPS_CHECK_EQ(lps_discard_release_all(&e.g, sink_fn, &s), 151);
	LPS_CHECK_EQ(s.pfn[0], 300);
	for (i = 0; i < 150; i++)
		LPS_CHECK_EQ(s.pfn[1 + i], i);
	LPS_CHECK_EQ(lps_discard_release_all(&e.g, sink_fn, &s), 0);
	core_env_fini(&e);
}

int main(void)
{
	test_init();
	test_capacity_and_order();
	test_wrap();
	test_bad_args();
	test_park_release();
	return lps_test_done();
}
