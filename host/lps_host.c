// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_host.c - the host model's per-frame entry points: init, state
 * queries, the guest setting a usage state or making frames stable, and
 * the guest touching a frame.  Locking is described in lps_host_internal.h.
 *
 * Errors, each counted in cnt.rejected when @h is usable:
 *   -LPS_EINVAL  NULL pointer, unknown usage, zero count, bad config
 *   -LPS_ERANGE  frame or range outside the guest
 *   -LPS_EPERM   the frame's state forbids the event (lps_transition())
 * and from lps_host_guest_access() also -LPS_EFAULT (discard fault,
 * counted in discard_faults) and -LPS_EIO (backend page_in failed,
 * counted in backend_errors).
 */
#include "lps_host_internal.h"	/* lock, busy bit, lps_host_commit() */

LPS_STATIC_ASSERT(LPS_FS(LPS_STABLE, LPS_RESIDENT, 0) == 0,
		  "a zeroed state array must mean stable and resident");

int lps_host_reject(struct lps_host *h, int err)
{
	unsigned long flags = 0;

	lps_host_lock(h, flags);
	h->cnt.rejected++;
	lps_host_unlock(h, flags);
	return err;
}

int lps_host_init(struct lps_host *h, const struct lps_host_config *cfg)
{
	if (!h || !cfg || cfg->sz != sizeof(*cfg) || !cfg->nframes ||
	    !cfg->states || !cfg->dirty_log || (cfg->flags & ~LPS_HOST_FLAGS))
		return -LPS_EINVAL;
	/* Both arrays must be addressable, and the log's size computable. */
	if (cfg->nframes > (uint64_t)(size_t)-1 - 7)
		return -LPS_EINVAL;

	lps_memset(h, 0, sizeof(*h));
	h->nframes = cfg->nframes;
	h->states = cfg->states;
	h->dirty_log = cfg->dirty_log;
	h->swap_cache = cfg->swap_cache;
	h->backend = cfg->backend;
	h->backend_ctx = cfg->backend_ctx;
	lps_lock_init(&h->lock);

	if (cfg->flags & LPS_HOST_START_ZERO) {
		lps_memset(h->states, LPS_FS(LPS_STABLE, LPS_ZERO, 0),
			   (size_t)cfg->nframes);
		h->resident = 0;
	} else {
		lps_memset(h->states, 0, (size_t)cfg->nframes);
		h->resident = cfg->nframes;
	}
	lps_memset(h->dirty_log, 0, (size_t)((cfg->nframes + 7) / 8));
	if (h->swap_cache)
		lps_memset(h->swap_cache, 0, (size_t)((cfg->nframes + 7) / 8));
	return 0;
}

int lps_host_get_state(const struct lps_host *h, uint64_t pfn,
		       lps_fstate_t *out)
{
	/* @h is const, so nothing is counted here. */
	if (!h || !out)
		return -LPS_EINVAL;
	if (pfn >= h->nframes)
		return -LPS_ERANGE;
	*out = lps_host_state(h, pfn);
	return 0;
}

int lps_host_set_usage(struct lps_host *h, uint64_t pfn,
		       enum lps_usage usage, lps_fstate_t *old)
{
	unsigned long flags = 0;
	lps_fstate_t cur, next;
	int ret;

	if (!h)
		return -LPS_EINVAL;
	if ((unsigned int)usage >= LPS_NR_USAGE)
		return lps_host_reject(h, -LPS_EINVAL);
	if (pfn >= h->nframes)
		return lps_host_reject(h, -LPS_ERANGE);

	lps_host_lock(h, flags);
	while ((cur = lps_host_raw(h, pfn)) & LPS_HOST_BUSY)
		lps_host_wait(h, pfn, flags);
	ret = lps_transition(cur, lps_host_set_event(usage), &next);
	if (ret < 0) {
		h->cnt.rejected++;
	} else {
		lps_host_commit(h, pfn, cur, next);
		h->cnt.hints_applied[usage]++;
		if (ret == LPS_R_DISCARDED)
			h->cnt.stable_discarded++;
		if (old)
			*old = cur;
		if (usage == LPS_UNUSED)
			lps_host_release_unused(h, pfn, 1, &flags);
	}
	lps_host_unlock(h, flags);
	return ret;
}

