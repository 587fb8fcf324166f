/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_port_s390.h - the s390 port: one ESSA per frame, no exit in the
 * common case.  The hardware keeps a per-page change bit the host sees, so
 * the dirty-bit capability is on.  A discard fault on access to dropped
 * content is the host's to raise, and KVM never raises one (a dropped page
 * just reads zeros), so claiming it would let the rules make mapped pages
 * volatile and the guest read zeros as data.  Only an embedder whose host
 * has said it raises them defines LPS_S390_HOST_DISCARD_FAULT.
 */
#ifndef LPS_PORT_S390_H
#define LPS_PORT_S390_H

#include <pagestates/pagestates.h>	/* enum lps_usage, lps_fstate_t */
#include "generic/lps_port_env.h"	/* struct lps_port_env */
#include <pagestates/wire/lps_wire_essa.h>	/* commands, result decoding */

#include "generic/lps_port_fn.h"	/* LPS_PORT_FN() */

#define LPS_PORT_ID s390
#define LPS_PORT_NAME "s390"
#ifdef LPS_S390_HOST_DISCARD_FAULT
#define LPS_PORT_HAVE_DISCARD_FAULT 1
#endif
#define LPS_PORT_HAVE_DIRTY_BIT 1
#define LPS_PORT_HAVE_GET_STATE 1

#ifndef lps_s390_essa_issue
/*
 * The instruction.  M3 is an immediate, hence one asm per command.  A
 * kernel defines lps_s390_essa_issue first to use its own wrapper.  The
 * exception bit is the answer if @cmd is none of ours.
 */
/* checkpatch-ignore: COMPLEX_MACRO (an asm statement, one per command) */
#define LPS_S390_ESSA_(c)						\
	__asm__ __volatile__(".insn rrf,0xb9ab0000,%[old],%[addr],%[cmd],0" \
			     : [old] "=d" (old)				\
			     : [addr] "a" (addr), [cmd] "i" (c))

static inline uint64_t lps_s390_essa_issue(unsigned int cmd, uint64_t addr)
{
	unsigned long old = LPS_ESSA_RES_EXCEPTION;

	switch (cmd) {
	case LPS_ESSA_GET_STATE:
		LPS_S390_ESSA_(LPS_ESSA_GET_STATE);
		break;
	case LPS_ESSA_SET_STABLE:
		LPS_S390_ESSA_(LPS_ESSA_SET_STABLE);
		break;
	case LPS_ESSA_SET_UNUSED:
		LPS_S390_ESSA_(LPS_ESSA_SET_UNUSED);
		break;
	case LPS_ESSA_SET_VOLATILE:
		LPS_S390_ESSA_(LPS_ESSA_SET_VOLATILE);
		break;
	case LPS_ESSA_SET_POT_VOLATILE:
		LPS_S390_ESSA_(LPS_ESSA_SET_POT_VOLATILE);
		break;
	}
	return old;
}
#define lps_s390_essa_issue lps_s390_essa_issue
#endif

/*
 * ESSA cannot be probed without catching an operation exception, which
 * only the environment can do; without its hook the port is absent.
 */
#define lps_port_probe LPS_PORT_FN(probe)
static inline int lps_port_probe(void *ctx)
{
	struct lps_port_env *env = (struct lps_port_env *)ctx;

	if (!env || !env->insn_probe || env->insn_probe(env->arg) < 0)
		return -LPS_ENOTSUP;
	return 0;
}

#define lps_port_set_usage LPS_PORT_FN(set_usage)
static inline int lps_port_set_usage(void *ctx, uint64_t pfn,
				     enum lps_usage usage, lps_fstate_t *old)
{
	int cmd = lps_essa_cmd(usage);
	lps_fstate_t prev;
	int ret;

	(void)ctx;
	if (cmd < 0)
		return cmd;
	if (pfn > LPS_ESSA_MAX_PFN)
		return -LPS_ERANGE;
	ret = lps_essa_decode(lps_s390_essa_issue((unsigned int)cmd,
						  lps_essa_addr(pfn)), &prev);
	if (ret)
		return ret;
	if (old)
		*old = prev;
	/* ESSA answers with the state before: a dropped volatile frame. */
	if (usage == LPS_STABLE && lps_fs_discarded(prev))
		return LPS_R_DISCARDED;
	return 0;
}

#define lps_port_get_state LPS_PORT_FN(get_state)
static inline int lps_port_get_state(void *ctx, uint64_t pfn,
				     lps_fstate_t *out)
{
	(void)ctx;
	if (!out)
		return -LPS_EINVAL;
	if (pfn > LPS_ESSA_MAX_PFN)
		return -LPS_ERANGE;
	return lps_essa_decode(lps_s390_essa_issue(LPS_ESSA_GET_STATE,
						   lps_essa_addr(pfn)), out);
}

#include "generic/lps_port_generic.h"

#endif /* LPS_PORT_S390_H */
