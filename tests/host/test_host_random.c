// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_host_random.c - random streams of legal and illegal events (hints,
 * batches good and malformed, accesses, make-stable, reclaims, backend
 * failures) against a reference model written here from the design, not
 * from lps_state.c.  After every event: return code, every frame's state,
 * resident, every counter and the dirty log agree with the reference, and
 * every access sees the last data the guest wrote, or zero once dropped.
 * Reclaim's choice of frames is the host's, so for reclaims the reference
 * checks each change is allowed and the policy's promises hold, then
 * adopts the result.  The host runs with a swap cache, so a frame read back
 * and not written since is paged out without a write; the fixture's evict
 * leaves the swap slot as it is, so evicting a frame written since would
 * show up as stale data.  Seeded; replay with LPS_TEST_SEED.
 */
#include "lps_test.h"
#include "lps_host_fixture.h"

#define N	48
#define STEPS	20000

struct ref {
	lps_fstate_t s[N];
	uint8_t data[N];	/* what the guest last stored in the frame */
	bool cached[N];		/* resident, and host swap holds the same */
	struct lps_host_counters cnt;
};

static struct fix *e;
static struct ref ref;
static uint8_t page[LPS_BATCH_BYTES + 16];
static unsigned int step;

#define U(s)	lps_fs_usage(s)
#define C(s)	lps_fs_content(s)
#define CH(s)	lps_fs_changed(s)

static bool discarded(lps_fstate_t s)
{
	return (U(s) == LPS_VOLATILE || U(s) == LPS_POT_VOLATILE) &&
	       C(s) == LPS_ZERO;
}

/* The design's rules for a guest hint, independent of lps_state.c. */
static int ref_set(lps_fstate_t s, enum lps_usage u, lps_fstate_t *next)
{
	if (u == LPS_VOLATILE || u == LPS_POT_VOLATILE) {
		if (U(s) == LPS_UNUSED || discarded(s))
			return -LPS_EPERM;
	}
	*next = LPS_FS(u, C(s), 0);
	return u == LPS_STABLE && discarded(s) ? LPS_R_DISCARDED : 0;
}

static int ref_access(lps_fstate_t s, bool write, lps_fstate_t *next)
{
	if (U(s) == LPS_UNUSED)
		return -LPS_EPERM;
	if (discarded(s))
		return -LPS_EFAULT;
	if (write && U(s) == LPS_VOLATILE)
		return -LPS_EPERM;
	*next = LPS_FS(U(s), LPS_RESIDENT, CH(s) || write);
	return 0;
}

static bool droppable(lps_fstate_t s)
{
	return U(s) != LPS_STABLE && C(s) != LPS_ZERO &&
	       !(U(s) == LPS_POT_VOLATILE && CH(s));
}

static uint64_t ref_resident(void)
{
	uint64_t i, n = 0;

	for (i = 0; i < N; i++)
		n += C(ref.s[i]) == LPS_RESIDENT;
	return n;
}

/* Everything the host shows must be the reference, with @changed dirty. */
static void compare(const char *what, const bool *changed)
{
	unsigned int i, bad = 0;

	for (i = 0; i < N; i++) {
		if (e->states[i] != ref.s[i])
			bad++;
		if (((e->swapc[i / 8] >> (i % 8)) & 1) != ref.cached[i])
			bad++;
		if (changed && changed[i] && !fix_dirty(e, i))
			bad++;
	}
	LPS_CHECK_EQ(bad, 0);
	LPS_CHECK_EQ(e->h.resident, ref_resident());
	LPS_CHECK(!memcmp(&e->h.cnt, &ref.cnt, sizeof(ref.cnt)));
	if (bad || memcmp(&e->h.cnt, &ref.cnt, sizeof(ref.cnt)))
		fprintf(stderr, "step %u (%s) diverged\n", step, what);
}

/* Update the reference for one frame, recording what changed. */
static void ref_put(uint64_t pfn, lps_fstate_t next, bool *changed)
{
	if (ref.s[pfn] != next)
		changed[pfn] = true;
	ref.s[pfn] = next;
}

