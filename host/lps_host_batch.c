// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_host_batch.c - lps_host_apply_batch(): the guest's hint descriptor,
 * the security boundary between a possibly malicious guest and the host.
 *
 * The guest may rewrite the descriptor while we look at it, and it lies in
 * guest memory that need not be aligned.  So each attempt copies the
 * header and every range from the cursor on out once, byte-wise, and only
 * the copies are checked and used: what is applied is one consistent copy
 * of the descriptor, checked whole.
 * Every index is bounded by the real buffer length @len, never by what the
 * descriptor claims.
 *
 * Checks, in this order; the first to fail is returned, with nothing
 * changed (the cursor included) and the call counted in cnt.rejected:
 *   1. -LPS_EINVAL  NULL @buf
 *   2. -LPS_EPROTO  @len shorter than the header; bad magic, version, flags
 *                   or reserved; nr above LPS_BATCH_MAX_RANGES or beyond
 *                   what @len holds; cursor above nr
 *   3. per range from the cursor on, in order:
 *      -LPS_EPROTO  count 0 or unknown usage
 *      -LPS_ERANGE  outside the guest (pfn + count checked without
 *                   overflow)
 *   4. -LPS_EPROTO  two ranges overlapping
 *   5. -LPS_EPERM   (or another lps_transition() error) some frame's
 *                   transition is illegal
 *
 * The copy, the checks and the application happen under one hold of
 * h->lock, so no other call can change a frame in between: a batch is all
 * or nothing (up to @budget).  The ranges are copied into h->batch_scratch,
 * not onto the stack: a kernel-resident hypervisor cannot spare 4 KiB
 * there.  A frame claimed by a backend call in flight makes the batch wait,
 * which drops the lock, so the attempt then starts again from the header
 * (a fresh copy, checked whole).  After applying, the call walks its
 * ranges once more to free the swap of frames set unused, dropping the
 * lock around backend calls; h->batch_scratch_busy keeps other batches
 * off the scratch meanwhile.  Each call stands
 * alone: if something changes between a budget stop and the resume so
 * that a later range is no longer legal, the resume is refused and the
 * ranges before the cursor stay applied, as the cursor says.
 */
#include "lps_host_internal.h"	/* lock, busy bit, lps_host_commit() */

/* The wire layout is ABI: both sides must agree on it byte for byte. */
LPS_STATIC_ASSERT(sizeof(struct lps_batch_hdr) == 16, "header is 16 bytes");
LPS_STATIC_ASSERT(sizeof(struct lps_range) == 16, "range is 16 bytes");
LPS_STATIC_ASSERT(sizeof(struct lps_batch) <= LPS_BATCH_BYTES,
		  "a full descriptor fits its page");

/* A range as checked: host byte order, taken from the guest exactly once. */
struct lps_host_range {
	uint64_t pfn;
	uint32_t count;
	uint32_t ev;		/* enum lps_event; 16 bytes a range in all */
};

LPS_STATIC_ASSERT(sizeof(struct lps_host_range) == 16,
		  "255 checked ranges stay under 4 KiB of stack");
LPS_STATIC_ASSERT(LPS_BATCH_MAX_RANGES <= 256, "a range index fits a byte");

#define LPS_HDR_BYTES	sizeof(struct lps_batch_hdr)
#define LPS_RANGE_BYTES	sizeof(struct lps_range)

/* Sift @idx[root] down the max-heap idx[0, end), keyed by range pfn. */
static void lps_host_sift(uint8_t *idx, unsigned int root, unsigned int end,
			  const struct lps_host_range *r)
{
	unsigned int child;
	uint8_t tmp;

	while ((child = 2 * root + 1) < end) {
		if (child + 1 < end &&
		    r[idx[child + 1]].pfn > r[idx[child]].pfn)
			child++;
		if (r[idx[root]].pfn >= r[idx[child]].pfn)
			return;
		tmp = idx[root];
		idx[root] = idx[child];
		idx[child] = tmp;
		root = child;
	}
}

/*
 * Do any two of the @n ranges overlap?  The ranges must stay in guest
 * order (the cursor counts them), so an index is sorted instead: heapsort,
 * O(n log n) whatever order a guest chooses, no recursion, no libc.
 */
static bool lps_host_overlap(const struct lps_host_range *r, unsigned int n)
{
	uint8_t idx[LPS_BATCH_MAX_RANGES], tmp;
	unsigned int i;

	for (i = 0; i < n; i++)
		idx[i] = (uint8_t)i;
	for (i = n / 2; i-- > 0;)
		lps_host_sift(idx, i, n, r);
	for (i = n; i-- > 1;) {
		tmp = idx[0];
		idx[0] = idx[i];
		idx[i] = tmp;
		lps_host_sift(idx, 0, i, r);
	}
	/* Both ranges are inside the guest, so pfn + count cannot wrap. */
	for (i = 1; i < n; i++)
		if (r[idx[i - 1]].pfn + r[idx[i - 1]].count > r[idx[i]].pfn)
			return true;
	return false;
}

/* Copy out and check the ranges [cursor, nr); 0 or a negative code. */
static int lps_host_read_ranges(const struct lps_host *h, const uint8_t *buf,
				unsigned int cursor, unsigned int nr,
				struct lps_host_range *r)
{
	unsigned int i, n = nr - cursor;
	struct lps_range w;
	uint32_t usage;

