// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_qemu_glue_arm.c - hypervisor-glue/qemu/lps-qemu-arm.c and
 * lps-qemu-gmem.c, unmodified, over stand-ins for QEMU's headers (stub/)
 * and a real host model: the SMCCC 1.1 discovery QEMU's PSCI lacks, the
 * vendor-hypervisor UID and FEATURES calls, a hint descriptor in guest
 * RAM, function IDs that are not ours left to PSCI untouched, unknown ones
 * in our block answered NOT_SUPPORTED, and a model-less VM.
 */
#include "qemu/osdep.h"
#include "lps-qemu.h"
#include "qemu_glue_env.h"
#include "lps_test.h"
#include "lps_host_fixture.h"

#define SMCCC_VERSION		0x80000000u
#define SMCCC_ARCH_FEATURES	0x80000001u
#define SMCCC_ARCH_WORKAROUND_1	0x80008000u
#define PSCI_VERSION		0x84000000u
#define PSCI_FEATURES		0x8400000au
#define KVM_HYP_FEATURES	0x86000000u	/* KVM's own vendor-hyp call */
#define NOT_SUPPORTED		UINT64_MAX

static struct fix *f;
static uint64_t x[8];

/* One call with x0 = @fn, x1-x2 the arguments, x3-x7 marked. */
static bool call(uint64_t fn, uint64_t a1, uint64_t a2)
{
	unsigned int i;
	bool ours;

	x[0] = fn;
	x[1] = a1;
	x[2] = a2;
	for (i = 3; i < 8; i++)
		x[i] = 0x700 + i;
	ours = lps_qemu_smccc(x);
	LPS_CHECK_EQ(lps_stub_rcu_depth, 0);
	LPS_CHECK_EQ(qg.rcu_violations, 0);
	/* x4-x7 are never results; x0-x3 only when the call was ours. */
	for (i = ours ? 4 : 1; i < 8; i++)
		LPS_CHECK_EQ(x[i], i == 1 ? a1 : i == 2 ? a2 : 0x700 + i);
	if (!ours)
		LPS_CHECK_EQ(x[0], fn);
	return ours;
}

static uint64_t err(int e)
{
	return lps_smccc_encode_result(e);
}

/* Answered with or without a model, and never a served call. */
static void test_discovery(bool ready)
{
	qg_reset(ready ? &f->h : NULL);
	LPS_CHECK(call(SMCCC_VERSION, 0, 0));
	LPS_CHECK_EQ(x[0], 0x10001);
	LPS_CHECK(call(SMCCC_ARCH_FEATURES, SMCCC_VERSION, 0));
	LPS_CHECK_EQ(x[0], 0);
	LPS_CHECK(call(SMCCC_ARCH_FEATURES, SMCCC_ARCH_WORKAROUND_1, 0));
	LPS_CHECK_EQ(x[0], NOT_SUPPORTED);
	LPS_CHECK(call(PSCI_FEATURES, SMCCC_VERSION, 0));
	LPS_CHECK_EQ(x[0], 0);
	/* The rest of PSCI_FEATURES is PSCI's. */
	LPS_CHECK(!call(PSCI_FEATURES, PSCI_VERSION, 0));
	LPS_CHECK(!call(PSCI_VERSION, 0, 0));
	LPS_CHECK_EQ(qg.calls, 0);
}

static void test_uid_features(void)
{
	struct lps_smccc_regs r;

	qg_reset(&f->h);
	LPS_CHECK(call(LPS_SMCCC_VENDOR_HYP_UID, 0, 0));
	memcpy(r.x, x, sizeof(r.x));
	LPS_CHECK(lps_smccc_uid_is_ours(&r));
	LPS_CHECK(call(LPS_SMCCC_FEATURES, 0, 0));
	LPS_CHECK_EQ(x[0], LPS_SMCCC_F_ALL);
	LPS_CHECK_EQ(x[1], LPS_SMCCC_ABI_VERSION);
	/* SMCCC: only w0 names the function. */
	LPS_CHECK(call(0xffffffff00000000ull | LPS_SMCCC_FEATURES, 0, 0));
	LPS_CHECK_EQ(x[0], LPS_SMCCC_F_ALL);
	LPS_CHECK(qg.port && !strcmp(qg.port, "arm64"));
	LPS_CHECK_EQ(qg.calls, 3);
}

