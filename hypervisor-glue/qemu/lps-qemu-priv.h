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

struct PagestatesInfo;
struct PagestatesReclaim;

/*
 * Drop what the guest allows until at most @target bytes of its RAM stay
 * resident, and say what it did in @out.  Under the BQL, which makes
 * the QMP command and the policy's timer take turns.  0, or a negative
 * code (no host model, or the model refused) with @out untouched.
 */
int lps_qemu_reclaim(uint64_t target, struct PagestatesReclaim *out);

/* The policy's settings and counters, into query-pagestates' policy-*. */
void lps_qemu_policy_info(struct PagestatesInfo *info);

/*
 * Whether guest physical @gpa lies in a frame the model dropped while it
 * was volatile or potentially volatile: the access is then counted as a
 * discard fault (lps_host_guest_access()).  Lock-free for every other
 * frame, since the TLB fill asks on every miss.
 */
bool lps_qemu_frame_discarded(hwaddr gpa, bool write);

/*
 * What a reclaim needs when the guest takes discard faults: @wanted says
 * whether it does now; then the reclaim runs with every vCPU paused and
 * @flush, called before they resume, drops every cached translation, so
 * no vCPU reads a dropped frame through a TLB entry filled before.
 */
typedef struct LpsQemuFence {
    bool (*wanted)(void);
    void (*flush)(void);
} LpsQemuFence;

void lps_qemu_set_fence(const LpsQemuFence *fence);

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
