// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_flush.c - sending a CPU's batch to the host and recording the outcome
 * in the frame words.
 */
#include "lps_internal.h"	/* struct lps_guest, lps_lock */
#include "lps_guest_priv.h"	/* frame word, lps_cnt_add, lps_batch_* */

/*
 * Record range @k as applied (the host now holds its usage) or dropped.
 * @words and @nframes are the guest's, passed in so that a flush loads
 * them once rather than once per range around the word stores.
 */
static inline void lps_range_settle(uint32_t *words, uint64_t nframes,
				    const struct lps_batch *b, uint16_t k,
				    bool applied)
{
	uint64_t pfn = lps_batch_pfn(b, k);
	uint32_t count = lps_batch_count(b, k);
	uint32_t told = lps_batch_usage(b, k) & LPS_FW_TOLD_MASK;
	uint32_t *w;
	uint32_t i;

	/* The host may write this page; never let it steer us out of bounds. */
	if (pfn >= nframes || count > nframes - pfn)
		return;
	w = &words[pfn];
	if (applied) {
		for (i = 0; i < count; i++)
			lps_store_u32(&w[i], told);
		return;
	}
	for (i = 0; i < count; i++)
		lps_store_u32(&w[i], lps_load_u32(&w[i]) & LPS_FW_TOLD_MASK);
}

/* Put a run of range @k's frames into the scrubbed batch, if it fits. */
static void lps_scrub_emit(struct lps_guest *g, struct lps_batch *b,
			   uint32_t cpu, uint16_t k, uint16_t *out,
			   uint16_t *top, uint16_t nr, uint64_t pfn,
			   uint64_t n, uint32_t usage)
{
	uint64_t i;
	uint32_t w;

	/* Slots up to @k are read already; those past @nr were never used. */
	if (*out <= k) {
		lps_batch_set(b, (*out)++, pfn, (uint32_t)n, usage);
		return;
	}
	if (*top > nr) {
		lps_batch_set(b, --(*top), pfn, (uint32_t)n, usage);
		return;
	}
	/* No slot left: forget the hint, which loses nothing (see below). */
	for (i = pfn; i < pfn + n; i++) {
		w = lps_load_u32(&g->frame_words[i]);
		if (lps_fw_pending_at(w, cpu, k))
			lps_store_u32(&g->frame_words[i], w & LPS_FW_TOLD_MASK);
	}
}

/*
 * Drop the frames a cancel left behind (their words no longer point at
 * their range) so that the host never sees them.  A range with holes
 * becomes several; in place, in order; runs that find no free slot are
 * forgotten.
 */
static void lps_scrub(struct lps_guest *g, struct lps_cpu *c, bool reslot)
{
	struct lps_batch *b = c->batch;
	uint32_t cpu = (uint32_t)(c - g->cpus);
	uint16_t nr = lps_batch_nr(b), out = 0, k;
	uint16_t top = LPS_BATCH_MAX_RANGES;

	if (nr > LPS_BATCH_MAX_RANGES)
		nr = LPS_BATCH_MAX_RANGES;
	for (k = 0; k < nr; k++) {
		uint64_t f = lps_batch_pfn(b, k), s;
		uint64_t e = f + lps_batch_count(b, k);
		uint32_t usage = lps_batch_usage(b, k);

		/* The host may write this page; never let it steer us. */
		if (f >= g->nframes || e > g->nframes)
			continue;
		while (f < e) {
			while (f < e && !lps_fw_pending_at(
				lps_load_u32(&g->frame_words[f]), cpu, k))
				f++;
			s = f;
			while (f < e && lps_fw_pending_at(
				lps_load_u32(&g->frame_words[f]), cpu, k))
				f++;
			if (f > s)
				lps_scrub_emit(g, b, cpu, k, &out, &top, nr, s,
					       f - s, usage);
		}
	}
	for (k = top; k < LPS_BATCH_MAX_RANGES; k++)
		lps_batch_move(b, out++, k);
	for (k = out; k < LPS_BATCH_MAX_RANGES; k++)
		lps_batch_clear(b, k);
	lps_batch_set_nr(b, out);
	c->scrub = 0;
	/*
	 * Kept for more hints: point the words at their new slots.  (A flush
	 * settles them next, so it need not.)  Other CPUs only clear words
	 * under the lock we hold.
	 */
	for (k = 0; reslot && k < out; k++) {
		uint64_t f = lps_batch_pfn(b, k);
		uint64_t e = f + lps_batch_count(b, k);
		uint32_t slot = (uint32_t)k << LPS_FW_SLOT_SHIFT;
		uint32_t w;

		for (; f < e; f++) {
			w = lps_load_u32(&g->frame_words[f]);
			if (lps_fw_pending(w) && lps_fw_cpu(w) == cpu)
				lps_store_u32(&g->frame_words[f],
					      (w & ~LPS_FW_SLOT_MASK) | slot);
		}
	}
}

