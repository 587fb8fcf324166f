/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_port_arm64.h - the arm64 port: SMCCC hvc #0 into the vendor-specific
 * hypervisor service, one call per descriptor (ABI in
 * wire/lps_wire_smccc.h).  No discard fault, no host-visible dirty bit.
 */
#ifndef LPS_PORT_ARM64_H
#define LPS_PORT_ARM64_H

#include <pagestates/pagestates.h>	/* struct lps_batch, lps_fstate_t */
#include "generic/lps_port_env.h"	/* struct lps_port_env */
#include <pagestates/wire/lps_wire_smccc.h>	/* function ids, results */

#include "generic/lps_port_fn.h"	/* LPS_PORT_FN() */

#define LPS_PORT_ID arm64
#define LPS_PORT_NAME "arm64"
#define LPS_PORT_HAVE_BATCH 1
#define LPS_PORT_HAVE_GET_STATE 1

#define LPS_ARM64_FOUND		(1u << 0)

#ifndef lps_arm64_smccc_issue
/*
 * The instruction: x0-x7 in, x0-x3 out.  A kernel defines
 * lps_arm64_smccc_issue first and calls arm_smccc_1_1_invoke(), which
 * uses the conduit firmware chose (hvc or smc).
 */
static inline void lps_arm64_smccc_issue(struct lps_smccc_regs *r)
{
	register uint64_t x0 __asm__("x0") = r->x[0];
	register uint64_t x1 __asm__("x1") = r->x[1];
	register uint64_t x2 __asm__("x2") = r->x[2];
	register uint64_t x3 __asm__("x3") = r->x[3];
	register uint64_t x4 __asm__("x4") = r->x[4];
	register uint64_t x5 __asm__("x5") = r->x[5];
	register uint64_t x6 __asm__("x6") = r->x[6];
	register uint64_t x7 __asm__("x7") = r->x[7];

	__asm__ __volatile__("hvc #0"
			     : "+r" (x0), "+r" (x1), "+r" (x2), "+r" (x3)
			     : "r" (x4), "r" (x5), "r" (x6), "r" (x7)
			     : "memory");
	r->x[0] = x0;
	r->x[1] = x1;
	r->x[2] = x2;
	r->x[3] = x3;
}
#define lps_arm64_smccc_issue lps_arm64_smccc_issue
#endif

static inline uint64_t lps_arm64_call(uint32_t fn, uint64_t a1, uint64_t a2)
{
	struct lps_smccc_regs r = { { fn, a1, a2, 0, 0, 0, 0, 0 } };

	lps_arm64_smccc_issue(&r);
	return r.x[0];
}

/*
 * Only the environment knows whether hvc reaches a hypervisor (the kernel's
 * SMCCC conduit); then the vendor-hyp UID says whether it is ours.
 */
#define lps_port_probe LPS_PORT_FN(probe)
static inline int lps_port_probe(void *ctx)
{
	struct lps_port_env *env = (struct lps_port_env *)ctx;
	struct lps_smccc_regs r = { { LPS_SMCCC_VENDOR_HYP_UID } };
	uint32_t need = LPS_SMCCC_F_SUBMIT | LPS_SMCCC_F_MAKE_STABLE |
			LPS_SMCCC_F_GET_STATE;

	if (!env)
		return -LPS_EINVAL;
	if (!env->insn_probe || env->insn_probe(env->arg) < 0)
		return -LPS_ENOTSUP;
	lps_arm64_smccc_issue(&r);
	if (!lps_smccc_uid_is_ours(&r))
		return -LPS_ENOTSUP;
	r = (struct lps_smccc_regs){ { LPS_SMCCC_FEATURES } };
	lps_arm64_smccc_issue(&r);
	if ((int64_t)r.x[0] < 0 || (r.x[0] & need) != need ||
	    r.x[1] != LPS_SMCCC_ABI_VERSION)
		return -LPS_ENOTSUP;
	env->found = LPS_ARM64_FOUND;
	return 0;
}

#define lps_port_submit LPS_PORT_FN(submit)
static inline int lps_port_submit(void *ctx, struct lps_batch *b)
{
	uint64_t ipa;
	int ret;

	if (!b)
		return -LPS_EINVAL;
	ipa = lps_port_env_phys((const struct lps_port_env *)ctx, b);
	if (ipa & (LPS_SMCCC_PAGE_SIZE - 1))
		return -LPS_EINVAL;
	ret = lps_smccc_result(lps_arm64_call(LPS_SMCCC_SUBMIT, ipa, 0));
	return ret > 0 ? -LPS_EPROTO : ret;
}

#define lps_port_make_stable LPS_PORT_FN(make_stable)
static inline int lps_port_make_stable(void *ctx, uint64_t pfn,
				       uint64_t count)
{
	int ret;

	(void)ctx;
	if (!count || pfn + count < pfn)
		return -LPS_EINVAL;
	ret = lps_smccc_result(lps_arm64_call(LPS_SMCCC_MAKE_STABLE, pfn,
					      count));
	return ret > LPS_R_DISCARDED ? -LPS_EPROTO : ret;
}

#define lps_port_get_state LPS_PORT_FN(get_state)
static inline int lps_port_get_state(void *ctx, uint64_t pfn,
				     lps_fstate_t *out)
{
	(void)ctx;
	if (!out)
		return -LPS_EINVAL;
	return lps_wire_fstate(lps_smccc_result(
		lps_arm64_call(LPS_SMCCC_GET_STATE, pfn, 0)), out);
}

#include "generic/lps_port_generic.h"

#endif /* LPS_PORT_ARM64_H */
