// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_smccc_host.c - one SMCCC call into our vendor-hyp service against
 * the host model, plus the discovery calls.
 */
#include "lps_internal.h"
#include <pagestates/host/lps_transport.h>

static int lps_smccc_call(struct lps_host *h, const struct lps_gmem *mem,
			  const struct lps_smccc_regs *r, uint32_t fn,
			  uint32_t budget)
{
	lps_fstate_t s;
	int ret;

	switch (fn) {
	case LPS_SMCCC_SUBMIT:
		if (r->x[2])
			return -LPS_EINVAL;
		return lps_transport_submit(h, mem, r->x[1], budget);
	case LPS_SMCCC_MAKE_STABLE:
		if (!r->x[2])
			return -LPS_EINVAL;
		return lps_host_make_stable(h, r->x[1], r->x[2]);
	case LPS_SMCCC_GET_STATE:
		ret = lps_host_get_state(h, r->x[1], &s);
		return ret < 0 ? ret : s;
	default:
		return -LPS_ENOTSUP;	/* filtered by the caller */
	}
}

int lps_smccc_handle(struct lps_host *h, const struct lps_gmem *mem,
		     struct lps_smccc_regs *regs, uint32_t budget)
{
	/* SMCCC: the function id is w0; the upper half of x0 is ignored. */
	uint32_t fn;

	if (!h || !regs)
		return -LPS_EINVAL;
	fn = (uint32_t)regs->x[0];
	if (fn == LPS_SMCCC_VENDOR_HYP_UID) {
		regs->x[0] = LPS_SMCCC_UID_0;
		regs->x[1] = LPS_SMCCC_UID_1;
		regs->x[2] = LPS_SMCCC_UID_2;
		regs->x[3] = LPS_SMCCC_UID_3;
		return 1;
	}
	/* Fast calls of owner 6 in our block of numbers, either width. */
	if ((fn & ~LPS_SMCCC_SMC64 & ~(uint32_t)0xff) !=
	    (LPS_SMCCC_FAST_CALL |
	     (LPS_SMCCC_OWNER_VENDOR_HYP << LPS_SMCCC_OWNER_SHIFT) |
	     LPS_SMCCC_FN_BASE))
		return 0;
	if (fn == LPS_SMCCC_FEATURES) {
		regs->x[0] = LPS_SMCCC_F_ALL;
		regs->x[1] = LPS_SMCCC_ABI_VERSION;
		return 1;
	}
	switch (fn) {
	case LPS_SMCCC_SUBMIT:
	case LPS_SMCCC_MAKE_STABLE:
	case LPS_SMCCC_GET_STATE:
		regs->x[0] = lps_smccc_encode_result(
			lps_smccc_call(h, mem, regs, fn, budget));
		break;
	default:
		regs->x[0] = (uint64_t)(int64_t)LPS_SMCCC_RET_NOT_SUPPORTED;
		break;
	}
	return 1;
}
