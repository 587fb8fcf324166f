// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_batch.c - reset a hint descriptor to an empty version-1 page.
 */
#include "lps_internal.h"	/* struct lps_batch, lps_memset, lps_le* */

LPS_STATIC_ASSERT(sizeof(struct lps_batch) <= LPS_BATCH_BYTES,
		  "the descriptor must fit the page the host maps");

void lps_batch_reset(struct lps_batch *b)
{
	/* Whole page: stale ranges past nr must not leak to the host. */
	lps_memset(b, 0, sizeof(*b));
	b->hdr.magic = lps_le32(LPS_BATCH_MAGIC);
	b->hdr.version = lps_le16(LPS_BATCH_VERSION);
}
