// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_kretire.c - withdraw the shared state table when this kernel stops:
 * on reboot, halt, power-off and kexec (kernel_kexec() runs the reboot
 * notifiers too).  The next kernel reuses the table's frames and every
 * frame it describes; a host agent that kept the old table would punch
 * frames that now hold the new kernel's data.  With the magic gone the
 * agent detaches on its next header check (tools/hostd/README.md).
 */
#include <linux/delay.h>	/* msleep */
#include <linux/init.h>		/* late_initcall */
#include <linux/jiffies.h>	/* time_before */
#include <linux/reboot.h>	/* register_reboot_notifier */
#include "shmem/lps_shmem_guest.h"	/* struct lps_shmem_guest */
#include "lps_kglue.h"			/* lps_kport_shmem_table */

/* How long a stopping guest waits for a host's claims to be resolved. */
#define LPS_RETIRE_WAIT_MS	500

/* Words still claimed by the live host epoch. */
static unsigned long lps_live_claims(struct lps_shmem_guest *g)
{
	u32 epoch = lps_shmem_guest_epoch(g) & 0xffu;
	unsigned long n = 0;
	u64 i;
	u32 w;

	for (i = 0; i < g->nframes; i++) {
		w = lps_le32(lps_shm_load_u32(&g->words[i]));
		if ((w & LPS_SHMEM_W_CLAIM) && lps_shmem_w_epoch(w) == epoch)
			n++;
	}
	return n;
}

/*
 * The agent checks the header before every claim and every punch, so a
 * punch may still be on its way after the magic is gone: wait, bounded,
 * for the claims it holds to be committed or given back.  A claim left
 * after that belongs to an agent that stalled; the next kernel zeroes the
 * table anyway.
 */
static int lps_kretire(struct notifier_block *nb, unsigned long action,
		       void *unused)
{
	struct lps_shmem_guest *g = lps_kport_shmem_table();
	unsigned long deadline, left;

	if (!g)
		return NOTIFY_DONE;
	lps_shm_store_u64(&g->hdr->magic, 0);
	smp_mb();	/* the magic is gone before the claims are looked at */
	deadline = jiffies + msecs_to_jiffies(LPS_RETIRE_WAIT_MS);
	while ((left = lps_live_claims(g)) && time_before(jiffies, deadline))
		msleep(20);
	pr_info("pagestates: shared state table retired%s\n",
		left ? ", a host still holds claims" : "");
	return NOTIFY_DONE;
}

static struct notifier_block lps_kretire_nb = {
	.notifier_call = lps_kretire,
};

static int __init lps_kretire_init(void)
{
	if (!lps_kport_shmem_table())
		return 0;
	return register_reboot_notifier(&lps_kretire_nb);
}
late_initcall(lps_kretire_init);
