// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_port_emul_arm64.c - the arm64 port's own logic on every host: its
 * issue hook calls the host-side SMCCC decoder directly (or plays another
 * hypervisor), so discovery against a foreign UID, an old ABI or a missing
 * service is tested where no aarch64 emulator runs.
 */
#include <pagestates/host/lps_transport.h>
#include <pagestates/wire/lps_wire_smccc.h>
#include "harness_scenario.h"

static enum { OURS, KVM, OLD_ABI, NOTHING } hyp;
static unsigned int issued;

static void emu_smccc(struct lps_smccc_regs *r)
{
	uint32_t fn = (uint32_t)r->x[0];

	issued++;
	if (hyp == NOTHING) {
		r->x[0] = (uint64_t)(int64_t)LPS_SMCCC_RET_NOT_SUPPORTED;
		return;
	}
	if (hyp == KVM && fn == LPS_SMCCC_VENDOR_HYP_UID) {
		r->x[0] = 0xb66fb428u;	/* KVM's UID */
		r->x[1] = 0xe911c52eu;
		r->x[2] = 0x564bcaa9u;
		r->x[3] = 0x743a004du;
		return;
	}
	if (lps_smccc_handle(&hs_host.h, &hs_gmem, r, 0) != 1)
		r->x[0] = (uint64_t)(int64_t)LPS_SMCCC_RET_NOT_SUPPORTED;
	if (hyp == OLD_ABI && fn == LPS_SMCCC_FEATURES)
		r->x[1] = 0;
}
#define lps_arm64_smccc_issue emu_smccc

/* An emulated port (ports/README.md): the hook is defined, so any host. */
#include "arm64/lps_port_arm64.h"

static int hvc_conduit(void *arg)
{
	(void)arg;
	return 0;
}

static int smc_conduit(void *arg)
{
	(void)arg;
	return -LPS_ENOTSUP;
}

int main(void)
{
	const struct lps_port_ops *ops = lps_port_arm64_ops();
	struct lps_port_env env = { hvc_conduit, hs_to_phys, NULL, 0 };
	struct lps_port_env smc = { smc_conduit, hs_to_phys, NULL, 0 };
	struct lps_batch unaligned_holder[2];
	lps_fstate_t s = 0x55;

	fix_init(&hs_host, FIX_FRAMES);
	LPS_CHECK_EQ(ops->probe(NULL), -LPS_EINVAL);
	LPS_CHECK_EQ(ops->probe(&smc), -LPS_ENOTSUP);
	LPS_CHECK_EQ(issued, 0);	/* no hvc without the conduit */
	hyp = NOTHING;
	LPS_CHECK_EQ(ops->probe(&env), -LPS_ENOTSUP);
	hyp = KVM;
	LPS_CHECK_EQ(ops->probe(&env), -LPS_ENOTSUP);
	hyp = OLD_ABI;
	LPS_CHECK_EQ(ops->probe(&env), -LPS_ENOTSUP);
	LPS_CHECK_EQ(env.found, 0);
	hyp = OURS;
	LPS_CHECK_EQ(ops->probe(&env), 0);
	LPS_CHECK_EQ(env.found, LPS_ARM64_FOUND);

	/* Port-side refusals: nothing is issued. */
	issued = 0;
	LPS_CHECK_EQ(ops->submit(&env, NULL), -LPS_EINVAL);
	LPS_CHECK_EQ(ops->submit(NULL, (struct lps_batch *)
				 ((uint8_t *)unaligned_holder + 8)),
		     -LPS_EINVAL);
	LPS_CHECK_EQ(ops->make_stable(&env, 1, 0), -LPS_EINVAL);
	LPS_CHECK_EQ(ops->get_state(&env, 1, NULL), -LPS_EINVAL);
	LPS_CHECK_EQ(issued, 0);
	/* Host-side refusals come back as the same codes. */
	LPS_CHECK_EQ(ops->make_stable(&env, FIX_FRAMES, 1), -LPS_ERANGE);
	LPS_CHECK_EQ(ops->get_state(&env, FIX_FRAMES, &s), -LPS_ERANGE);
	LPS_CHECK_EQ(s, 0x55);
	hyp = NOTHING;
	LPS_CHECK_EQ(ops->make_stable(&env, 1, 1), -LPS_ENOTSUP);
	hyp = OURS;

	hs_story(ops, &env);
	hs_random(ops, &env, 0xa640e, 3000);
	printf("%u SMCCC calls emulated\n", issued);
	return lps_test_done();
}