	for (i = 0; i < n; i++) {
		lps_memcpy(&w, buf + LPS_HDR_BYTES +
			   (size_t)(cursor + i) * LPS_RANGE_BYTES, sizeof(w));
		r[i].pfn = lps_le64(w.pfn);
		r[i].count = lps_le32(w.count);
		usage = lps_le32(w.usage);
		if (!r[i].count || usage >= LPS_NR_USAGE)
			return -LPS_EPROTO;
		if (!lps_host_in_range(h, r[i].pfn, r[i].count))
			return -LPS_ERANGE;
		r[i].ev = lps_host_set_event((enum lps_usage)usage);
	}
	return lps_host_overlap(r, n) ? -LPS_EPROTO : 0;
}

/*
 * Is every frame's transition legal right now?  0, a negative code, or
 * 1 after waiting for a busy frame (the caller must check again).  Lock
 * held; dropped and re-taken only when returning 1.
 */
static int lps_host_check_legal(struct lps_host *h,
				const struct lps_host_range *r, unsigned int n,
				unsigned long *flags)
{
	lps_fstate_t cur, next;
	unsigned int i;
	uint64_t f;
	int ret;

	for (i = 0; i < n; i++) {
		for (f = r[i].pfn; f < r[i].pfn + r[i].count; f++) {
			cur = lps_host_raw(h, f);
			if (cur & LPS_HOST_BUSY) {
				lps_host_wait(h, f, *flags);
				return 1;
			}
			ret = lps_transition(cur, (enum lps_event)r[i].ev,
					     &next);
			if (ret < 0)
				return ret;
		}
	}
	return 0;
}

static void lps_host_apply_range(struct lps_host *h,
				 const struct lps_host_range *r)
{
	lps_fstate_t cur, next;
	uint64_t f;

	for (f = r->pfn; f < r->pfn + r->count; f++) {
		cur = lps_host_raw(h, f);
		/* Checked under this same hold of the lock: cannot fail. */
		if (LPS_WARN_ON(lps_transition(cur, (enum lps_event)r->ev,
					       &next) < 0))
			continue;
		lps_host_commit(h, f, cur, next);
	}
	h->cnt.hints_applied[r->ev - LPS_EV_SET_STABLE] += r->count;
}

int lps_host_apply_batch(struct lps_host *h, void *buf, size_t len,
			 uint32_t budget)
{
	struct lps_host_range *r;
	unsigned int nr, cursor = 0, n = 0, todo, i;
	unsigned long flags = 0;
	struct lps_batch_hdr hdr;
	int ret;

	LPS_STATIC_ASSERT(sizeof(h->batch_scratch) >=
			  LPS_BATCH_MAX_RANGES * sizeof(struct lps_host_range),
			  "the scratch holds a whole descriptor's ranges");
	if (!h)
		return -LPS_EINVAL;
	if (!buf)
		return lps_host_reject(h, -LPS_EINVAL);
	if (len < LPS_HDR_BYTES)
		return lps_host_reject(h, -LPS_EPROTO);
	r = (struct lps_host_range *)h->batch_scratch;

	lps_host_lock(h, flags);
	do {
		/* Another batch may be freeing swap from its ranges. */
		while (h->batch_scratch_busy) {
			lps_host_unlock(h, flags);
			lps_cpu_relax();
			lps_host_lock(h, flags);
		}
		lps_memcpy(&hdr, buf, sizeof(hdr));
		nr = lps_le16(hdr.nr);
		cursor = lps_le16(hdr.cursor);
		if (lps_le32(hdr.magic) != LPS_BATCH_MAGIC ||
		    lps_le16(hdr.version) != LPS_BATCH_VERSION ||
		    lps_le16(hdr.flags) != 0 || lps_le32(hdr.reserved) != 0 ||
		    nr > LPS_BATCH_MAX_RANGES ||
		    (len - LPS_HDR_BYTES) / LPS_RANGE_BYTES < nr ||
		    cursor > nr) {
			ret = -LPS_EPROTO;
			break;
		}
		n = nr - cursor;
		ret = lps_host_read_ranges(h, buf, cursor, nr, r);
		if (ret < 0)
			break;
		ret = lps_host_check_legal(h, r, n, &flags);
	} while (ret > 0);
	if (ret < 0) {
		h->cnt.rejected++;
		lps_host_unlock(h, flags);
		return ret;
	}
	todo = budget && budget < n ? budget : n;
	for (i = 0; i < todo; i++)
		lps_host_apply_range(h, &r[i]);
	if (todo == n)
		h->cnt.batches++;
	/*
	 * Applied whole; now free the swap of frames that became unused.
	 * The lock is dropped around each backend call, so the scratch is
	 * held for this call until the walk is done.
	 */
	h->batch_scratch_busy = true;
	for (i = 0; i < todo; i++)
		if (r[i].ev == LPS_EV_SET_UNUSED)
			lps_host_release_unused(h, r[i].pfn, r[i].count,
						&flags);
	h->batch_scratch_busy = false;
	lps_host_unlock(h, flags);

	/* Tell the guest where to resume; the only write to its memory. */
	hdr.cursor = lps_le16((uint16_t)(cursor + todo));
	lps_memcpy((uint8_t *)buf + offsetof(struct lps_batch_hdr, cursor),
		   &hdr.cursor, sizeof(hdr.cursor));
	return todo < n ? -LPS_EAGAIN : 0;
}
