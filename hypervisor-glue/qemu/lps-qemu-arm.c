/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps-qemu-arm.c - the arm64 transport: SMCCC calls on the PSCI conduit
 * (hvc #0 on virt without EL2, patch 0004) handed to the SMCCC decoder,
 * which answers the vendor-hypervisor UID query and our function IDs
 * (ABI: wire/lps_wire_smccc.h).  QEMU's PSCI leaves SMCCC_VERSION
 * unanswered, so a guest takes the conduit for SMCCC 1.0, where Linux's
 * arm_smccc_1_1_invoke() issues nothing; the discovery SMCCC 1.1 asks for
 * is answered here too (Arm DEN0028: SMCCC_VERSION 1.1, SMCCC_ARCH_FEATURES
 * knows no optional function, PSCI_FEATURES names SMCCC_VERSION).
 */
#include "qemu/osdep.h"
#include "qemu/rcu.h"
#include "lps-qemu.h"
#include "lps-qemu-priv.h"

#define LPS_QEMU_SMCCC_VERSION          0x80000000u
#define LPS_QEMU_SMCCC_ARCH_FEATURES    0x80000001u
#define LPS_QEMU_PSCI_FEATURES          0x8400000au
#define LPS_QEMU_SMCCC_1_1              0x10001u
#define LPS_QEMU_SMCCC_NOT_SUPPORTED    UINT64_MAX      /* -1 */

/* SMCCC 1.1 discovery; false for anything else (PSCI serves it). */
static bool lps_qemu_smccc_discovery(uint64_t *x)
{
    switch ((uint32_t)x[0]) {
    case LPS_QEMU_SMCCC_VERSION:
        x[0] = LPS_QEMU_SMCCC_1_1;
        return true;
    case LPS_QEMU_SMCCC_ARCH_FEATURES:
        x[0] = (uint32_t)x[1] == LPS_QEMU_SMCCC_VERSION ?
               0 : LPS_QEMU_SMCCC_NOT_SUPPORTED;
        return true;
    case LPS_QEMU_PSCI_FEATURES:
        if ((uint32_t)x[1] != LPS_QEMU_SMCCC_VERSION) {
            return false;
        }
        x[0] = 0;
        return true;
    default:
        return false;
    }
}

/* The UID query, or a fast call of owner 6 in our block, either width. */
static bool lps_qemu_smccc_is_ours(uint32_t fn)
{
    uint32_t block = LPS_SMCCC_FAST_CALL |
                     (LPS_SMCCC_OWNER_VENDOR_HYP << LPS_SMCCC_OWNER_SHIFT) |
                     LPS_SMCCC_FN_BASE;

    return fn == LPS_SMCCC_VENDOR_HYP_UID ||
           (fn & ~LPS_SMCCC_SMC64 & ~(uint32_t)0xff) == block;
}

bool lps_qemu_smccc(uint64_t *x)
{
    struct lps_smccc_regs regs;
    struct lps_host *h;
    LpsQemuGmem gmem;
    int ret;

    if (lps_qemu_smccc_discovery(x)) {
        return true;
    }
    if (!lps_qemu_smccc_is_ours((uint32_t)x[0])) {
        return false;
    }
    h = lps_qemu_host("arm64");
    if (!h) {
        return false;
    }
    memcpy(regs.x, x, sizeof(regs.x));
    lps_qemu_gmem_init(&gmem);
    RCU_READ_LOCK_GUARD();
    /* No budget: one call applies the whole descriptor (255 ranges). */
    ret = lps_smccc_handle(h, &gmem.mem, &regs, 0);
    if (ret != 1) {
        return false;
    }
    lps_qemu_gmem_done(&gmem);
    memcpy(x, regs.x, 4 * sizeof(x[0]));
    return true;
}
