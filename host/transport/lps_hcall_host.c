// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_hcall_host.c - one x86 hypercall against the host model.
 */
#include "lps_internal.h"
#include <pagestates/host/lps_transport.h>

static int lps_x86_call(struct lps_host *h, const struct lps_gmem *mem,
			const struct lps_x86_regs *r, uint32_t budget)
{
	lps_fstate_t s;
	int ret;

	switch (r->rax) {
	case LPS_HC_SUBMIT:
		/* RCX is reserved: a later ABI may give it a meaning. */
		if (r->rcx)
			return -LPS_EINVAL;
		return lps_transport_submit(h, mem, r->rbx, budget);
	case LPS_HC_MAKE_STABLE:
		if (!r->rcx)
			return -LPS_EINVAL;
		return lps_host_make_stable(h, r->rbx, r->rcx);
	case LPS_HC_GET_STATE:
		ret = lps_host_get_state(h, r->rbx, &s);
		return ret < 0 ? ret : s;
	default:
		return -LPS_ENOTSUP;
	}
}

int lps_x86_hcall_handle(struct lps_host *h, const struct lps_gmem *mem,
			 struct lps_x86_regs *regs, uint32_t budget)
{
	if (!h || !regs)
		return -LPS_EINVAL;
	/* Our block of 256 numbers; the rest belongs to the hypervisor. */
	if ((regs->rax & ~(uint64_t)0xff) != LPS_HC_BASE)
		return 0;
	regs->rax = lps_hc_encode_result(lps_x86_call(h, mem, regs, budget));
	return 1;
}