/* Not ours: false and x0-x7 as they were, for PSCI to answer. */
static void test_not_ours(void)
{
	static const uint32_t ids[] = {
		KVM_HYP_FEATURES,
		LPS_SMCCC_FEATURES & ~LPS_SMCCC_FAST_CALL,	/* yielding */
		(LPS_SMCCC_SUBMIT & ~(0x3fu << LPS_SMCCC_OWNER_SHIFT)) |
			5u << LPS_SMCCC_OWNER_SHIFT,		/* owner 5 */
		LPS_SMCCC_ID(1, LPS_SMCCC_FN_BASE + 0x100),
		LPS_SMCCC_ID(1, LPS_SMCCC_FN_BASE - 1),
		LPS_SMCCC_ID(0, 0xff00u),
	};
	size_t i;

	qg_reset(&f->h);
	for (i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
		LPS_CHECK(!call(ids[i], QG_RAM_BASE, 0));
	LPS_CHECK_EQ(qg.calls, 0);

	/* In our block but no such function, or the SMC32 width: -1. */
	LPS_CHECK(call(LPS_SMCCC_FN(0x80), 0, 0));
	LPS_CHECK_EQ(x[0], NOT_SUPPORTED);
	LPS_CHECK(call(LPS_SMCCC_FEATURES & ~LPS_SMCCC_SMC64, 0, 0));
	LPS_CHECK_EQ(x[0], NOT_SUPPORTED);
}

/* Before machine-init-done: none of ours is answered, RAM never read. */
static void test_modelless(void)
{
	uint64_t gpa = QG_RAM_BASE;
	struct fix_shot shot;

	qg_reset(NULL);
	fix_desc_init(qg_at(&qg_ram, gpa));
	fix_desc_add(qg_at(&qg_ram, gpa), 0, 4, LPS_UNUSED);
	fix_take(f, &shot);
	LPS_CHECK(!call(LPS_SMCCC_VENDOR_HYP_UID, 0, 0));
	LPS_CHECK(!call(LPS_SMCCC_FEATURES, 0, 0));
	LPS_CHECK(!call(LPS_SMCCC_SUBMIT, gpa, 0));
	LPS_CHECK(!call(LPS_SMCCC_GET_STATE, 0, 0));
	LPS_CHECK_EQ(qg.translations, 0);
	LPS_CHECK_EQ(qg.dirty_calls, 0);
	LPS_CHECK_EQ(fix_get16(qg_at(&qg_ram, gpa) + FIX_OFF_CURSOR), 0);
	FIX_UNCHANGED(f, &shot, 0);
}

static void test_submit(void)
{
	uint64_t gpa = QG_RAM_BASE + 5 * QG_PAGE;
	uint8_t *d = qg_at(&qg_ram, gpa);
	struct fix_shot shot;
	unsigned int i;

	qg_reset(&f->h);
	fix_desc_init(d);
	fix_desc_add(d, 0, 8, LPS_UNUSED);
	fix_desc_add(d, 50, 3, LPS_VOLATILE);
	LPS_CHECK(call(LPS_SMCCC_SUBMIT, gpa, 0));
	LPS_CHECK_EQ(x[0], 0);
	LPS_CHECK_EQ(fix_usage(f, 7), LPS_UNUSED);
	LPS_CHECK_EQ(fix_usage(f, 8), LPS_STABLE);
	LPS_CHECK_EQ(fix_usage(f, 52), LPS_VOLATILE);
	LPS_CHECK_EQ(fix_get16(d + FIX_OFF_CURSOR), 2);
	LPS_CHECK_EQ(qg.dirty_calls, 1);
	LPS_CHECK(qg.dirty_mr == &qg_ram);
	LPS_CHECK_EQ(qg.dirty_addr, gpa - QG_RAM_BASE);
	LPS_CHECK_EQ(qg.dirty_size, QG_PAGE);

	/*
	 * Frames 0-7 are unused now and cannot become volatile: the model
	 * refuses the whole descriptor, in SMCCC's error encoding.
	 */
	fix_desc_init(d);
	for (i = 0; i < LPS_BATCH_MAX_RANGES; i++)
		fix_desc_add(d, i, 1, LPS_VOLATILE);
	fix_take(f, &shot);
	LPS_CHECK(call(LPS_SMCCC_SUBMIT, gpa, 0));
	LPS_CHECK_EQ(x[0], err(-LPS_EPERM));
	LPS_CHECK_EQ(fix_get16(d + FIX_OFF_CURSOR), 0);
	FIX_UNCHANGED(f, &shot, 1);

	/* No budget: all 255 ranges in one call. */
	fix_desc_init(d);
	for (i = 0; i < LPS_BATCH_MAX_RANGES; i++)
		fix_desc_add(d, i, 1, i < 8 ? LPS_STABLE : LPS_VOLATILE);
	LPS_CHECK(call(LPS_SMCCC_SUBMIT, gpa, 0));
	LPS_CHECK_EQ(x[0], 0);
	LPS_CHECK_EQ(fix_get16(d + FIX_OFF_CURSOR), LPS_BATCH_MAX_RANGES);
	LPS_CHECK_EQ(fix_usage(f, LPS_BATCH_MAX_RANGES - 1), LPS_VOLATILE);

	/* The frame calls, errors in SMCCC's encoding. */
	LPS_CHECK(call(LPS_SMCCC_GET_STATE, 3, 0));
	LPS_CHECK_EQ(x[0], LPS_FS(LPS_STABLE, LPS_RESIDENT, 0));
	LPS_CHECK(call(LPS_SMCCC_MAKE_STABLE, 100, 4));
	LPS_CHECK_EQ(x[0], 0);
	LPS_CHECK(call(LPS_SMCCC_GET_STATE, f->nframes, 0));
	LPS_CHECK_EQ(x[0], err(-LPS_ERANGE));
	LPS_CHECK_EQ(lps_smccc_result(x[0]), -LPS_ERANGE);

	/* Anywhere but writable RAM: refused, the model untouched. */
	for (i = 0; i < 4; i++) {
		fix_desc_init(qg_refused[i]->host);
		fix_desc_add(qg_refused[i]->host, 30, 2, LPS_UNUSED);
	}
	fix_take(f, &shot);
	for (i = 0; i < 4; i++) {
		LPS_CHECK(call(LPS_SMCCC_SUBMIT, qg_refused[i]->addr, 0));
		LPS_CHECK_EQ(x[0], err(-LPS_ERANGE));
		LPS_CHECK_EQ(fix_get16(qg_refused[i]->host + FIX_OFF_CURSOR),
			     0);
	}
	LPS_CHECK(call(LPS_SMCCC_SUBMIT, QG_UNASSIGNED, 0));
	LPS_CHECK_EQ(x[0], err(-LPS_ERANGE));
	FIX_UNCHANGED(f, &shot, 0);
}

int main(void)
{
	f = fix_new(FIX_MAX_FRAMES);
	test_discovery(false);
	test_discovery(true);
	test_uid_features();
	test_not_ours();
	test_modelless();
	test_submit();
	free(f);
	return lps_test_done();
}
