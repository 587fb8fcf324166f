// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_wire_encode.c - the wire headers on every host and cross target:
 * the descriptor's layout and byte order, ESSA commands and result bytes
 * against KVM's published values, the x86 CPUID signature and result
 * codes, the SMCCC function ids and UID.  Guest and host share these, so a
 * mistake here would be invisible end to end.
 */
#include <stddef.h>		/* offsetof */
#include <string.h>		/* memcpy */

#include <pagestates/wire/lps_wire_batch.h>
#include <pagestates/wire/lps_wire_essa.h>
#include <pagestates/wire/lps_wire_hcall.h>
#include <pagestates/wire/lps_wire_smccc.h>
#include "lps_test.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static const int wire_errs[] = {
	LPS_EPERM, LPS_EIO, LPS_EAGAIN, LPS_EFAULT, LPS_EBUSY, LPS_EINVAL,
	LPS_ENOSPC, LPS_ERANGE, LPS_EPROTO, LPS_ENOTSUP,
};

/* The descriptor is the hypercall ABI: offsets and sizes are fixed. */
static void test_descriptor_layout(void)
{
	LPS_CHECK_EQ(sizeof(struct lps_batch_hdr), 16);
	LPS_CHECK_EQ(offsetof(struct lps_batch_hdr, version), 4);
	LPS_CHECK_EQ(offsetof(struct lps_batch_hdr, nr), 6);
	LPS_CHECK_EQ(offsetof(struct lps_batch_hdr, cursor), 8);
	LPS_CHECK_EQ(offsetof(struct lps_batch_hdr, flags), 10);
	LPS_CHECK_EQ(offsetof(struct lps_batch_hdr, reserved), 12);
	LPS_CHECK_EQ(sizeof(struct lps_range), 16);
	LPS_CHECK_EQ(offsetof(struct lps_range, count), 8);
	LPS_CHECK_EQ(offsetof(struct lps_range, usage), 12);
	LPS_CHECK(sizeof(struct lps_batch) <= LPS_BATCH_BYTES);
	LPS_CHECK_EQ(offsetof(struct lps_batch, range[LPS_BATCH_MAX_RANGES]),
		     LPS_BATCH_BYTES);
}

/* Little-endian in memory whatever the host's order. */
static void test_descriptor_byte_order(void)
{
	static const uint8_t magic_bytes[4] = { 'L', 'S', 'P', 'B' };
	static const uint8_t pfn_bytes[8] = { 8, 7, 6, 5, 4, 3, 2, 1 };
	uint32_t magic = lps_le32(LPS_BATCH_MAGIC);
	uint64_t pfn = lps_le64(0x0102030405060708ull);
	uint16_t nr = lps_le16(0x0201u);
	uint8_t b[8];

	memcpy(b, &magic, 4);
	LPS_CHECK(memcmp(b, magic_bytes, 4) == 0);
	memcpy(b, &pfn, 8);
	LPS_CHECK(memcmp(b, pfn_bytes, 8) == 0);
	memcpy(b, &nr, 2);
	LPS_CHECK(b[0] == 1 && b[1] == 2);
	LPS_CHECK_EQ(lps_le32(lps_le32(0xdeadbeefu)), 0xdeadbeefu);
}

static void test_essa_commands(void)
{
	uint64_t cmd;

	LPS_CHECK_EQ(lps_essa_cmd(LPS_STABLE), 1);
	LPS_CHECK_EQ(lps_essa_cmd(LPS_UNUSED), 2);
	LPS_CHECK_EQ(lps_essa_cmd(LPS_VOLATILE), 3);
	LPS_CHECK_EQ(lps_essa_cmd(LPS_POT_VOLATILE), 4);
	LPS_CHECK_EQ(lps_essa_cmd(LPS_NR_USAGE), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_essa_cmd((enum lps_usage)-1), -LPS_EINVAL);
	for (cmd = 1; cmd <= 4; cmd++)
		LPS_CHECK_EQ(lps_essa_cmd((enum lps_usage)
					  lps_essa_cmd_usage(cmd)), cmd);
	LPS_CHECK_EQ(lps_essa_cmd_usage(LPS_ESSA_GET_STATE), -LPS_EINVAL);
	/* KVM makes the frame stable for 5-7 (6 only if resident). */
	for (cmd = 5; cmd <= 7; cmd++)
		LPS_CHECK_EQ(lps_essa_cmd_usage(cmd), LPS_STABLE);
	for (cmd = 8; cmd < 300; cmd += 7)
		LPS_CHECK_EQ(lps_essa_cmd_usage(cmd), -LPS_EINVAL);
}

