// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_queue.c - putting hints into a CPU's batch and taking them out again.
 *
 * The thread using a CPU index is the only one that edits that CPU's batch,
 * so its hints and cancels take no lock: an append, or an O(1) edit of the
 * one range the frame word's slot names.  Another CPU's make-stable cannot
 * edit the batch; under the owner's lock it clears the frame words and
 * marks the batch for a scrub, which the owner's next flush does (under the
 * same lock) before the host sees the batch.  See lps_guest_priv.h.
 */
#include "lps_internal.h"	/* struct lps_guest, lps_lock */
#include "lps_guest_priv.h"	/* frame word, lps_batch_*, lps_make_room */

/* Clear the mark of frames in [lo, hi) pending on (@cpu, @slot). */
static uint64_t lps_words_unpend(struct lps_guest *g, uint32_t cpu,
				 uint32_t slot, uint64_t lo, uint64_t hi)
{
	uint64_t i, n = 0;
	uint32_t w;

	for (i = lo; i < hi; i++) {
		w = lps_load_u32(&g->frame_words[i]);
		if (lps_fw_pending_at(w, cpu, slot)) {
			lps_store_u32(&g->frame_words[i], w & LPS_FW_TOLD_MASK);
			n++;
		}
	}
	return n;
}

/*
 * Move the words of [lo, hi) from slot @from to slot @to.  Another CPU may
 * clear one meanwhile (under our lock, which we do not hold): a CAS keeps
 * that clear, as the scrub then expects.
 */
static void lps_words_reslot(struct lps_guest *g, uint32_t cpu,
			     uint32_t from, uint32_t to, uint64_t lo,
			     uint64_t hi)
{
	uint64_t i;
	uint32_t w;

	for (i = lo; i < hi; i++) {
		w = lps_load_u32(&g->frame_words[i]);
		if (lps_fw_pending_at(w, cpu, from))
			(void)lps_cmpxchg_u32(&g->frame_words[i], w,
					      (w & ~LPS_FW_SLOT_MASK) |
					      (to << LPS_FW_SLOT_SHIFT));
	}
}

/* Let the next flush drop dead frames; the owner's lock orders it. */
static void lps_mark_scrub(struct lps_cpu *c)
{
	unsigned long flags = 0;

	lps_lock(&c->lock, flags);
	c->scrub = 1;
	lps_unlock(&c->lock, flags);
}

/*
 * Take [lo, hi) out of our own batch; @lo is pending on (@cpu, slot).
 * Only the range that slot names is touched: the end or the start is
 * trimmed, the newest range popped, or a range split with its smaller side
 * moved to a new slot (a full batch is sent first).  What cannot be done so
 * (a dead range in the middle, a hole far from both ends, a descriptor the
 * host rewrote) is left to the scrub.
 */
static uint64_t lps_cancel_local(struct lps_guest *g, uint32_t cpu,
				 uint64_t lo, uint64_t hi)
{
	struct lps_cpu *c = &g->cpus[cpu];
	struct lps_batch *b = c->batch;
	uint32_t slot = lps_fw_slot(lps_load_u32(&g->frame_words[lo]));
	uint16_t nr = lps_batch_nr(b), k = (uint16_t)slot;
	uint32_t usage;
	uint64_t s, e, gone;

	if (slot >= nr)
		goto scrub;
	s = lps_batch_pfn(b, k);
	e = s + lps_batch_count(b, k);
	usage = lps_batch_usage(b, k);
	if (lps_fw_cpu(lps_load_u32(&g->frame_words[lo])) != cpu || lo < s ||
	    lo >= e || e > g->nframes)
		goto scrub;
	if (hi > e)
		hi = e;
	if (lo > s && hi < e && nr == LPS_BATCH_MAX_RANGES) {
		/*
		 * A hole needs a second slot and there is none: compact, or
		 * else send the batch, hole and all (the caller then finds
		 * the frames told and makes them stable the ordinary way).
		 * Either way the caller looks at the word again.
		 */
		(void)lps_make_room(g, cpu);
		return 0;
	}
	gone = lps_words_unpend(g, cpu, slot, lo, hi);
	if (lo == s && hi == e) {
		if (slot + 1u != nr) {
			/* A dead range in the middle: the scrub drops it. */
			lps_mark_scrub(c);
			return gone;
		}
		/* The newest range, as an allocator's LIFO reuse finds it. */
		lps_batch_clear(b, k);
		lps_batch_set_nr(b, (uint16_t)(nr - 1));
	} else if (hi == e) {
		lps_batch_set_count(b, k, (uint32_t)(lo - s));
	} else if (lo == s) {
		lps_batch_set(b, k, hi, (uint32_t)(e - hi), usage);
	} else if (lo - s > LPS_RESLOT_MAX && e - hi > LPS_RESLOT_MAX) {
		/* A hole too far from both ends to move either side. */
		lps_mark_scrub(c);
		return gone;
	} else if (lo - s <= e - hi) {
		/* A hole: the smaller side moves to a new slot. */
		lps_words_reslot(g, cpu, slot, nr, s, lo);
		lps_batch_set(b, nr, s, (uint32_t)(lo - s), usage);
		lps_batch_set(b, k, hi, (uint32_t)(e - hi), usage);
		lps_batch_set_nr(b, (uint16_t)(nr + 1));
	} else {
		lps_words_reslot(g, cpu, slot, nr, hi, e);
		lps_batch_set(b, nr, hi, (uint32_t)(e - hi), usage);
		lps_batch_set_count(b, k, (uint32_t)(lo - s));
		lps_batch_set_nr(b, (uint16_t)(nr + 1));
	}
	/* Every case that got here took [lo, hi) out of the counts. */
	lps_give_back(c, hi - lo);
	return gone;
scrub:
	/* Only a host that rewrote the descriptor gets here. */
	lps_store_u32(&g->frame_words[lo],
		      lps_load_u32(&g->frame_words[lo]) & LPS_FW_TOLD_MASK);
	lps_mark_scrub(c);
	return 1;
}

