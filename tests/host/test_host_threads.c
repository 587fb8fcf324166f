// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_host_threads.c - the host model driven the way a hypervisor drives
 * it: vCPU threads hinting, batching and touching frames while a reclaim
 * thread drops and pages out and a migration thread reads the dirty log,
 * all on the same frames.  The backend checks at every call that it is
 * never asked to drop a stable or written frame; at the end resident,
 * the counters and the threads' own tallies must agree, and no frame may
 * be left claimed.  Run under TSan as test_host_threads-tsan.
 */
#define _POSIX_C_SOURCE 200809L	/* pthread barriers under -std=c11 */

#include <pthread.h>
#include <sched.h>

#include "lps_test.h"
#include "lps_host_fixture.h"

#define NF	FIX_MAX_FRAMES
#define OPS	6000
#define THREADS	4

static struct lps_host h;
static lps_fstate_t states[NF];
static uint8_t dirty[(NF + 7) / 8];

/* Backend tallies and complaints, updated from any thread. */
static uint64_t be_dropped, be_paged_out, be_paged_in, be_bad;

static lps_fstate_t peek(uint64_t pfn)
{
	return __atomic_load_n(&states[pfn], __ATOMIC_RELAXED);
}

static int be_discard(void *ctx, uint64_t pfn, uint64_t count)
{
	uint64_t i;

	(void)ctx;
	/* The frames are claimed, so what we see cannot change under us. */
	for (i = pfn; i < pfn + count; i++) {
		lps_fstate_t s = peek(i);

		if (lps_fs_usage(s) == LPS_STABLE ||
		    (lps_fs_usage(s) == LPS_POT_VOLATILE &&
		     lps_fs_changed(s)) ||
		    lps_fs_content(s) == LPS_ZERO)
			__atomic_add_fetch(&be_bad, 1, __ATOMIC_RELAXED);
	}
	__atomic_add_fetch(&be_dropped, count, __ATOMIC_RELAXED);
	sched_yield();	/* widen the window the frames stay claimed */
	return 0;
}

static int be_page_out(void *ctx, uint64_t pfn)
{
	(void)ctx;
	if (lps_fs_content(peek(pfn)) != LPS_RESIDENT)
		__atomic_add_fetch(&be_bad, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&be_paged_out, 1, __ATOMIC_RELAXED);
	sched_yield();
	return 0;
}

static int be_page_in(void *ctx, uint64_t pfn)
{
	(void)ctx;
	if (lps_fs_content(peek(pfn)) != LPS_PRESERVED)
		__atomic_add_fetch(&be_bad, 1, __ATOMIC_RELAXED);
	__atomic_add_fetch(&be_paged_in, 1, __ATOMIC_RELAXED);
	sched_yield();
	return 0;
}

static const struct lps_host_backend backend = {
	.discard = be_discard,
	.page_out = be_page_out,
	.page_in = be_page_in,
};

struct worker {
	pthread_t tid;
	unsigned int id;
	uint64_t rng;
	uint64_t hinted[LPS_NR_USAGE];	/* frames this thread got set */
	uint64_t bad;			/* results no call may return */
	uint8_t desc[LPS_BATCH_BYTES];
};

static uint64_t rnd(struct worker *w, uint64_t n)
{
	w->rng ^= w->rng >> 12;
	w->rng ^= w->rng << 25;
	w->rng ^= w->rng >> 27;
	return (w->rng * 0x2545F4914F6CDD1DULL >> 11) % n;
}

static void vcpu_batch(struct worker *w)
{
	uint64_t pfn = rnd(w, 8), count[8];
	uint32_t usage[8];
	unsigned int n = 0, i, cursor = 0, now;
	int ret;

	fix_desc_init(w->desc);
	while (n < 8) {
		count[n] = 1 + rnd(w, 8);
		if (pfn + count[n] > NF)
			break;
		usage[n] = (uint32_t)rnd(w, LPS_NR_USAGE);
		fix_desc_add(w->desc, pfn, (uint32_t)count[n], usage[n]);
		pfn += count[n] + rnd(w, 40);
		n++;
	}
	do {
		ret = lps_host_apply_batch(&h, w->desc, fix_desc_len(w->desc),
					   (uint32_t)rnd(w, 3));
		now = fix_get16(w->desc + FIX_OFF_CURSOR);
		/* Whatever was applied is exactly what the cursor passed. */
		for (i = cursor; i < now; i++)
			w->hinted[usage[i]] += count[i];
		if (ret < 0 && ret != -LPS_EAGAIN && ret != -LPS_EPERM)
			w->bad++;
		if (ret == -LPS_EPERM && now != cursor)
			w->bad++;
		cursor = now;
	} while (ret == -LPS_EAGAIN);
}