/*
 * A frame the guest set unused while it was paged out loses its swap slot
 * at once: the content is worthless.  (The backend never fails here.)
 */
static void ref_release(uint64_t pfn, bool *changed)
{
	lps_fstate_t s = ref.s[pfn];

	if (U(s) != LPS_UNUSED || C(s) != LPS_PRESERVED)
		return;
	ref_put(pfn, LPS_FS(LPS_UNUSED, LPS_ZERO, CH(s)), changed);
	ref.cnt.discarded_unused++;
	ref.data[pfn] = 0;
}

static void do_set_usage(bool *changed)
{
	uint64_t pfn = lps_test_below(N + 2);	/* at times out of range */
	unsigned int u = (unsigned int)lps_test_below(LPS_NR_USAGE + 1);
	lps_fstate_t next, old = 0xee;
	int want, got;

	got = lps_host_set_usage(&e->h, pfn, (enum lps_usage)u, &old);
	if (u >= LPS_NR_USAGE) {
		want = -LPS_EINVAL;
	} else if (pfn >= N) {
		want = -LPS_ERANGE;
	} else {
		want = ref_set(ref.s[pfn], (enum lps_usage)u, &next);
		if (want >= 0) {
			LPS_CHECK_EQ(old, ref.s[pfn]);
			ref_put(pfn, next, changed);
			ref_release(pfn, changed);
			ref.cnt.hints_applied[u]++;
			ref.cnt.stable_discarded += want == LPS_R_DISCARDED;
		}
	}
	if (want < 0)
		ref.cnt.rejected++;
	LPS_CHECK_EQ(got, want);
}

static void do_make_stable(bool *changed)
{
	uint64_t pfn = lps_test_below(N + 1), count = lps_test_below(6), i;
	lps_fstate_t next;
	int want = 0, got;

	got = lps_host_make_stable(&e->h, pfn, count);
	if (!count) {
		want = -LPS_EINVAL;
	} else if (pfn + count > N) {
		want = -LPS_ERANGE;
	} else {
		for (i = pfn; i < pfn + count; i++) {
			if (ref_set(ref.s[i], LPS_STABLE, &next) ==
			    LPS_R_DISCARDED) {
				want = LPS_R_DISCARDED;
				ref.cnt.stable_discarded++;
			}
			ref_put(i, next, changed);
		}
		ref.cnt.hints_applied[LPS_STABLE] += count;
	}
	if (want < 0)
		ref.cnt.rejected++;
	LPS_CHECK_EQ(got, want);
}

static void do_access(bool *changed)
{
	uint64_t pfn = lps_test_below(N + 1);
	bool write = lps_test_below(2);
	bool fail = lps_test_below(8) == 0;
	lps_fstate_t next;
	int want, got;

	e->fail_page_in = fail;
	got = lps_host_guest_access(&e->h, pfn, write);
	if (pfn >= N) {
		want = -LPS_ERANGE;
		ref.cnt.rejected++;
	} else {
		want = ref_access(ref.s[pfn], write, &next);
		if (want == -LPS_EFAULT)
			ref.cnt.discard_faults++;
		else if (want < 0)
			ref.cnt.rejected++;
		else if (C(ref.s[pfn]) == LPS_PRESERVED && fail)
			want = -LPS_EIO;
		if (want == -LPS_EIO)
			ref.cnt.backend_errors++;
		if (want == 0) {
			ref.cnt.swap_in += C(ref.s[pfn]) == LPS_PRESERVED;
			/* Read back: the slot stays current until a write. */
			if (C(ref.s[pfn]) == LPS_PRESERVED)
				ref.cached[pfn] = true;
			if (write)
				ref.cached[pfn] = false;
			/* The guest must see its data, or zero if dropped. */
			if (!fix_mem_is(e, pfn, ref.data[pfn])) {
				fprintf(stderr, "step %u: frame %u has %#x, "
					"want %#x\n", step, (unsigned int)pfn,
					e->mem[pfn][0], ref.data[pfn]);
				LPS_CHECK(0);
			}
			ref_put(pfn, next, changed);
			if (write) {
				ref.data[pfn] = (uint8_t)lps_test_rand();
				memset(e->mem[pfn], ref.data[pfn], FIX_BYTES);
			}
		}
	}
	e->fail_page_in = 0;
	LPS_CHECK_EQ(got, want);
}