/* Clear the marks of [lo, hi) pending on @owner, under its lock. */
static uint64_t lps_cancel_remote(struct lps_guest *g, uint32_t owner,
				  uint64_t lo, uint64_t hi)
{
	struct lps_cpu *oc = &g->cpus[owner];
	unsigned long flags = 0;
	uint64_t i, n = 0;
	uint32_t w;

	lps_lock(&oc->lock, flags);
	/* The stretch that sits on @owner; the caller comes back for more. */
	for (i = lo; i < hi; i++) {
		w = lps_load_u32(&g->frame_words[i]);
		if (!lps_fw_pending(w) || lps_fw_cpu(w) != owner)
			break;
		lps_store_u32(&g->frame_words[i], w & LPS_FW_TOLD_MASK);
		n++;
	}
	if (n)
		oc->scrub = 1;
	lps_unlock(&oc->lock, flags);
	return n;
}

/*
 * Take the hint of @lo (and of the frames after it up to @hi that sit with
 * it) out of whichever batch holds it.  Callers re-read @lo afterwards.
 */
void lps_cancel(struct lps_guest *g, uint32_t cpu, uint64_t lo, uint64_t hi,
		bool count)
{
	uint32_t owner = lps_fw_cpu(lps_load_u32(&g->frame_words[lo]));
	uint64_t removed;

	removed = owner == cpu ? lps_cancel_local(g, cpu, lo, hi) :
				 lps_cancel_remote(g, owner, lo, hi);
	if (count && removed)
		lps_cnt_add(&g->cpus[cpu].cnt.cancelled, removed);
}

/*
 * The slot a run at @pfn of @usage goes to: the newest range when the run
 * extends it, else a new one (after a flush when the batch is full).
 * *@room is how many frames the slot may still take: never more than the
 * batch's frame budget has left, so no flush walks more than
 * LPS_BATCH_MAX_FRAMES frames with the lock held.
 */
static int lps_slot_for(struct lps_guest *g, uint32_t cpu, uint64_t pfn,
			enum lps_usage usage, uint32_t *slot, uint32_t *room)
{
	struct lps_cpu *c = &g->cpus[cpu];
	struct lps_batch *b = c->batch;
	uint16_t nr;
	uint32_t n, budget;
	int ret;

	/*
	 * Cancels shrink ranges without giving budget back, so a batch may
	 * go early, never late.
	 */
	if (c->queued >= LPS_BATCH_MAX_FRAMES) {
		ret = lps_flush_own(g, cpu);
		if (ret)
			return ret;
	}
	budget = LPS_BATCH_MAX_FRAMES - c->queued;
	nr = lps_batch_nr(b);
	if (nr) {
		n = lps_batch_count(b, nr - 1);
		if (lps_batch_usage(b, nr - 1) == (uint32_t)usage &&
		    lps_batch_pfn(b, nr - 1) + n == pfn &&
		    n < LPS_RANGE_MAX_COUNT) {
			*slot = nr - 1u;
			*room = LPS_RANGE_MAX_COUNT - n;
			if (*room > budget)
				*room = budget;
			return 0;
		}
	}
	if (nr == LPS_BATCH_MAX_RANGES) {
		ret = lps_make_room(g, cpu);
		if (ret)
			return ret;
		nr = lps_batch_nr(b);
		budget = LPS_BATCH_MAX_FRAMES - c->queued;
	}
	*slot = nr;
	*room = budget;
	return 0;
}

/* Record a run of @n frames at @pfn in @slot (new or the newest range). */
static void lps_slot_take(struct lps_guest *g, uint32_t cpu, uint32_t slot,
			  uint64_t pfn, uint32_t n, enum lps_usage usage)
{
	struct lps_cpu *c = &g->cpus[cpu];
	struct lps_batch *b = c->batch;
	uint16_t k = (uint16_t)slot;

	if (k == lps_batch_nr(b)) {
		lps_batch_set(b, k, pfn, n, (uint32_t)usage);
		lps_batch_set_nr(b, (uint16_t)(k + 1));
	} else {
		lps_batch_set_count(b, k, lps_batch_count(b, k) + n);
	}
	c->queued += n;
	lps_cnt_add(&c->cnt.hints[usage], n);
}

