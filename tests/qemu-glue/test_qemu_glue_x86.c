// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_qemu_glue_x86.c - hypervisor-glue/qemu/lps-qemu-x86.c and
 * lps-qemu-gmem.c, unmodified, over stand-ins for QEMU's headers (stub/)
 * and a real host model: the CPUID block the guest's port probes, what a
 * stranger's hypercall number and a model-less VM get (KVM's -KVM_ENOSYS),
 * a descriptor in guest RAM applied whole with its cursor written back and
 * its page marked dirty, and a descriptor anywhere but writable RAM
 * refused with the model untouched.
 */
#include "qemu/osdep.h"
#include "lps-qemu.h"
#include "qemu_glue_env.h"
#include "lps_test.h"
#include "lps_host_fixture.h"

#define BASE	(LPS_X86_CPUID_FIRST + LPS_X86_CPUID_STEP)
#define ENOSYS_RAX ((uint64_t)-1000)	/* -KVM_ENOSYS, as KVM answers */
#define UNTOUCHED 0x5a5a5a5au

static struct fix *f;

/* One vmcall; every RCU section the glue opened must be closed again. */
static uint64_t hc(uint64_t nr, uint64_t a0, uint64_t a1)
{
	uint64_t rax = lps_qemu_x86_hcall(nr, a0, a1, 0xdead, 0xbeef);

	LPS_CHECK_EQ(lps_stub_rcu_depth, 0);
	LPS_CHECK_EQ(qg.rcu_violations, 0);
	return rax;
}

static uint64_t hc_err(int err)
{
	return lps_hc_encode_result(err);
}

/* CPUID @index: whether the glue answered, and nothing written if not. */
static bool cpuid(uint32_t index, struct lps_x86_cpuid_regs *r)
{
	bool ours;

	r->eax = r->ebx = r->ecx = r->edx = UNTOUCHED;
	ours = lps_qemu_x86_cpuid(index, &r->eax, &r->ebx, &r->ecx, &r->edx);
	if (!ours)
		LPS_CHECK(r->eax == UNTOUCHED && r->ebx == UNTOUCHED &&
			  r->ecx == UNTOUCHED && r->edx == UNTOUCHED);
	return ours;
}

static void test_cpuid(void)
{
	static const uint32_t others[] = {
		0, 1, LPS_X86_CPUID_FIRST, LPS_X86_CPUID_FIRST + 1, BASE + 2,
		BASE + 0xff, BASE + LPS_X86_CPUID_STEP, 0x80000000u,
	};
	struct lps_x86_cpuid_regs r;
	size_t i;

	/* Where the port looks, and not on TCG's own block. */
	LPS_CHECK((BASE - LPS_X86_CPUID_FIRST) % LPS_X86_CPUID_STEP == 0);
	LPS_CHECK(BASE != LPS_X86_CPUID_FIRST && BASE <= LPS_X86_CPUID_LAST);

	qg_reset(NULL);
	LPS_CHECK(!cpuid(BASE, &r));
	LPS_CHECK(!cpuid(BASE + LPS_X86_LEAF_FEATURES, &r));

	qg_reset(&f->h);
	LPS_CHECK(cpuid(BASE, &r));
	LPS_CHECK(lps_x86_is_sig(&r));
	LPS_CHECK_EQ(r.eax, BASE + LPS_X86_LEAF_FEATURES);	/* max leaf */
	LPS_CHECK(cpuid(BASE + LPS_X86_LEAF_FEATURES, &r));
	LPS_CHECK_EQ(r.eax, LPS_X86_F_HINTS);
	LPS_CHECK_EQ(r.ebx, LPS_X86_ABI_VERSION);
	LPS_CHECK_EQ(r.ecx, 0);
	LPS_CHECK_EQ(r.edx, 0);
	for (i = 0; i < sizeof(others) / sizeof(others[0]); i++)
		LPS_CHECK(!cpuid(others[i], &r));
	LPS_CHECK_EQ(qg.calls, 0);	/* a probe is no served call */
}

