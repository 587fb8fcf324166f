/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_wire_diag.h - s390: how a guest asks its host for discard faults.
 *
 * DIAGNOSE 0x500 is the virtio hypercall QEMU serves for s390 guests (KVM
 * handles subcode 3 itself and hands every other one to QEMU).  Subcode
 * LPS_DIAG500_SUBCODE in general register 1 is ours; general register 2
 * holds the features the guest asks for and receives those the host turns
 * on, a subset.  LPS_DIAG500_DISCARD_FAULT: from now on an access to a
 * frame the host dropped while it was volatile or potentially volatile
 * raises program interruption LPS_PGM_DISCARD_FAULT, nullifying, with the
 * frame's absolute address (page aligned) in the translation-exception
 * identification at lowcore 0xa8, until the next system reset.  A host
 * that does not know the subcode (stock QEMU, QEMU under KVM) raises a
 * specification exception, so a guest probes with an exception-table
 * fixup, and keeps reading dropped frames as zero.  Pure C, shared by the
 * kernel glue and the QEMU glue.
 */
#ifndef PAGESTATES_WIRE_LPS_WIRE_DIAG_H
#define PAGESTATES_WIRE_LPS_WIRE_DIAG_H

#define LPS_DIAG500_SUBCODE		0x70u	/* QEMU's table stops at 254 */
#define LPS_DIAG500_DISCARD_FAULT	0x1u	/* feature bit in GR2 */
#define LPS_DIAG500_FEATURES		LPS_DIAG500_DISCARD_FAULT

/* The interruption code the 2007/2009 s390 guest page hinting series used. */
#define LPS_PGM_DISCARD_FAULT		0x1au

#endif /* PAGESTATES_WIRE_LPS_WIRE_DIAG_H */
