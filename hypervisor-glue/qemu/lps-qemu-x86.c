/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps-qemu-x86.c - the x86 transport: TCG's vmcall/vmmcall (patch 0003)
 * handed to the hypercall decoder, and the CPUID block the guest's port
 * looks for (ABI: wire/lps_wire_hcall.h).
 */
#include "qemu/osdep.h"
#include "qemu/rcu.h"
#include "lps-qemu.h"
#include "lps-qemu-priv.h"

/*
 * TCG answers "TCGTCGTCGTCG" at 0x40000000 (-cpu ...,tcg-cpuid=on), so the
 * block takes the next slot of the stride the port scans.
 */
#define LPS_QEMU_X86_CPUID_BASE (LPS_X86_CPUID_FIRST + LPS_X86_CPUID_STEP)

bool lps_qemu_x86_cpuid(uint32_t index, uint32_t *eax, uint32_t *ebx,
                        uint32_t *ecx, uint32_t *edx)
{
    switch (index) {
    case LPS_QEMU_X86_CPUID_BASE:
        if (!lps_qemu_ready()) {
            return false;
        }
        *eax = LPS_QEMU_X86_CPUID_BASE + LPS_X86_LEAF_FEATURES;
        *ebx = LPS_X86_SIG_EBX;
        *ecx = LPS_X86_SIG_ECX;
        *edx = LPS_X86_SIG_EDX;
        return true;
    case LPS_QEMU_X86_CPUID_BASE + LPS_X86_LEAF_FEATURES:
        if (!lps_qemu_ready()) {
            return false;
        }
        *eax = LPS_X86_F_HINTS;
        *ebx = LPS_X86_ABI_VERSION;
        *ecx = 0;
        *edx = 0;
        return true;
    default:
        return false;
    }
}

uint64_t lps_qemu_x86_hcall(uint64_t rax, uint64_t rbx, uint64_t rcx,
                            uint64_t rdx, uint64_t rsi)
{
    struct lps_x86_regs regs = {
        .rax = rax, .rbx = rbx, .rcx = rcx, .rdx = rdx, .rsi = rsi,
    };
    struct lps_host *h;
    LpsQemuGmem gmem;

    /* Not our block of numbers, or no model: what KVM says to strangers. */
    if ((rax & ~(uint64_t)0xff) != LPS_HC_BASE) {
        return lps_hc_encode_result(-LPS_HC_KVM_ENOSYS);
    }
    h = lps_qemu_host("x86");
    if (!h) {
        return lps_hc_encode_result(-LPS_HC_KVM_ENOSYS);
    }
    lps_qemu_gmem_init(&gmem);
    RCU_READ_LOCK_GUARD();
    /* No budget: one call applies the whole descriptor (255 ranges). */
    if (lps_x86_hcall_handle(h, &gmem.mem, &regs, 0) != 1) {
        return lps_hc_encode_result(-LPS_HC_KVM_ENOSYS);
    }
    lps_qemu_gmem_done(&gmem);
    return regs.rax;
}