int lps_host_make_stable(struct lps_host *h, uint64_t pfn, uint64_t count)
{
	unsigned long flags = 0;
	lps_fstate_t cur, next;
	bool discarded = false;
	uint64_t i;
	int ret;

	if (!h)
		return -LPS_EINVAL;
	if (!count)
		return lps_host_reject(h, -LPS_EINVAL);
	if (!lps_host_in_range(h, pfn, count))
		return lps_host_reject(h, -LPS_ERANGE);

	/*
	 * SET_STABLE is legal from every state, so nothing can fail once the
	 * range is checked; waiting on a busy frame part way is harmless.
	 */
	lps_host_lock(h, flags);
	for (i = 0; i < count; i++) {
		while ((cur = lps_host_raw(h, pfn + i)) & LPS_HOST_BUSY)
			lps_host_wait(h, pfn + i, flags);
		ret = lps_transition(cur, LPS_EV_SET_STABLE, &next);
		if (LPS_WARN_ON(ret < 0))
			continue;
		lps_host_commit(h, pfn + i, cur, next);
		h->cnt.hints_applied[LPS_STABLE]++;
		if (ret == LPS_R_DISCARDED) {
			h->cnt.stable_discarded++;
			discarded = true;
		}
	}
	lps_host_unlock(h, flags);
	return discarded ? LPS_R_DISCARDED : 0;
}

/*
 * Read a paged-out frame back through the backend.  The frame is claimed
 * across the call, so nobody sees it resident before it is; on success it
 * stays claimed and *@cur is the claimed byte, ready for lps_host_commit().
 * Lock held, dropped around the call.  0 or -LPS_EIO (counted).
 */
static int lps_host_page_in(struct lps_host *h, uint64_t pfn,
			    lps_fstate_t *cur, unsigned long *flags)
{
	const struct lps_host_backend *be = h->backend;
	lps_fstate_t claimed = (lps_fstate_t)(*cur | LPS_HOST_BUSY);
	int err;

	if (!be || !be->page_in)
		return 0;
	lps_host_commit(h, pfn, *cur, claimed);
	lps_host_unlock(h, *flags);
	err = be->page_in(h->backend_ctx, pfn);
	lps_host_lock(h, *flags);
	if (err) {
		lps_host_commit(h, pfn, claimed, *cur);
		h->cnt.backend_errors++;
		return -LPS_EIO;
	}
	*cur = claimed;
	return 0;
}

int lps_host_guest_access(struct lps_host *h, uint64_t pfn, bool write)
{
	enum lps_event ev = write ? LPS_EV_GUEST_WRITE : LPS_EV_GUEST_READ;
	unsigned long flags = 0;
	lps_fstate_t cur, next;
	int ret;

	if (!h)
		return -LPS_EINVAL;
	if (pfn >= h->nframes)
		return lps_host_reject(h, -LPS_ERANGE);

	lps_host_lock(h, flags);
	while ((cur = lps_host_raw(h, pfn)) & LPS_HOST_BUSY)
		lps_host_wait(h, pfn, flags);
	ret = lps_transition(cur, ev, &next);
	if (ret == -LPS_EFAULT) {
		h->cnt.discard_faults++;
		goto out;
	}
	if (ret < 0) {
		h->cnt.rejected++;
		goto out;
	}
	if (lps_fs_content(cur) == LPS_PRESERVED) {
		ret = lps_host_page_in(h, pfn, &cur, &flags);
		if (ret < 0)
			goto out;
		h->cnt.swap_in++;
		/* The slot keeps its copy until the frame is written. */
		lps_host_set_swap_cached(h, pfn, true);
	}
	if (write)
		lps_host_set_swap_cached(h, pfn, false);
	lps_host_commit(h, pfn, cur, next);
out:
	lps_host_unlock(h, flags);
	return ret;
}