/* Not our numbers, or no model: -KVM_ENOSYS, and nothing looked at. */
static void test_strangers(void)
{
	static const uint64_t numbers[] = {
		1, 12, LPS_HC_BASE - 1, LPS_HC_BASE + 0x100,
		LPS_HC_SUBMIT | 1ull << 32,
	};
	uint64_t gpa = QG_RAM_BASE;
	struct fix_shot shot;
	size_t i;

	qg_reset(&f->h);
	fix_desc_init(qg_at(&qg_ram, gpa));
	fix_desc_add(qg_at(&qg_ram, gpa), 0, 4, LPS_UNUSED);
	fix_take(f, &shot);
	for (i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++)
		LPS_CHECK_EQ(hc(numbers[i], gpa, 0), ENOSYS_RAX);
	LPS_CHECK_EQ(qg.calls, 0);
	LPS_CHECK_EQ(qg.translations, 0);

	/* Ours but no such call: the decoder's answer, not KVM's. */
	LPS_CHECK_EQ(hc(LPS_HC_BASE, gpa, 0), hc_err(-LPS_ENOTSUP));
	LPS_CHECK_EQ(hc(LPS_HC_BASE + 0x80, gpa, 0), hc_err(-LPS_ENOTSUP));

	qg.host = NULL;		/* before machine-init-done */
	LPS_CHECK_EQ(hc(LPS_HC_SUBMIT, gpa, 0), ENOSYS_RAX);
	LPS_CHECK_EQ(hc(LPS_HC_MAKE_STABLE, 0, 1), ENOSYS_RAX);
	LPS_CHECK_EQ(hc(LPS_HC_GET_STATE, 0, 0), ENOSYS_RAX);
	LPS_CHECK_EQ(qg.translations, 0);
	LPS_CHECK_EQ(qg.dirty_calls, 0);
	LPS_CHECK_EQ(fix_get16(qg_at(&qg_ram, gpa) + FIX_OFF_CURSOR), 0);
	FIX_UNCHANGED(f, &shot, 0);
}

static void test_submit(void)
{
	uint64_t gpa = QG_RAM_BASE + 3 * QG_PAGE;
	uint8_t *d = qg_at(&qg_ram, gpa);
	unsigned int i;

	qg_reset(&f->h);
	fix_desc_init(d);
	fix_desc_add(d, 0, 4, LPS_UNUSED);
	fix_desc_add(d, 10, 1, LPS_VOLATILE);
	fix_desc_add(d, 20, 2, LPS_POT_VOLATILE);
	LPS_CHECK_EQ(hc(LPS_HC_SUBMIT, gpa, 0), 0);
	LPS_CHECK_EQ(fix_usage(f, 3), LPS_UNUSED);
	LPS_CHECK_EQ(fix_usage(f, 4), LPS_STABLE);
	LPS_CHECK_EQ(fix_usage(f, 10), LPS_VOLATILE);
	LPS_CHECK_EQ(fix_usage(f, 21), LPS_POT_VOLATILE);
	LPS_CHECK_EQ(fix_get16(d + FIX_OFF_CURSOR), 3);
	LPS_CHECK(qg.port && !strcmp(qg.port, "x86"));
	LPS_CHECK_EQ(qg.calls, 1);
	/* The cursor was written: that page, and only it, is dirty. */
	LPS_CHECK_EQ(qg.dirty_calls, 1);
	LPS_CHECK(qg.dirty_mr == &qg_ram);
	LPS_CHECK_EQ(qg.dirty_addr, gpa - QG_RAM_BASE);
	LPS_CHECK_EQ(qg.dirty_size, QG_PAGE);

	/* No budget: a full descriptor goes in one exit. */
	d = qg_at(&qg_ram, QG_RAM_BASE);
	fix_desc_init(d);
	for (i = 0; i < LPS_BATCH_MAX_RANGES; i++)
		fix_desc_add(d, i, 1, i < 100 ? LPS_STABLE : LPS_VOLATILE);
	LPS_CHECK_EQ(hc(LPS_HC_SUBMIT, QG_RAM_BASE, 0), 0);
	LPS_CHECK_EQ(fix_get16(d + FIX_OFF_CURSOR), LPS_BATCH_MAX_RANGES);
	LPS_CHECK_EQ(fix_usage(f, 3), LPS_STABLE);
	LPS_CHECK_EQ(fix_usage(f, LPS_BATCH_MAX_RANGES - 1), LPS_VOLATILE);
	LPS_CHECK_EQ(qg.dirty_addr, 0);
}

/*
 * Calls without a descriptor, on the frames test_submit() left volatile:
 * results pass through, no page is dirtied.
 */
