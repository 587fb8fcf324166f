// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_harness_arm64.c - the real arm64 port, real hvc #0, run under
 * qemu-aarch64: hvc is undefined in user mode, so a SIGILL handler hands
 * x0-x7 to the host-side SMCCC decoder (descriptors read from "guest RAM"
 * through its accessor), writes x0-x3 back and steps pc past the hvc.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <ucontext.h>

#include "lps_port.h"
#include <pagestates/host/lps_transport.h>
#include "harness_scenario.h"

#define HVC0 0xd4000002u

static volatile sig_atomic_t traps, not_ours, pc_at;

static void on_sigill(int sig, siginfo_t *si, void *uc_)
{
	ucontext_t *uc = uc_;
	struct lps_smccc_regs r;
	uint32_t insn;
	int i;

	(void)sig;
	memcpy(&insn, (const void *)(uintptr_t)uc->uc_mcontext.pc, 4);
	if (insn != HVC0) {
		signal(SIGILL, SIG_DFL);
		return;
	}
	if (uc->uc_mcontext.pc == (uintptr_t)si->si_addr)
		pc_at++;
	for (i = 0; i < 8; i++)
		r.x[i] = uc->uc_mcontext.regs[i];
	if (lps_smccc_handle(&hs_host.h, &hs_gmem, &r, 0) == 0) {
		/* What a hypervisor without the service answers. */
		r.x[0] = (uint64_t)(int64_t)LPS_SMCCC_RET_NOT_SUPPORTED;
		not_ours++;
	}
	for (i = 0; i < 4; i++)
		uc->uc_mcontext.regs[i] = r.x[i];
	uc->uc_mcontext.pc += 4;
	traps++;
}

static int conduit_hvc(void *arg)
{
	(void)arg;
	return 0;
}

int main(void)
{
	struct sigaction sa;
	struct lps_port_env env = { conduit_hvc, hs_to_phys, NULL, 0 };
	struct lps_port_env no_conduit = { NULL, hs_to_phys, NULL, 0 };
	const struct lps_port_ops *ops = lps_port_ops_get();
	struct lps_smccc_regs r = { { 0x84000000u } };	/* PSCI_VERSION */

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigill;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	LPS_CHECK_EQ(sigaction(SIGILL, &sa, NULL), 0);

	LPS_CHECK(strcmp(ops->name, "arm64") == 0);
	LPS_CHECK_EQ(ops->caps, LPS_CAP_BATCH | LPS_CAP_GET_STATE);
	fix_init(&hs_host, FIX_FRAMES);
	LPS_CHECK_EQ(ops->probe(&no_conduit), -LPS_ENOTSUP);
	LPS_CHECK_EQ(traps, 0);
	LPS_CHECK_EQ(ops->probe(&env), 0);
	LPS_CHECK_EQ(env.found, LPS_ARM64_FOUND);
	LPS_CHECK_EQ(traps, 2);		/* UID, then FEATURES */
	/* Someone else's call reaches the hypervisor, not us. */
	lps_arm64_smccc_issue(&r);
	LPS_CHECK_EQ(not_ours, 1);
	LPS_CHECK_EQ((int64_t)r.x[0], -1);

	hs_story(ops, &env);
	hs_random(ops, &env, 0xa64, 3000);
	printf("%d hvc traps emulated, %d with si_addr at pc\n", (int)traps,
	       (int)pc_at);
	LPS_CHECK(traps > 10);
	return lps_test_done();
}
