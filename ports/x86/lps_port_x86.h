/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_port_x86.h - the x86 port: one hypercall per descriptor of up to 255
 * ranges, found through CPUID (ABI in wire/lps_wire_hcall.h).  x86 has no
 * discard fault and no host-visible dirty bit, so mapped pages stay stable.
 */
#ifndef LPS_PORT_X86_H
#define LPS_PORT_X86_H

#include <pagestates/pagestates.h>	/* struct lps_batch, lps_fstate_t */
#include "generic/lps_port_env.h"	/* struct lps_port_env */
#include <pagestates/wire/lps_wire_hcall.h>	/* call numbers, results */

#include "generic/lps_port_fn.h"	/* LPS_PORT_FN() */

#define LPS_PORT_ID x86
#define LPS_PORT_NAME "x86"
#define LPS_PORT_HAVE_BATCH 1
#define LPS_PORT_HAVE_GET_STATE 1

/* env->found after a successful probe. */
#define LPS_X86_FOUND		(1u << 0)
#define LPS_X86_FOUND_VMMCALL	(1u << 1)

#ifndef lps_x86_cpuid
static inline void lps_x86_cpuid(uint32_t leaf, struct lps_x86_cpuid_regs *r)
{
	__asm__ __volatile__("cpuid"
			     : "=a" (r->eax), "=b" (r->ebx), "=c" (r->ecx),
			       "=d" (r->edx)
			     : "a" (leaf), "c" (0));
}
#define lps_x86_cpuid lps_x86_cpuid
#endif

#ifndef lps_x86_hcall_issue
/*
 * The instruction.  A kernel defines lps_x86_hcall_issue first and calls
 * kvm_hypercall4(), which patches in the vendor's instruction itself (and
 * knows about TDX); @insn is then ignored.
 */
static inline uint64_t lps_x86_hcall_issue(unsigned int insn, uint64_t nr,
					   uint64_t a0, uint64_t a1,
					   uint64_t a2, uint64_t a3)
{
	uint64_t ret;

	if (insn == LPS_X86_VMMCALL)
		__asm__ __volatile__("vmmcall"
				     : "=a" (ret)
				     : "a" (nr), "b" (a0), "c" (a1), "d" (a2),
				       "S" (a3)
				     : "memory");
	else
		__asm__ __volatile__("vmcall"
				     : "=a" (ret)
				     : "a" (nr), "b" (a0), "c" (a1), "d" (a2),
				       "S" (a3)
				     : "memory");
	return ret;
}
#define lps_x86_hcall_issue lps_x86_hcall_issue
#endif

static inline unsigned int lps_x86_insn(const struct lps_port_env *env)
{
	return env && (env->found & LPS_X86_FOUND_VMMCALL) ?
	       LPS_X86_VMMCALL : LPS_X86_VMCALL;
}

/* CPUID is safe everywhere, so the port finds its host by itself. */
#define lps_port_probe LPS_PORT_FN(probe)
static inline int lps_port_probe(void *ctx)
{
	struct lps_port_env *env = (struct lps_port_env *)ctx;
	struct lps_x86_cpuid_regs r, f;
	uint32_t base;

	if (!env)
		return -LPS_EINVAL;
	lps_x86_cpuid(1, &r);
	if (!(r.ecx & LPS_X86_HYPERVISOR_BIT))
		return -LPS_ENOTSUP;
	for (base = LPS_X86_CPUID_FIRST; base <= LPS_X86_CPUID_LAST;
	     base += LPS_X86_CPUID_STEP) {
		lps_x86_cpuid(base, &r);
		if (!lps_x86_is_sig(&r) ||
		    r.eax < base + LPS_X86_LEAF_FEATURES)
			continue;
		lps_x86_cpuid(base + LPS_X86_LEAF_FEATURES, &f);
		if (!(f.eax & LPS_X86_F_HINTS) ||
		    f.ebx != LPS_X86_ABI_VERSION)
			return -LPS_ENOTSUP;
		lps_x86_cpuid(0, &r);
		env->found = LPS_X86_FOUND |
			     (lps_x86_insn_for(&r) == LPS_X86_VMMCALL ?
			      LPS_X86_FOUND_VMMCALL : 0);
		return 0;
	}
	return -LPS_ENOTSUP;
}

#define lps_port_submit LPS_PORT_FN(submit)
static inline int lps_port_submit(void *ctx, struct lps_batch *b)
{
	struct lps_port_env *env = (struct lps_port_env *)ctx;
	uint64_t gpa;
	int ret;

	if (!b)
		return -LPS_EINVAL;
	gpa = lps_port_env_phys(env, b);
	if (gpa & (LPS_X86_PAGE_SIZE - 1))
		return -LPS_EINVAL;
	ret = lps_hc_result(lps_x86_hcall_issue(lps_x86_insn(env),
						LPS_HC_SUBMIT, gpa, 0, 0, 0));
	return ret > 0 ? -LPS_EPROTO : ret;
}

#define lps_port_make_stable LPS_PORT_FN(make_stable)
static inline int lps_port_make_stable(void *ctx, uint64_t pfn,
				       uint64_t count)
{
	int ret;

	if (!count || pfn + count < pfn)
		return -LPS_EINVAL;
	ret = lps_hc_result(lps_x86_hcall_issue(
		lps_x86_insn((const struct lps_port_env *)ctx),
		LPS_HC_MAKE_STABLE, pfn, count, 0, 0));
	return ret > LPS_R_DISCARDED ? -LPS_EPROTO : ret;
}

#define lps_port_get_state LPS_PORT_FN(get_state)
static inline int lps_port_get_state(void *ctx, uint64_t pfn,
				     lps_fstate_t *out)
{
	if (!out)
		return -LPS_EINVAL;
	return lps_wire_fstate(lps_hc_result(lps_x86_hcall_issue(
		lps_x86_insn((const struct lps_port_env *)ctx),
		LPS_HC_GET_STATE, pfn, 0, 0, 0)), out);
}

#include "generic/lps_port_generic.h"

#endif /* LPS_PORT_X86_H */