int lps_flush_locked(struct lps_guest *g, struct lps_cpu *c,
		     struct lps_counters *cnt)
{
	struct lps_batch *b = c->batch;
	uint32_t *words = g->frame_words;
	uint64_t nframes = g->nframes;
	uint16_t nr, done, k;
	uint32_t tries;
	int ret;

	if (c->scrub)
		lps_scrub(g, c, false);
	nr = lps_batch_nr(b);
	if (!nr) {
		c->queued = 0;
		return 0;
	}
	for (tries = 0;; tries++) {
		ret = g->port->submit(g->port_ctx, b);
		lps_cnt_add(&cnt->transitions, 1);
		if (ret != -LPS_EAGAIN || tries == LPS_FLUSH_RETRIES)
			break;
		lps_cnt_add(&cnt->retries, 1);
	}
	/* A positive answer is not in the port contract: treat as failure. */
	if (ret > 0)
		ret = -LPS_EIO;

	done = lps_batch_applied(b, ret);
	/*
	 * Ranges past the cursor were never applied: the host keeps the view
	 * it was last told, which was safe when it was told, and a hint lets
	 * the host drop more, not less (volatile to potentially volatile
	 * aside, see lps_try_volatile()); so forgetting them loses no data.
	 */
	for (k = 0; k < done; k++)
		lps_range_settle(words, nframes, b, k, true);
	for (; k < nr; k++)
		lps_range_settle(words, nframes, b, k, false);
	if (ret)
		lps_cnt_add(&cnt->port_errors, 1);
	lps_cnt_add(&cnt->batches, 1);
	lps_batch_empty(b, nr);
	c->queued = 0;
	return ret;
}

/*
 * The lock keeps other CPUs' cancels out while the batch is checked, sent
 * and settled: a cancel either comes before (and the scrub drops its
 * frames) or after (and finds them settled).
 */
int lps_flush_own(struct lps_guest *g, uint32_t cpu)
{
	struct lps_cpu *c = &g->cpus[cpu];
	unsigned long flags = 0;
	int ret;

	lps_lock(&c->lock, flags);
	ret = lps_flush_locked(g, c, &c->cnt);
	lps_unlock(&c->lock, flags);
	return ret;
}

/*
 * Our batch is full: drop its dead ranges if a cancel left any, and send
 * it only if that freed no slot.  A slot costs no exit when it can be had
 * by compaction.
 */
int lps_make_room(struct lps_guest *g, uint32_t cpu)
{
	struct lps_cpu *c = &g->cpus[cpu];
	unsigned long flags = 0;
	int ret = 0;

	lps_lock(&c->lock, flags);
	if (c->scrub)
		lps_scrub(g, c, true);
	if (lps_batch_nr(c->batch) >= LPS_BATCH_MAX_RANGES)
		ret = lps_flush_locked(g, c, &c->cnt);
	lps_unlock(&c->lock, flags);
	return ret;
}

int lps_flush(struct lps_guest *g, uint32_t cpu)
{
	if (!g || cpu >= g->ncpus)
		return -LPS_EINVAL;
	return lps_flush_own(g, cpu);
}

/*
 * The thread using a CPU index edits its batch without the lock, so this
 * may only run while no other thread uses any (see lps_guest.h).
 */
int lps_flush_all(struct lps_guest *g)
{
	uint32_t cpu;
	int ret, first = 0;

	if (!g)
		return -LPS_EINVAL;
	for (cpu = 0; cpu < g->ncpus; cpu++) {
		ret = lps_flush(g, cpu);
		if (ret && !first)
			first = ret;
	}
	return first;
}
