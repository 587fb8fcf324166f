// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * bench_port_arm64.c - the real arm64 port with hvc #0 replaced by the
 * host-side SMCCC decoder.
 */
#include "bench_ports.h"
#include <pagestates/wire/lps_wire_smccc.h>

static void bench_smccc(struct lps_smccc_regs *r)
{
	uint32_t fn = (uint32_t)r->x[0];

	bench_host.calls++;
	bench_host.submits += fn == LPS_SMCCC_SUBMIT;
	bench_host.make_stables += fn == LPS_SMCCC_MAKE_STABLE;
	if (lps_smccc_handle(bench_host.h, bench_host.mem, r, 0) != 1)
		r->x[0] = (uint64_t)(int64_t)LPS_SMCCC_RET_NOT_SUPPORTED;
}
#define lps_arm64_smccc_issue bench_smccc

/* An emulated port: its issue hook is defined, so no hvc is compiled. */
#include "arm64/lps_port_arm64.h"

const struct lps_port_ops *bench_arm64_ops(void)
{
	return lps_port_arm64_ops();
}
