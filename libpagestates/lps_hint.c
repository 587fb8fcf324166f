// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_hint.c - the three hints a guest gives: unused, stable, volatile.
 */
#include "lps_internal.h"	/* struct lps_guest, lps_rules_decide */
#include "lps_guest_priv.h"	/* frame word, lps_queue, lps_cancel */

int lps_set_unused(struct lps_guest *g, uint32_t cpu, uint64_t pfn,
		   uint32_t order)
{
	int ret;

	if (!order) {
		ret = lps_check_frame(g, cpu, pfn);
		return ret ? ret : lps_queue_one(g, cpu, pfn, LPS_UNUSED);
	}
	ret = lps_check_block(g, cpu, pfn, order);
	if (ret)
		return ret;
	return lps_queue(g, cpu, pfn, pfn + ((uint64_t)1 << order),
			 LPS_UNUSED);
}

/* One make-stable call for frames [pfn, pfn + n), all told non-stable. */
static int lps_make_stable_run(struct lps_guest *g, struct lps_counters *cnt,
			       uint64_t pfn, uint64_t n)
{
	uint64_t i;
	int ret;

	ret = g->port->make_stable(g->port_ctx, pfn, n);
	lps_cnt_add(&cnt->transitions, 1);
	/* The host still holds a frame: nothing changed, the caller retries. */
	if (ret == -LPS_ETIMEDOUT) {
		lps_cnt_add(&cnt->host_waits, 1);
		return ret;
	}
	if (ret < 0 || ret > LPS_R_DISCARDED) {
		lps_cnt_add(&cnt->port_errors, 1);
		return ret < 0 ? ret : -LPS_EIO;
	}
	if (ret == LPS_R_DISCARDED)
		lps_cnt_add(&cnt->discards_found, 1);
	/* Make-stable is never batched: counted as it reaches the host. */
	lps_cnt_add(&cnt->hints[LPS_STABLE], n);
	for (i = pfn; i < pfn + n; i++)
		lps_store_u32(&g->frame_words[i], LPS_STABLE);
	return ret;
}

/*
 * The general case: a block, or a frame whose hint sits in a batch other
 * than at the end of ours.  One pass: a pending frame is first taken out
 * of its batch (with the rest of the block that sits there), so no stale
 * hint can reach the host after this; then only runs of frames the host
 * was told are not stable cost a call.  Kept out of line so that the
 * one-frame path does not pay for its registers.
 */
static LPS_NOINLINE int
lps_set_stable_block(struct lps_guest *g, uint32_t cpu, uint64_t pfn,
		     uint64_t end)
{
	struct lps_counters *cnt = &g->cpus[cpu].cnt;
	bool discarded = false, changed = false;
	uint64_t i = pfn, s;
	uint32_t w;
	int ret;

	while (i < end) {
		w = lps_load_u32(&g->frame_words[i]);
		if (lps_fw_pending(w) && lps_fw_cpu(w) < g->ncpus) {
			lps_cancel(g, cpu, i, end, true);
			continue;
		}
		if (lps_fw_told(w) == LPS_STABLE) {
			i++;
			continue;
		}
		s = i;
		while (++i < end) {
			w = lps_load_u32(&g->frame_words[i]);
			if (lps_fw_pending(w) || lps_fw_told(w) == LPS_STABLE)
				break;
		}
		/*
		 * Once a run has changed, a discard may have been reported:
		 * the rest is waited out so that the report is not lost.
		 */
		do {
			ret = lps_make_stable_run(g, cnt, s, i - s);
		} while (ret == -LPS_ETIMEDOUT && changed);
		if (ret < 0)
			return ret;
		changed = true;
		if (ret == LPS_R_DISCARDED)
			discarded = true;
	}
	return discarded ? LPS_R_DISCARDED : 0;
}

int lps_set_stable(struct lps_guest *g, uint32_t cpu, uint64_t pfn,
		   uint32_t order)
{
	uint32_t w;
	int ret;

	if (order) {
		ret = lps_check_block(g, cpu, pfn, order);
		if (ret)
			return ret;
		return lps_set_stable_block(g, cpu, pfn,
					    pfn + ((uint64_t)1 << order));
	}
	ret = lps_check_frame(g, cpu, pfn);
	if (ret)
		return ret;
	/*
	 * One frame in no batch, or just freed on this CPU, as most
	 * allocations find it: no loop.
	 */
	w = lps_load_u32(&g->frame_words[pfn]);
	if (lps_fw_pending(w)) {
		if (!lps_cancel_newest(g, cpu, pfn, w))
			return lps_set_stable_block(g, cpu, pfn, pfn + 1);
		lps_cnt_add(&g->cpus[cpu].cnt.cancelled, 1);
	}
	if (lps_fw_told(w) == LPS_STABLE)
		return 0;
	return lps_make_stable_run(g, &g->cpus[cpu].cnt, pfn, 1);
}

int lps_try_volatile(struct lps_guest *g, uint32_t cpu, uint64_t pfn,
		     const struct lps_page_facts *facts)
{
	enum lps_reason why = LPS_WHY_NONE;
	enum lps_usage view;
	enum lps_event ev;
	lps_fstate_t next;
	uint32_t w;
	int want, ret;

	if (!g || cpu >= g->ncpus || !facts)
		return -LPS_EINVAL;
	if (pfn >= g->nframes)
		return -LPS_ERANGE;
	want = lps_rules_decide(facts, g->caps, &why);
	if (want < 0)
		return want;

	/*
	 * Legality first, so a bad call changes nothing, not even a counter.
	 * The core cannot know the host's content, so it asks about the
	 * guest's view with resident content: an unused frame is refused.
	 */
	w = lps_load_u32(&g->frame_words[pfn]);
	view = lps_fw_view(w);
	ev = want == LPS_POT_VOLATILE ? LPS_EV_SET_POT_VOLATILE :
					LPS_EV_SET_VOLATILE;
	ret = lps_transition(LPS_FS(view, LPS_RESIDENT, 0), ev, &next);
	if (ret < 0)
		return ret;

	if (want == LPS_STABLE) {
		lps_cnt_add(&g->cpus[cpu].cnt.refused[why], 1);
		return LPS_STABLE;
	}
	/*
	 * Already asked for, here or on another CPU: nothing to add.  (A
	 * volatile frame offered again as potentially volatile is queued like
	 * any hint, so until the flush the host still holds it volatile: the
	 * caller must make a page stable before it maps it writable, as the
	 * original series does on every path that takes a reference.)
	 */
	if (lps_fw_pending(w) && lps_fw_pusage(w) == (enum lps_usage)want)
		return want;
	ret = lps_queue_one(g, cpu, pfn, (enum lps_usage)want);
	return ret ? ret : want;
}