static void test_essa_result(void)
{
	unsigned int u, c;
	lps_fstate_t s;

	/* KVM: usage << 2 with 2 = potentially volatile, 3 = volatile. */
	LPS_CHECK_EQ(lps_essa_result(LPS_FS(LPS_STABLE, LPS_RESIDENT, 0)), 0);
	LPS_CHECK_EQ(lps_essa_result(LPS_FS(LPS_UNUSED, LPS_RESIDENT, 0)), 4);
	LPS_CHECK_EQ(lps_essa_result(LPS_FS(LPS_POT_VOLATILE, LPS_PRESERVED,
					    0)), 0x0a);
	LPS_CHECK_EQ(lps_essa_result(LPS_FS(LPS_VOLATILE, LPS_ZERO, 0)), 0x0f);
	/* ESSA has no change bit: it must not leak into the result. */
	LPS_CHECK_EQ(lps_essa_result(LPS_FS(LPS_STABLE, LPS_RESIDENT, 1)), 0);
	LPS_CHECK_EQ(lps_essa_result(0x0c), LPS_ESSA_RES_EXCEPTION);

	for (u = 0; u < LPS_NR_USAGE; u++) {
		for (c = 0; c < LPS_NR_CONTENT; c++) {
			lps_fstate_t in = LPS_FS(u, c, 0);
			uint64_t r = lps_essa_result(in);

			s = 0xff;
			LPS_CHECK_EQ(lps_essa_decode(r, &s), 0);
			LPS_CHECK_EQ(s, in);
			/* The no-DAT bit is not ours to interpret. */
			s = 0xff;
			LPS_CHECK_EQ(lps_essa_decode(r | LPS_ESSA_RES_NODAT,
						     &s), 0);
			LPS_CHECK_EQ(s, in);
		}
	}
	s = 0x55;
	LPS_CHECK_EQ(lps_essa_decode(LPS_ESSA_RES_EXCEPTION, &s), -LPS_EIO);
	LPS_CHECK_EQ(lps_essa_decode(1, &s), -LPS_EPROTO);
	LPS_CHECK_EQ(lps_essa_decode(0x40, &s), -LPS_EPROTO);
	LPS_CHECK_EQ(lps_essa_decode(1ull << 63, &s), -LPS_EPROTO);
	LPS_CHECK_EQ(s, 0x55);
	LPS_CHECK(lps_fs_discarded(LPS_FS(LPS_VOLATILE, LPS_ZERO, 0)));
}

static void test_essa_insn(void)
{
	/* .insn rrf,0xb9ab0000,%r4,%r4,1,0 as GCC emits it. */
	const uint8_t ok[4] = { 0xb9, 0xab, 0x10, 0x44 };
	const uint8_t ok2[4] = { 0xb9, 0xab, 0x40, 0x1e };
	const uint8_t bad[4] = { 0xb9, 0xac, 0x10, 0x44 };
	unsigned int r1 = 99, r2 = 99, m3 = 99;

	LPS_CHECK_EQ(lps_essa_insn_decode(ok, &r1, &r2, &m3), 0);
	LPS_CHECK_EQ(m3, 1);
	LPS_CHECK_EQ(r1, 4);
	LPS_CHECK_EQ(r2, 4);
	LPS_CHECK_EQ(lps_essa_insn_decode(ok2, &r1, &r2, &m3), 0);
	LPS_CHECK_EQ(m3, 4);
	LPS_CHECK_EQ(r1, 1);
	LPS_CHECK_EQ(r2, 14);
	LPS_CHECK_EQ(lps_essa_insn_decode(bad, &r1, &r2, &m3), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_essa_addr(3), 3 * 4096);
}

