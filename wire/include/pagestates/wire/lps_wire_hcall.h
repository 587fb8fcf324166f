/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_wire_hcall.h - the x86 hypercall ABI without the instruction:
 * discovery leaves, call numbers, registers and results.  Pure C, shared
 * by the x86 guest port and the host-side decoder.
 *
 * Discovery.  The host exposes a CPUID block with the signature
 * "LPSLPSLPS\0\0\0" at 0x40000000 + k * 0x100 (k = 0 .. 255: the same
 * stride Linux's hypervisor_cpuid_base() scans, so the block coexists with
 * KVM's own at 0x40000000 the way Hyper-V and Xen blocks do).  Leaf
 * base + 1 returns the feature bits in EAX (bit 0: the three calls below)
 * and the ABI version in EBX (1).  An own signature rather than a spare bit
 * in KVM's 0x40000001 EAX: KVM hands those bits out over time, and one of
 * ours could collide with a future KVM feature on a host that never heard
 * of us.
 *
 * Calls (KVM's convention: number in RAX, arguments in RBX, RCX, RDX, RSI,
 * result in RAX; vmcall on Intel, vmmcall on AMD/Hygon):
 *   LPS_HC_SUBMIT       RBX = guest physical address of the descriptor
 *                       (4 KiB aligned, inside guest RAM), RCX = 0.
 *                       The host applies ranges from hdr.cursor on and
 *                       writes the cursor back.  0, or -LPS_EAGAIN (it
 *                       stopped early; call again), or an error.
 *   LPS_HC_MAKE_STABLE  RBX = first pfn, RCX = count (>= 1).
 *                       0, 1 (LPS_R_DISCARDED), or an error.
 *   LPS_HC_GET_STATE    RBX = pfn.  The frame state byte, or an error.
 * Numbers sit well above KVM's (1 .. 12) so a host can route them to the
 * embedded decoder before its own table.  Errors are -LPS_E* (the errno
 * values, like KVM's -KVM_E*); KVM's -1000 (-KVM_ENOSYS, "no such call")
 * reads as -LPS_ENOTSUP, anything else unknown as -LPS_EIO.
 */
#ifndef PAGESTATES_WIRE_LPS_WIRE_HCALL_H
#define PAGESTATES_WIRE_LPS_WIRE_HCALL_H

#include <pagestates/lps_state.h>	/* LPS_E*, lps_fstate_t */
#include <pagestates/wire/lps_wire_err.h>	/* lps_wire_err_known() */

#define LPS_X86_CPUID_FIRST	0x40000000u
#define LPS_X86_CPUID_LAST	0x4000ff00u
#define LPS_X86_CPUID_STEP	0x100u
/* "LPSLPSLPS\0\0\0" as EBX, ECX, EDX read it (little-endian). */
#define LPS_X86_SIG_EBX		0x4c53504cu	/* "LPSL" */
#define LPS_X86_SIG_ECX		0x504c5350u	/* "PSLP" */
#define LPS_X86_SIG_EDX		0x00000053u	/* "S\0\0\0" */
#define LPS_X86_LEAF_FEATURES	1u		/* base + 1 */
#define LPS_X86_F_HINTS		(1u << 0)
#define LPS_X86_ABI_VERSION	1u

/* CPUID leaf 0: vendor; "AuthenticAMD" and "HygonGenuine" take vmmcall. */
#define LPS_X86_AMD_EBX		0x68747541u	/* "Auth" */
#define LPS_X86_AMD_EDX		0x69746e65u	/* "enti" */
#define LPS_X86_AMD_ECX		0x444d4163u	/* "cAMD" */
#define LPS_X86_HYGON_EBX	0x6f677948u	/* "Hygo" */
#define LPS_X86_HYGON_EDX	0x6e65476eu	/* "nGen" */
#define LPS_X86_HYGON_ECX	0x656e6975u	/* "uine" */
#define LPS_X86_HYPERVISOR_BIT	(1u << 31)	/* leaf 1 ECX */

#define LPS_HC_BASE		0x4c505300u	/* "LPS" */
#define LPS_HC_SUBMIT		(LPS_HC_BASE + 1)
#define LPS_HC_MAKE_STABLE	(LPS_HC_BASE + 2)
#define LPS_HC_GET_STATE	(LPS_HC_BASE + 3)
#define LPS_HC_LAST		LPS_HC_GET_STATE
#define LPS_HC_KVM_ENOSYS	1000

/* The instruction the vendor wants. */
#define LPS_X86_VMCALL		0u
#define LPS_X86_VMMCALL		1u

#define LPS_X86_PAGE_SIZE	4096u

struct lps_x86_cpuid_regs {
	uint32_t eax, ebx, ecx, edx;
};

struct lps_x86_regs {
	uint64_t rax, rbx, rcx, rdx, rsi;
};

static inline bool lps_x86_is_sig(const struct lps_x86_cpuid_regs *r)
{
	return r->ebx == LPS_X86_SIG_EBX && r->ecx == LPS_X86_SIG_ECX &&
	       r->edx == LPS_X86_SIG_EDX;
}

static inline unsigned int lps_x86_insn_for(const struct lps_x86_cpuid_regs *v)
{
	if ((v->ebx == LPS_X86_AMD_EBX && v->edx == LPS_X86_AMD_EDX &&
	     v->ecx == LPS_X86_AMD_ECX) ||
	    (v->ebx == LPS_X86_HYGON_EBX && v->edx == LPS_X86_HYGON_EDX &&
	     v->ecx == LPS_X86_HYGON_ECX))
		return LPS_X86_VMMCALL;
	return LPS_X86_VMCALL;
}

/* RAX after a call, as an LPS result: >= 0 passes through. */
static inline int lps_hc_result(uint64_t rax)
{
	int64_t v = (int64_t)rax;

	if (v >= 0)
		return v > 0xff ? -LPS_EPROTO : (int)v;
	if (v == -LPS_HC_KVM_ENOSYS)
		return -LPS_ENOTSUP;
	if (v >= -0xff && lps_wire_err_known(-v))
		return (int)v;
	return -LPS_EIO;
}

/* What the host puts in RAX for LPS result @ret. */
static inline uint64_t lps_hc_encode_result(int ret)
{
	return (uint64_t)(int64_t)ret;
}

#endif /* PAGESTATES_WIRE_LPS_WIRE_HCALL_H */
