// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * fuzz_hcall.c - libFuzzer target for the host-side x86 hypercall decoder
 * with a guest-written descriptor.  Guest RAM is exactly one page plus the
 * descriptor's bytes, allocated to size, so any read past what the guest
 * really supplied is an ASan report.  Invariants: a refused call leaves
 * the host states and guest RAM untouched; states stay valid.
 *
 * Input: u16 descriptor length (capped at 4096), the descriptor, then
 * records of 18 bytes: op, flags, arg0 (u64), arg1 (u64).  op & 3 picks
 * SUBMIT, MAKE_STABLE, GET_STATE or a raw number; op bit 7 makes SUBMIT's
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
		static const uint64_t nrs[4] = {
			LPS_HC_SUBMIT, LPS_HC_MAKE_STABLE, LPS_HC_GET_STATE, 0
		};
		unsigned int op = (unsigned int)fz_take(&in, 1);
		unsigned int flags = (unsigned int)fz_take(&in, 1);
		struct lps_x86_regs r;
		int ret, res;

		r.rax = nrs[op & 3];
		r.rbx = fz_take(&in, 8);
		r.rcx = fz_take(&in, 8);
		r.rdx = r.rsi = 0;
		if (!r.rax)
			r.rax = LPS_HC_BASE | (r.rcx & 0xff);
		if ((op & 0x80) && r.rax == LPS_HC_SUBMIT) {
			r.rbx = 4096;
			r.rcx = 0;
		}
		if (flags & 1)
			fz_reclaim(&f);
		fz_snapshot(&g, &f);
		ret = lps_x86_hcall_handle(&f.h, &g.mem, &r, flags >> 4);
		FZ_ASSERT(ret == 1);
		res = lps_hc_result(r.rax);
		fz_check_refusal(&g, &f, res);
	}
	fz_ram_free(&g);
	return 0;
}