static void test_x86(void)
{
	struct lps_x86_cpuid_regs r;
	char sig[13] = { 0 };
	size_t i;

	r.ebx = LPS_X86_SIG_EBX;
	r.ecx = LPS_X86_SIG_ECX;
	r.edx = LPS_X86_SIG_EDX;
	memcpy(sig, &r.ebx, 4);
	memcpy(sig + 4, &r.ecx, 4);
	memcpy(sig + 8, &r.edx, 4);
	/* Byte order of the host running this test is irrelevant on x86,
	 * but the constants are defined as x86 reads them. */
	if (lps_le32(1) == 1)
		LPS_CHECK(memcmp(sig, "LPSLPSLPS\0\0\0", 12) == 0);
	LPS_CHECK(lps_x86_is_sig(&r));
	r.edx = 0;
	LPS_CHECK(!lps_x86_is_sig(&r));

	r.ebx = LPS_X86_AMD_EBX;
	r.edx = LPS_X86_AMD_EDX;
	r.ecx = LPS_X86_AMD_ECX;
	LPS_CHECK_EQ(lps_x86_insn_for(&r), LPS_X86_VMMCALL);
	r.ebx = LPS_X86_HYGON_EBX;
	r.edx = LPS_X86_HYGON_EDX;
	r.ecx = LPS_X86_HYGON_ECX;
	LPS_CHECK_EQ(lps_x86_insn_for(&r), LPS_X86_VMMCALL);
	memcpy(&r.ebx, "Genu", 4);
	memcpy(&r.edx, "ineI", 4);
	memcpy(&r.ecx, "ntel", 4);
	LPS_CHECK_EQ(lps_x86_insn_for(&r), LPS_X86_VMCALL);
	if (lps_le32(1) == 1) {
		memcpy(&r.ebx, "Auth", 4);
		memcpy(&r.edx, "enti", 4);
		memcpy(&r.ecx, "cAMD", 4);
		LPS_CHECK_EQ(lps_x86_insn_for(&r), LPS_X86_VMMCALL);
	}

	LPS_CHECK_EQ(lps_hc_result(0), 0);
	LPS_CHECK_EQ(lps_hc_result(1), LPS_R_DISCARDED);
	LPS_CHECK_EQ(lps_hc_result(0x1f), 0x1f);
	LPS_CHECK_EQ(lps_hc_result(0x100), -LPS_EPROTO);
	LPS_CHECK_EQ(lps_hc_result((uint64_t)-1000), -LPS_ENOTSUP);
	LPS_CHECK_EQ(lps_hc_result((uint64_t)-4), -LPS_EIO);
	LPS_CHECK_EQ(lps_hc_result((uint64_t)INT64_MIN), -LPS_EIO);
	for (i = 0; i < ARRAY_LEN(wire_errs); i++)
		LPS_CHECK_EQ(lps_hc_result(lps_hc_encode_result(-wire_errs[i])),
			     -wire_errs[i]);
	/* Our numbers are not KVM's (1 .. 12) and fit 32 bits. */
	LPS_CHECK(LPS_HC_SUBMIT > 0xffff && LPS_HC_LAST <= 0xffffffffu);
}

static void test_smccc(void)
{
	struct lps_smccc_regs r = { { 0 } };
	uint8_t uid[16];
	const uint8_t want[16] = {
		0x6c, 0x70, 0x73, 0x2d, 0x70, 0x67, 0x53, 0x74,
		0xa9, 0x7e, 0x4c, 0x50, 0x53, 0x48, 0x4e, 0x54,
	};
	uint32_t w[4] = { LPS_SMCCC_UID_0, LPS_SMCCC_UID_1, LPS_SMCCC_UID_2,
			  LPS_SMCCC_UID_3 };
	size_t i;

	LPS_CHECK_EQ(LPS_SMCCC_VENDOR_HYP_UID, 0x8600ff01u);
	LPS_CHECK_EQ(LPS_SMCCC_FEATURES, 0xc6001000u);
	LPS_CHECK_EQ(LPS_SMCCC_SUBMIT, 0xc6001001u);
	LPS_CHECK_EQ(LPS_SMCCC_MAKE_STABLE, 0xc6001002u);
	LPS_CHECK_EQ(LPS_SMCCC_GET_STATE, 0xc6001003u);
	/* Each register holds four UUID bytes little-endian. */
	for (i = 0; i < 16; i++)
		uid[i] = (uint8_t)(w[i / 4] >> (8 * (i % 4)));
	LPS_CHECK(memcmp(uid, want, 16) == 0);
	for (i = 0; i < 4; i++)
		r.x[i] = w[i] | 0xdead000000000000ull;
	LPS_CHECK(lps_smccc_uid_is_ours(&r));
	r.x[3] ^= 1;
	LPS_CHECK(!lps_smccc_uid_is_ours(&r));

	LPS_CHECK_EQ(lps_smccc_result(0), 0);
	LPS_CHECK_EQ(lps_smccc_result(1), LPS_R_DISCARDED);
	LPS_CHECK_EQ(lps_smccc_result((uint64_t)-1), -LPS_ENOTSUP);
	LPS_CHECK_EQ(lps_smccc_result((uint64_t)-2), -LPS_EIO);
	LPS_CHECK_EQ(lps_smccc_result((uint64_t)-3), -LPS_EIO);
	LPS_CHECK_EQ(lps_smccc_result((uint64_t)-(0x100 + 200)), -LPS_EIO);
	LPS_CHECK_EQ(lps_smccc_result(0x1234), -LPS_EPROTO);
	for (i = 0; i < ARRAY_LEN(wire_errs); i++) {
		uint64_t x0 = lps_smccc_encode_result(-wire_errs[i]);

		/* Never one of SMCCC's own codes (-1 .. -3). */
		LPS_CHECK((int64_t)x0 < -3);
		LPS_CHECK_EQ(lps_smccc_result(x0), -wire_errs[i]);
	}
}

int main(void)
{
	test_descriptor_layout();
	test_descriptor_byte_order();
	test_essa_commands();
	test_essa_result();
	test_essa_insn();
	test_x86();
	test_smccc();
	return lps_test_done();
}
