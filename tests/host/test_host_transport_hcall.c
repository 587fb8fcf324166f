// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_host_transport_hcall.c - the host-side x86 hypercall decoder: each call,
 * partial completion through the cursor, and every bad register or
 * descriptor refused with a defined RAX and no state changed.
 */
#include <pagestates/host/lps_transport.h>
#include "lps_test.h"
#include "lps_host_fixture.h"

#define RAM_PAGES 4u
#define RAM_TAIL 100u

static struct fix f;
static uint8_t ram[RAM_PAGES * 4096 + RAM_TAIL] __attribute__((aligned(4096)));
static struct lps_gmem_flat flat = { ram, sizeof(ram) };
static const struct lps_gmem mem = { lps_gmem_flat_map, &flat };

static struct lps_batch *desc(unsigned int page)
{
	return (struct lps_batch *)(ram + page * 4096);
}

static int64_t call(uint64_t nr, uint64_t a0, uint64_t a1, uint32_t budget)
{
	struct lps_x86_regs r = { nr, a0, a1, 0xdead, 0xbeef };

	LPS_CHECK_EQ(lps_x86_hcall_handle(&f.h, &mem, &r, budget), 1);
	LPS_CHECK_EQ(r.rbx, a0);	/* only RAX is written */
	LPS_CHECK_EQ(r.rdx, 0xdead);
	return (int64_t)r.rax;
}

static void test_submit(void)
{
	struct lps_batch *b = desc(1);

	fix_init(&f, FIX_FRAMES);
	fix_batch_reset(b);
	fix_batch_add(b, 0, 4, LPS_UNUSED);
	fix_batch_add(b, 10, 1, LPS_VOLATILE);
	fix_batch_add(b, 20, 2, LPS_POT_VOLATILE);
	/* A budget of one range: the guest resumes from the cursor. */
	LPS_CHECK_EQ(call(LPS_HC_SUBMIT, 4096, 0, 1), -LPS_EAGAIN);
	LPS_CHECK_EQ(lps_le16(b->hdr.cursor), 1);
	LPS_CHECK_EQ(fix_usage(&f, 3), LPS_UNUSED);
	LPS_CHECK_EQ(fix_usage(&f, 10), LPS_STABLE);
	LPS_CHECK_EQ(call(LPS_HC_SUBMIT, 4096, 0, 0), 0);
	LPS_CHECK_EQ(lps_le16(b->hdr.cursor), 3);
	LPS_CHECK_EQ(fix_usage(&f, 10), LPS_VOLATILE);
	LPS_CHECK_EQ(fix_usage(&f, 21), LPS_POT_VOLATILE);
	LPS_CHECK_EQ(call(LPS_HC_GET_STATE, 21, 0, 0),
		     LPS_FS(LPS_POT_VOLATILE, LPS_RESIDENT, 0));
}

static void test_make_stable(void)
{
	struct lps_host_reclaim_result res;

	LPS_CHECK_EQ(lps_host_reclaim_all(&f.h, &res), 0);
	LPS_CHECK_EQ(call(LPS_HC_MAKE_STABLE, 0, 4, 0), 0);
	LPS_CHECK_EQ(call(LPS_HC_MAKE_STABLE, 8, 4, 0), LPS_R_DISCARDED);
	LPS_CHECK_EQ(fix_usage(&f, 10), LPS_STABLE);
	LPS_CHECK_EQ(call(LPS_HC_MAKE_STABLE, 8, 4, 0), 0);
}

/* A refused call: RAX is the code (0: any error), and nothing moved. */
static void refused(uint64_t nr, uint64_t a0, uint64_t a1, int want)
{
	lps_fstate_t before[FIX_FRAMES];
	uint8_t ram_before[sizeof(ram)];
	int got;

	memcpy(before, f.states, sizeof(before));
	memcpy(ram_before, ram, sizeof(ram));
	got = lps_hc_result((uint64_t)call(nr, a0, a1, 0));

	if (want ? got != want : got >= 0)
		fprintf(stderr, "call 0x%" PRIx64 "(0x%" PRIx64 ", 0x%" PRIx64
			"): %d, want %d\n", nr, a0, a1, got, want);
	LPS_CHECK(want ? got == want : got < 0);
	LPS_CHECK(memcmp(before, f.states, sizeof(before)) == 0);
	LPS_CHECK(memcmp(ram_before, ram, sizeof(ram)) == 0);
}

