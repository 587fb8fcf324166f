// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_kport_shmem.c - the shared state table port (ports/shmem) in the
 * kernel: the header and the table are taken from memblock at boot, so
 * they live in guest RAM where a host agent finds the header by its magic
 * (docs/shmem-protocol.md).  Compiled with LPS_PORT_FORCE_SHMEM (Kbuild).
 */
#include <linux/memblock.h>	/* memblock_alloc */
#include <linux/mm.h>		/* __pa, PFN_PHYS */
#include "lps_port.h"		/* lps_port_ops_get, struct lps_shmem_guest */
#include "lps_kglue.h"		/* lps_kport_shmem_ops */

static struct lps_shmem_guest lps_shmem;
static struct lps_port_env lps_shmem_env = { .arg = &lps_shmem };

int __init lps_kport_shmem_setup(unsigned long base_pfn,
				 unsigned long nframes, void **ctx)
{
	struct lps_shmem_hdr *hdr;
	u32 *words;

	/* Version 1 of the table describes 4 KiB frames only. */
	if (PAGE_SHIFT != LPS_SHMEM_PAGE_SHIFT)
		return -EINVAL;
	hdr = memblock_alloc(PAGE_SIZE, PAGE_SIZE);
	words = memblock_alloc(array_size(nframes, LPS_SHMEM_WORD_BYTES),
			       PAGE_SIZE);
	if (!hdr || !words)
		return -ENOMEM;
	if (lps_shmem_guest_setup(&lps_shmem, hdr, __pa(hdr), words,
				  __pa(words), PFN_PHYS(base_pfn), nframes))
		return -EINVAL;
	if (lps_port_ops_get()->probe(&lps_shmem_env))
		return -ENODEV;
	pr_info("pagestates: shared state table header at %#llx, %lu words at %#llx\n",
		(unsigned long long)__pa(hdr), nframes,
		(unsigned long long)__pa(words));
	*ctx = &lps_shmem_env;
	return 0;
}

const struct lps_port_ops *lps_kport_shmem_ops(void)
{
	return lps_port_ops_get();
}
