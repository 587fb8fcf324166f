/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps-qemu-s390.c - s390x discard faults: a guest that asked for them
 * (DIAG 0x500, our subcode, wire/include/pagestates/wire/lps_wire_diag.h)
 * gets program interruption 0x1a, with the frame's absolute address, on
 * its next access to a frame the host model dropped while it was volatile
 * or potentially volatile.  Every other guest keeps reading such a frame
 * as zeroes, as under KVM.
 *
 * The check sits in the TLB fill, which every access takes before it
 * reaches guest RAM (DAT on or off, instruction fetch, load, store and
 * the probe paths).  A translation filled before the drop must not
 * survive it: for such a guest a reclaim runs with every vCPU paused and
 * queues a TLB flush on each, which runs before the vCPU executes again
 * (lps_qemu_fence in lps-qemu.c).
 */
#include "qemu/osdep.h"
#include "qemu/atomic.h"
#include "cpu.h"
#include "exec/exec-all.h"
#include "hw/s390x/s390-virtio-hcall.h"
#include "sysemu/reset.h"
#include "lps-qemu.h"
#include "lps-qemu-priv.h"

#include <pagestates/wire/lps_wire_diag.h>

/* The guest handles discard faults (until the next system reset). */
static bool lps_s390_faults;

static bool lps_s390_fence_wanted(void)
{
    return qatomic_read(&lps_s390_faults);
}

/* Every vCPU is paused: each flushes before it runs guest code again. */
static void lps_s390_fence_flush(void)
{
    CPUState *cs;

    CPU_FOREACH(cs) {
        tlb_flush(cs);
    }
}

static const LpsQemuFence lps_s390_fence = {
    .wanted = lps_s390_fence_wanted,
    .flush = lps_s390_fence_flush,
};

/*
 * DIAG 0x500 subcode LPS_DIAG500_SUBCODE: GR2 holds the features the
 * guest asks for and receives those turned on.  A VM without a host model
 * turns none on.
 */
static int lps_s390_hcall(const uint64_t *args)
{
    uint64_t on = args[0] & LPS_DIAG500_FEATURES;

    if (!lps_qemu_ready()) {
        on = 0;
    }
    qatomic_set(&lps_s390_faults, (on & LPS_DIAG500_DISCARD_FAULT) != 0);
    return on;
}

/* A rebooted guest may be one that never heard of discard faults. */
static void lps_s390_reset(void *opaque)
{
    qatomic_set(&lps_s390_faults, false);
}

int lps_qemu_s390_access(uint64_t abs_addr, bool write)
{
    if (!qatomic_read(&lps_s390_faults) ||
        !lps_qemu_frame_discarded(abs_addr, write)) {
        return 0;
    }
    return LPS_PGM_DISCARD_FAULT;
}

static void lps_s390_register(void)
{
    s390_register_virtio_hypercall(LPS_DIAG500_SUBCODE, lps_s390_hcall);
    qemu_register_reset(lps_s390_reset, NULL);
    lps_qemu_set_fence(&lps_s390_fence);
}
type_init(lps_s390_register)
