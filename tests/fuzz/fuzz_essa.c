// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * fuzz_essa.c - libFuzzer target for the host-side ESSA decoder: any M3
 * and R2 a guest can put in an intercepted ESSA.  Invariants: a refused
 * call changes no state and leaves R1 alone (a program exception) or
 * writes the exception indication (the model's refusal); an accepted
 * one writes a result byte the guest port can decode.
 *
 * Input: records of 9 bytes (M3 byte, R2 little-endian); bit 4 of the M3
 * byte makes the host reclaim everything first, bit 5 confines R2 to the
 * guest so the fuzzer reaches the state machine quickly.
 */
#include "fuzz_common.h"
#include <pagestates/wire/lps_wire_essa.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct fix f;
	struct fz_in in = { data, size };

	fix_init(&f, FZ_FRAMES);
	while (in.left) {
		lps_fstate_t before[FZ_FRAMES], s;
		unsigned int op = (unsigned int)fz_take(&in, 1);
		uint64_t r2 = fz_take(&in, 8), r1 = 0x5a;
		int ret;

		if (op & 0x10)
			fz_reclaim(&f);
		if (op & 0x20)
			r2 %= (uint64_t)FZ_FRAMES << LPS_ESSA_FRAME_SHIFT;
		/* Values above 15 cannot be encoded in M3 but are tried too. */
		if (op & 0x40)
			op &= 0x0f;
		memcpy(before, f.states, sizeof(before));
		ret = lps_essa_handle(&f.h, op & 0x8f, r2, &r1);
		if (ret < 0) {
			/* KVM's program exceptions leave R1 alone; the
			 * model's refusals write the exception indication. */
			FZ_ASSERT(r1 == (ret == -LPS_EINVAL ||
					 ret == -LPS_ERANGE ? 0x5a :
					 LPS_ESSA_RES_EXCEPTION));
			FZ_ASSERT(!memcmp(before, f.states, sizeof(before)));
		} else {
			FZ_ASSERT(ret == 0 || ret == LPS_R_DISCARDED);
			FZ_ASSERT(lps_essa_decode(r1, &s) == 0);
			FZ_ASSERT(ret == 0 || lps_fs_discarded(s));
		}
		fz_states_valid(&f);
	}
	return 0;
}
