// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_gmem.c - guest memory for the decoders: the flat accessor, and the
 * descriptor checks both hypercall decoders share.
 */
#include "lps_internal.h"
#include <pagestates/host/lps_transport.h>

void *lps_gmem_flat_map(void *ctx, uint64_t gpa, size_t *avail)
{
	const struct lps_gmem_flat *f = ctx;
	uint64_t left;

	if (!f || !f->base || !avail || gpa >= f->size)
		return NULL;
	left = f->size - gpa;
	*avail = left > (uint64_t)(size_t)-1 ? (size_t)-1 : (size_t)left;
	return f->base + gpa;
}

int lps_transport_submit(struct lps_host *h, const struct lps_gmem *mem,
			 uint64_t gpa, uint32_t budget)
{
	size_t avail = 0;
	void *buf;

	if (!mem || !mem->map)
		return -LPS_EIO;
	/* One page, page-aligned: it cannot straddle a memory slot. */
	if (gpa & (LPS_BATCH_BYTES - 1))
		return -LPS_EINVAL;
	buf = mem->map(mem->ctx, gpa, &avail);
	if (!buf || !avail)
		return -LPS_ERANGE;
	if (avail > LPS_BATCH_BYTES)
		avail = LPS_BATCH_BYTES;
	/* The host model bounds every index by what is really there. */
	return lps_host_apply_batch(h, buf, avail, budget);
}
