// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_batch.c - the hint descriptor and nothing else: reset, append (with
 * coalescing), cut a frame interval out, read back what the host applied.
 * Every wire byte-order conversion of the guest core happens here; the
 * callers see host-order numbers and keep the frame words in step.
 */
#include "lps_internal.h"	/* struct lps_batch, lps_memset, lps_le* */
#include "lps_guest_priv.h"	/* the prototypes below */

LPS_STATIC_ASSERT(sizeof(struct lps_batch) <= LPS_BATCH_BYTES,
		  "the descriptor must fit the page the host maps");

void lps_batch_reset(struct lps_batch *b)
{
	/* Whole page: stale ranges past nr must not leak to the host. */
	lps_memset(b, 0, sizeof(*b));
	b->hdr.magic = lps_le32(LPS_BATCH_MAGIC);
	b->hdr.version = lps_le16(LPS_BATCH_VERSION);
}

void lps_batch_empty(struct lps_batch *b, uint16_t nr)
{
	/*
	 * Slots past nr are kept zero, so clearing the used ones resets the
	 * page: a small batch does not pay for zeroing 4 KiB.
	 */
	lps_memset(b->range, 0, nr * sizeof(b->range[0]));
	lps_memset(&b->hdr, 0, sizeof(b->hdr));
	b->hdr.magic = lps_le32(LPS_BATCH_MAGIC);
	b->hdr.version = lps_le16(LPS_BATCH_VERSION);
}

uint16_t lps_batch_nr(const struct lps_batch *b)
{
	return lps_le16(b->hdr.nr);
}

uint16_t lps_batch_applied(const struct lps_batch *b, int ret)
{
	uint16_t nr = lps_le16(b->hdr.nr);
	uint16_t done = ret ? lps_le16(b->hdr.cursor) : nr;

	return done > nr ? nr : done;
}

void lps_batch_range(const struct lps_batch *b, uint16_t k, uint64_t *pfn,
		     uint32_t *count, uint32_t *usage)
{
	const struct lps_range *r = &b->range[k];

	*pfn = lps_le64(r->pfn);
	*count = lps_le32(r->count);
	*usage = lps_le32(r->usage);
}

int lps_batch_append(struct lps_batch *b, uint64_t pfn, uint32_t count,
		     enum lps_usage usage)
{
	uint16_t nr = lps_le16(b->hdr.nr);
	struct lps_range *r;

	if (nr) {
		r = &b->range[nr - 1];
		if (lps_le32(r->usage) == (uint32_t)usage &&
		    lps_le64(r->pfn) + lps_le32(r->count) == pfn &&
		    count <= LPS_RANGE_MAX_COUNT - lps_le32(r->count)) {
			r->count = lps_le32(lps_le32(r->count) + count);
			return 0;
		}
	}
	if (nr == LPS_BATCH_MAX_RANGES)
		return -LPS_ENOSPC;
	r = &b->range[nr];
	r->pfn = lps_le64(pfn);
	r->count = lps_le32(count);
	r->usage = lps_le32((uint32_t)usage);
	b->hdr.nr = lps_le16((uint16_t)(nr + 1));
	return 0;
}

/* Move ranges [k, nr) up by one slot (@up) or down over slot k (!@up). */
static void lps_ranges_shift(struct lps_batch *b, uint16_t k, uint16_t nr,
			     bool up)
{
	uint16_t i;

	if (up) {
		for (i = nr; i > k; i--)
			b->range[i] = b->range[i - 1];
	} else {
		for (i = k; i + 1 < nr; i++)
			b->range[i] = b->range[i + 1];
		/* The host must never see a stale range past nr. */
		lps_memset(&b->range[nr - 1], 0, sizeof(b->range[0]));
	}
}

int lps_batch_cut(struct lps_batch *b, uint64_t lo, uint64_t hi,
		  void (*cut)(void *arg, uint64_t lo, uint64_t hi), void *arg,
		  uint64_t *removed)
{
	uint16_t nr = lps_le16(b->hdr.nr);
	uint16_t k = nr;
	uint64_t gone = 0;

	/*
	 * Newest range first: an allocator hands out what it freed last, so
	 * the frame is usually near the end, where removal moves little.
	 */
	while (k-- > 0) {
		struct lps_range *r = &b->range[k];
		uint64_t s = lps_le64(r->pfn);
		uint64_t e = s + lps_le32(r->count);
		uint64_t cs = s > lo ? s : lo;
		uint64_t ce = e < hi ? e : hi;

		if (e <= lo || s >= hi)
			continue;
		if (s < lo && e > hi) {
			/*
			 * A hole in the middle needs a second range.  Only this
			 * range can meet [lo, hi) then, so nothing is changed
			 * yet when we give up.
			 */
			if (nr == LPS_BATCH_MAX_RANGES)
				return -LPS_ENOSPC;
			lps_ranges_shift(b, k + 1, nr, true);
			nr++;
			b->range[k + 1] = *r;
			b->range[k + 1].pfn = lps_le64(hi);
			b->range[k + 1].count = lps_le32((uint32_t)(e - hi));
			r->count = lps_le32((uint32_t)(lo - s));
		} else if (s < lo) {
			r->count = lps_le32((uint32_t)(lo - s));
		} else if (e > hi) {
			r->pfn = lps_le64(hi);
			r->count = lps_le32((uint32_t)(e - hi));
		} else {
			lps_ranges_shift(b, k, nr, false);
			nr--;
		}
		cut(arg, cs, ce);
		gone += ce - cs;
		/* Every frame of [lo, hi) found: no other range can meet it. */
		if (gone == hi - lo)
			break;
	}
	b->hdr.nr = lps_le16(nr);
	*removed = gone;
	return 0;
}
