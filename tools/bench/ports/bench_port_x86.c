// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * bench_port_x86.c - the real x86 port with its hypercall replaced by the
 * host-side decoder (the benchmark runs on any machine, inside a VM too).
 */
#include "bench_ports.h"
#include <pagestates/wire/lps_wire_hcall.h>

static uint64_t bench_hcall(unsigned int insn, uint64_t nr, uint64_t a0,
			    uint64_t a1, uint64_t a2, uint64_t a3)
{
	struct lps_x86_regs r = { nr, a0, a1, a2, a3 };

	(void)insn;
	bench_host.calls++;
	bench_host.submits += nr == LPS_HC_SUBMIT;
	bench_host.make_stables += nr == LPS_HC_MAKE_STABLE;
	if (lps_x86_hcall_handle(bench_host.h, bench_host.mem, &r, 0) != 1)
		return (uint64_t)-LPS_HC_KVM_ENOSYS;
	return r.rax;
}
#define lps_x86_hcall_issue bench_hcall

/* Never probed here; defined so no CPUID instruction is compiled. */
static void bench_cpuid(uint32_t leaf, struct lps_x86_cpuid_regs *r)
{
	(void)leaf;
	r->eax = r->ebx = r->ecx = r->edx = 0;
}
#define lps_x86_cpuid bench_cpuid

/* An emulated port: both hooks are defined, so it builds on every host. */
#include "x86/lps_port_x86.h"

const struct lps_port_ops *bench_x86_ops(void)
{
	return lps_port_x86_ops();
}
