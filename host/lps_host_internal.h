/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_host_internal.h - what the host model's files share: the locking
 * discipline, the host-private "busy" bit, and the one place a frame's
 * state is changed and accounted for.
 *
 * Concurrency (the host model may be driven by one thread per vCPU plus a
 * reclaim thread):
 *
 * - h->lock serialises every change of a state byte, of resident, of the
 *   counters, of the dirty log, of the swap cache and of the reclaim
 *   cursors.  lps_deps.h has no
 *   64-bit atomic add, so the counters need a lock anyway; one lock for all
 *   of it makes each public call atomic with respect to the others, which is
 *   what keeps "validate everything, then apply" honest for batches.
 * - The lock is never held across a backend call (a backend may do I/O or
 *   sleep).  Instead the frames involved are claimed with LPS_HOST_BUSY, the
 *   "state change in progress" bit of the original series, kept in the
 *   state byte above the bits lps_fs_valid() accepts.  Nobody changes a busy
 *   frame: other calls drop the lock, wait for the bit to clear, and retry.
 *   The owner re-takes the lock, stores the final state and clears the bit
 *   in one store.  No call hands the bit to a caller (every read made for
 *   one masks it), but the raw states array shows it while a call is in
 *   flight.
 * - State bytes are read with single-copy atomic loads and changed with
 *   lps_cmpxchg_u8, so lps_host_get_state() can read without the lock.
 * - The backend must not call back into the host model.
 */
#ifndef LPS_HOST_INTERNAL_H
#define LPS_HOST_INTERNAL_H

#include "lps_internal.h"		/* lps_deps.h names, the guest API */
#include <pagestates/host/lps_host.h>	/* our API */

#define LPS_HOST_BUSY	((lps_fstate_t)0x80u)

LPS_STATIC_ASSERT((LPS_HOST_BUSY & LPS_FS_VALID_MASK) == 0,
		  "the busy bit must not be a state bit");

LPS_STATIC_ASSERT(LPS_EV_SET_STABLE + LPS_UNUSED == LPS_EV_SET_UNUSED &&
		  LPS_EV_SET_STABLE + LPS_VOLATILE == LPS_EV_SET_VOLATILE &&
		  LPS_EV_SET_STABLE + LPS_POT_VOLATILE ==
			LPS_EV_SET_POT_VOLATILE,
		  "SET_* events must follow the usage order");

/* The guest hint that sets @usage (which must be < LPS_NR_USAGE). */
static inline enum lps_event lps_host_set_event(enum lps_usage usage)
{
	return (enum lps_event)(LPS_EV_SET_STABLE + usage);
}

/* Lock helpers; @flags exists for the kernel's spin_lock_irqsave(). */
#define lps_host_lock(h, flags)		lps_lock(&(h)->lock, flags)
#define lps_host_unlock(h, flags)	lps_unlock(&(h)->lock, flags)

/* The frame's byte as stored, busy bit included; atomic, no lock needed. */
static inline lps_fstate_t lps_host_raw(const struct lps_host *h, uint64_t pfn)
{
	return lps_load_u8(&h->states[pfn]);
}

/* The frame's state as callers may see it. */
static inline lps_fstate_t lps_host_state(const struct lps_host *h,
					  uint64_t pfn)
{
	return (lps_fstate_t)(lps_host_raw(h, pfn) & ~LPS_HOST_BUSY);
}

static inline bool lps_host_busy(const struct lps_host *h, uint64_t pfn)
{
	return (lps_host_raw(h, pfn) & LPS_HOST_BUSY) != 0;
}

static inline bool lps_host_in_range(const struct lps_host *h, uint64_t pfn,
				     uint64_t count)
{
	return pfn < h->nframes && count <= h->nframes - pfn;
}

static inline void lps_host_mark_dirty(struct lps_host *h, uint64_t pfn)
{
	h->dirty_log[pfn >> 3] |= (uint8_t)(1u << (pfn & 7));
}

/*
 * The swap cache bit: @pfn is resident and its host swap slot holds the
 * same bytes.  Lock held for changes; always false without a swap cache.
 */
static inline bool lps_host_swap_cached(const struct lps_host *h,
					uint64_t pfn)
{
	return h->swap_cache &&
	       (h->swap_cache[pfn >> 3] >> (pfn & 7) & 1u) != 0;
}

static inline void lps_host_set_swap_cached(struct lps_host *h, uint64_t pfn,
					    bool cached)
{
	uint8_t bit = (uint8_t)(1u << (pfn & 7));

	if (!h->swap_cache)
		return;
	if (cached)
		h->swap_cache[pfn >> 3] |= bit;
	else
		h->swap_cache[pfn >> 3] &= (uint8_t)~bit;
}

/*
 * Store @next over @cur (the byte as stored, busy bit and all) and account
 * for it: resident follows the content, and the dirty log records any
 * change a caller could see.  Lock held.
 */
static inline void lps_host_commit(struct lps_host *h, uint64_t pfn,
				   lps_fstate_t cur, lps_fstate_t next)
{
	lps_fstate_t was = (lps_fstate_t)(cur & ~LPS_HOST_BUSY);
	lps_fstate_t now = (lps_fstate_t)(next & ~LPS_HOST_BUSY);
	bool res_was = lps_fs_content(was) == LPS_RESIDENT;
	bool res_now = lps_fs_content(now) == LPS_RESIDENT;

	/* Under the lock only the busy bit's owner could have changed it. */
	if (LPS_WARN_ON(lps_cmpxchg_u8(&h->states[pfn], cur, next) != cur))
		return;
	if (res_was && !res_now)
		h->resident--;
	else if (!res_was && res_now)
		h->resident++;
	if (was != now)
		lps_host_mark_dirty(h, pfn);
}

/*
 * Wait, with the lock dropped, until @pfn is no longer busy.  The caller
 * re-checks everything it knew: the frame may have changed.
 */
#define lps_host_wait(h, pfn, flags)					\
	do {								\
		lps_host_unlock(h, flags);				\
		while (lps_host_busy(h, pfn))				\
			lps_cpu_relax();				\
		lps_host_lock(h, flags);				\
	} while (0)

/* Count a call refused for bad input and hand its error back. */
int lps_host_reject(struct lps_host *h, int err);

/*
 * Free the host swap slots of the frames in [pfn, pfn + count) that are
 * unused and paged out (lps_host_reclaim.c).  Lock held, dropped around
 * backend calls; *@flags is the caller's lock state.
 */
void lps_host_release_unused(struct lps_host *h, uint64_t pfn,
			     uint64_t count, unsigned long *flags);

#endif /* LPS_HOST_INTERNAL_H */
