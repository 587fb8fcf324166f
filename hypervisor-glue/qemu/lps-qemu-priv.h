/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps-qemu-priv.h - what the glue's transports share: the VM's host model
 * and guest RAM as the hypercall decoders reach it.
 */
#ifndef LPS_QEMU_PRIV_H
#define LPS_QEMU_PRIV_H

#include "exec/memory.h"

#include <pagestates/host/lps_host.h>
#include <pagestates/host/lps_transport.h>

/*
 * The VM's host model for one guest call through transport @port (named
 * in query-pagestates), counted as served; NULL while there is none.
 */
struct lps_host *lps_qemu_host(const char *port);

/* Whether the VM has its host model (from machine-init-done on). */
bool lps_qemu_ready(void);

/*
 * Guest RAM for one decoder call: lps_qemu_gmem_init() before it, the
 * caller inside an RCU read-side section until lps_qemu_gmem_done(),
 * which marks what the decoder may have written (the descriptor's
 * cursor) dirty for migration and the TCG code cache.
 */
typedef struct LpsQemuGmem {
    struct lps_gmem mem;
    MemoryRegion *mr;           /* the region last mapped, or NULL */
    hwaddr offset;
    hwaddr len;
} LpsQemuGmem;

void lps_qemu_gmem_init(LpsQemuGmem *g);
void lps_qemu_gmem_done(LpsQemuGmem *g);

#endif
