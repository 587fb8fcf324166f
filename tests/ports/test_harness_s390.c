// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_harness_s390.c - the real s390 port, real ESSA instructions, run
 * under qemu-s390x: ESSA is an operation exception in user mode, so a
 * SIGILL handler decodes M3/R1/R2 from the instruction, runs the host-side
 * ESSA decoder on a host model, writes R1 into the saved registers and
 * returns.  The core then drives the port as it would in a guest kernel.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <ucontext.h>

#include "lps_port.h"
#include <pagestates/host/lps_transport.h>
#include "harness_scenario.h"

static volatile sig_atomic_t traps, psw_past, psw_at, pgm_checks;

static void on_sigill(int sig, siginfo_t *si, void *uc_)
{
	ucontext_t *uc = uc_;
	const uint8_t *insn = si->si_addr;
	unsigned int r1, r2, m3;
	uint64_t res;
	int ret;

	(void)sig;
	if (lps_essa_insn_decode(insn, &r1, &r2, &m3)) {
		signal(SIGILL, SIG_DFL);
		return;		/* not ESSA: die on the re-executed insn */
	}
	/*
	 * A bad command or frame is a program exception with R1 untouched,
	 * as in KVM; a real guest takes the program check, which a signal
	 * handler cannot deliver, so it is only counted.
	 */
	res = uc->uc_mcontext.gregs[r1];
	ret = lps_essa_handle(&hs_host.h, m3, uc->uc_mcontext.gregs[r2], &res);
	if (ret == -LPS_EINVAL || ret == -LPS_ERANGE)
		pgm_checks++;
	uc->uc_mcontext.gregs[r1] = res;
	/* The design notes say the PSW is already past it: verify. */
	if (uc->uc_mcontext.psw.addr == (uintptr_t)insn + LPS_ESSA_INSN_LEN) {
		psw_past++;
	} else {
		psw_at++;
		uc->uc_mcontext.psw.addr = (uintptr_t)insn + LPS_ESSA_INSN_LEN;
	}
	traps++;
}

/* The environment's probe: ESSA is safe because we emulate it. */
static int emulated(void *arg)
{
	(void)arg;
	return 0;
}

int main(void)
{
	struct sigaction sa;
	/* ESSA takes frame addresses, never the descriptor's. */
	struct lps_port_env env = { emulated, hs_to_phys, NULL, 0 };
	struct lps_port_env bare = { NULL, NULL, NULL, 0 };
	const struct lps_port_ops *ops = lps_port_ops_get();
	lps_fstate_t s;

	(void)hs_gmem;
	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = on_sigill;
	sa.sa_flags = SA_SIGINFO;
	sigemptyset(&sa.sa_mask);
	LPS_CHECK_EQ(sigaction(SIGILL, &sa, NULL), 0);

	LPS_CHECK(strcmp(ops->name, "s390") == 0);
	/* No discard fault unless the host said it raises them. */
	LPS_CHECK_EQ(ops->caps, LPS_CAP_DIRTY_BIT | LPS_CAP_GET_STATE);
	/* Without the environment's hook the port must stand down. */
	LPS_CHECK_EQ(ops->probe(NULL), -LPS_ENOTSUP);
	LPS_CHECK_EQ(ops->probe(&bare), -LPS_ENOTSUP);
	LPS_CHECK_EQ(ops->probe(&env), 0);

	/* One instruction by hand, to see the trap path itself. */
	fix_init(&hs_host, FIX_FRAMES);
	LPS_CHECK_EQ(ops->get_state(&env, 5, &s), 0);
	LPS_CHECK_EQ(s, LPS_FS(LPS_STABLE, LPS_RESIDENT, 0));
	LPS_CHECK_EQ(traps, 1);
	/* Outside the guest: an addressing exception, R1 untouched (what
	 * the port then reads is moot: a real guest took the check). */
	(void)ops->get_state(&env, FIX_FRAMES, &s);
	LPS_CHECK_EQ(pgm_checks, 1);
	LPS_CHECK_EQ(traps, 2);

	hs_story(ops, &env);
	hs_random(ops, &env, 0x5390, 3000);
	printf("%d ESSA traps emulated; PSW past the instruction %d times, "
	       "at it %d times\n", (int)traps, (int)psw_past, (int)psw_at);
	LPS_CHECK(traps > 100);
	LPS_CHECK_EQ(psw_at, 0);
	return lps_test_done();
}