static void test_refused(void)
{
	struct lps_batch *b = desc(2);
	struct lps_x86_regs r = { 1, 2, 3, 4, 5 };
	struct lps_x86_regs copy = r;

	fix_init(&f, FIX_FRAMES);
	/* Not our number: untouched, for the hypervisor to serve. */
	LPS_CHECK_EQ(lps_x86_hcall_handle(&f.h, &mem, &r, 0), 0);
	LPS_CHECK(memcmp(&r, &copy, sizeof(r)) == 0);
	r.rax = LPS_HC_BASE - 1;
	LPS_CHECK_EQ(lps_x86_hcall_handle(&f.h, &mem, &r, 0), 0);
	r.rax = LPS_HC_BASE | (1ull << 32);
	LPS_CHECK_EQ(lps_x86_hcall_handle(&f.h, &mem, &r, 0), 0);
	LPS_CHECK_EQ(lps_x86_hcall_handle(NULL, &mem, &r, 0), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_x86_hcall_handle(&f.h, &mem, NULL, 0), -LPS_EINVAL);

	refused(LPS_HC_BASE, 0, 0, -LPS_ENOTSUP);
	refused(LPS_HC_BASE + 0x80, 0, 0, -LPS_ENOTSUP);

	fix_batch_reset(b);
	fix_batch_add(b, 1, 1, LPS_UNUSED);
	refused(LPS_HC_SUBMIT, 2 * 4096 + 8, 0, -LPS_EINVAL);	/* unaligned */
	refused(LPS_HC_SUBMIT, 2 * 4096, 1, -LPS_EINVAL);	/* RCX */
	refused(LPS_HC_SUBMIT, (RAM_PAGES + 1) * 4096, 0, -LPS_ERANGE);
	refused(LPS_HC_SUBMIT, 1ull << 52, 0, -LPS_ERANGE);
	refused(LPS_HC_SUBMIT, ~0ull << 12, 0, -LPS_ERANGE);
	/* Bad descriptors: the host model refuses them whole. */
	b->hdr.magic ^= 0x100;
	refused(LPS_HC_SUBMIT, 2 * 4096, 0, -LPS_EPROTO);
	fix_batch_reset(b);
	fix_batch_add(b, 1, 1, LPS_UNUSED);
	fix_batch_add(b, FIX_FRAMES - 1, 2, LPS_UNUSED);
	refused(LPS_HC_SUBMIT, 2 * 4096, 0, -LPS_ERANGE);

	refused(LPS_HC_MAKE_STABLE, 0, 0, -LPS_EINVAL);
	refused(LPS_HC_MAKE_STABLE, FIX_FRAMES, 1, -LPS_ERANGE);
	/* Wraps around: the host model's call which code; it must refuse. */
	refused(LPS_HC_MAKE_STABLE, 1, ~0ull, 0);
	refused(LPS_HC_GET_STATE, FIX_FRAMES, 0, -LPS_ERANGE);
}

/*
 * The last page of guest RAM is only RAM_TAIL bytes long: the host model
 * must see that length, so a descriptor claiming more ranges than fit is
 * refused instead of read past the end.
 */
static void test_short_page(void)
{
	uint8_t *tail = ram + RAM_PAGES * 4096;
	struct lps_batch_hdr h;
	struct lps_range rg;
	unsigned int i;

	fix_init(&f, FIX_FRAMES);
	memset(&h, 0, sizeof(h));
	h.magic = lps_le32(LPS_BATCH_MAGIC);
	h.version = lps_le16(LPS_BATCH_VERSION);
	h.nr = lps_le16(10);
	memcpy(tail, &h, sizeof(h));
	for (i = 0; (i + 1) * sizeof(rg) + sizeof(h) <= RAM_TAIL; i++) {
		rg.pfn = lps_le64(i);
		rg.count = lps_le32(1);
		rg.usage = lps_le32(LPS_UNUSED);
		memcpy(tail + sizeof(h) + i * sizeof(rg), &rg, sizeof(rg));
	}
	refused(LPS_HC_SUBMIT, RAM_PAGES * 4096, 0, -LPS_EPROTO);
	/* As many as really fit are fine. */
	h.nr = lps_le16((uint16_t)i);
	memcpy(tail, &h, sizeof(h));
	LPS_CHECK_EQ(call(LPS_HC_SUBMIT, RAM_PAGES * 4096, 0, 0), 0);
	LPS_CHECK_EQ(fix_usage(&f, i - 1), LPS_UNUSED);
}

int main(void)
{
	test_submit();
	test_make_stable();
	test_refused();
	test_short_page();
	return lps_test_done();
}
