// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_harness_x86.c - the x86 port end to end without the instruction:
 * vmcall cannot be trapped under qemu-user or inside a VM, so the issue
 * hook is replaced by a call into the host-side hypercall decoder with the
 * same register file, and CPUID by a table describing the host.  The real
 * instruction is compiled in test_x86_issue.c and checked for shape.
 */
#include <string.h>

#include <pagestates/pagestates.h>
#include <pagestates/host/lps_transport.h>
#include <pagestates/wire/lps_wire_hcall.h>

static unsigned int hcalls, vmmcalls;
static uint32_t budget;		/* ranges per SUBMIT the host allows */

/* What a hypercall with the vendor's instruction would reach. */
static struct lps_host *emu_host;
static const struct lps_gmem *emu_mem;

static uint64_t emu_hcall(unsigned int insn, uint64_t nr, uint64_t a0,
			  uint64_t a1, uint64_t a2, uint64_t a3)
{
	struct lps_x86_regs r = { nr, a0, a1, a2, a3 };

	hcalls++;
	vmmcalls += insn == LPS_X86_VMMCALL;
	if (lps_x86_hcall_handle(emu_host, emu_mem, &r, budget) != 1)
		return (uint64_t)-LPS_HC_KVM_ENOSYS;
	return r.rax;
}
#define lps_x86_hcall_issue emu_hcall

/* The CPUID the test's "host" shows. */
static struct {
	bool hypervisor, amd, ours;
	uint32_t base, version;
} emu_cpu;

static void emu_cpuid(uint32_t leaf, struct lps_x86_cpuid_regs *r)
{
	memset(r, 0, sizeof(*r));
	if (leaf == 0) {
		r->ebx = emu_cpu.amd ? LPS_X86_AMD_EBX : 0x756e6547u; /* Genu */
		r->edx = emu_cpu.amd ? LPS_X86_AMD_EDX : 0x49656e69u; /* ineI */
		r->ecx = emu_cpu.amd ? LPS_X86_AMD_ECX : 0x6c65746eu; /* ntel */
	} else if (leaf == 1) {
		r->ecx = emu_cpu.hypervisor ? LPS_X86_HYPERVISOR_BIT : 0;
	} else if (leaf == 0x40000000u && emu_cpu.hypervisor) {
		r->eax = 0x40000001u;			/* KVM's block */
		r->ebx = 0x4b4d564bu;
		r->ecx = 0x564b4d56u;
		r->edx = 0x4du;
	} else if (emu_cpu.ours && leaf == emu_cpu.base) {
		r->eax = emu_cpu.base + 1;
		r->ebx = LPS_X86_SIG_EBX;
		r->ecx = LPS_X86_SIG_ECX;
		r->edx = LPS_X86_SIG_EDX;
	} else if (emu_cpu.ours && leaf == emu_cpu.base + 1) {
		r->eax = LPS_X86_F_HINTS;
		r->ebx = emu_cpu.version;
	}
}
#define lps_x86_cpuid emu_cpuid

#include "lps_port.h"
#include "harness_scenario.h"

const struct lps_port_ops *lps_x86_real_ops(void);

static void test_probe(void)
{
	const struct lps_port_ops *ops = lps_port_ops_get();
	struct lps_port_env env = { NULL, hs_to_phys, NULL, 0 };

	memset(&emu_cpu, 0, sizeof(emu_cpu));
	LPS_CHECK_EQ(ops->probe(NULL), -LPS_EINVAL);
	LPS_CHECK_EQ(ops->probe(&env), -LPS_ENOTSUP);	/* bare metal */
	emu_cpu.hypervisor = true;
	LPS_CHECK_EQ(ops->probe(&env), -LPS_ENOTSUP);	/* KVM only */
	emu_cpu.ours = true;
	emu_cpu.base = 0x40000100u;				/* next to KVM's */
	emu_cpu.version = LPS_X86_ABI_VERSION + 1;
	LPS_CHECK_EQ(ops->probe(&env), -LPS_ENOTSUP);	/* unknown ABI */
	LPS_CHECK_EQ(env.found, 0);
	emu_cpu.version = LPS_X86_ABI_VERSION;
	LPS_CHECK_EQ(ops->probe(&env), 0);
	LPS_CHECK_EQ(env.found, LPS_X86_FOUND);
	emu_cpu.amd = true;
	emu_cpu.base = LPS_X86_CPUID_LAST;			/* last slot */
	LPS_CHECK_EQ(ops->probe(&env), 0);
	LPS_CHECK_EQ(env.found, LPS_X86_FOUND | LPS_X86_FOUND_VMMCALL);
}

static void test_port_errors(struct lps_port_env *env)
{
	const struct lps_port_ops *ops = lps_port_ops_get();
	struct lps_port_env odd = *env;
	lps_fstate_t s = 0x55;

	fix_init(&hs_host, FIX_FRAMES);
	LPS_CHECK_EQ(ops->make_stable(env, 0, 0), -LPS_EINVAL);
	LPS_CHECK_EQ(ops->make_stable(env, FIX_FRAMES, 1), -LPS_ERANGE);
	LPS_CHECK_EQ(ops->get_state(env, FIX_FRAMES, &s), -LPS_ERANGE);
	LPS_CHECK_EQ(s, 0x55);
	LPS_CHECK_EQ(ops->submit(env, NULL), -LPS_EINVAL);
	/* A descriptor the host cannot address is refused by the host. */
	odd.to_phys = NULL;	/* identity: far outside "guest RAM" */
	lps_batch_reset(&hs_batches[0]);
	LPS_CHECK_EQ(ops->submit(&odd, &hs_batches[0]), -LPS_ERANGE);
	/* A host without the service: KVM's -KVM_ENOSYS. */
	emu_host = NULL;
	LPS_CHECK_EQ(ops->make_stable(env, 0, 1), -LPS_ENOTSUP);
	emu_host = &hs_host.h;
}

int main(void)
{
	const struct lps_port_ops *ops = lps_port_ops_get();
	struct lps_port_env env = { NULL, hs_to_phys, NULL, 0 };
	const struct lps_port_ops *real = lps_x86_real_ops();

	emu_host = &hs_host.h;
	emu_mem = &hs_gmem;
	LPS_CHECK(strcmp(ops->name, "x86") == 0);
	LPS_CHECK_EQ(ops->caps, LPS_CAP_BATCH | LPS_CAP_GET_STATE);
	test_probe();
	LPS_CHECK_EQ(env.found, 0);
	LPS_CHECK_EQ(ops->probe(&env), 0);	/* AMD host from test_probe */
	test_port_errors(&env);

	hs_story(ops, &env);
	LPS_CHECK(vmmcalls == hcalls);
	/* A host that applies one range per exit: the core resumes. */
	budget = 1;
	hs_random(ops, &env, 0x86, 3000);
	budget = 0;
	hs_random(ops, &env, 0x8664, 3000);
	printf("%u hypercalls emulated\n", hcalls);

	/* The real port: same ops shape; its probe on this CPU is safe. */
	LPS_CHECK(strcmp(real->name, "x86") == 0);
	LPS_CHECK(real->submit != ops->submit);
	printf("real probe on this machine: %s\n",
	       lps_strerror(real->probe(&env)));
	return lps_test_done();
}
