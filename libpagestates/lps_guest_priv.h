/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_guest_priv.h - what the guest-side core files share and nobody else
 * sees: the frame word encoding, and the batch and counter helpers.
 */
#ifndef LPS_GUEST_PRIV_H
#define LPS_GUEST_PRIV_H

#include "lps_internal.h"	/* struct lps_guest, lps_load_u32, ... */
#include "lps_batch_priv.h"	/* the descriptor in host byte order */

/*
 * The frame word: one uint32_t per guest frame, in caller storage.
 *
 *   bits 0-1   told: the usage the host was last told (or the one it
 *              assumes of a new guest: stable, so a zeroed word is right)
 *   bit  2     pending: a hint for this frame sits in some CPU's batch
 *   bits 3-4   the usage that pending hint asks for
 *   bits 8-15  the batch slot (range index) that holds it
 *   bits 16-31 the CPU index whose batch holds it
 *
 * The slot makes a cancel O(1): the range is found without a scan.
 *
 * Writers: the thread using the CPU index whose batch the frame sits in
 * (lock-free: it alone edits that batch), another CPU's make-stable (only
 * to clear the pending mark, under the owning CPU's lock), or, when the
 * frame is in no batch, the caller that owns the frame (the API makes the
 * caller serialise calls on one frame).  Readers outside the lock use the
 * word only as a hint and re-check under the owning CPU's lock.
 *
 * Invariant, per CPU c with c->scrub clear: every frame that range k of
 * c's batch covers has a word pending on (c, k).  A cancel that cannot
 * edit the batch in O(1) (another CPU's, or a hole in a range) only clears
 * the words and sets c->scrub; the next flush drops the dead frames before
 * the host sees the batch.
 */
#define LPS_FW_TOLD_MASK	0x3u
#define LPS_FW_PENDING		0x4u
#define LPS_FW_PUSAGE_SHIFT	3
#define LPS_FW_PUSAGE_MASK	0x18u
#define LPS_FW_SLOT_SHIFT	8
#define LPS_FW_SLOT_MASK	0xff00u
#define LPS_FW_CPU_SHIFT	16
#define LPS_FW_MAX_CPUS		(1u << 16)

LPS_STATIC_ASSERT(LPS_BATCH_MAX_RANGES <= 256,
		  "a slot index must fit bits 8-15 of the frame word");

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

static inline uint32_t lps_fw_slot(uint32_t w)
{
	return (w & LPS_FW_SLOT_MASK) >> LPS_FW_SLOT_SHIFT;
}

/* Is @w pending in slot @slot of @cpu's batch? */
static inline bool lps_fw_pending_at(uint32_t w, uint32_t cpu, uint32_t slot)
{
	return (w & ~(LPS_FW_TOLD_MASK | LPS_FW_PUSAGE_MASK)) ==
	       (LPS_FW_PENDING | (slot << LPS_FW_SLOT_SHIFT) |
		(cpu << LPS_FW_CPU_SHIFT));
}

/* The guest's view: the pending hint if any, else what the host holds. */
static inline enum lps_usage lps_fw_view(uint32_t w)
{
	return lps_fw_pending(w) ? lps_fw_pusage(w) : lps_fw_told(w);
}

