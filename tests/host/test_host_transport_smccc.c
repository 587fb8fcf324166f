// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_host_transport_smccc.c - the host-side SMCCC decoder: discovery (UID,
 * features), each call, and every bad function id, register or descriptor
 * refused with a defined x0 and no state changed.
 */
#include <pagestates/host/lps_transport.h>
#include "lps_test.h"
#include "lps_host_fixture.h"

static struct fix f;
static uint8_t ram[3 * 4096] __attribute__((aligned(4096)));
static struct lps_gmem_flat flat = { ram, sizeof(ram) };
static const struct lps_gmem mem = { lps_gmem_flat_map, &flat };

static struct lps_smccc_regs call(uint64_t fn, uint64_t a1, uint64_t a2)
{
	struct lps_smccc_regs r = { { fn, a1, a2, 3, 4, 5, 6, 7 } };

	LPS_CHECK_EQ(lps_smccc_handle(&f.h, &mem, &r, 0), 1);
	LPS_CHECK_EQ(r.x[7], 7);
	return r;
}

static int result(uint64_t fn, uint64_t a1, uint64_t a2)
{
	return lps_smccc_result(call(fn, a1, a2).x[0]);
}

static void test_discovery(void)
{
	struct lps_smccc_regs r;

	fix_init(&f, FIX_FRAMES);
	r = call(LPS_SMCCC_VENDOR_HYP_UID, 0, 0);
	LPS_CHECK(lps_smccc_uid_is_ours(&r));
	r = call(LPS_SMCCC_FEATURES, 0, 0);
	LPS_CHECK_EQ(r.x[0], LPS_SMCCC_F_ALL);
	LPS_CHECK_EQ(r.x[1], LPS_SMCCC_ABI_VERSION);
	/* w0 only: junk in the upper half of x0 is ignored. */
	r = call(LPS_SMCCC_FEATURES | 0xffffffff00000000ull, 0, 0);
	LPS_CHECK_EQ(r.x[0], LPS_SMCCC_F_ALL);
}

static void test_calls(void)
{
	struct lps_batch *b = (struct lps_batch *)(ram + 4096);
	struct lps_host_reclaim_result res;

	fix_init(&f, FIX_FRAMES);
	fix_batch_reset(b);
	fix_batch_add(b, 30, 3, LPS_UNUSED);
	fix_batch_add(b, 40, 1, LPS_VOLATILE);
	LPS_CHECK_EQ(result(LPS_SMCCC_SUBMIT, 4096, 0), 0);
	LPS_CHECK_EQ(lps_le16(b->hdr.cursor), 2);
	LPS_CHECK_EQ(fix_usage(&f, 32), LPS_UNUSED);
	LPS_CHECK_EQ(result(LPS_SMCCC_GET_STATE, 40, 0),
		     LPS_FS(LPS_VOLATILE, LPS_RESIDENT, 0));
	LPS_CHECK_EQ(lps_host_reclaim_all(&f.h, &res), 0);
	LPS_CHECK_EQ(result(LPS_SMCCC_MAKE_STABLE, 40, 1), LPS_R_DISCARDED);
	LPS_CHECK_EQ(result(LPS_SMCCC_MAKE_STABLE, 40, 1), 0);
}

static void refused(uint64_t fn, uint64_t a1, uint64_t a2, int want)
{
	lps_fstate_t before[FIX_FRAMES];
	uint8_t ram_before[sizeof(ram)];

	memcpy(before, f.states, sizeof(before));
	memcpy(ram_before, ram, sizeof(ram));
	LPS_CHECK_EQ(result(fn, a1, a2), want);
	LPS_CHECK(memcmp(before, f.states, sizeof(before)) == 0);
	LPS_CHECK(memcmp(ram_before, ram, sizeof(ram)) == 0);
}

static void test_refused(void)
{
	struct lps_batch *b = (struct lps_batch *)(ram + 2 * 4096);
	struct lps_smccc_regs r = { { 0x84000000u, 1, 2, 3 } };	/* PSCI */
	struct lps_smccc_regs copy = r;

	fix_init(&f, FIX_FRAMES);
	LPS_CHECK_EQ(lps_smccc_handle(&f.h, &mem, &r, 0), 0);
	LPS_CHECK(memcmp(&r, &copy, sizeof(r)) == 0);
	r.x[0] = 0x86000000u;	/* KVM's own features call: not ours */
	LPS_CHECK_EQ(lps_smccc_handle(&f.h, &mem, &r, 0), 0);
	r.x[0] = LPS_SMCCC_SUBMIT & ~LPS_SMCCC_FAST_CALL;	/* yielding */
	LPS_CHECK_EQ(lps_smccc_handle(&f.h, &mem, &r, 0), 0);
	LPS_CHECK_EQ(lps_smccc_handle(NULL, &mem, &r, 0), -LPS_EINVAL);

	/* Unknown ids in our block answer SMCCC's NOT_SUPPORTED (-1). */
	LPS_CHECK_EQ((int64_t)call(LPS_SMCCC_FEATURES + 0x40, 0, 0).x[0], -1);
	LPS_CHECK_EQ((int64_t)call(LPS_SMCCC_SUBMIT & ~LPS_SMCCC_SMC64, 4096,
				   0).x[0], -1);
	refused(LPS_SMCCC_GET_STATE + 1, 0, 0, -LPS_ENOTSUP);

	fix_batch_reset(b);
	fix_batch_add(b, 1, 1, LPS_UNUSED);
	refused(LPS_SMCCC_SUBMIT, 2 * 4096 + 64, 0, -LPS_EINVAL);
	refused(LPS_SMCCC_SUBMIT, 2 * 4096, 9, -LPS_EINVAL);
	refused(LPS_SMCCC_SUBMIT, 3 * 4096, 0, -LPS_ERANGE);
	refused(LPS_SMCCC_SUBMIT, ~0ull << 12, 0, -LPS_ERANGE);
	b->hdr.version = lps_le16(7);
	refused(LPS_SMCCC_SUBMIT, 2 * 4096, 0, -LPS_EPROTO);
	refused(LPS_SMCCC_MAKE_STABLE, 0, 0, -LPS_EINVAL);
	refused(LPS_SMCCC_MAKE_STABLE, FIX_FRAMES - 1, 2, -LPS_ERANGE);
	refused(LPS_SMCCC_GET_STATE, ~0ull, 0, -LPS_ERANGE);
}

int main(void)
{
	test_discovery();
	test_calls();
	test_refused();
	return lps_test_done();
}
