// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_kcpu.c - no hint batch and no discard list left behind.  A CPU that
 * went offline is drained by a surviving CPU once it is dead, the way the
 * page allocator drains a dead CPU's lists; and a deferrable periodic work
 * flushes batches and releases lists that sat through a whole period, so
 * an idle CPU's hints reach the host and its parked folios go back.
 */
#include <linux/cpu.h>		/* cpus_read_lock */
#include <linux/cpuhotplug.h>	/* cpuhp_setup_state_nocalls */
#include <linux/cpumask.h>	/* for_each_online_cpu */
#include <linux/init.h>		/* late_initcall */
#include <linux/moduleparam.h>	/* module_param_cb */
#include <linux/page-states.h>	/* page_states_unused_key */
#include <linux/workqueue.h>	/* DECLARE_DEFERRABLE_WORK */
#include "lps_kglue.h"		/* lps_k, struct lps_kseen */

/* Milliseconds between two periodic looks; 0: no periodic flush. */
static unsigned int lps_flush_ms = 1000;
static bool lps_kcpu_ready;
/* The period changed: the next look forgets what the last one saw. */
static bool lps_kseen_forget;
static DEFINE_PER_CPU(struct lps_kseen, lps_kseen);
static DEFINE_PER_CPU(struct work_struct, lps_kflush_work);

static void lps_kperiodic_fn(struct work_struct *work);
static DECLARE_DEFERRABLE_WORK(lps_kperiodic, lps_kperiodic_fn);

/* Ranges in a CPU's batch; another CPU reads it without the owner. */
static u16 lps_kbatch_nr(const struct lps_cpu *c)
{
	return lps_le16(READ_ONCE(c->batch->hdr.nr));
}

/*
 * What of @c's pending work has waited a whole period: hints not flushed
 * since the last look, which saw ranges already; a list whose oldest
 * folio is the one the last look saw oldest.  (The ring's head alone does
 * not tell: an emptied ring starts again at slot 0.)  Records what it saw
 * for the next look.  Racy reads only err by one period either way.
 */
unsigned int lps_kcpu_stale(struct lps_kseen *seen, const struct lps_cpu *c)
{
	u64 batches = READ_ONCE(c->cnt.batches);
	u32 head = READ_ONCE(c->discarded.head);
	u64 oldest = READ_ONCE(c->discarded.slot[head % c->discarded.cap]);
	bool hints = lps_kbatch_nr(c) != 0;
	bool parked = READ_ONCE(c->discarded.count) != 0;
	unsigned int stale = 0;

	if (hints && seen->hints && batches == seen->batches)
		stale |= LPS_KSTALE_HINTS;
	if (parked && seen->parked && head == seen->head &&
	    oldest == seen->oldest)
		stale |= LPS_KSTALE_PARKED;
	seen->batches = batches;
	seen->oldest = oldest;
	seen->head = head;
	seen->hints = hints;
	seen->parked = parked;
	return stale;
}

/*
 * Send the batch of a CPU that runs nothing (dead, or not up yet) from
 * another CPU.  The core lets one thread use a CPU index at a time, and
 * with its CPU dead this thread is that one.  Other CPUs' cancels and any
 * racing release of the list take the same per-CPU lock as the flush.
 * A flush empties the batch even when the port fails (the hints are then
 * dropped and counted), so the CPU comes back to an empty, valid batch.
 * Returns the ranges it held.
 */
u16 lps_kcpu_flush_dead(struct lps_guest *g, unsigned int cpu)
{
	u16 nr = lps_kbatch_nr(&g->cpus[cpu]);

	lps_flush(g, cpu);
	return nr;
}

/*
 * CPUHP_BP_PREPARE_DYN teardown: runs on a surviving CPU after @cpu is
 * dead, in process context, under the hotplug lock the periodic look
 * also takes, so the two never look at the same CPU at once.  The list
 * is emptied here and its folios let go by a work item (lps_kdiscard.c).
 */
static int lps_kcpu_dead(unsigned int cpu)
{
	u64 ranges = lps_kcpu_flush_dead(&lps_k.guest, cpu);
	u64 folios = lps_kdiscard_take_dead(cpu);

	atomic64_add(ranges + folios, &lps_k.cpu_dead_drained);
	atomic64_add(folios, &lps_k.cpu_dead_discards);
	*per_cpu_ptr(&lps_kseen, cpu) = (struct lps_kseen){ 0 };
	return 0;
}

/*
 * The startup side, before @cpu runs: its dead drain left an empty batch
 * and list.  Anything there now is a bug; drain it while the CPU still
 * runs nothing, and rewrite an empty descriptor whose header is not ours.
 */
