// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_debugfs.c - /sys/kernel/debug/pagestates: the port, the core's
 * counters summed over all CPUs, the guest's view of every frame, and the
 * flush and drain controls the in-guest tests use (names in README.md).
 */
#include <linux/cpumask.h>	/* cpu_online */
#include <linux/ctype.h>	/* tolower */
#include <linux/debugfs.h>	/* debugfs_create_file */
#include <linux/init.h>		/* late_initcall */
#include <linux/page-states.h>	/* enum page_states_point */
#include <linux/seq_file.h>	/* seq_printf */
#include "lps_kglue.h"		/* lps_k, lps_kflush_all */

/* In enum lps_reason order, which is the order of LPS_REASONS. */
static const struct {
	const char *key;
} lps_reason_key[LPS_NR_REASONS] = {
#define LPS_K_REASON_KEY(name, text) { #name },
	LPS_REASONS(LPS_K_REASON_KEY)
#undef LPS_K_REASON_KEY
};

static const char *const lps_usage_key[LPS_NR_USAGE] = {
	[LPS_STABLE] = "stable", [LPS_UNUSED] = "unused",
	[LPS_VOLATILE] = "volatile", [LPS_POT_VOLATILE] = "pot_volatile",
};

/* In enum page_states_point order. */
static const char *const lps_point_key[PAGE_STATES_NR_POINTS] = {
	[PAGE_STATES_GET_ENTRY] = "get_entry",
	[PAGE_STATES_READ_BATCH] = "read_batch",
	[PAGE_STATES_FAULT_AROUND] = "fault_around",
	[PAGE_STATES_GET_FOLIOS] = "get_folios",
	[PAGE_STATES_GET_FOLIOS_CONTIG] = "get_folios_contig",
	[PAGE_STATES_GET_FOLIOS_TAG] = "get_folios_tag",
	[PAGE_STATES_MIGRATE] = "migrate",
	[PAGE_STATES_READ_DONE] = "read_done",
	[PAGE_STATES_RELEASE] = "release",
	[PAGE_STATES_DEACTIVATE] = "deactivate",
	[PAGE_STATES_RECLAIM_KEEP] = "reclaim_keep",
	[PAGE_STATES_WRITEBACK_DONE] = "writeback_done",
	[PAGE_STATES_DISCARD_FAULT] = "discard_fault",
	[PAGE_STATES_COW] = "cow",
	[PAGE_STATES_GUP] = "gup",
	[PAGE_STATES_REFILL] = "refill",
};

static void lps_show_points(struct seq_file *m)
{
	unsigned long n;
	unsigned int p, cpu;

	for (p = 0; p < PAGE_STATES_NR_POINTS; p++) {
		n = 0;
		for_each_possible_cpu(cpu)
			n += per_cpu(lps_point_hits[p], cpu);
		seq_printf(m, "point_%s %lu\n", lps_point_key[p], n);
	}
}

