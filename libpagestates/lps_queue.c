// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_queue.c - putting hints into a CPU's batch and taking them out again.
 *
 * Invariant, whenever CPU c's lock is free: a frame is pending on c exactly
 * when one range of c's batch covers it, and no frame is in two ranges or
 * two batches.  Everything below keeps the frame words and the ranges in
 * step.
 */
#include "lps_internal.h"	/* struct lps_guest, lps_lock */
#include "lps_guest_priv.h"	/* frame word, lps_batch_*, lps_flush_locked */

static void lps_words_unpend(struct lps_guest *g, uint64_t lo, uint64_t hi)
{
	uint64_t i;

	for (i = lo; i < hi; i++)
		lps_store_u32(&g->frame_words[i],
			      lps_load_u32(&g->frame_words[i]) &
			      LPS_FW_TOLD_MASK);
}

/* Queue a run on @cpu's batch, sending the batch first when it is full. */
int lps_queue_add(struct lps_guest *g, uint32_t cpu, uint64_t pfn,
		  uint32_t count, enum lps_usage usage)
{
	struct lps_cpu *c = &g->cpus[cpu];
	int ret = lps_batch_append(c->batch, pfn, count, usage);

	if (ret == -LPS_ENOSPC) {
		ret = lps_flush_locked(g, c, &c->cnt);
		if (ret)
			return ret;
		ret = lps_batch_append(c->batch, pfn, count, usage);
	}
	if (!ret)
		lps_cnt_add(&c->cnt.hints[usage], count);
	return ret;
}

static void lps_words_unpend_cb(void *g, uint64_t lo, uint64_t hi)
{
	lps_words_unpend(g, lo, hi);
}

/* Take [lo, hi) out of @owner's batch, under that CPU's lock only. */
void lps_cancel_on(struct lps_guest *g, uint32_t owner,
		   struct lps_counters *cnt, uint64_t lo, uint64_t hi,
		   bool count)
{
	struct lps_cpu *oc = &g->cpus[owner];
	unsigned long flags = 0;
	uint64_t removed = 0;
	uint32_t w;

	lps_lock(&oc->lock, flags);
	/* No slot to split a range: sending the batch empties it as well. */
	if (lps_batch_cut(oc->batch, lo, hi, lps_words_unpend_cb, g,
			  &removed) == -LPS_ENOSPC)
		lps_flush_locked(g, oc, cnt);
	/*
	 * Callers retry while @lo reads pending on @owner.  Only a host that
	 * rewrote a range of the descriptor can leave a frame so that no
	 * batch holds it; drop the mark, or the retry would never end.
	 */
	w = lps_load_u32(&g->frame_words[lo]);
	if (lps_fw_pending(w) && lps_fw_cpu(w) == owner)
		lps_store_u32(&g->frame_words[lo], w & LPS_FW_TOLD_MASK);
	lps_unlock(&oc->lock, flags);
	if (count && removed)
		lps_cnt_add(&cnt->cancelled, removed);
}

int lps_queue(struct lps_guest *g, uint32_t cpu, uint64_t lo, uint64_t hi,
	      enum lps_usage usage)
{
	struct lps_cpu *c = &g->cpus[cpu];
	unsigned long flags = 0;
	uint64_t i = lo, s;
	uint32_t w;
	int ret = 0;

	lps_lock(&c->lock, flags);
	while (i < hi) {
		w = lps_load_u32(&g->frame_words[i]);
		if (lps_fw_pending(w) && lps_fw_cpu(w) < g->ncpus) {
			/*
			 * Queued already, here or elsewhere (a cached page being
			 * freed): take it out under that CPU's lock alone, then
			 * look at the word again.  A re-hint is no make-stable,
			 * so this is not counted as cancelled.
			 */
			lps_unlock(&c->lock, flags);
			lps_cancel_on(g, lps_fw_cpu(w), &c->cnt, i, hi, false);
			lps_lock(&c->lock, flags);
			continue;
		}
		/* What the host already holds needs no hint. */
		if (lps_fw_told(w) == usage) {
			i++;
			continue;
		}
		/* A run the host must hear about: mark it as we go. */
		s = i;
		for (;;) {
			lps_store_u32(&g->frame_words[i],
				      lps_fw_make_pending(w, usage, cpu));
			if (++i == hi)
				break;
			w = lps_load_u32(&g->frame_words[i]);
			if (lps_fw_pending(w) || lps_fw_told(w) == usage)
				break;
		}
		ret = lps_queue_add(g, cpu, s, (uint32_t)(i - s), usage);
		if (ret) {
			/* The forced flush failed: this run is not queued. */
			lps_words_unpend(g, s, i);
			break;
		}
	}
	lps_unlock(&c->lock, flags);
	return ret;
}
