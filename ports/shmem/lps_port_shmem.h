/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_port_shmem.h - the shared state table port: the guest writes each
 * frame's state into a table the host maps too, by compare-and-swap, and
 * never exits.  Ranges are local memory, so batches are native; the state
 * is a load away.  A dropped page reads as zero without a fault and the
 * host sees no change bit, so neither of those capabilities is claimed.
 *
 * The ops context is a struct lps_port_env whose arg points at the
 * struct lps_shmem_guest that lps_shmem_guest_setup() published.
 */
#ifndef LPS_PORT_SHMEM_H
#define LPS_PORT_SHMEM_H

#include <pagestates/pagestates.h>	/* struct lps_batch, lps_fstate_t */
#include "generic/lps_port_env.h"	/* struct lps_port_env */
#include "shmem/lps_shmem_guest.h"	/* the guest side of the table */

#include "generic/lps_port_fn.h"	/* LPS_PORT_FN() */

#define LPS_PORT_ID shmem
#define LPS_PORT_NAME "shmem"
#define LPS_PORT_HAVE_BATCH 1
#define LPS_PORT_HAVE_GET_STATE 1

static inline struct lps_shmem_guest *lps_port_shmem_of(void *ctx)
{
	struct lps_port_env *env = (struct lps_port_env *)ctx;

	return env ? (struct lps_shmem_guest *)env->arg : NULL;
}

/* Present once the environment has published a table. */
#define lps_port_probe LPS_PORT_FN(probe)
static inline int lps_port_probe(void *ctx)
{
	return lps_shmem_guest_ready(lps_port_shmem_of(ctx)) ? 0 :
	       -LPS_ENOTSUP;
}

#define lps_port_submit LPS_PORT_FN(submit)
static inline int lps_port_submit(void *ctx, struct lps_batch *b)
{
	return lps_shmem_guest_submit(lps_port_shmem_of(ctx), b);
}

#define lps_port_make_stable LPS_PORT_FN(make_stable)
static inline int lps_port_make_stable(void *ctx, uint64_t pfn,
				       uint64_t count)
{
	return lps_shmem_guest_make_stable(lps_port_shmem_of(ctx), pfn,
					   count);
}

/* The direct path: one compare-and-swap per hinted frame, no batch. */
#define lps_port_hint LPS_PORT_FN(hint)
static inline int lps_port_hint(void *ctx, uint64_t pfn, uint64_t count,
				enum lps_usage usage)
{
	return lps_shmem_guest_hint(lps_port_shmem_of(ctx), pfn, count,
				    usage);
}

#define lps_port_get_state LPS_PORT_FN(get_state)
static inline int lps_port_get_state(void *ctx, uint64_t pfn,
				     lps_fstate_t *out)
{
	return lps_shmem_guest_get_state(lps_port_shmem_of(ctx), pfn, out);
}

#include "generic/lps_port_generic.h"

#endif /* LPS_PORT_SHMEM_H */
