// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_host_reclaim.c - the host's reclaim policy: what to give up under
 * memory pressure, in what order, and how the backend is told.
 *
 * Order: unused frames, then volatile and clean potentially volatile ones,
 * then (LPS_RECLAIM_SWAP) whatever is still resident is paged out.  Whether
 * a frame may be dropped or paged out is always lps_transition()'s answer,
 * so a stable or written potentially volatile frame is never dropped.
 * Each pass starts at its own h->reclaim_next[], where that pass last
 * stopped, and wraps once around the guest, so repeated reclaims spread
 * over all frames.  The clocks are separate because the passes look at
 * different frames: with one clock, dropping a frame the guest just freed
 * would move the swap clock to right after it, among the frames the guest
 * allocated last, and page those out first.
 *
 * With a swap cache (h->swap_cache), a frame read back from host swap and
 * not written since is paged out with backend->evict, no write: its slot
 * still holds the bytes.  Unused frames found paged out when the guest
 * frees them lose their slot through lps_host_release_unused().
 *
 * Backend calls are made without h->lock, with the frames claimed busy
 * (lps_host_internal.h): contiguous droppable frames go to discard() as one
 * run, page_out() is called per frame.  The state changes only after the
 * backend succeeded; a failure leaves the frame as it was and is counted in
 * backend_errors (lps_host_reclaim_all() still returns 0: what it could
 * drop, it dropped).  Resident frames claimed by a reclaim in flight are
 * counted in h->reclaim_busy, so concurrent reclaims do not overshoot.
 */
#include "lps_host_internal.h"	/* lock, busy bit, lps_host_commit() */

enum lps_host_pass {
	LPS_PASS_UNUSED,	/* resident unused frames */
	LPS_PASS_VOLATILE,	/* resident V and clean P frames */
	LPS_PASS_SWAP,		/* anything resident, paged out */
	LPS_PASS_ALL,		/* all droppable frames, resident or not */
	LPS_PASS_RELEASE,	/* unused frames in host swap; no clock */
};

LPS_STATIC_ASSERT(LPS_ARRAY_SIZE(((struct lps_host *)0)->reclaim_next) ==
		  LPS_PASS_RELEASE, "one clock per clocked pass");

struct lps_host_pass_ctx {
	enum lps_host_pass pass;
	uint64_t target;	/* stop at or under this; ignored by PASS_ALL */
	struct lps_host_reclaim_result res;
	unsigned long flags;
};

/* Frames this reclaim still has to free to reach its target.  Lock held. */
static uint64_t lps_host_need(const struct lps_host *h,
			      const struct lps_host_pass_ctx *c)
{
	uint64_t have = h->resident - h->reclaim_busy;

	if (c->pass == LPS_PASS_ALL || c->pass == LPS_PASS_RELEASE)
		return h->nframes;
	return have > c->target ? have - c->target : 0;
}

/* May this pass take @pfn?  Lock held. */
static bool lps_host_eligible(const struct lps_host *h, uint64_t pfn,
			      enum lps_host_pass pass)
{
	lps_fstate_t cur = lps_host_raw(h, pfn), next;
	enum lps_usage usage = lps_fs_usage(cur);

	if (cur & LPS_HOST_BUSY)
		return false;
	if (pass == LPS_PASS_RELEASE)
		return usage == LPS_UNUSED &&
		       lps_fs_content(cur) == LPS_PRESERVED;
	if (pass != LPS_PASS_ALL && lps_fs_content(cur) != LPS_RESIDENT)
		return false;
	switch (pass) {
	case LPS_PASS_UNUSED:
		if (usage != LPS_UNUSED)
			return false;
		break;
	case LPS_PASS_VOLATILE:
		if (usage != LPS_VOLATILE && usage != LPS_POT_VOLATILE)
			return false;
		break;
	case LPS_PASS_SWAP:
		return lps_transition(cur, LPS_EV_HOST_PAGE_OUT, &next) == 0;
	case LPS_PASS_ALL:
	case LPS_PASS_RELEASE:
		break;
	}
	return lps_transition(cur, LPS_EV_HOST_DISCARD, &next) == 0;
}

static void lps_host_claim(struct lps_host *h, uint64_t pfn, uint64_t count)
{
	lps_fstate_t cur;
	uint64_t i;

	for (i = 0; i < count; i++) {
		cur = lps_host_raw(h, pfn + i);
		lps_host_commit(h, pfn + i, cur,
				(lps_fstate_t)(cur | LPS_HOST_BUSY));
		if (lps_fs_content(cur) == LPS_RESIDENT)
			h->reclaim_busy++;
	}
}

/*
 * End a claim: apply @ev to each frame if the backend said @ok, else put
 * it back as it was.  @clean: a page-out without a write.  Lock held.
 */
static void lps_host_settle(struct lps_host *h, struct lps_host_pass_ctx *c,
			    uint64_t pfn, uint64_t count, enum lps_event ev,
			    bool ok, bool clean)
{
	lps_fstate_t cur, was, next;
	uint64_t i;

	for (i = 0; i < count; i++) {
		cur = lps_host_raw(h, pfn + i);
		was = (lps_fstate_t)(cur & ~LPS_HOST_BUSY);
		if (lps_fs_content(was) == LPS_RESIDENT)
			h->reclaim_busy--;
		/* Nobody changes a busy frame: legal then, legal now. */
		if (!ok || LPS_WARN_ON(lps_transition(was, ev, &next) < 0)) {
			lps_host_commit(h, pfn + i, cur, was);
			continue;
		}
		lps_host_commit(h, pfn + i, cur, next);
		/* Paged out or dropped: nothing resident left to cache. */
		lps_host_set_swap_cached(h, pfn + i, false);
		if (ev == LPS_EV_HOST_PAGE_OUT && clean) {
			h->cnt.swap_out_clean++;
			c->res.swapped_clean++;
		} else if (ev == LPS_EV_HOST_PAGE_OUT) {
			h->cnt.swap_out++;
			c->res.swapped_out++;
		} else if (lps_fs_usage(was) == LPS_UNUSED) {
			h->cnt.discarded_unused++;
			c->res.dropped_unused++;
		} else {
			h->cnt.discarded_volatile++;
			c->res.dropped_volatile++;
		}
	}
	if (!ok)
		h->cnt.backend_errors++;
}