static inline uint32_t lps_fw_make_pending(uint32_t w, enum lps_usage u,
					   uint32_t cpu, uint32_t slot)
{
	return (w & LPS_FW_TOLD_MASK) | LPS_FW_PENDING |
	       ((uint32_t)u << LPS_FW_PUSAGE_SHIFT) |
	       (slot << LPS_FW_SLOT_SHIFT) | (cpu << LPS_FW_CPU_SHIFT);
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

/* The arguments every block call shares; inline, as every hint asks. */
static inline int lps_check_block(const struct lps_guest *g, uint32_t cpu,
				  uint64_t pfn, uint32_t order)
{
	uint64_t n;

	if (!g || cpu >= g->ncpus || order > LPS_MAX_ORDER)
		return -LPS_EINVAL;
	n = (uint64_t)1 << order;
	if (pfn & (n - 1))
		return -LPS_EINVAL;
	/* Written so that pfn + n cannot wrap. */
	if (pfn >= g->nframes || n > g->nframes - pfn)
		return -LPS_ERANGE;
	return 0;
}

/*
 * lps_check_block() for order 0, the common case: no shift and no
 * alignment test, the same answers.
 */
static inline int lps_check_frame(const struct lps_guest *g, uint32_t cpu,
				  uint64_t pfn)
{
	if (!g || cpu >= g->ncpus)
		return -LPS_EINVAL;
	if (pfn >= g->nframes)
		return -LPS_ERANGE;
	return 0;
}

/*
 * Most words a cancel moves to a new slot when it splits a range (the
 * smaller side's): one 2 MiB block.  A longer side is left to the scrub,
 * so a cancel stays O(1) in the batch and bounded in the frames.
 */
#define LPS_RESLOT_MAX		512u

/* lps_queue.c: no lock held on entry; @cpu is the caller's CPU index. */
void lps_cancel(struct lps_guest *g, uint32_t cpu, uint64_t lo, uint64_t hi,
		bool count);
int lps_queue(struct lps_guest *g, uint32_t cpu, uint64_t lo, uint64_t hi,
	      enum lps_usage usage);

/* lps_queue.c: tell a port with a direct path about frame @pfn at once. */
int lps_hint_direct_one(struct lps_guest *g, uint32_t cpu, uint64_t pfn,
			enum lps_usage usage);

/*
 * lps_queue.c: put @pfn (its word to be @pend plus the slot) into @c's
 * batch, which has a free slot and whose newest range ends at @pfn.
 */
int lps_queue_after(struct lps_guest *g, struct lps_cpu *c, uint64_t pfn,
		    enum lps_usage usage, uint32_t pend);

/*
 * One frame into our own batch, inline: what almost every free and every
 * volatile offer does (not pending, not told so already, a slot free, not
 * next to the newest range).  Everything else is out of line, so that
 * this path saves no registers: lps_queue_after() when the frame may
 * extend the newest range, lps_queue() for the rest.
 */
static inline int lps_queue_one(struct lps_guest *g, uint32_t cpu,
				uint64_t pfn, enum lps_usage usage)
{
	struct lps_cpu *c = &g->cpus[cpu];
	uint32_t *wp = &g->frame_words[pfn];
	uint32_t w = lps_load_u32(wp);
	struct lps_batch *b = c->batch;
	uint16_t nr = lps_batch_nr(b);

	/* Straight to the port: lps_queue() would only pass it on. */
	if (g->direct)
		return lps_hint_direct_one(g, cpu, pfn, usage);
	if (lps_fw_pending(w) || lps_fw_told(w) == usage ||
	    c->queued >= LPS_BATCH_MAX_FRAMES || nr >= LPS_BATCH_MAX_RANGES)
		return lps_queue(g, cpu, pfn, pfn + 1, usage);
	/* Slot 0 for now: the slot is or-ed in once it is known. */
	w = lps_fw_make_pending(w, usage, cpu, 0);
	if (nr && lps_batch_pfn(b, nr - 1) + lps_batch_count(b, nr - 1) == pfn)
		return lps_queue_after(g, c, pfn, usage, w);
	lps_batch_set(b, nr, pfn, 1, (uint32_t)usage);
	lps_batch_set_nr(b, (uint16_t)(nr + 1));
	lps_store_u32(wp, w | (uint32_t)nr << LPS_FW_SLOT_SHIFT);
	c->queued++;
	lps_cnt_add(&c->cnt.hints[usage], 1);
	return 0;
}

/*
 * Frames that left @c's batch (its ranges' counts shrank by @n): budget a
 * later hint may use.  Only the owner edits @c->queued, which never falls
 * below the frames the batch's ranges count, so a flush stays bounded.
 */
static inline void lps_give_back(struct lps_cpu *c, uint64_t n)
{
	c->queued = n < c->queued ? c->queued - (uint32_t)n : 0;
}

/*
 * Cancel, inline, the hint of one frame that is the last frame of our
 * newest range (@w its word, pending on @cpu): an allocator's LIFO reuse
 * of what it just freed.  False when the frame sits elsewhere.
 */
static inline bool lps_cancel_newest(struct lps_guest *g, uint32_t cpu,
				     uint64_t pfn, uint32_t w)
{
	struct lps_cpu *c = &g->cpus[cpu];
	struct lps_batch *b = c->batch;
	uint16_t nr = lps_batch_nr(b), last = nr ? nr - 1 : 0;
	uint32_t n = lps_batch_count(b, last);

	if (!nr || !lps_fw_pending_at(w, cpu, last) ||
	    lps_batch_pfn(b, last) + n != pfn + 1)
		return false;
	if (n == 1) {
		lps_batch_clear(b, last);
		lps_batch_set_nr(b, last);
	} else {
		lps_batch_set_count(b, last, n - 1);
	}
	lps_give_back(c, 1);
	lps_store_u32(&g->frame_words[pfn], w & LPS_FW_TOLD_MASK);
	return true;
}

/* lps_flush.c: @c's lock held; counts go to @cnt, the calling CPU's. */
int lps_flush_locked(struct lps_guest *g, struct lps_cpu *c,
		     struct lps_counters *cnt);

/* lps_flush.c: flush @cpu's batch from its own thread (takes the lock). */
int lps_flush_own(struct lps_guest *g, uint32_t cpu);

/* lps_flush.c: free a slot in @cpu's full batch, from its own thread. */
int lps_make_room(struct lps_guest *g, uint32_t cpu);

/* lps_discard.c: move up to @max oldest frames to @out; returns how many. */
uint32_t lps_discard_take(struct lps_discard_list *l, uint64_t *out,
			  uint32_t max);

#endif /* LPS_GUEST_PRIV_H */