static int lps_port_show(struct seq_file *m, void *v)
{
	seq_printf(m, "%s\n", lps_k.port_name ? lps_k.port_name : "off");
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(lps_port);

static void lps_show_reason(struct seq_file *m, enum lps_reason why,
			    uint64_t n)
{
	const char *s = lps_reason_key[why].key;

	seq_puts(m, "refused_");
	while (*s)
		seq_putc(m, tolower(*s++));
	seq_printf(m, " %llu\n", (unsigned long long)n);
}

static int lps_counters_show(struct seq_file *m, void *v)
{
	struct lps_counters c;
	unsigned int i;

	lps_counters_sum(&lps_k.guest, &c);
	for (i = 0; i < LPS_NR_USAGE; i++)
		seq_printf(m, "hints_%s %llu\n", lps_usage_key[i],
			   (unsigned long long)c.hints[i]);
	for (i = LPS_WHY_NONE + 1; i < LPS_NR_REASONS; i++)
		lps_show_reason(m, i, c.refused[i]);
#define LPS_K_SHOW(field) \
	seq_printf(m, #field " %llu\n", (unsigned long long)c.field)
	LPS_K_SHOW(discards_found);
	LPS_K_SHOW(rereads);
	LPS_K_SHOW(batches);
	LPS_K_SHOW(transitions);
	LPS_K_SHOW(retries);
	LPS_K_SHOW(cancelled);
	LPS_K_SHOW(port_errors);
	LPS_K_SHOW(discard_overflows);
	LPS_K_SHOW(host_waits);
#undef LPS_K_SHOW
	/* The glue's own counters, in struct lps_kstate. */
#define LPS_K_SHOW64(field) \
	seq_printf(m, #field " %lld\n", \
		   (long long)atomic64_read(&lps_k.field))
	LPS_K_SHOW64(parked);
	LPS_K_SHOW64(released);
	seq_printf(m, "frames %lu\nbase_pfn %lu\n", lps_k.nframes,
		   lps_k.base_pfn);
	lps_show_points(m);
	/* lps_kcpu.c: dead CPUs drained, periodic flushes. */
	LPS_K_SHOW64(cpu_dead_drained);
	LPS_K_SHOW64(cpu_dead_discards);
	LPS_K_SHOW64(periodic_flushes);
	LPS_K_SHOW64(periodic_releases);
	LPS_K_SHOW64(reread_runs);
	LPS_K_SHOW64(reread_pages);
	/* lps_kfault.c: mapped folios offered, and their faults. */
	LPS_K_SHOW64(discard_faults);
	LPS_K_SHOW64(mapped_volatile);
	LPS_K_SHOW64(mapped_unmaps);
	LPS_K_SHOW64(mapped_deferred);
#undef LPS_K_SHOW64
	seq_printf(m, "discard_faults_on %d\n",
		   static_key_enabled(&page_states_mapped_key));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(lps_counters);

/*
 * What each possible CPU has pending, online or not: hint ranges in its
 * batch and folios on its discard list.  A dead CPU must show none.
 */
static int lps_cpus_show(struct seq_file *m, void *v)
{
	const struct lps_cpu *c;
	unsigned int cpu;

	for_each_possible_cpu(cpu) {
		c = &lps_k.guest.cpus[cpu];
		seq_printf(m, "cpu%u_online %d\ncpu%u_ranges %u\n", cpu,
			   cpu_online(cpu), cpu,
			   lps_le16(READ_ONCE(c->batch->hdr.nr)));
		seq_printf(m, "cpu%u_parked %u\n", cpu,
			   READ_ONCE(c->discarded.count));
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(lps_cpus);

static int lps_states_show(struct seq_file *m, void *v)
{
	unsigned long n[LPS_NR_USAGE] = { 0 };
	unsigned long i;
	unsigned int u;
	int s;

	for (i = 0; i < lps_k.nframes; i++) {
		s = lps_get_state(&lps_k.guest, i);
		if (s >= 0 && s < LPS_NR_USAGE)
			n[s]++;
		if (!(i & 4095))
			cond_resched();
	}
	for (u = 0; u < LPS_NR_USAGE; u++)
		seq_printf(m, "%s %lu\n", lps_usage_key[u], n[u]);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(lps_states);

static ssize_t lps_flush_write(struct file *f, const char __user *buf,
			       size_t len, loff_t *pos)
{
	lps_kflush_all();
	return len;
}

static const struct file_operations lps_flush_fops = {
	.write = lps_flush_write,
	.llseek = noop_llseek,
};

static ssize_t lps_drain_write(struct file *f, const char __user *buf,
			       size_t len, loff_t *pos)
{
	lps_kdrain_all();
	return len;
}

static const struct file_operations lps_drain_fops = {
	.write = lps_drain_write,
	.llseek = noop_llseek,
};

static int __init lps_debugfs_init(void)
{
	struct dentry *d = debugfs_create_dir("pagestates", NULL);

	debugfs_create_file("port", 0444, d, NULL, &lps_port_fops);
	if (!lps_k.ready)
		return 0;
	debugfs_create_file("counters", 0444, d, NULL, &lps_counters_fops);
	debugfs_create_file("states", 0444, d, NULL, &lps_states_fops);
	debugfs_create_file("cpus", 0444, d, NULL, &lps_cpus_fops);
	debugfs_create_file("flush", 0200, d, NULL, &lps_flush_fops);
	debugfs_create_file("drain", 0200, d, NULL, &lps_drain_fops);
	return 0;
}
late_initcall(lps_debugfs_init);
