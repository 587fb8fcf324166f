/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_wire_smccc.h - the arm64 hypercall ABI without the instruction:
 * SMCCC function ids, discovery, results.  Pure C, shared by the arm64
 * guest port and the host-side decoder.
 *
 * SMCCC facts (Arm DEN0028, Linux include/linux/arm-smccc.h): function id
 * in w0, bit 31 fast call, bit 30 SMC64 convention, bits 29:24 the service
 * owner (6: vendor-specific hypervisor service), bits 15:0 the function;
 * arguments in x1-x7, results in x0-x3; an unknown id answers -1
 * (NOT_SUPPORTED).  The vendor-hyp "call UID" query 0x8600ff01 returns the
 * service's UUID in w0-w3; the UUID says whose function numbers these are.
 *
 * Our service: UUID 6c70732d-7067-5374-a97e-4c5053484e54, each register
 * holding four of its bytes little-endian, as Linux reads KVM's.
 * All calls fast, SMC64, owner 6, numbers from 0x1000 (clear of KVM's own
 * vendor-hyp numbers, so a hypervisor can serve both tables):
 *   LPS_SMCCC_FEATURES    -> x0 = LPS_SMCCC_F_* bits, x1 = ABI version (1)
 *   LPS_SMCCC_SUBMIT      x1 = descriptor IPA (4 KiB aligned, in guest
 *                         RAM), x2 = 0; the host writes the cursor back.
 *                         -> 0 or an error (-LPS_EAGAIN: call again)
 *   LPS_SMCCC_MAKE_STABLE x1 = first pfn, x2 = count (>= 1)
 *                         -> 0, 1 (LPS_R_DISCARDED) or an error
 *   LPS_SMCCC_GET_STATE   x1 = pfn -> the frame state byte or an error
 * Errors: -1 for an unknown id (SMCCC's own), else -(0x100 + LPS_E*), so
 * they never collide with SMCCC's -1 .. -3.
 */
#ifndef PAGESTATES_WIRE_LPS_WIRE_SMCCC_H
#define PAGESTATES_WIRE_LPS_WIRE_SMCCC_H

#include <pagestates/lps_state.h>	/* LPS_E*, lps_fstate_t */
#include <pagestates/wire/lps_wire_err.h>	/* lps_wire_err_known() */

#define LPS_SMCCC_FAST_CALL	(1u << 31)
#define LPS_SMCCC_SMC64		(1u << 30)
#define LPS_SMCCC_OWNER_SHIFT	24
#define LPS_SMCCC_OWNER_MASK	0x3fu
#define LPS_SMCCC_OWNER_VENDOR_HYP 6u
#define LPS_SMCCC_ID(smc64, fn)						\
	(LPS_SMCCC_FAST_CALL | ((smc64) ? LPS_SMCCC_SMC64 : 0u) |	\
	 (LPS_SMCCC_OWNER_VENDOR_HYP << LPS_SMCCC_OWNER_SHIFT) | (fn))

#define LPS_SMCCC_VENDOR_HYP_UID	LPS_SMCCC_ID(0, 0xff01u)
#define LPS_SMCCC_FN_BASE		0x1000u
#define LPS_SMCCC_FN(n)			LPS_SMCCC_ID(1, LPS_SMCCC_FN_BASE + (n))
#define LPS_SMCCC_FEATURES		LPS_SMCCC_FN(0)
#define LPS_SMCCC_SUBMIT		LPS_SMCCC_FN(1)
#define LPS_SMCCC_MAKE_STABLE		LPS_SMCCC_FN(2)
#define LPS_SMCCC_GET_STATE		LPS_SMCCC_FN(3)

#define LPS_SMCCC_UID_0		0x2d73706cu
#define LPS_SMCCC_UID_1		0x74536770u
#define LPS_SMCCC_UID_2		0x504c7ea9u
#define LPS_SMCCC_UID_3		0x544e4853u

#define LPS_SMCCC_F_SUBMIT	(1u << 0)
#define LPS_SMCCC_F_MAKE_STABLE	(1u << 1)
#define LPS_SMCCC_F_GET_STATE	(1u << 2)
#define LPS_SMCCC_F_ALL		((1u << 3) - 1)
#define LPS_SMCCC_ABI_VERSION	1u

#define LPS_SMCCC_RET_NOT_SUPPORTED	(-1)
#define LPS_SMCCC_ERR_BASE		0x100

#define LPS_SMCCC_PAGE_SIZE	4096u

/* x0-x7 in, x0-x3 out (SMCCC 1.1). */
struct lps_smccc_regs {
	uint64_t x[8];
};

static inline bool lps_smccc_uid_is_ours(const struct lps_smccc_regs *r)
{
	return (uint32_t)r->x[0] == LPS_SMCCC_UID_0 &&
	       (uint32_t)r->x[1] == LPS_SMCCC_UID_1 &&
	       (uint32_t)r->x[2] == LPS_SMCCC_UID_2 &&
	       (uint32_t)r->x[3] == LPS_SMCCC_UID_3;
}

/* x0 after a call, as an LPS result: >= 0 passes through. */
static inline int lps_smccc_result(uint64_t x0)
{
	int64_t v = (int64_t)x0;

	if (v >= 0)
		return v > 0xff ? -LPS_EPROTO : (int)v;
	if (v == LPS_SMCCC_RET_NOT_SUPPORTED)
		return -LPS_ENOTSUP;
	if (v < -LPS_SMCCC_ERR_BASE && v >= -LPS_SMCCC_ERR_BASE - 0xff &&
	    lps_wire_err_known(-v - LPS_SMCCC_ERR_BASE))
		return (int)(v + LPS_SMCCC_ERR_BASE);
	return -LPS_EIO;
}

/* What the host puts in x0 for LPS result @ret. */
static inline uint64_t lps_smccc_encode_result(int ret)
{
	if (ret >= 0)
		return (uint64_t)ret;
	return (uint64_t)(int64_t)(ret - LPS_SMCCC_ERR_BASE);
}

#endif /* PAGESTATES_WIRE_LPS_WIRE_SMCCC_H */
