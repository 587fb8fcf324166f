// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_batch.c - the hint descriptor and nothing else: reset, empty, read
 * back what the host applied.  Every wire byte-order conversion of the
 * guest core happens here and in lps_batch_priv.h (the inline accessors);
 * the callers see host-order numbers and keep the frame words in step.
 */
#include "lps_internal.h"	/* struct lps_batch, lps_memset, lps_le* */
#include "lps_batch_priv.h"	/* the prototypes below */

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

uint16_t lps_batch_applied(const struct lps_batch *b, int ret)
{
	uint16_t nr = lps_le16(b->hdr.nr);
	uint16_t done = ret ? lps_le16(b->hdr.cursor) : nr;

	return done > nr ? nr : done;
}
