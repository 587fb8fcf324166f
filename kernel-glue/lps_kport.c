// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_kport.c - the `pagestates=` boot parameter and the choice of port at
 * boot: one table row per value, each naming how its port is set up; the
 * one asked for is used if its probe succeeds, else the no-op port.  The
 * ports are the repository's own headers, several in this one unit.
 */
#include <linux/init.h>		/* early_param */
#include <linux/memblock.h>	/* memblock_alloc */
#include <linux/mm.h>		/* __pa, PFN_PHYS */
#include <linux/printk.h>	/* pr_info */
#include <linux/string.h>	/* strcmp */
#ifdef CONFIG_S390
#include <asm/setup.h>		/* cmma_essa_probe, cmma_hand_over */
#endif
#include "generic/lps_port_env.h"	/* struct lps_port_env */
#include "noop/lps_port_noop.h"		/* lps_port_noop_ops */
#include "shmem/lps_port_shmem.h"	/* lps_port_shmem_ops */
#ifdef CONFIG_S390
/* Masked again at boot unless the host agrees: lps_kport_essa(). */
#define LPS_S390_HOST_DISCARD_FAULT
#include "s390/lps_port_s390.h"		/* lps_port_s390_ops */
#endif
#ifdef CONFIG_X86_64
#include <asm/kvm_para.h>	/* kvm_hypercall4 */
#include <asm/processor.h>	/* cpuid_count */
#include <pagestates/wire/lps_wire_hcall.h>	/* struct lps_x86_cpuid_regs */

/*
 * The kernel's own instructions: kvm_hypercall4() is vmcall, patched to
 * vmmcall on AMD and Hygon (and a TDX call in a TD), so the port's
 * vendor choice is not used.  Before the alternatives are applied (the
 * boot-time frees) it is vmcall everywhere: hosts take either.
 */
static inline u64 lps_x86_hcall_issue(unsigned int insn, u64 nr, u64 a0,
				      u64 a1, u64 a2, u64 a3)
{
	return kvm_hypercall4(nr, a0, a1, a2, a3);
}

#define lps_x86_hcall_issue lps_x86_hcall_issue

static inline void lps_x86_cpuid(u32 leaf, struct lps_x86_cpuid_regs *r)
{
	cpuid_count(leaf, 0, &r->eax, &r->ebx, &r->ecx, &r->edx);
}

#define lps_x86_cpuid lps_x86_cpuid
#include "x86/lps_port_x86.h"		/* lps_port_x86_ops */
#endif
#ifdef CONFIG_ARM64
#include <linux/arm-smccc.h>	/* arm_smccc_1_1_invoke */
#include <pagestates/wire/lps_wire_smccc.h>	/* struct lps_smccc_regs */

/*
 * The kernel's own SMCCC call: hvc or smc as firmware's conduit says; it
 * issues nothing (and answers NOT_SUPPORTED) below SMCCC 1.1.
 */
static inline void lps_arm64_smccc_issue(struct lps_smccc_regs *r)
{
	struct arm_smccc_res res;

	arm_smccc_1_1_invoke(r->x[0], r->x[1], r->x[2], &res);
	r->x[0] = res.a0;
	r->x[1] = res.a1;
	r->x[2] = res.a2;
	r->x[3] = res.a3;
}

#define lps_arm64_smccc_issue lps_arm64_smccc_issue
#include "arm64/lps_port_arm64.h"	/* lps_port_arm64_ops */
#endif
#include "lps_kglue.h"			/* lps_kport_select */

static const struct lps_port_ops *__init lps_kport_noop(unsigned long base,
						       unsigned long n,
						       void **ctx)
{
	return lps_port_noop_ops();
}

#ifdef CONFIG_S390
static int __init lps_essa_insn_probe(void *arg)
{
	return cmma_essa_probe();
}

static struct lps_port_env lps_essa_env __initdata = {
	.insn_probe = lps_essa_insn_probe,
};

/*
 * The ESSA port: the host may drop volatile frames.  Mapped pages may go
 * volatile only if the host agreed to raise discard faults (lps_kfault.c
 * handles them); else they stay stable as on every other port.  No host
 * tracks the storage key's change bit for potentially volatile frames
 * yet, so pages behind writable mappings stay stable (kernel-glue/README).
 */
