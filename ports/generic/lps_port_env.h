/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_port_env.h - what the environment hands a port as its ops context:
 * the few facts a port cannot find out safely by itself.
 */
#ifndef LPS_PORT_ENV_H
#define LPS_PORT_ENV_H

#include <pagestates/pagestates.h>	/* uint32_t, uint64_t */

/*
 * The ctx of every port's struct lps_port_ops is a struct lps_port_env *
 * (NULL means "no hooks": probes that need a hook fail, addresses are
 * identity).  The caller owns it and keeps it alive while the ops are used;
 * probe() writes the port's discoveries into it.
 */
struct lps_port_env {
	/*
	 * Would the port's instruction execute here?  0 if so, a negative
	 * code if not.  Needed where trying it would trap and the library
	 * cannot catch the trap: ESSA (kernel: an exception-table fixup as
	 * cmma_init() does; userspace tests: a SIGILL emulator) and the
	 * arm64 conduit (kernel: arm_smccc_1_1_get_conduit() == HVC).
	 * NULL: the port is taken to be absent.
	 */
	int (*insn_probe)(void *arg);
	/*
	 * Guest physical address of @p, the batch descriptor handed to the
	 * host.  Kernel: virt_to_phys().  NULL: identity (userspace).
	 */
	uint64_t (*to_phys)(void *arg, const void *p);
	void *arg;
	/* Written by probe(): the port's own findings (see the port). */
	uint32_t found;
};

static inline uint64_t lps_port_env_phys(const struct lps_port_env *env,
					 const void *p)
{
	if (env && env->to_phys)
		return env->to_phys(env->arg, p);
	return (uint64_t)(uintptr_t)p;
}

#endif /* LPS_PORT_ENV_H */
