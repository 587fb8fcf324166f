/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps-qemu.h - the VM's page-states host model, as the accelerators see it
 *
 * One host model per VM (libpagestates, built from the repository this
 * directory belongs to).  Guest RAM is addressed by guest physical frame:
 * frame N is guest physical N * 4 KiB, from 0 to the end of the machine's
 * RAM.  The entry points may be called from any vCPU thread, with or
 * without the BQL; the host model serialises itself.
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

#endif
