/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_port_noop.h - the port that tells nobody: every hint succeeds and no
 * content is ever discarded.  The fallback on unknown architectures, when
 * a probe fails, and in analyser builds.
 */
#ifndef LPS_PORT_NOOP_H
#define LPS_PORT_NOOP_H

#ifndef LPS_PORT_INSIDE_DISPATCHER
#error "include ports/lps_port.h, not a port header"
#endif

#include <pagestates/pagestates.h>	/* struct lps_batch, lps_le16 */

#define LPS_PORT_NAME "noop"
/* Taking a whole descriptor costs nothing, so say so. */
#define LPS_PORT_HAVE_BATCH 1

static inline int lps_port_submit(void *ctx, struct lps_batch *b)
{
	(void)ctx;
	if (!b)
		return -LPS_EINVAL;
	b->hdr.cursor = b->hdr.nr;
	return 0;
}
#define lps_port_submit lps_port_submit

static inline int lps_port_make_stable(void *ctx, uint64_t pfn,
				       uint64_t count)
{
	(void)ctx;
	if (!count || pfn + count < pfn)
		return -LPS_EINVAL;
	return 0;
}
#define lps_port_make_stable lps_port_make_stable

#include "generic/lps_port_generic.h"

#endif /* LPS_PORT_NOOP_H */
