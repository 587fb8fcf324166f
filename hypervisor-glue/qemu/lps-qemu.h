/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps-qemu.h - the VM's page-states host model, as the accelerators see it
 *
 * One host model per VM (libpagestates, built from the repository this
 * directory belongs to), reached through ESSA on s390x, vmcall/vmmcall
 * on x86 and SMCCC hvc on arm64.  Guest RAM is addressed by frame: frame N
 * is guest physical RAM base + N * 4 KiB, up to the highest end of the
 * machine's RAM (the base is 0 on s390x and x86, 1 GiB on the arm64 virt
 * machine; on x86 the map runs past the PCI hole to the RAM above 4 GiB,
 * and the frames of the hole are never dropped).
 * The entry points may be called from any vCPU thread, with or without
 * the BQL; the host model serialises itself.
 */
#ifndef LPS_QEMU_H
#define LPS_QEMU_H

/* What the accelerator does after lps_qemu_essa(). */
typedef enum LpsQemuEssaResult {
    LPS_QEMU_ESSA_DONE,         /* R1 holds the result */
    LPS_QEMU_ESSA_SPECIFICATION, /* no such command: specification exception */
    LPS_QEMU_ESSA_ADDRESSING,   /* not guest RAM: addressing exception */
} LpsQemuEssaResult;

/*
 * One ESSA: @m3 the command, @abs_addr the absolute address of the frame
 * (R2 after prefixing), *@r1 receives the new value of R1.
 */
LpsQemuEssaResult lps_qemu_essa(uint32_t m3, uint64_t abs_addr, uint64_t *r1);

/*
 * s390x: the program interruption an access to absolute address
 * @abs_addr raises (the discard fault, counted), or 0.  Called from the
 * TLB fill after translation; 0 unless the guest asked for discard faults.
 */
int lps_qemu_s390_access(uint64_t abs_addr, bool write);

/*
 * x86: one vmcall/vmmcall with KVM's registers (number in @rax, arguments
 * in @rbx, @rcx, @rdx, @rsi); returns the new RAX.  A number that is not
 * ours gets -KVM_ENOSYS, as KVM answers it.
 */
uint64_t lps_qemu_x86_hcall(uint64_t rax, uint64_t rbx, uint64_t rcx,
                            uint64_t rdx, uint64_t rsi);

/*
 * x86: the CPUID leaves that announce the hypercalls.  False, with nothing
 * written, when @index is not one of them or the VM has no host model.
 */
bool lps_qemu_x86_cpuid(uint32_t index, uint32_t *eax, uint32_t *ebx,
                        uint32_t *ecx, uint32_t *edx);

/*
 * arm64: one SMCCC call on the PSCI conduit, @x the caller's x0-x7.  True
 * when it was ours (x0-x3 written), false when the caller serves it.
 */
bool lps_qemu_smccc(uint64_t *x);

#endif
