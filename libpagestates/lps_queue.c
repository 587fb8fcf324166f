// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_queue.c - putting hints into a CPU's batch and taking them out again.
 *
 * Invariant, whenever CPU c's lock is free: a frame is pending on c exactly
 * when one range of c's batch covers it, and no frame is in two ranges or
 * two batches.  Everything below keeps the frame words and the ranges in
 * step.
 */
#include "lps_internal.h"	/* struct lps_batch, lps_lock, lps_le* */
#include "lps_guest_priv.h"	/* frame word, lps_flush_locked */

static void lps_words_unpend(struct lps_guest *g, uint64_t lo, uint64_t hi)
{
	uint64_t i;

	for (i = lo; i < hi; i++)
		lps_store_u32(&g->frame_words[i],
			      lps_load_u32(&g->frame_words[i]) &
			      LPS_FW_TOLD_MASK);
}

int lps_batch_add(struct lps_guest *g, uint32_t cpu, uint64_t pfn,
		  uint32_t count, enum lps_usage usage)
{
	struct lps_cpu *c = &g->cpus[cpu];
	struct lps_batch *b = c->batch;
	uint16_t nr = lps_le16(b->hdr.nr);
	struct lps_range *r;
	int ret;

	if (nr) {
		r = &b->range[nr - 1];
		if (lps_le32(r->usage) == (uint32_t)usage &&
		    lps_le64(r->pfn) + lps_le32(r->count) == pfn &&
		    count <= LPS_RANGE_MAX_COUNT - lps_le32(r->count)) {
			r->count = lps_le32(lps_le32(r->count) + count);
			goto queued;
		}
	}
	if (nr == LPS_BATCH_MAX_RANGES) {
		ret = lps_flush_locked(g, c, &c->cnt);
		if (ret)
			return ret;
		nr = 0;
	}
	r = &b->range[nr];
	r->pfn = lps_le64(pfn);
	r->count = lps_le32(count);
	r->usage = lps_le32((uint32_t)usage);
	b->hdr.nr = lps_le16((uint16_t)(nr + 1));
queued:
	lps_cnt_add(&c->cnt.hints[usage], count);
	return 0;
}

/* Move ranges [k, nr) up by one slot (@up) or down over slot k (!@up). */
static void lps_ranges_shift(struct lps_batch *b, uint16_t k, uint16_t nr,
			     bool up)
{
	uint16_t i;

	if (up) {
		for (i = nr; i > k; i--)
			b->range[i] = b->range[i - 1];
	} else {
		for (i = k; i + 1 < nr; i++)
			b->range[i] = b->range[i + 1];
		/* The host must never see a stale range past nr. */
		lps_memset(&b->range[nr - 1], 0, sizeof(b->range[0]));
	}
}

int lps_batch_cut(struct lps_guest *g, struct lps_cpu *c, uint64_t lo,
		  uint64_t hi, uint64_t *removed)
{
	struct lps_batch *b = c->batch;
	uint16_t nr = lps_le16(b->hdr.nr);
	uint16_t k = nr;
	uint64_t gone = 0;

	/*
	 * Newest range first: an allocator hands out what it freed last, so
	 * the frame is usually near the end, where removal moves little.
	 */
	while (k-- > 0) {
		struct lps_range *r = &b->range[k];
		uint64_t s = lps_le64(r->pfn);
		uint64_t e = s + lps_le32(r->count);
		uint64_t cs = s > lo ? s : lo;
		uint64_t ce = e < hi ? e : hi;

		if (e <= lo || s >= hi)
			continue;
		if (s < lo && e > hi) {
			/*
			 * A hole in the middle needs a second range.  Only this
			 * range can meet [lo, hi) then, so nothing is changed
			 * yet when we give up.
			 */
			if (nr == LPS_BATCH_MAX_RANGES)
				return -LPS_ENOSPC;
			lps_ranges_shift(b, k + 1, nr, true);
			nr++;
			b->range[k + 1] = *r;
			b->range[k + 1].pfn = lps_le64(hi);
			b->range[k + 1].count = lps_le32((uint32_t)(e - hi));
			r->count = lps_le32((uint32_t)(lo - s));
		} else if (s < lo) {
			r->count = lps_le32((uint32_t)(lo - s));
		} else if (e > hi) {
			r->pfn = lps_le64(hi);
			r->count = lps_le32((uint32_t)(e - hi));
		} else {
			lps_ranges_shift(b, k, nr, false);
			nr--;
		}
		lps_words_unpend(g, cs, ce);
		gone += ce - cs;
		/* Every frame of [lo, hi) found: no other range can meet it. */
		if (gone == hi - lo)
			break;
	}
	b->hdr.nr = lps_le16(nr);
	*removed = gone;
	return 0;
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
	if (lps_batch_cut(g, oc, lo, hi, &removed) == -LPS_ENOSPC)
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
		ret = lps_batch_add(g, cpu, s, (uint32_t)(i - s), usage);
		if (ret) {
			/* The forced flush failed: this run is not queued. */
			lps_words_unpend(g, s, i);
			break;
		}
	}
	lps_unlock(&c->lock, flags);
	return ret;
}