/* ---------------------------------------------------------- batches */

enum defect {
	D_NONE, D_MAGIC, D_VERSION, D_FLAGS, D_RESERVED, D_NR_CAP, D_NR_LEN,
	D_CURSOR, D_BEYOND, D_WRAP, D_COUNT0, D_USAGE, D_OVERLAP, D_NR
};

struct wr {
	uint64_t pfn;
	uint32_t count, usage;
};

/* Disjoint ranges in shuffled order; returns how many. */
static unsigned int gen_ranges(struct wr *r, unsigned int max)
{
	uint64_t p = lps_test_below(4);
	unsigned int n = 0, i, j;
	struct wr tmp;

	while (n < max) {
		uint32_t count = 1 + (uint32_t)lps_test_below(4);

		if (p + count > N)
			break;
		r[n].pfn = p;
		r[n].count = count;
		r[n].usage = (uint32_t)lps_test_below(LPS_NR_USAGE);
		n++;
		p += count + lps_test_below(4);
	}
	for (i = n; i > 1; i--) {
		j = (unsigned int)lps_test_below(i);
		tmp = r[i - 1];
		r[i - 1] = r[j];
		r[j] = tmp;
	}
	return n;
}

static void do_batch(bool *changed)
{
	struct wr r[8];
	unsigned int n = gen_ranges(r, 1 + (unsigned int)lps_test_below(8));
	enum defect d = lps_test_below(2) ? D_NONE :
			(enum defect)(1 + lps_test_below(D_NR - 1));
	size_t off = lps_test_below(16), len;
	uint8_t *p = page + off;
	unsigned int i, k, cursor = 0, applied;
	uint32_t budget = (uint32_t)lps_test_below(4);
	lps_fstate_t next;
	int want = 0, got;
	uint64_t f;

	if (!n)
		return;
	k = (unsigned int)lps_test_below(n);	/* the range made bad */
	if (d == D_BEYOND) {
		r[k].pfn = N - r[k].count + 1 + lps_test_below(3);
	} else if (d == D_WRAP) {
		r[k].pfn = UINT64_MAX - lps_test_below(3);
		r[k].count = 2 + (uint32_t)lps_test_below(10);
	} else if (d == D_COUNT0) {
		r[k].count = 0;
	} else if (d == D_USAGE) {
		r[k].usage = LPS_NR_USAGE + (uint32_t)lps_test_below(1000);
	} else if (d == D_OVERLAP) {
		if (n < 2)
			return;
		r[k] = r[(k + 1) % n];
		r[k].usage = (uint32_t)lps_test_below(LPS_NR_USAGE);
	}

	fix_desc_init(p);
	for (i = 0; i < n; i++)
		fix_desc_add(p, r[i].pfn, r[i].count, r[i].usage);
	len = fix_desc_len(p);
	switch (d) {
	case D_MAGIC:
		p[lps_test_below(4)] ^= (uint8_t)(1 + lps_test_below(255));
		break;
	case D_VERSION:
		fix_put16(p + 4, (uint16_t)(2 + lps_test_below(100)));
		break;
	case D_FLAGS:
		fix_put16(p + FIX_OFF_FLAGS,
			  (uint16_t)(1u << lps_test_below(16)));
		break;
	case D_RESERVED:
		p[12 + lps_test_below(4)] = 0x80;
		break;
	case D_NR_CAP:
		fix_put16(p + FIX_OFF_NR, (uint16_t)(LPS_BATCH_MAX_RANGES + 1 +
						     lps_test_below(1000)));
		len = sizeof(page) - off;
		break;
	case D_NR_LEN:
		len -= 1 + lps_test_below(FIX_RANGE);
		break;
	case D_CURSOR:
		fix_put16(p + FIX_OFF_CURSOR, (uint16_t)(n + 1 +
							 lps_test_below(100)));
		break;
	default:
		break;
	}

	if (d == D_BEYOND || d == D_WRAP)
		want = -LPS_ERANGE;
	else if (d != D_NONE)
		want = -LPS_EPROTO;
	else
		for (i = 0; i < n && !want; i++)
			for (f = r[i].pfn; f < r[i].pfn + r[i].count; f++)
				if (ref_set(ref.s[f], r[i].usage, &next) < 0)
					want = -LPS_EPERM;
	if (want < 0) {
		got = lps_host_apply_batch(&e->h, p, len, budget);
		LPS_CHECK_EQ(got, want);
		ref.cnt.rejected++;
		return;
	}

	/* Good: resume through the cursor until done, checking each time. */
	do {
		got = lps_host_apply_batch(&e->h, p, len, budget);
		applied = budget && budget < n - cursor ? budget : n - cursor;
		LPS_CHECK_EQ(got, cursor + applied < n ? -LPS_EAGAIN : 0);
		for (i = cursor; i < cursor + applied; i++) {
			for (f = r[i].pfn; f < r[i].pfn + r[i].count; f++) {
				ref_set(ref.s[f], r[i].usage, &next);
				ref_put(f, next, changed);
				ref_release(f, changed);
			}
			ref.cnt.hints_applied[r[i].usage] += r[i].count;
		}
		cursor += applied;
		ref.cnt.batches += cursor == n;
		LPS_CHECK_EQ(fix_get16(p + FIX_OFF_CURSOR), cursor);
		compare("batch part", changed);
	} while (got == -LPS_EAGAIN && cursor < n);
}

