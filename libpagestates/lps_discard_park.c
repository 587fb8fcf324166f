// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_discard_park.c - the per-CPU discarded-page lists: park now, release
 * later.
 */
#include "lps_internal.h"	/* struct lps_guest, lps_lock */
#include "lps_guest_priv.h"	/* lps_discard_take, LPS_RELEASE_CHUNK */

int lps_discard_park(struct lps_guest *g, uint32_t cpu, uint64_t pfn)
{
	struct lps_cpu *c;
	unsigned long flags = 0;
	int ret;

	if (!g || cpu >= g->ncpus)
		return -LPS_EINVAL;
	if (pfn >= g->nframes)
		return -LPS_ERANGE;
	c = &g->cpus[cpu];
	lps_lock(&c->lock, flags);
	ret = lps_discard_push(&c->discarded, pfn);
	lps_unlock(&c->lock, flags);
	if (ret == -LPS_ENOSPC)
		lps_cnt_add(&c->cnt.discard_overflows, 1);
	return ret;
}

/*
 * The callback runs without the lock: releasing a page frees it, and the
 * free hook queues a hint under this same CPU's lock.  So frames leave the
 * ring in chunks copied out under the lock.  A callback that parks again
 * cannot keep us here: one call hands over at most a ring's worth.
 */
static int64_t lps_release_cpu(struct lps_cpu *c, lps_discard_fn fn,
			       void *opaque)
{
	uint64_t buf[LPS_RELEASE_CHUNK];
	unsigned long flags = 0;
	int64_t total = 0;
	uint32_t budget, n;

	lps_lock(&c->lock, flags);
	budget = c->discarded.count;
	lps_unlock(&c->lock, flags);
	while (budget) {
		lps_lock(&c->lock, flags);
		n = lps_discard_take(&c->discarded, buf,
				     budget < LPS_RELEASE_CHUNK ?
				     budget : LPS_RELEASE_CHUNK);
		lps_unlock(&c->lock, flags);
		if (!n)
			break;
		fn(opaque, buf, n);
		total += n;
		budget -= n;
	}
	return total;
}

int64_t lps_discard_release(struct lps_guest *g, uint32_t cpu,
			    lps_discard_fn fn, void *opaque)
{
	if (!g || cpu >= g->ncpus || !fn)
		return -LPS_EINVAL;
	return lps_release_cpu(&g->cpus[cpu], fn, opaque);
}

int64_t lps_discard_release_all(struct lps_guest *g, lps_discard_fn fn,
				void *opaque)
{
	int64_t total = 0;
	uint32_t cpu;

	if (!g || !fn)
		return -LPS_EINVAL;
	for (cpu = 0; cpu < g->ncpus; cpu++)
		total += lps_release_cpu(&g->cpus[cpu], fn, opaque);
	return total;
}
