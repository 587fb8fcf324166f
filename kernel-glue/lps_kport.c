// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_kport.c - the `pagestates=` boot parameter and the choice of port at
 * boot: the one asked for if its probe succeeds, else the no-op port.
 */
#include <linux/init.h>		/* early_param */
#include <linux/printk.h>	/* pr_info */
#include <linux/string.h>	/* strcmp */
#ifdef CONFIG_S390
#include <asm/setup.h>		/* cmma_essa_probe, cmma_hand_over */
#endif
#include "generic/lps_port_env.h"	/* struct lps_port_env */
#include "lps_kglue.h"		/* enum lps_kport_id */

static enum lps_kport_id lps_kport_param __initdata = LPS_KPORT_ON;

static int __init lps_kport_parse(char *s)
{
	static const char *const names[] __initconst = {
		[LPS_KPORT_OFF] = "off",	[LPS_KPORT_ON] = "on",
		[LPS_KPORT_NOOP] = "noop",	[LPS_KPORT_SHMEM] = "shmem",
		[LPS_KPORT_ESSA] = "essa",
	};
	unsigned int i;

	for (i = 0; s && i < ARRAY_SIZE(names); i++) {
		if (!strcmp(s, names[i])) {
			lps_kport_param = i;
			return 0;
		}
	}
	pr_warn("pagestates: unknown port '%s'\n", s ? s : "");
	return -EINVAL;
}
early_param("pagestates", lps_kport_parse);

#ifdef CONFIG_S390
static int __init lps_essa_insn_probe(void *arg)
{
	return cmma_essa_probe();
}

static struct lps_port_env lps_essa_env __initdata = {
	.insn_probe = lps_essa_insn_probe,
};

/*
 * The ESSA port: the host may drop volatile frames, but the discard-fault
 * handler is not part of this series, so the capability is masked and
 * mapped pages stay stable as on every other port.
 */
static const struct lps_port_ops *__init lps_kport_essa(unsigned long base)
{
	static struct lps_port_ops ops;

	ops = *lps_kport_s390_ops();
	if (base || PAGE_SIZE != 4096 ||
	    ops.probe(&lps_essa_env) < 0)
		return NULL;
	ops.caps &= ~LPS_CAP_DISCARD_FAULT;
	ops.probe = NULL;
	cmma_hand_over();
	return &ops;
}
#else
static const struct lps_port_ops *__init lps_kport_essa(unsigned long base)
{
	return NULL;
}
#endif

const struct lps_port_ops *__init lps_kport_select(unsigned long base_pfn,
						   unsigned long nframes,
						   void **ctx)
{
	const struct lps_port_ops *ops = NULL;

	*ctx = NULL;
	switch (lps_kport_param) {
	case LPS_KPORT_OFF:
		return NULL;
	case LPS_KPORT_SHMEM:
#ifdef LPS_K_HAVE_SHMEM
		if (!lps_kport_shmem_setup(base_pfn, nframes, ctx))
			ops = lps_kport_shmem_ops();
#endif
		break;
	case LPS_KPORT_ON:
	case LPS_KPORT_ESSA:
		ops = lps_kport_essa(base_pfn);
		break;
	case LPS_KPORT_NOOP:
		break;
	}
	if (!ops) {
		if (lps_kport_param != LPS_KPORT_NOOP &&
		    lps_kport_param != LPS_KPORT_ON)
			pr_info("pagestates: requested port absent, using noop\n");
		*ctx = NULL;
		ops = lps_kport_noop_ops();
	}
	return ops;
}