/* ---------------------------------------------------------- reclaim */

/* Could a targeted pass for @how still take @s? */
static bool takeable(lps_fstate_t s, uint32_t how)
{
	if (C(s) != LPS_RESIDENT)
		return false;
	if ((how & LPS_RECLAIM_SWAP))
		return true;
	if (!droppable(s))
		return false;
	if (U(s) == LPS_UNUSED)
		return how & LPS_RECLAIM_UNUSED;
	return how & LPS_RECLAIM_VOLATILE;
}

static void do_reclaim(bool *changed)
{
	bool all = lps_test_below(6) == 0;
	uint32_t how = (uint32_t)lps_test_below(LPS_RECLAIM_ALL + 2);
	uint64_t target = lps_test_below(N + 4), before = ref_resident();
	struct lps_host_reclaim_result res;
	uint64_t drop_u = 0, drop_v = 0, out = 0, clean = 0, i, after;
	bool fail = lps_test_below(6) == 0, left_u = false, failed;
	lps_fstate_t b, a, z;
	int got;

	e->fail_discard = fail;
	e->fail_page_out = fail;
	e->fail_evict = fail;
	if (all) {
		got = lps_host_reclaim_all(&e->h, &res);
		LPS_CHECK_EQ(got, 0);
	} else {
		got = lps_host_reclaim(&e->h, target, how, &res);
		if (!how || how > LPS_RECLAIM_ALL) {
			LPS_CHECK_EQ(got, -LPS_EINVAL);
			ref.cnt.rejected++;
			e->fail_discard = e->fail_page_out = 0;
			e->fail_evict = 0;
			return;
		}
	}
	failed = fail && (!e->fail_discard || !e->fail_page_out ||
			  !e->fail_evict);
	ref.cnt.backend_errors += fail && !e->fail_discard;
	ref.cnt.backend_errors += fail && !e->fail_page_out;
	ref.cnt.backend_errors += fail && !e->fail_evict;
	e->fail_discard = e->fail_page_out = e->fail_evict = 0;

	/* Every change must be one reclaim may make; then adopt it. */
	for (i = 0; i < N; i++) {
		b = ref.s[i];
		a = e->states[i];
		z = (lps_fstate_t)((b & ~LPS_FS_CONTENT_MASK) |
				   (LPS_ZERO << LPS_FS_CONTENT_SHIFT));
		if (a == b) {
			/* reclaim_all leaves nothing it may drop. */
			LPS_CHECK(!all || failed || !droppable(b));
			left_u |= U(b) == LPS_UNUSED && takeable(b, how);
			continue;
		}
		if (a == z && droppable(b) &&
		    (all || C(b) == LPS_RESIDENT)) {
			if (U(b) == LPS_UNUSED)
				drop_u++;
			else
				drop_v++;
			ref.data[i] = 0;
			ref.cached[i] = false;
		} else if (!all && (how & LPS_RECLAIM_SWAP) &&
			   C(b) == LPS_RESIDENT &&
			   a == (lps_fstate_t)((b & ~LPS_FS_CONTENT_MASK) |
				(LPS_PRESERVED << LPS_FS_CONTENT_SHIFT))) {
			/* No write when host swap still held the bytes. */
			if (ref.cached[i])
				clean++;
			else
				out++;
			ref.cached[i] = false;
		} else {
			fprintf(stderr, "step %u: reclaim made frame %u "
				"%#x -> %#x\n", step, (unsigned int)i, b, a);
			LPS_CHECK(0);
		}
		ref_put(i, a, changed);
	}
	LPS_CHECK_EQ(res.dropped_unused, drop_u);
	LPS_CHECK_EQ(res.dropped_volatile, drop_v);
	LPS_CHECK_EQ(res.swapped_out, out);
	LPS_CHECK_EQ(res.swapped_clean, clean);
	ref.cnt.discarded_unused += drop_u;
	ref.cnt.discarded_volatile += drop_v;
	ref.cnt.swap_out += out;
	ref.cnt.swap_out_clean += clean;

	after = ref_resident();
	if (all || failed)
		return;
	/* The policy's promises. */
	if (before <= target) {
		LPS_CHECK_EQ(after, before);
	} else if (got == 0) {
		LPS_CHECK_EQ(after, target);
	} else {
		LPS_CHECK_EQ(got, -LPS_EAGAIN);
		for (i = 0; i < N; i++)
			LPS_CHECK(!takeable(ref.s[i], how));
	}
	/* Unused before volatile, and dropping before paging out. */
	if (drop_v && (how & LPS_RECLAIM_UNUSED))
		LPS_CHECK(!left_u);
	if (out + clean)
		for (i = 0; i < N; i++)
			LPS_CHECK(!takeable(ref.s[i],
					    how & ~LPS_RECLAIM_SWAP) ||
				  !(how & ~LPS_RECLAIM_SWAP));
}

