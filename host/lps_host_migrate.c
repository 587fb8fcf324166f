// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_host_migrate.c - what live migration needs from the host model: a
 * snapshot of every frame's state, then the frames whose state changed
 * since, one at a time from the dirty log.
 *
 * lps_host_commit() sets a frame's bit whenever its state as callers see it
 * changes, under h->lock; both calls here take the same lock, so a change
 * is either in the snapshot or in the log, never lost between them.  A
 * frame claimed busy by a backend call in flight is reported as it was
 * before the claim; if the call then changes it, its bit is set then.
 *
 * Errors, each counted in cnt.rejected: -LPS_EINVAL for a NULL pointer or
 * a snapshot buffer shorter than the guest, -LPS_ERANGE for a dirty-log
 * start beyond the guest's end (starting exactly at the end finds none).
 */
#include "lps_host_internal.h"	/* lock, busy bit, lps_host_state() */

int lps_host_snapshot(struct lps_host *h, lps_fstate_t *out, size_t len)
{
	unsigned long flags = 0;
	uint64_t pfn;

	if (!h)
		return -LPS_EINVAL;
	if (!out || (uint64_t)len < h->nframes)
		return lps_host_reject(h, -LPS_EINVAL);

	lps_host_lock(h, flags);
	for (pfn = 0; pfn < h->nframes; pfn++)
		out[pfn] = lps_host_state(h, pfn);
	lps_memset(h->dirty_log, 0, (size_t)((h->nframes + 7) / 8));
	lps_host_unlock(h, flags);
	return 0;
}

int lps_host_dirty_next(struct lps_host *h, uint64_t from, uint64_t *pfn,
			lps_fstate_t *state)
{
	unsigned long flags = 0;
	uint64_t f;
	int found = 0;

	if (!h)
		return -LPS_EINVAL;
	if (!pfn || !state)
		return lps_host_reject(h, -LPS_EINVAL);
	if (from > h->nframes)
		return lps_host_reject(h, -LPS_ERANGE);

	lps_host_lock(h, flags);
	for (f = from; f < h->nframes; f++) {
		/* Skip clean bytes whole: the log is mostly zero. */
		if (!(f & 7) && !h->dirty_log[f >> 3]) {
			f += 7;
			continue;
		}
		if (h->dirty_log[f >> 3] & (1u << (f & 7))) {
			h->dirty_log[f >> 3] &= (uint8_t)~(1u << (f & 7));
			*pfn = f;
			*state = lps_host_state(h, f);
			found = 1;
			break;
		}
	}
	lps_host_unlock(h, flags);
	return found;
}