static int lps_kcpu_prepare(unsigned int cpu)
{
	struct lps_cpu *c = &lps_k.guest.cpus[cpu];

	if (WARN_ON_ONCE(lps_kbatch_nr(c) || READ_ONCE(c->discarded.count)))
		lps_kcpu_dead(cpu);
	if (WARN_ON_ONCE(lps_le32(c->batch->hdr.magic) != LPS_BATCH_MAGIC ||
			 lps_le16(c->batch->hdr.version) != LPS_BATCH_VERSION))
		lps_batch_reset(c->batch);
	return 0;
}

/* Only a CPU itself may send its batch: the look queues this there. */
static void lps_kflush_own_fn(struct work_struct *work)
{
	unsigned int cpu;

	local_irq_disable();
	cpu = smp_processor_id();
	if (lps_kbatch_nr(&lps_k.guest.cpus[cpu])) {
		lps_flush(&lps_k.guest, cpu);
		atomic64_inc(&lps_k.periodic_flushes);
	}
	local_irq_enable();
}

static void lps_kperiodic_arm(void)
{
	unsigned int ms = READ_ONCE(lps_flush_ms);

	if (ms)
		queue_delayed_work(system_wq, &lps_kperiodic,
				   msecs_to_jiffies(ms));
}

/*
 * One look per period.  A CPU with stale hints is woken to flush them (a
 * CPU with nothing pending is left asleep); stale lists are released from
 * here, since any CPU may release any list.  The mask is static: a work
 * item never runs on two CPUs at once.
 */
static void lps_kperiodic_fn(struct work_struct *work)
{
	static struct cpumask parked;
	bool forget = READ_ONCE(lps_kseen_forget);
	struct lps_kseen *seen;
	unsigned int cpu, stale;

	WRITE_ONCE(lps_kseen_forget, false);
	cpumask_clear(&parked);
	cpus_read_lock();
	for_each_online_cpu(cpu) {
		seen = per_cpu_ptr(&lps_kseen, cpu);
		if (forget)
			*seen = (struct lps_kseen){ 0 };
		stale = lps_kcpu_stale(seen, &lps_k.guest.cpus[cpu]);
		if (stale & LPS_KSTALE_HINTS)
			queue_work_on(cpu, system_wq,
				      per_cpu_ptr(&lps_kflush_work, cpu));
		if (stale & LPS_KSTALE_PARKED)
			cpumask_set_cpu(cpu, &parked);
	}
	cpus_read_unlock();
	/* folio_lock() may sleep: outside the hotplug lock. */
	for_each_cpu(cpu, &parked)
		if (lps_kdiscard_release_cpu(cpu))
			atomic64_inc(&lps_k.periodic_releases);
	lps_kperiodic_arm();
}

/* pagestates_flush_ms=, also writable at run time through sysfs. */
static int lps_flush_ms_set(const char *val, const struct kernel_param *kp)
{
	int ret = param_set_uint(val, kp);

	if (ret || !READ_ONCE(lps_kcpu_ready))
		return ret;
	WRITE_ONCE(lps_kseen_forget, true);
	if (READ_ONCE(lps_flush_ms))
		mod_delayed_work(system_wq, &lps_kperiodic,
				 msecs_to_jiffies(READ_ONCE(lps_flush_ms)));
	else
		cancel_delayed_work(&lps_kperiodic);
	return 0;
}

/* The boot parameter is pagestates_flush_ms=, not lps_kcpu.*= */
#undef MODULE_PARAM_PREFIX
#define MODULE_PARAM_PREFIX ""

static const struct kernel_param_ops lps_flush_ms_ops = {
	.set = lps_flush_ms_set,
	.get = param_get_uint,
};
module_param_cb(pagestates_flush_ms, &lps_flush_ms_ops, &lps_flush_ms, 0644);

static int __init lps_kcpu_init(void)
{
	unsigned int cpu;
	int ret;

	/* With the hooks off nothing is ever queued or parked. */
	if (!lps_k.ready || !static_key_enabled(&page_states_unused_key))
		return 0;
	for_each_possible_cpu(cpu)
		INIT_WORK(per_cpu_ptr(&lps_kflush_work, cpu),
			  lps_kflush_own_fn);
	ret = cpuhp_setup_state_nocalls(CPUHP_BP_PREPARE_DYN,
					"mm/pagestates:dead", lps_kcpu_prepare,
					lps_kcpu_dead);
	if (ret < 0)
		return ret;
	WRITE_ONCE(lps_kcpu_ready, true);
	lps_kperiodic_arm();
	return 0;
}
late_initcall(lps_kcpu_init);
