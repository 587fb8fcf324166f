/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_guest_priv.h - what the guest-side core files share and nobody else
 * sees: the frame word encoding, and the batch and counter helpers.
 */
#ifndef LPS_GUEST_PRIV_H
#define LPS_GUEST_PRIV_H

#include "lps_internal.h"	/* struct lps_guest, lps_load_u32, ... */

/*
 * The frame word: one uint32_t per guest frame, in caller storage.
 *
 *   bits 0-1   told: the usage the host was last told (or the one it
 *              assumes of a new guest: stable, so a zeroed word is right)
 *   bit  2     pending: a hint for this frame sits in some CPU's batch
 *   bits 3-4   the usage that pending hint asks for
 *   bits 8-31  the CPU index whose batch holds it (only when pending)
 *
 * Writers: the CPU whose lock guards the batch the frame sits in, or, when
 * the frame is in no batch, the caller that owns the frame (the API makes
 * the caller serialise calls on one frame).  Readers outside the lock use
 * the word only as a hint and re-check under the owning CPU's lock.
 */
#define LPS_FW_TOLD_MASK	0x3u
#define LPS_FW_PENDING		0x4u
#define LPS_FW_PUSAGE_SHIFT	3
#define LPS_FW_PUSAGE_MASK	0x18u
#define LPS_FW_CPU_SHIFT	8
#define LPS_FW_MAX_CPUS		(1u << 24)

static inline enum lps_usage lps_fw_told(uint32_t w)
{
	return (enum lps_usage)(w & LPS_FW_TOLD_MASK);
}

static inline bool lps_fw_pending(uint32_t w)
{
	return (w & LPS_FW_PENDING) != 0;
}

static inline enum lps_usage lps_fw_pusage(uint32_t w)
{
	return (enum lps_usage)((w & LPS_FW_PUSAGE_MASK) >>
				LPS_FW_PUSAGE_SHIFT);
}

static inline uint32_t lps_fw_cpu(uint32_t w)
{
	return w >> LPS_FW_CPU_SHIFT;
}

/* The guest's view: the pending hint if any, else what the host holds. */
static inline enum lps_usage lps_fw_view(uint32_t w)
{
	return lps_fw_pending(w) ? lps_fw_pusage(w) : lps_fw_told(w);
}

static inline uint32_t lps_fw_make_pending(uint32_t w, enum lps_usage u,
					   uint32_t cpu)
{
	return (w & LPS_FW_TOLD_MASK) | LPS_FW_PENDING |
	       ((uint32_t)u << LPS_FW_PUSAGE_SHIFT) |
	       (cpu << LPS_FW_CPU_SHIFT);
}

/* Counters have one writer (their CPU), so a plain add is enough. */
static inline void lps_cnt_add(uint64_t *c, uint64_t n)
{
	lps_store_u64(c, lps_load_u64(c) + n);
}

/* Resumes of one flush after -LPS_EAGAIN before the hints are dropped. */
#define LPS_FLUSH_RETRIES	8u

/* Frames lps_discard_release() hands over per call of the callback. */
#define LPS_RELEASE_CHUNK	64u

/* lps_guest.c */
int lps_check_block(const struct lps_guest *g, uint32_t cpu, uint64_t pfn,
		    uint32_t order);

/*
 * lps_batch.c: the descriptor in host byte order; the caller holds the
 * batch's CPU lock and keeps the frame words in step itself.
 */
/*
 * Empty a batch that held @nr ranges (as counted before the host had the
 * page: it may have rewritten the header).
 */
void lps_batch_empty(struct lps_batch *b, uint16_t nr);
uint16_t lps_batch_nr(const struct lps_batch *b);
/* Ranges the host applied, given what its submit returned. */
uint16_t lps_batch_applied(const struct lps_batch *b, int ret);
void lps_batch_range(const struct lps_batch *b, uint16_t k, uint64_t *pfn,
		     uint32_t *count, uint32_t *usage);
/* Extend the last range or add one; -LPS_ENOSPC when full. */
int lps_batch_append(struct lps_batch *b, uint64_t pfn, uint32_t count,
		     enum lps_usage usage);
/*
 * Take [lo, hi) out of the ranges, calling @cut for each piece found;
 * -LPS_ENOSPC, with nothing changed, when a split needs a free slot.
 */
int lps_batch_cut(struct lps_batch *b, uint64_t lo, uint64_t hi,
		  void (*cut)(void *arg, uint64_t lo, uint64_t hi), void *arg,
		  uint64_t *removed);

/* lps_queue.c: the caller holds @cpu's lock. */
int lps_queue_add(struct lps_guest *g, uint32_t cpu, uint64_t pfn,
		  uint32_t count, enum lps_usage usage);

/* lps_queue.c: no lock held on entry. */
void lps_cancel_on(struct lps_guest *g, uint32_t owner,
		   struct lps_counters *cnt, uint64_t lo, uint64_t hi,
		   bool count);
int lps_queue(struct lps_guest *g, uint32_t cpu, uint64_t lo, uint64_t hi,
	      enum lps_usage usage);

/* lps_flush.c: @c's lock held; counts go to @cnt, the calling CPU's. */
int lps_flush_locked(struct lps_guest *g, struct lps_cpu *c,
		     struct lps_counters *cnt);

/* lps_discard.c: move up to @max oldest frames to @out; returns how many. */
uint32_t lps_discard_take(struct lps_discard_list *l, uint64_t *out,
			  uint32_t max);

#endif /* LPS_GUEST_PRIV_H */