/* Hand [pfn, pfn + count) to the backend and settle it.  Lock held. */
static void lps_host_take(struct lps_host *h, struct lps_host_pass_ctx *c,
			  uint64_t pfn, uint64_t count)
{
	const struct lps_host_backend *be = h->backend;
	bool swap = c->pass == LPS_PASS_SWAP;
	/* Swap passes take one frame at a time. */
	bool clean = swap && lps_host_swap_cached(h, pfn);
	int (*one)(void *ctx, uint64_t pfn) = NULL;
	int err = 0;

	if (be)
		one = clean ? be->evict : be->page_out;
	lps_host_claim(h, pfn, count);
	if (be && (swap ? one != NULL : be->discard != NULL)) {
		lps_host_unlock(h, c->flags);
		err = swap ? one(h->backend_ctx, pfn) :
			     be->discard(h->backend_ctx, pfn, count);
		lps_host_lock(h, c->flags);
	}
	lps_host_settle(h, c, pfn, count,
			swap ? LPS_EV_HOST_PAGE_OUT : LPS_EV_HOST_DISCARD,
			err == 0, clean);
}

/* Frames scanned between two chances for others to take the lock. */
#define LPS_HOST_SCAN_BATCH	1024

/*
 * One pass over the guest from the pass's clock.  Lock held; dropped now
 * and then, since a scan of a large guest must not hold vCPUs off.  That
 * is safe because every frame is checked again when it is reached.
 */
static void lps_host_pass(struct lps_host *h, struct lps_host_pass_ctx *c)
{
	uint64_t n = h->nframes, start = h->reclaim_next[c->pass];
	uint64_t pos, pfn, len, need;
	unsigned int scanned = 0;

	if (start >= n)
		start = 0;
	for (pos = 0; pos < n; pos += len) {
		if (++scanned == LPS_HOST_SCAN_BATCH) {
			scanned = 0;
			lps_host_unlock(h, c->flags);
			lps_cpu_relax();
			lps_host_lock(h, c->flags);
		}
		need = lps_host_need(h, c);
		if (!need)
			break;
		pfn = start + pos < n ? start + pos : start + pos - n;
		len = 1;
		if (!lps_host_eligible(h, pfn, c->pass))
			continue;
		/* A run ends at the guest's end, even though the scan wraps. */
		if (c->pass != LPS_PASS_SWAP)
			while (len < need && pos + len < n && pfn + len < n &&
			       lps_host_eligible(h, pfn + len, c->pass))
				len++;
		lps_host_take(h, c, pfn, len);
		h->reclaim_next[c->pass] = pfn + len < n ? pfn + len : 0;
	}
}

void lps_host_release_unused(struct lps_host *h, uint64_t pfn,
			     uint64_t count, unsigned long *flags)
{
	struct lps_host_pass_ctx c;
	uint64_t end = pfn + count, len;

	lps_memset(&c, 0, sizeof(c));
	c.pass = LPS_PASS_RELEASE;
	c.flags = *flags;
	/* Each frame is checked again when reached: the lock is dropped. */
	for (; pfn < end; pfn += len) {
		len = 1;
		if (!lps_host_eligible(h, pfn, c.pass))
			continue;
		while (pfn + len < end && lps_host_eligible(h, pfn + len,
							    c.pass))
			len++;
		lps_host_take(h, &c, pfn, len);
	}
	*flags = c.flags;
}

int lps_host_reclaim(struct lps_host *h, uint64_t target, uint32_t how,
		     struct lps_host_reclaim_result *res)
{
	static const struct {
		uint32_t bit;
		enum lps_host_pass pass;
	} order[] = {
		{ LPS_RECLAIM_UNUSED, LPS_PASS_UNUSED },
		{ LPS_RECLAIM_VOLATILE, LPS_PASS_VOLATILE },
		{ LPS_RECLAIM_SWAP, LPS_PASS_SWAP },
	};
	struct lps_host_pass_ctx c;
	unsigned int i;
	bool done;

	if (!h)
		return -LPS_EINVAL;
	if (!how || (how & ~LPS_RECLAIM_ALL))
		return lps_host_reject(h, -LPS_EINVAL);

	lps_memset(&c, 0, sizeof(c));
	c.target = target;
	lps_host_lock(h, c.flags);
	for (i = 0; i < LPS_ARRAY_SIZE(order); i++) {
		if (!(how & order[i].bit))
			continue;
		c.pass = order[i].pass;
		lps_host_pass(h, &c);
	}
	done = h->resident - h->reclaim_busy <= target;
	lps_host_unlock(h, c.flags);
	if (res)
		*res = c.res;
	return done ? 0 : -LPS_EAGAIN;
}

int lps_host_reclaim_all(struct lps_host *h,
			 struct lps_host_reclaim_result *res)
{
	struct lps_host_pass_ctx c;

	if (!h)
		return -LPS_EINVAL;

	lps_memset(&c, 0, sizeof(c));
	c.pass = LPS_PASS_ALL;
	lps_host_lock(h, c.flags);
	lps_host_pass(h, &c);
	lps_host_unlock(h, c.flags);
	if (res)
		*res = c.res;
	return 0;
}