static void vcpu_op(struct worker *w)
{
	uint64_t pfn = rnd(w, NF), count;
	unsigned int u;
	int ret;

	switch (rnd(w, 8)) {
	case 0:
	case 1:
		u = (unsigned int)rnd(w, LPS_NR_USAGE);
		ret = lps_host_set_usage(&h, pfn, (enum lps_usage)u, NULL);
		if (ret >= 0)
			w->hinted[u]++;
		else if (ret != -LPS_EPERM)
			w->bad++;
		break;
	case 2:
		count = 1 + rnd(w, NF - pfn);
		if (count > 16)
			count = 16;
		ret = lps_host_make_stable(&h, pfn, count);
		if (ret == 0 || ret == LPS_R_DISCARDED)
			w->hinted[LPS_STABLE] += count;
		else
			w->bad++;
		break;
	case 3:
	case 4:
	case 5:
		ret = lps_host_guest_access(&h, pfn, rnd(w, 2));
		if (ret && ret != -LPS_EPERM && ret != -LPS_EFAULT)
			w->bad++;
		break;
	default:
		vcpu_batch(w);
		break;
	}
}

/* The migration thread's copy of the states: snapshot plus dirty log. */
static lps_fstate_t copy[NF];

/* Bring the copy up to date from @pfn on; false on a bad result. */
static bool catch_up(uint64_t pfn)
{
	lps_fstate_t s;
	int ret;

	while ((ret = lps_host_dirty_next(&h, pfn, &pfn, &s)) == 1) {
		if (!lps_fs_valid(s))
			return false;
		copy[pfn++] = s;
	}
	return ret == 0;
}

static void host_op(struct worker *w)
{
	struct lps_host_reclaim_result res;
	lps_fstate_t s;
	uint64_t pfn;
	int ret;

	if (w->id == 2) {
		if (rnd(w, 10) == 0)
			ret = lps_host_reclaim_all(&h, &res);
		else
			ret = lps_host_reclaim(&h, rnd(w, NF),
					       1 + (uint32_t)rnd(w, 7), &res);
		if (ret && ret != -LPS_EAGAIN)
			w->bad++;
		return;
	}
	/* Migration: snapshot now and then, walk the log, read states. */
	if (rnd(w, 50) == 0 && lps_host_snapshot(&h, copy, NF))
		w->bad++;
	if (!catch_up(rnd(w, NF)))
		w->bad++;
	pfn = rnd(w, NF);
	if (lps_host_get_state(&h, pfn, &s) || !lps_fs_valid(s))
		w->bad++;
	/* And act as a vCPU too, so hints race with both host threads. */
	vcpu_op(w);
}

static pthread_barrier_t start;

static void *run(void *arg)
{
	struct worker *w = arg;
	unsigned int i;

	pthread_barrier_wait(&start);	/* together, or they barely meet */
	for (i = 0; i < OPS; i++) {
		if (w->id < 2)
			vcpu_op(w);
		else
			host_op(w);
	}
	return NULL;
}

int main(void)
{
	static struct worker w[THREADS];
	struct lps_host_config cfg = {
		.sz = sizeof(cfg), .nframes = NF,
		.states = states, .dirty_log = dirty,
		.backend = &backend,
	};
	uint64_t seed = lps_test_seed(0x74687264), hinted, resident = 0;
	uint64_t i;
	unsigned int t, u;

	LPS_CHECK_EQ(lps_host_init(&h, &cfg), 0);
	LPS_CHECK_EQ(lps_host_snapshot(&h, copy, NF), 0);
	LPS_CHECK_EQ(pthread_barrier_init(&start, NULL, THREADS), 0);
	for (t = 0; t < THREADS; t++) {
		w[t].id = t;
		w[t].rng = seed * 2654435761u + t + 1;
		LPS_CHECK_EQ(pthread_create(&w[t].tid, NULL, run, &w[t]), 0);
	}
	for (t = 0; t < THREADS; t++)
		LPS_CHECK_EQ(pthread_join(w[t].tid, NULL), 0);
	pthread_barrier_destroy(&start);

	for (t = 0; t < THREADS; t++)
		LPS_CHECK_EQ(w[t].bad, 0);
	LPS_CHECK_EQ(be_bad, 0);
	for (i = 0; i < NF; i++) {
		LPS_CHECK(lps_fs_valid(states[i]));	/* no claim left */
		resident += lps_fs_content(states[i]) == LPS_RESIDENT;
	}
	LPS_CHECK_EQ(h.resident, resident);
	/* No change slipped between a snapshot and the log. */
	LPS_CHECK(catch_up(0));
	LPS_CHECK(!memcmp(copy, states, NF));
	LPS_CHECK_EQ(h.reclaim_busy, 0);
	LPS_CHECK_EQ(h.cnt.discarded_unused + h.cnt.discarded_volatile,
		     be_dropped);
	LPS_CHECK_EQ(h.cnt.swap_out, be_paged_out);
	LPS_CHECK_EQ(h.cnt.swap_in, be_paged_in);
	LPS_CHECK_EQ(h.cnt.backend_errors, 0);
	for (u = 0; u < LPS_NR_USAGE; u++) {
		hinted = 0;
		for (t = 0; t < THREADS; t++)
			hinted += w[t].hinted[u];
		LPS_CHECK_EQ(h.cnt.hints_applied[u], hinted);
	}
	printf("%" PRIu64 " dropped, %" PRIu64 " paged out, %" PRIu64
	       " paged in, %" PRIu64 " discard faults, %" PRIu64
	       " batches, resident %" PRIu64 "/%u\n", be_dropped,
	       be_paged_out, be_paged_in, h.cnt.discard_faults,
	       h.cnt.batches, h.resident, NF);
	return lps_test_done();
}
