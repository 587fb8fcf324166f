/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_port_ops.h - what the core calls to reach the host.  A port header in
 * ports/ turns its few inline functions into one of these through the
 * generic layer (ports/generic/lps_port_generic.h); the kernel picks one at
 * boot by probing, tests pass a recording fake.  See ports/README.md.
 */
#ifndef PAGESTATES_LPS_PORT_OPS_H
#define PAGESTATES_LPS_PORT_OPS_H

#include "lps_types.h"	/* uint32_t, uint64_t */
#include "lps_state.h"	/* lps_fstate_t */
#include "lps_batch.h"	/* struct lps_batch */

#ifdef __cplusplus
extern "C" {
#endif

struct lps_port_ops {
	const char *name;	/* LPS_PORT_NAME: "noop", "s390", "x86", ... */
	uint32_t caps;		/* LPS_CAP_* */

	/*
	 * Is the transport there?  0 if usable, -LPS_ENOTSUP if not (the
	 * caller then falls back to the no-op port).  May be NULL: present.
	 */
	int (*probe)(void *ctx);

	/*
	 * Apply the ranges of @b from hdr.cursor on.  On return hdr.cursor
	 * is past every range the host applied; a range is applied whole or
	 * not at all.  Return 0 when all are applied, -LPS_EAGAIN when the
	 * host stopped early (the core calls again from the cursor), any
	 * other negative code for a hard error.
	 */
	int (*submit)(void *ctx, struct lps_batch *b);

	/*
	 * Make frames [pfn, pfn + count) stable, synchronously.  Return 0,
	 * LPS_R_DISCARDED if the host had dropped the content of any of
	 * them, or a negative code (nothing changed); -LPS_ETIMEDOUT when
	 * the host is busy with a frame beyond the port's bounded wait, so
	 * that the caller can wait somewhere better and call again.
	 */
	int (*make_stable)(void *ctx, uint64_t pfn, uint64_t count);

	/* The host's view of one frame.  NULL unless LPS_CAP_GET_STATE. */
	int (*get_state)(void *ctx, uint64_t pfn, lps_fstate_t *out);

	/*
	 * The direct path, for transports where telling the host one hint
	 * costs less than queueing it (a compare-and-swap on a shared table,
	 * one ESSA): apply @usage (unused, volatile or potentially volatile)
	 * to frames [pfn, pfn + count) now.  On a negative return any of
	 * them may hold the new usage (undoing them could lose a drop the
	 * host made meanwhile), and the core records the whole range as
	 * told: a frame told more than the host holds is only made stable
	 * once more.  NULL: the core batches through submit.
	 */
	int (*hint)(void *ctx, uint64_t pfn, uint64_t count,
		    enum lps_usage usage);
};

#ifdef __cplusplus
}
#endif

#endif /* PAGESTATES_LPS_PORT_OPS_H */
