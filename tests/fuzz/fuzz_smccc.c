// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * fuzz_smccc.c - libFuzzer target for the host-side SMCCC decoder
 * with a guest-written descriptor.  Guest RAM is exactly one page plus the
 * descriptor's bytes, allocated to size, so any read past what the guest
 * really supplied is an ASan report.  Invariants: a refused call leaves
 * the host states and guest RAM untouched; states stay valid.
 *
 * Input: u16 descriptor length (capped at 4096), the descriptor, then
 * records of 18 bytes: op, flags, arg0 (u64), arg1 (u64).  op & 3 picks
 * SUBMIT, MAKE_STABLE, GET_STATE or another id (from arg1, near ours or
 * not: the UID query, FEATURES, SMC32 twins); op bit 7 makes SUBMIT's
 * address the descriptor's own page; flags bit 0 reclaims first and
 * flags >> 4 is the ranges budget.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fix f;
	struct fz_in in = { data, size };
	struct fz_ram g;

	fz_ram_from_input(&g, &in);
	fix_init(&f, FZ_FRAMES);

	while (in.left) {
		static const uint64_t ids[4] = {
			LPS_SMCCC_SUBMIT, LPS_SMCCC_MAKE_STABLE,
			LPS_SMCCC_GET_STATE, 0
		};
		unsigned int op = (unsigned int)fz_take(&in, 1);
		unsigned int flags = (unsigned int)fz_take(&in, 1);
		struct lps_smccc_regs r;
		int ret, res;

		memset(&r, 0, sizeof(r));
		r.x[0] = ids[op & 3];
		r.x[1] = fz_take(&in, 8);
		r.x[2] = fz_take(&in, 8);
		if (!r.x[0])
			r.x[0] = (op & 0x40) ? (r.x[2] >> 32) :
				 (LPS_SMCCC_FEATURES ^ (r.x[2] & 0x400000ffu));
		if ((op & 0x80) && r.x[0] == LPS_SMCCC_SUBMIT) {
			r.x[1] = 4096;
			r.x[2] = 0;
		}
		if (flags & 1)
			fz_reclaim(&f);
		fz_snapshot(&g, &f);
		ret = lps_smccc_handle(&f.h, &g.mem, &r, flags >> 4);
		FZ_ASSERT(ret == 0 || ret == 1);
		res = ret ? lps_smccc_result(r.x[0]) : -LPS_ENOTSUP;
		fz_check_refusal(&g, &f, res);
	}
	fz_ram_free(&g);
	return 0;
}