/*
 * The direct path: the port is told about the run [@s, @s + @n) at once,
 * nothing is queued.  Returns 0 or the port's error.
 */
static inline int lps_direct_run(struct lps_guest *g, struct lps_counters *cnt,
				 uint64_t s, uint64_t n, enum lps_usage usage)
{
	int ret = g->port->hint(g->port_ctx, s, n, usage);
	uint64_t i;

	lps_cnt_add(&cnt->transitions, 1);
	if (ret)
		lps_cnt_add(&cnt->port_errors, 1);
	else
		lps_cnt_add(&cnt->hints[usage], n);
	/*
	 * Told even when it failed part way: the host may hold @usage for
	 * some of them, and only a frame recorded as told is made stable
	 * (and its discard found) before it is used again.
	 */
	for (i = s; i < s + n; i++)
		lps_store_u32(&g->frame_words[i], (uint32_t)usage);
	return ret ? (ret < 0 ? ret : -LPS_EIO) : 0;
}

static int lps_hint_direct(struct lps_guest *g, uint32_t cpu, uint64_t lo,
			   uint64_t hi, enum lps_usage usage)
{
	struct lps_counters *cnt = &g->cpus[cpu].cnt;
	uint64_t i = lo, s;
	int ret;

	while (i < hi) {
		if (lps_load_u32(&g->frame_words[i]) == (uint32_t)usage) {
			i++;
			continue;
		}
		s = i;
		while (++i < hi &&
		       lps_load_u32(&g->frame_words[i]) != (uint32_t)usage)
			;
		ret = lps_direct_run(g, cnt, s, i - s, usage);
		if (ret)
			return ret;
	}
	return 0;
}

int lps_hint_direct_one(struct lps_guest *g, uint32_t cpu, uint64_t pfn,
			enum lps_usage usage)
{
	if (lps_load_u32(&g->frame_words[pfn]) == (uint32_t)usage)
		return 0;
	return lps_direct_run(g, &g->cpus[cpu].cnt, pfn, 1, usage);
}

/*
 * lps_queue_one()'s frame next to the end of the newest range: it joins
 * the range when the usage matches and the count has room, else it takes
 * a new one.
 */
int lps_queue_after(struct lps_guest *g, struct lps_cpu *c, uint64_t pfn,
		    enum lps_usage usage, uint32_t pend)
{
	struct lps_batch *b = c->batch;
	uint16_t nr = lps_batch_nr(b), last = (uint16_t)(nr - 1), slot;
	uint32_t n = lps_batch_count(b, last);

	if (lps_batch_usage(b, last) == (uint32_t)usage &&
	    n < LPS_RANGE_MAX_COUNT) {
		slot = last;
		lps_batch_set_count(b, last, n + 1);
	} else {
		slot = nr;
		lps_batch_set(b, nr, pfn, 1, (uint32_t)usage);
		lps_batch_set_nr(b, (uint16_t)(nr + 1));
	}
	lps_store_u32(&g->frame_words[pfn],
		      pend | (uint32_t)slot << LPS_FW_SLOT_SHIFT);
	c->queued++;
	lps_cnt_add(&c->cnt.hints[usage], 1);
	return 0;
}

int lps_queue(struct lps_guest *g, uint32_t cpu, uint64_t lo, uint64_t hi,
	      enum lps_usage usage)
{
	uint64_t i = lo, s;
	uint32_t w, slot, room;
	int ret;

	if (g->direct)
		return lps_hint_direct(g, cpu, lo, hi, usage);
	while (i < hi) {
		w = lps_load_u32(&g->frame_words[i]);
		if (lps_fw_pending(w) && lps_fw_cpu(w) < g->ncpus) {
			/*
			 * Queued already, here or elsewhere (a cached page
			 * being freed): take it out, then look at the word
			 * again.  A re-hint is no make-stable, so it is not
			 * counted.
			 */
			lps_cancel(g, cpu, i, hi, false);
			continue;
		}
		/* What the host already holds needs no hint. */
		if (lps_fw_told(w) == usage) {
			i++;
			continue;
		}
		ret = lps_slot_for(g, cpu, i, usage, &slot, &room);
		if (ret)
			return ret;
		/* A run the host must hear about: mark it as we go. */
		s = i;
		for (;;) {
			lps_store_u32(&g->frame_words[i],
				      lps_fw_make_pending(w, usage, cpu, slot));
			if (++i == hi || i - s == room)
				break;
			w = lps_load_u32(&g->frame_words[i]);
			if (lps_fw_pending(w) || lps_fw_told(w) == usage)
				break;
		}
		lps_slot_take(g, cpu, slot, s, (uint32_t)(i - s), usage);
	}
	return 0;
}