static const struct lps_port_ops *__init lps_kport_essa(unsigned long base,
						       unsigned long n,
						       void **ctx)
{
	static struct lps_port_ops ops;

	ops = *lps_port_s390_ops();
	if (base || PAGE_SIZE != 4096 ||
	    ops.probe(&lps_essa_env) < 0)
		return NULL;
	ops.caps &= ~LPS_CAP_DIRTY_BIT;
	lps_k.discard_faults_on = lps_kfault_host_enable();
	if (!lps_k.discard_faults_on)
		ops.caps &= ~LPS_CAP_DISCARD_FAULT;
	ops.probe = NULL;
	cmma_hand_over();
	return &ops;
}
#else
static const struct lps_port_ops *__init lps_kport_essa(unsigned long base,
						       unsigned long n,
						       void **ctx)
{
	return NULL;
}
#endif

#ifdef CONFIG_X86_64
static u64 lps_x86_to_phys(void *arg, const void *p)
{
	return virt_to_phys(p);
}

static struct lps_port_env lps_x86_env = {
	.to_phys = lps_x86_to_phys,
};

/*
 * The x86 hypercall port, found through its CPUID block.  The host numbers
 * frames from guest physical 0, as the core does when base is 0 (x86 RAM
 * starts there).
 */
static const struct lps_port_ops *__init lps_kport_x86(unsigned long base,
						      unsigned long n,
						      void **ctx)
{
	const struct lps_port_ops *ops = lps_port_x86_ops();

	if (base || PAGE_SIZE != LPS_X86_PAGE_SIZE ||
	    ops->probe(&lps_x86_env) < 0)
		return NULL;
	*ctx = &lps_x86_env;
	return ops;
}
#else
static const struct lps_port_ops *__init lps_kport_x86(unsigned long base,
						      unsigned long n,
						      void **ctx)
{
	return NULL;
}
#endif

#ifdef CONFIG_ARM64
/*
 * Only a hypervisor's vendor service may answer: the conduit must be hvc.
 * Not __init: the env it sits in stays the port's ctx after boot.
 */
static int lps_arm64_insn_probe(void *arg)
{
	return arm_smccc_1_1_get_conduit() == SMCCC_CONDUIT_HVC ?
	       0 : -LPS_ENOTSUP;
}

static u64 lps_arm64_to_phys(void *arg, const void *p)
{
	return virt_to_phys(p);
}

static struct lps_port_env lps_arm64_env = {
	.insn_probe = lps_arm64_insn_probe,
	.to_phys = lps_arm64_to_phys,
};

/*
 * The arm64 SMCCC port: the vendor-hypervisor UID says whether the
 * service is ours.  Frame numbers count from the start of RAM, as the
 * host's do (1 GiB on QEMU virt): the core's base is that start.
 */
static const struct lps_port_ops *__init lps_kport_arm64(unsigned long base,
							unsigned long n,
							void **ctx)
{
	const struct lps_port_ops *ops = lps_port_arm64_ops();

	if (base != PFN_DOWN(memblock_start_of_DRAM()) ||
	    !IS_ENABLED(CONFIG_ARM64_4K_PAGES) ||
	    ops->probe(&lps_arm64_env) < 0)
		return NULL;
	*ctx = &lps_arm64_env;
	return ops;
}
#else
static const struct lps_port_ops *__init lps_kport_arm64(unsigned long base,
							unsigned long n,
							void **ctx)
{
	return NULL;
}
#endif

static struct lps_shmem_guest lps_shmem;
static struct lps_port_env lps_shmem_env = { .arg = &lps_shmem };

/* The published shared table, for lps_kretire.c; NULL when none. */
struct lps_shmem_guest *lps_kport_shmem_table(void)
{
	return lps_shmem.hdr ? &lps_shmem : NULL;
}

/*
 * The header page and the words right after it: where the host said
 * (pagestates_table=, lps_ktable.c), else anywhere memblock likes, and
 * then only an agent that scans guest RAM for the magic finds it.
 */
