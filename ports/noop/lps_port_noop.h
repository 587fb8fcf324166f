/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_port_noop.h - the port that tells nobody: every hint succeeds and no
 * content is ever discarded.  The fallback on unknown architectures, when
 * a probe fails, and in analyser builds.
 */
#ifndef LPS_PORT_NOOP_H
#define LPS_PORT_NOOP_H

#include <pagestates/pagestates.h>	/* struct lps_batch, lps_le16 */

#include "generic/lps_port_fn.h"	/* LPS_PORT_FN() */

#define LPS_PORT_ID noop
#define LPS_PORT_NAME "noop"
/* Taking a whole descriptor costs nothing, so say so. */
#define LPS_PORT_HAVE_BATCH 1

#define lps_port_submit LPS_PORT_FN(submit)
static inline int lps_port_submit(void *ctx, struct lps_batch *b)
{
	(void)ctx;
	if (!b)
		return -LPS_EINVAL;
	b->hdr.cursor = b->hdr.nr;
	return 0;
}

#define lps_port_make_stable LPS_PORT_FN(make_stable)
static inline int lps_port_make_stable(void *ctx, uint64_t pfn,
				       uint64_t count)
{
	(void)ctx;
	if (!count || pfn + count < pfn)
		return -LPS_EINVAL;
	return 0;
}

#include "generic/lps_port_generic.h"

#endif /* LPS_PORT_NOOP_H */