static void test_frame_calls(void)
{
	struct lps_host_reclaim_result res;
	unsigned long dirty = qg.dirty_calls;

	LPS_CHECK_EQ(lps_host_reclaim_all(&f->h, &res), 0);
	LPS_CHECK(res.dropped_volatile > 0);
	LPS_CHECK_EQ(hc(LPS_HC_MAKE_STABLE, 200, 2), LPS_R_DISCARDED);
	LPS_CHECK_EQ(hc(LPS_HC_GET_STATE, 200, 0),
		     LPS_FS(LPS_STABLE, LPS_ZERO, 0));
	LPS_CHECK_EQ(hc(LPS_HC_GET_STATE, 0, 0),
		     LPS_FS(LPS_STABLE, LPS_RESIDENT, 0));
	LPS_CHECK_EQ(hc(LPS_HC_MAKE_STABLE, f->nframes, 1),
		     hc_err(-LPS_ERANGE));
	LPS_CHECK_EQ(hc(LPS_HC_MAKE_STABLE, 0, 0), hc_err(-LPS_EINVAL));
	LPS_CHECK_EQ(qg.dirty_calls, dirty);
}

/*
 * Each region holds a valid descriptor, so a glue that let the decoder
 * read it would change the model and write its cursor.
 */
static void test_refused(void)
{
	static const uint64_t nowhere[] = {
		QG_UNASSIGNED, QG_RAM_BASE + QG_RAM_PAGES * QG_PAGE, 1ull << 52,
	};
	struct fix_shot shot;
	size_t i;

	qg_reset(&f->h);
	for (i = 0; i < 4; i++) {
		MemoryRegion *mr = qg_refused[i];

		fix_desc_init(mr->host);
		fix_desc_add(mr->host, 30, 2, LPS_UNUSED);
	}
	fix_take(f, &shot);
	for (i = 0; i < 4; i++) {
		LPS_CHECK_EQ(hc(LPS_HC_SUBMIT, qg_refused[i]->addr, 0),
			     hc_err(-LPS_ERANGE));
		LPS_CHECK_EQ(fix_get16(qg_refused[i]->host + FIX_OFF_CURSOR),
			     0);
	}
	for (i = 0; i < sizeof(nowhere) / sizeof(nowhere[0]); i++)
		LPS_CHECK_EQ(hc(LPS_HC_SUBMIT, nowhere[i], 0),
			     hc_err(-LPS_ERANGE));
	/* One translation per call; a misaligned address never gets one. */
	LPS_CHECK_EQ(qg.translations, 4 + i);
	LPS_CHECK_EQ(hc(LPS_HC_SUBMIT, QG_RAM_BASE + 8, 0),
		     hc_err(-LPS_EINVAL));
	LPS_CHECK_EQ(qg.translations, 4 + i);
	LPS_CHECK_EQ(qg.dirty_calls, 0);
	FIX_UNCHANGED(f, &shot, 0);
}

/*
 * A RAM region shorter than a page: the model must be told its real
 * length, so ranges past it (valid ones, in the test's bytes behind the
 * region) are never read and the descriptor counts as too long.
 */
static void test_short_region(void)
{
	uint8_t *d = qg_ram_tail.host;
	unsigned int fit = (QG_TAIL_BYTES - FIX_HDR) / FIX_RANGE, i;
	struct fix_shot shot;

	qg_reset(&f->h);
	fix_desc_init(d);
	for (i = 0; i < fit + 4; i++)
		fix_desc_add(d, 40 + i, 1, LPS_UNUSED);
	fix_take(f, &shot);
	LPS_CHECK_EQ(hc(LPS_HC_SUBMIT, qg_ram_tail.addr, 0),
		     hc_err(-LPS_EPROTO));
	FIX_UNCHANGED(f, &shot, 1);
	fix_put16(d + FIX_OFF_NR, (uint16_t)fit);
	LPS_CHECK_EQ(hc(LPS_HC_SUBMIT, qg_ram_tail.addr, 0), 0);
	LPS_CHECK_EQ(fix_usage(f, 40 + fit - 1), LPS_UNUSED);
	LPS_CHECK_EQ(fix_usage(f, 40 + fit), LPS_STABLE);
	LPS_CHECK(qg.dirty_mr == &qg_ram_tail);
	LPS_CHECK_EQ(qg.dirty_size, QG_TAIL_BYTES);
}

int main(void)
{
	f = fix_new(FIX_MAX_FRAMES);
	test_cpuid();
	test_strangers();
	test_submit();
	test_frame_calls();
	test_refused();
	test_short_region();
	free(f);
	return lps_test_done();
}