static int __init lps_kport_shmem_place(unsigned long n,
					struct lps_shmem_hdr **hdr,
					u32 **words)
{
	u64 addr;

	if (lps_ktable_given()) {
		if (lps_ktable_claim(n, &addr))
			return -EINVAL;
		*hdr = __va(addr);
		*words = __va(addr + PAGE_SIZE);
		return 0;
	}
	*hdr = memblock_alloc(PAGE_SIZE, PAGE_SIZE);
	*words = memblock_alloc(array_size(n, LPS_SHMEM_WORD_BYTES), PAGE_SIZE);
	return *hdr && *words ? 0 : -ENOMEM;
}

/* The shared state table in guest RAM (docs/shmem-protocol.md). */
static const struct lps_port_ops *__init lps_kport_shmem(unsigned long base,
							unsigned long n,
							void **ctx)
{
	const struct lps_port_ops *ops = lps_port_shmem_ops();
	struct lps_shmem_hdr *hdr;
	u32 *words;

	/* Version 1 of the table describes 4 KiB frames only. */
	if (PAGE_SHIFT != LPS_SHMEM_PAGE_SHIFT)
		return NULL;
	if (lps_kport_shmem_place(n, &hdr, &words))
		return NULL;
	if (lps_shmem_guest_setup(&lps_shmem, hdr, __pa(hdr), words,
				  __pa(words), PFN_PHYS(base), n))
		return NULL;
	if (ops->probe(&lps_shmem_env))
		return NULL;
	pr_info("pagestates: shared state table header at %#llx, %lu words at %#llx%s\n",
		(unsigned long long)__pa(hdr), n,
		(unsigned long long)__pa(words),
		lps_ktable_given() ? " (placed by the host)" : "");
	*ctx = &lps_shmem_env;
	return ops;
}

/*
 * "on": the architecture's own port when its host answers, else the shared
 * table when the host said where it goes (pagestates_table=), else noop.
 * A table placed anywhere else is never the default: only an agent that
 * scans guest RAM would find it, and scanning is an opt-in for the host.
 */
static const struct lps_port_ops *__init lps_kport_native(unsigned long base,
							 unsigned long n,
							 void **ctx)
{
	const struct lps_port_ops *ops = lps_kport_essa(base, n, ctx);

	if (!ops)
		ops = lps_kport_x86(base, n, ctx);
	if (!ops)
		ops = lps_kport_arm64(base, n, ctx);
	if (!ops && lps_ktable_given())
		ops = lps_kport_shmem(base, n, ctx);
	return ops;
}

struct lps_kport {
	const char *name;		/* the pagestates= value */
	/* NULL: hinting off.  Returns NULL when absent or the probe failed. */
	const struct lps_port_ops *(*setup)(unsigned long base,
					    unsigned long n, void **ctx);
	bool quiet;			/* falling back to noop is expected */
};

static const struct lps_kport lps_kports[] __initconst = {
	{ "off",	NULL },
	{ "on",		lps_kport_native,	true },	/* the best one here */
	{ "noop",	lps_kport_noop,		true },
	{ "shmem",	lps_kport_shmem },
	{ "essa",	lps_kport_essa },
	{ "x86",	lps_kport_x86 },
	{ "arm64",	lps_kport_arm64 },
};

static unsigned int lps_kport_param __initdata = 1;	/* "on" */

static int __init lps_kport_parse(char *s)
{
	unsigned int i;

	for (i = 0; s && i < ARRAY_SIZE(lps_kports); i++) {
		if (!strcmp(s, lps_kports[i].name)) {
			lps_kport_param = i;
			return 0;
		}
	}
	pr_warn("pagestates: unknown port '%s'\n", s ? s : "");
	return -EINVAL;
}
early_param("pagestates", lps_kport_parse);

const struct lps_port_ops *__init lps_kport_select(unsigned long base_pfn,
						   unsigned long nframes,
						   void **ctx)
{
	const struct lps_kport *kp = &lps_kports[lps_kport_param];
	const struct lps_port_ops *ops;

	*ctx = NULL;
	if (!kp->setup)
		return NULL;
	ops = kp->setup(base_pfn, nframes, ctx);
	if (!ops) {
		if (!kp->quiet)
			pr_info("pagestates: requested port absent, using noop\n");
		*ctx = NULL;
		ops = lps_port_noop_ops();
	}
	return ops;
}
