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
	static struct fz_host f;
	struct fz_in in = { data, size };
	size_t dlen = (size_t)fz_take(&in, 2);
	struct lps_gmem_flat flat;
	struct lps_gmem mem;
	uint8_t *ram, *copy;

	if (dlen > LPS_BATCH_BYTES)
		dlen = LPS_BATCH_BYTES;
	if (dlen > in.left)
		dlen = in.left;
	ram = calloc(1, 4096 + dlen + 1);
	copy = malloc(4096 + dlen + 1);
	FZ_ASSERT(ram && copy);
	memcpy(ram + 4096, in.p, dlen);
	in.p += dlen;
	in.left -= dlen;
	flat.base = ram;
	flat.size = 4096 + dlen;
	mem.map = lps_gmem_flat_map;
	mem.ctx = &flat;
	fz_host_init(&f);

	while (in.left) {
		static const uint64_t ids[4] = {
			LPS_SMCCC_SUBMIT, LPS_SMCCC_MAKE_STABLE,
			LPS_SMCCC_GET_STATE, 0
		};
		lps_fstate_t before[FZ_FRAMES];
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
		memcpy(before, f.states, sizeof(before));
		memcpy(copy, ram, flat.size);
		ret = lps_smccc_handle(&f.h, &mem, &r, flags >> 4);
		FZ_ASSERT(ret == 0 || ret == 1);
		res = ret ? lps_smccc_result(r.x[0]) : -LPS_ENOTSUP;
		if (res < 0 && res != -LPS_EAGAIN) {
			FZ_ASSERT(!memcmp(before, f.states, sizeof(before)));
			FZ_ASSERT(!memcmp(copy, ram, flat.size));
		}
		fz_states_valid(&f);
	}
	free(copy);
	free(ram);
	return 0;
}