static void do_snapshot(void)
{
	static lps_fstate_t out[N];

	LPS_CHECK_EQ(lps_host_snapshot(&e->h, out, N), 0);
	LPS_CHECK(!memcmp(out, ref.s, N));
	LPS_CHECK_EQ(e->dirty[0] | e->dirty[N / 8 - 1], 0);
}

int main(void)
{
	bool changed[N];
	uint64_t i;

	lps_test_seed(0x686f7374);
	e = fix_new_with(N, 0, true);
	for (i = 0; i < N; i++)
		ref.data[i] = e->mem[i][0];
	do_snapshot();

	for (step = 0; step < STEPS; step++) {
		memset(changed, 0, sizeof(changed));
		switch (lps_test_below(16)) {
		case 0: case 1: case 2: case 3:
			do_set_usage(changed);
			break;
		case 4: case 5:
			do_make_stable(changed);
			break;
		case 6: case 7: case 8: case 9: case 10:
			do_access(changed);
			break;
		case 11: case 12: case 13:
			do_batch(changed);
			break;
		case 14:
			do_reclaim(changed);
			break;
		default:
			do_snapshot();
			break;
		}
		compare("step", changed);
		if (lps_test_failed > 20)
			break;
	}
	printf("%u steps, %" PRIu64 " frames dropped, %" PRIu64
	       " paged out (%" PRIu64 " without a write), %" PRIu64
	       " rejected\n", step,
	       ref.cnt.discarded_unused + ref.cnt.discarded_volatile,
	       ref.cnt.swap_out + ref.cnt.swap_out_clean,
	       ref.cnt.swap_out_clean, ref.cnt.rejected);
	free(e);
	return lps_test_done();
}
