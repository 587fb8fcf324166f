// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_port_emul_s390.c - the s390 port's own logic on every host: its
 * issue hook calls the host-side ESSA decoder directly, so the scenario of
 * the s390x trap harness also runs in native builds, and the probe and
 * error paths can be steered.
 */
#include <pagestates/host/lps_transport.h>
#include <pagestates/wire/lps_wire_essa.h>
#include "harness_scenario.h"

static unsigned int issued;
static bool broken_host;	/* answers with bits no host produces */
static unsigned int reclaim_after;	/* host reclaims after this call */

static uint64_t emu_essa(unsigned int cmd, uint64_t addr)
{
	/*
	 * A bad command or frame would be a program exception, which ends a
	 * real guest; the port never issues one, and the exception bit keeps
	 * the emulation answering something the port reads as an error.
	 */
	uint64_t r1 = LPS_ESSA_RES_EXCEPTION;

	issued++;
	(void)lps_essa_handle(&hs_host.h, cmd, addr, &r1);
	if (reclaim_after && issued == reclaim_after) {
		struct lps_host_reclaim_result res;

		(void)lps_host_reclaim_all(&hs_host.h, &res);
	}
	return broken_host ? r1 | 0x40 : r1;
}
#define lps_s390_essa_issue emu_essa

/* An emulated port (ports/README.md): the hook is defined, so any host. */
#include "s390/lps_port_s390.h"

static int ok_probe(void *arg)
{
	(void)arg;
	return 0;
}

static int faulting_probe(void *arg)
{
	(void)arg;
	return -LPS_EFAULT;
}

/*
 * The host reclaims between two ESSAs of one range, and the second frame
 * is refused: the first frame's drop must reach the guest as "discarded",
 * not come back as a stable frame of zeroes.
 */
static void test_drop_inside_failed_range(const struct lps_port_ops *ops,
					  struct lps_port_env *env)
{
	static struct lps_batch b;

	fix_init(&hs_host, FIX_FRAMES);
	/* Frame 21 free (unused): the host refuses it volatile. */
	LPS_CHECK_EQ(lps_port_s390_set_usage(env, 21, LPS_UNUSED, NULL), 0);
	fix_batch_reset(&b);
	fix_batch_add(&b, 20, 2, LPS_VOLATILE);
	reclaim_after = issued + 1;
	LPS_CHECK_EQ(ops->submit(env, &b), -LPS_EIO);
	reclaim_after = 0;
	LPS_CHECK_EQ(fix_usage(&hs_host, 20), LPS_VOLATILE);
	LPS_CHECK_EQ(lps_le16(b.hdr.cursor), 1);
	LPS_CHECK_EQ(lps_le32(b.range[0].count), 1);
	LPS_CHECK_EQ(ops->make_stable(env, 20, 1), LPS_R_DISCARDED);

	/* The same on the direct path. */
	fix_init(&hs_host, FIX_FRAMES);
	LPS_CHECK_EQ(lps_port_s390_set_usage(env, 21, LPS_UNUSED, NULL), 0);
	reclaim_after = issued + 1;
	LPS_CHECK_EQ(ops->hint(env, 20, 2, LPS_VOLATILE), -LPS_EIO);
	reclaim_after = 0;
	LPS_CHECK_EQ(fix_usage(&hs_host, 20), LPS_VOLATILE);
	LPS_CHECK_EQ(ops->make_stable(env, 20, 1), LPS_R_DISCARDED);
}

int main(void)
{
	const struct lps_port_ops *ops = lps_port_s390_ops();
	struct lps_port_env env = { ok_probe, hs_to_phys, NULL, 0 };
	struct lps_port_env fault = { faulting_probe, NULL, NULL, 0 };
	lps_fstate_t old = 0x55, s = 0x55;

	(void)hs_gmem;
	/* KVM raises no discard fault: the port must not claim one. */
	LPS_CHECK_EQ(ops->caps, LPS_CAP_DIRTY_BIT | LPS_CAP_GET_STATE);
	LPS_CHECK_EQ(ops->probe(&env), 0);
	LPS_CHECK_EQ(ops->probe(&fault), -LPS_ENOTSUP);
	LPS_CHECK_EQ(ops->probe(NULL), -LPS_ENOTSUP);

	fix_init(&hs_host, FIX_FRAMES);
	/* Bad input never reaches the instruction. */
	LPS_CHECK_EQ(lps_port_s390_set_usage(&env, 1, LPS_NR_USAGE, &old),
		     -LPS_EINVAL);
	LPS_CHECK_EQ(lps_port_s390_set_usage(&env, LPS_ESSA_MAX_PFN + 1,
					     LPS_UNUSED, &old), -LPS_ERANGE);
	LPS_CHECK_EQ(ops->get_state(&env, 1, NULL), -LPS_EINVAL);
	LPS_CHECK_EQ(issued, 0);
	LPS_CHECK_EQ(old, 0x55);
	/* The old state comes back with every set. */
	LPS_CHECK_EQ(lps_port_s390_set_usage(&env, 1, LPS_VOLATILE, &old), 0);
	LPS_CHECK_EQ(old, LPS_FS(LPS_STABLE, LPS_RESIDENT, 0));
	LPS_CHECK_EQ(lps_port_s390_set_usage(&env, 1, LPS_POT_VOLATILE, &old), 0);
	LPS_CHECK_EQ(old, LPS_FS(LPS_VOLATILE, LPS_RESIDENT, 0));
	/* A host answering nonsense is an error, not a state. */
	broken_host = true;
	LPS_CHECK_EQ(ops->get_state(&env, 1, &s), -LPS_EPROTO);
	LPS_CHECK_EQ(s, 0x55);
	broken_host = false;
	/* The host refusing (free frame made volatile) reads as -EIO. */
	LPS_CHECK_EQ(lps_port_s390_set_usage(&env, 2, LPS_UNUSED, NULL), 0);
	LPS_CHECK_EQ(lps_port_s390_set_usage(&env, 2, LPS_VOLATILE, NULL),
		     -LPS_EIO);

	test_drop_inside_failed_range(ops, &env);
	hs_story(ops, &env);
	hs_random(ops, &env, 0x5390e, 3000);
	printf("%u ESSA calls emulated\n", issued);
	return lps_test_done();
}
