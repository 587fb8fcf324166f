// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_flush.c - sending a CPU's batch to the host and recording the outcome
 * in the frame words.
 */
#include "lps_internal.h"	/* struct lps_guest, lps_lock */
#include "lps_guest_priv.h"	/* frame word, lps_cnt_add, lps_batch_* */

/* Record range @k as applied (the host now holds its usage) or dropped. */
static void lps_range_settle(struct lps_guest *g, const struct lps_batch *b,
			     uint16_t k, bool applied)
{
	uint64_t pfn;
	uint32_t count, usage, told;
	uint32_t *w;
	uint32_t i;

	lps_batch_range(b, k, &pfn, &count, &usage);
	told = applied ? usage & LPS_FW_TOLD_MASK : 0;

	/* The host may write this page; never let it steer us out of bounds. */
	if (pfn >= g->nframes || count > g->nframes - pfn)
		return;
	w = &g->frame_words[pfn];
	for (i = 0; i < count; i++)
		lps_store_u32(&w[i], applied ? told :
			      lps_load_u32(&w[i]) & LPS_FW_TOLD_MASK);
}

int lps_flush_locked(struct lps_guest *g, struct lps_cpu *c,
		     struct lps_counters *cnt)
{
	struct lps_batch *b = c->batch;
	uint16_t nr = lps_batch_nr(b);
	uint16_t done, k;
	uint32_t tries;
	int ret;

	if (!nr)
		return 0;
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
	for (k = 0; k < nr; k++)
		lps_range_settle(g, b, k, k < done);
	if (ret)
		lps_cnt_add(&cnt->port_errors, 1);
	lps_cnt_add(&cnt->batches, 1);
	lps_batch_empty(b, nr);
	return ret;
}

int lps_flush(struct lps_guest *g, uint32_t cpu)
{
	struct lps_cpu *c;
	unsigned long flags = 0;
	int ret;

	if (!g || cpu >= g->ncpus)
		return -LPS_EINVAL;
	c = &g->cpus[cpu];
	lps_lock(&c->lock, flags);
	ret = lps_flush_locked(g, c, &c->cnt);
	lps_unlock(&c->lock, flags);
	return ret;
}

/*
 * Each batch is sent under its own CPU's lock, so this is safe while the
 * other CPUs work; but the sends are counted on each CPU's own counters,
 * which only their owner should write, so a count may be lost if this runs
 * while those CPUs are busy.  Kernel callers that care run lps_flush() on
 * each CPU instead; suspend, migration and tests call this.
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
