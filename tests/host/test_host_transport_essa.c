// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_host_transport_essa.c - the host-side ESSA decoder: every command, the
 * result byte KVM would give, a dropped frame answering "discarded", and
 * every bad guest value refused with R1 = exception and no state changed.
 */
#include <pagestates/host/lps_transport.h>
#include <pagestates/wire/lps_wire_essa.h>
#include "lps_test.h"
#include "lps_host_fixture.h"

static struct fix f;

static void test_commands(void)
{
	uint64_t r1 = 77;
	lps_fstate_t s;

	fix_init(&f, FIX_FRAMES);
	LPS_CHECK_EQ(lps_essa_handle(&f.h, LPS_ESSA_SET_UNUSED,
				     lps_essa_addr(3), &r1), 0);
	LPS_CHECK_EQ(r1, 0);	/* was stable, resident */
	LPS_CHECK_EQ(fix_usage(&f, 3), LPS_UNUSED);
	LPS_CHECK_EQ(lps_essa_handle(&f.h, LPS_ESSA_GET_STATE,
				     lps_essa_addr(3), &r1), 0);
	LPS_CHECK_EQ(r1, LPS_ESSA_USAGE_UNUSED << LPS_ESSA_RES_USAGE_SHIFT);
	/* The byte offset inside the frame does not matter. */
	LPS_CHECK_EQ(lps_essa_handle(&f.h, LPS_ESSA_SET_VOLATILE,
				     lps_essa_addr(4) + 0xabc, &r1), 0);
	LPS_CHECK_EQ(fix_usage(&f, 4), LPS_VOLATILE);
	LPS_CHECK_EQ(lps_essa_handle(&f.h, LPS_ESSA_SET_POT_VOLATILE,
				     lps_essa_addr(5), &r1), 0);
	LPS_CHECK_EQ(lps_essa_handle(&f.h, LPS_ESSA_GET_STATE,
				     lps_essa_addr(5), &r1), 0);
	LPS_CHECK_EQ(lps_essa_decode(r1, &s), 0);
	LPS_CHECK_EQ(lps_fs_usage(s), LPS_POT_VOLATILE);
	LPS_CHECK_EQ(lps_essa_handle(&f.h, LPS_ESSA_SET_STABLE,
				     lps_essa_addr(4), &r1), 0);
	LPS_CHECK_EQ(r1, LPS_ESSA_USAGE_VOLATILE << LPS_ESSA_RES_USAGE_SHIFT);
	LPS_CHECK_EQ(fix_usage(&f, 4), LPS_STABLE);
}

static void test_discarded(void)
{
	struct lps_host_reclaim_result res;
	uint64_t r1 = 0;
	lps_fstate_t s;

	fix_init(&f, FIX_FRAMES);
	LPS_CHECK_EQ(lps_essa_handle(&f.h, LPS_ESSA_SET_VOLATILE,
				     lps_essa_addr(9), &r1), 0);
	LPS_CHECK_EQ(lps_host_reclaim_all(&f.h, &res), 0);
	LPS_CHECK_EQ(res.dropped_volatile, 1);
	LPS_CHECK_EQ(lps_essa_handle(&f.h, LPS_ESSA_SET_STABLE,
				     lps_essa_addr(9), &r1), LPS_R_DISCARDED);
	/* Volatile, zero: what the guest port reads as "discarded". */
	LPS_CHECK_EQ(r1, 0x0f);
	LPS_CHECK_EQ(lps_essa_decode(r1, &s), 0);
	LPS_CHECK(lps_fs_discarded(s));
	LPS_CHECK_EQ(fix_usage(&f, 9), LPS_STABLE);
}

static void check_refused(uint32_t m3, uint64_t r2, int want)
{
	lps_fstate_t before[FIX_FRAMES];
	uint64_t r1 = 0;

	memcpy(before, f.states, sizeof(before));
	LPS_CHECK_EQ(lps_essa_handle(&f.h, m3, r2, &r1), want);
	LPS_CHECK_EQ(r1, LPS_ESSA_RES_EXCEPTION);
	LPS_CHECK(memcmp(before, f.states, sizeof(before)) == 0);
}

static void test_refused(void)
{
	uint32_t m3;
	uint64_t r1 = 0;

	fix_init(&f, FIX_FRAMES);
	for (m3 = LPS_ESSA_MAX + 1; m3 < 16; m3++)
		check_refused(m3, 0, -LPS_EINVAL);
	check_refused(0xffffffffu, 0, -LPS_EINVAL);
	check_refused(LPS_ESSA_SET_STABLE_RESIDENT, 0, -LPS_ENOTSUP);
	check_refused(LPS_ESSA_SET_STABLE_IF_RESIDENT, 0, -LPS_ENOTSUP);
	check_refused(LPS_ESSA_SET_STABLE_NODAT, 0, -LPS_ENOTSUP);
	check_refused(LPS_ESSA_SET_UNUSED, lps_essa_addr(FIX_FRAMES),
		      -LPS_ERANGE);
	check_refused(LPS_ESSA_GET_STATE, ~0ull, -LPS_ERANGE);
	/* The host model's own refusal: a free frame is not page cache. */
	LPS_CHECK_EQ(lps_essa_handle(&f.h, LPS_ESSA_SET_UNUSED,
				     lps_essa_addr(2), &r1), 0);
	check_refused(LPS_ESSA_SET_VOLATILE, lps_essa_addr(2), -LPS_EPERM);
	LPS_CHECK_EQ(lps_essa_handle(&f.h, 1, 0, NULL), -LPS_EINVAL);
	r1 = 0;
	LPS_CHECK_EQ(lps_essa_handle(NULL, 1, 0, &r1), -LPS_EINVAL);
	LPS_CHECK_EQ(r1, LPS_ESSA_RES_EXCEPTION);
}

/* Random guest values: each call either succeeds or changes nothing. */
static void test_random(void)
{
	unsigned int i, ok = 0;

	fix_init(&f, FIX_FRAMES);
	lps_test_seed(0xe55a);
	for (i = 0; i < 20000; i++) {
		lps_fstate_t before[FIX_FRAMES];
		uint32_t m3 = (uint32_t)lps_test_below(16);
		uint64_t r2 = lps_test_below(4) ? lps_test_below(FIX_FRAMES *
						4096 + 8192) : lps_test_rand();
		uint64_t r1 = 0;
		lps_fstate_t s;
		int ret;

		memcpy(before, f.states, sizeof(before));
		ret = lps_essa_handle(&f.h, m3, r2, &r1);
		if (ret < 0) {
			LPS_CHECK_EQ(r1, LPS_ESSA_RES_EXCEPTION);
			LPS_CHECK(memcmp(before, f.states,
					 sizeof(before)) == 0);
		} else {
			ok++;
			LPS_CHECK_EQ(lps_essa_decode(r1, &s), 0);
		}
		if (i % 512 == 0) {
			struct lps_host_reclaim_result res;

			lps_host_reclaim_all(&f.h, &res);
		}
	}
	printf("random: %u of 20000 calls applied\n", ok);
	LPS_CHECK(ok > 1000);
}

int main(void)
{
	test_commands();
	test_discarded();
	test_refused();
	test_random();
	return lps_test_done();
}
