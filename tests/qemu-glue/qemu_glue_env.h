/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * qemu_glue_env.h - the machine the QEMU glue's transports run in under
 * test: what lps-qemu.c provides in QEMU (the VM's host model, whether it
 * is ready) and a guest physical address space for lps-qemu-gmem.c, with
 * RAM at 1 GiB as on arm64 virt and, below it, one region of each kind
 * the glue must refuse.  Every region but the unassigned one has bytes,
 * so a glue that mapped ROM or MMIO would really read a descriptor there.
 */
#ifndef QEMU_GLUE_ENV_H
#define QEMU_GLUE_ENV_H

#include "qemu/osdep.h"
#include "exec/memory.h"
#include "qemu/rcu.h"		/* lps_stub_rcu_depth */
#include <pagestates/host/lps_transport.h>	/* the wire ABIs, lps_host */

#define QG_PAGE		4096u
#define QG_RAM_BASE	0x40000000ull
#define QG_RAM_PAGES	16u
#define QG_TAIL_BYTES	100u	/* a RAM region shorter than a page */
#define QG_UNASSIGNED	0x50000000ull

struct qg_env {
	struct lps_host *host;	/* the VM's model; NULL: not ready yet */
	const char *port;	/* what the last lps_qemu_host() was told */
	unsigned long calls;	/* lps_qemu_host() calls that got the model */
	unsigned long translations;
	/* Memory API used outside an RCU read-side section. */
	unsigned long rcu_violations;
	unsigned long dirty_calls;
	MemoryRegion *dirty_mr;	/* the last memory_region_set_dirty() */
	hwaddr dirty_addr, dirty_size;
};

extern struct qg_env qg;
extern MemoryRegion qg_ram, qg_ram_tail, qg_bios, qg_pflash, qg_mmio,
	qg_ram_device;

/* A fresh machine (every region's bytes zero) whose model is @host. */
void qg_reset(struct lps_host *host);

/* The regions a descriptor address must not reach the model through. */
extern MemoryRegion *const qg_refused[4];

/* Host address of guest physical @gpa inside region @mr. */
static inline uint8_t *qg_at(MemoryRegion *mr, hwaddr gpa)
{
	return mr->host + (gpa - mr->addr);
}

#endif
