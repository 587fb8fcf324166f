// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_kdiscard.c - discarded folios found where they cannot be dealt with
 * (lookups under RCU or page-table locks) wait on their CPU's list and are
 * released from a per-CPU work item; memory pressure drains every CPU
 * through a shrinker.  The same work flushes the CPU's hint batch.
 */
#include <linux/mm.h>		/* folio helpers, pfn_to_page */
#include <linux/page-states.h>	/* folio_test_discarded */
#include <linux/pagemap.h>	/* folio_lock */
#include <linux/shrinker.h>	/* register_shrinker */
#include <linux/workqueue.h>	/* queue_work_on */
#include "internal.h"		/* mm/internal.h: unmap_mapping_folio */
#include "lps_kglue.h"		/* lps_k */

static DEFINE_PER_CPU(struct work_struct, lps_release_work);
static bool lps_work_ready;

struct lps_collect {
	u32 n;
	u64 idx[LPS_K_DISCARD_CAP];
};

/* Called with interrupts off; the caller holds a folio reference. */
void lps_kdiscard_park(struct folio *folio, u64 idx)
{
	unsigned int cpu = smp_processor_id();
	struct lps_discard_list *l = &lps_k.guest.cpus[cpu].discarded;

	/* A full list is counted; readers still re-read the folio. */
	if (lps_discard_park(&lps_k.guest, cpu, idx))
		return;
	folio_get(folio);
	atomic64_inc(&lps_k.parked);
	if (READ_ONCE(lps_work_ready) && l->count >= LPS_K_DISCARD_CAP / 2)
		queue_work_on(cpu, system_wq, this_cpu_ptr(&lps_release_work));
}

static void lps_collect_fn(void *opaque, const u64 *idx, u32 n)
{
	struct lps_collect *c = opaque;

	while (n-- && c->n < ARRAY_SIZE(c->idx))
		c->idx[c->n++] = *idx++;
}

/*
 * Drop a discarded folio nobody has read again from the page cache, so no
 * zeroed copy lingers; a refilled one is simply let go.  A swap-cache
 * folio stays: only reclaim may take one out of the swap cache (isolated
 * from the LRU, references frozen, memcg swap-out accounting), and
 * invalidate_inode_page() would do it on a folio still on the LRU.  It is
 * harmless where it is: PG_discarded makes its next lookup read it again
 * from its slot, migration leaves it alone, and reclaim frees it.
 */
static void lps_release_folio(struct folio *folio)
{
	folio_lock(folio);
	if (folio_test_discarded(folio) && !folio_test_uptodate(folio) &&
	    !folio_test_swapcache(folio) && folio_mapping(folio)) {
		if (!folio_test_anon(folio) && folio_mapped(folio))
			unmap_mapping_folio(folio);
		invalidate_inode_page(&folio->page);
	}
	folio_unlock(folio);
	folio_put(folio);
	atomic64_inc(&lps_k.released);
}

/* Drop the references of the folios collected from a list. */
static void lps_release_collected(const struct lps_collect *col)
{
	u32 i;

	for (i = 0; i < col->n; i++)
		lps_release_folio(page_folio(pfn_to_page(lps_k.base_pfn +
							 col->idx[i])));
}

/*
 * Release @cpu's list from any CPU, in process context: the core hands
 * each entry out once, under that CPU's lock, so a racing release of the
 * same list (its own work, the periodic flush, a dead-CPU drain) gets
 * other entries or none.  Returns how many folios it let go.
 */
unsigned long lps_kdiscard_release_cpu(unsigned int cpu)
{
	struct lps_collect col = { .n = 0 };

	BUILD_BUG_ON(ARRAY_SIZE(col.idx) < LPS_K_DISCARD_CAP);
	lps_discard_release(&lps_k.guest, cpu, lps_collect_fn, &col);
	lps_release_collected(&col);
	return col.n;
}

/*
 * A dead CPU's list: taken off in its hotplug teardown, let go by a work
 * item, because lps_release_folio() may sleep on a folio lock (a read in
 * flight) and the teardown holds the hotplug lock.
 */
struct lps_dead_list {
	struct work_struct work;
	struct lps_collect col;
};

static DEFINE_PER_CPU(struct lps_dead_list, lps_dead_list);

static void lps_dead_release_fn(struct work_struct *work)
{
	struct lps_dead_list *d = container_of(work, struct lps_dead_list,
					       work);

	lps_release_collected(&d->col);
	d->col.n = 0;
}

/* From @cpu's hotplug teardown: its list off now, the folios let go soon. */
unsigned long lps_kdiscard_take_dead(unsigned int cpu)
{
	struct lps_dead_list *d = per_cpu_ptr(&lps_dead_list, cpu);

	/* Nothing is parked without the work, which the hooks need. */
	if (!READ_ONCE(lps_work_ready))
		return 0;
	/* The buffer is free once this CPU's last drain let go of it. */
	flush_work(&d->work);
	lps_discard_release(&lps_k.guest, cpu, lps_collect_fn, &d->col);
	if (d->col.n)
		queue_work(system_wq, &d->work);
	return d->col.n;
}

/* Release this CPU's list and flush its batch; process context. */
static void lps_release_local(void)
{
	struct lps_collect col = { .n = 0 };
	unsigned int cpu;

	local_irq_disable();
	cpu = smp_processor_id();
	lps_discard_release(&lps_k.guest, cpu, lps_collect_fn, &col);
	lps_flush(&lps_k.guest, cpu);
	local_irq_enable();
	lps_release_collected(&col);
}

static void lps_release_work_fn(struct work_struct *work)
{
	lps_release_local();
}

static void lps_flush_work_fn(struct work_struct *work)
{
	local_irq_disable();
	lps_flush(&lps_k.guest, smp_processor_id());
	local_irq_enable();
}

void lps_kflush_all(void)
{
	schedule_on_each_cpu(lps_flush_work_fn);
}

void lps_kdrain_all(void)
{
	schedule_on_each_cpu(lps_release_work_fn);
}

unsigned long lps_kparked_now(void)
{
	unsigned long n = 0;
	unsigned int cpu;

	for (cpu = 0; cpu < lps_k.guest.ncpus; cpu++)
		n += READ_ONCE(lps_k.guest.cpus[cpu].discarded.count);
	return n;
}

static unsigned long lps_shrink_count(struct shrinker *s,
				      struct shrink_control *sc)
{
	return lps_kparked_now();
}

/* Reclaim may not wait for other CPUs: queue their release and go on. */
static unsigned long lps_shrink_scan(struct shrinker *s,
				     struct shrink_control *sc)
{
	unsigned int cpu;

	for_each_online_cpu(cpu)
		queue_work_on(cpu, system_wq, per_cpu_ptr(&lps_release_work,
							  cpu));
	return SHRINK_STOP;
}

static struct shrinker lps_shrinker = {
	.count_objects = lps_shrink_count,
	.scan_objects = lps_shrink_scan,
	.seeks = DEFAULT_SEEKS,
};

static int __init lps_kdiscard_init(void)
{
	unsigned int cpu;

	if (!static_branch_unlikely(&page_states_volatile_key))
		return 0;
	for_each_possible_cpu(cpu) {
		INIT_WORK(per_cpu_ptr(&lps_release_work, cpu),
			  lps_release_work_fn);
		INIT_WORK(&per_cpu(lps_dead_list, cpu).work,
			  lps_dead_release_fn);
	}
	WRITE_ONCE(lps_work_ready, true);
	return register_shrinker(&lps_shrinker, "pagestates-discarded");
}
late_initcall(lps_kdiscard_init);
