// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_host_transport_essa.c - the host-side ESSA decoder: every command, the
 * result byte KVM would give, a dropped frame answering "discarded",
 * commands 5-7 on every state of the transition table, KVM's program
 * exceptions (R1 untouched) for a bad command or frame, and the model's
 * refusals with R1 = exception indication and no state changed.
 */
#include <pagestates/host/lps_transport.h>
#include <pagestates/wire/lps_wire_essa.h>
#include <pagestates/lps_state.h>
#include "../vectors/transitions.h"
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

/* Refused with @r1_want in R1 (a sentinel: untouched) and nothing changed. */
static void check_refused(uint32_t m3, uint64_t r2, int want,
			  uint64_t r1_want)
{
	lps_fstate_t before[FIX_FRAMES];
	uint64_t r1 = 0x5a;

	memcpy(before, f.states, sizeof(before));
	LPS_CHECK_EQ(lps_essa_handle(&f.h, m3, r2, &r1), want);
	LPS_CHECK_EQ(r1, r1_want);
	LPS_CHECK(memcmp(before, f.states, sizeof(before)) == 0);
}

static void test_refused(void)
{
	uint32_t m3;
	uint64_t r1 = 0;

	fix_init(&f, FIX_FRAMES);
	/* KVM: specification / addressing exception, R1 untouched. */
	for (m3 = LPS_ESSA_MAX + 1; m3 < 16; m3++)
		check_refused(m3, 0, -LPS_EINVAL, 0x5a);
	check_refused(0xffffffffu, 0, -LPS_EINVAL, 0x5a);
	check_refused(LPS_ESSA_SET_UNUSED, lps_essa_addr(FIX_FRAMES),
		      -LPS_ERANGE, 0x5a);
	check_refused(LPS_ESSA_GET_STATE, ~0ull, -LPS_ERANGE, 0x5a);
	/* The host model's own refusal: a free frame is not page cache. */
	LPS_CHECK_EQ(lps_essa_handle(&f.h, LPS_ESSA_SET_UNUSED,
				     lps_essa_addr(2), &r1), 0);
	check_refused(LPS_ESSA_SET_VOLATILE, lps_essa_addr(2), -LPS_EPERM,
		      LPS_ESSA_RES_EXCEPTION);
	LPS_CHECK_EQ(lps_essa_handle(&f.h, 1, 0, NULL), -LPS_EINVAL);
	r1 = 0x5a;
	LPS_CHECK_EQ(lps_essa_handle(NULL, 1, 0, &r1), -LPS_EINVAL);
	LPS_CHECK_EQ(r1, 0x5a);
}

/*
 * Commands 5, 6 and 7 on a frame in every state the transition table
 * lists: 5 and 7 do what SET_STABLE does there, 6 does it only when the
 * content is resident and otherwise changes nothing; R1 is the old state.
 */
static void test_stable_variants(void)
{
	static const uint32_t cmds[] = {
		LPS_ESSA_SET_STABLE_RESIDENT, LPS_ESSA_SET_STABLE_IF_RESIDENT,
		LPS_ESSA_SET_STABLE_NODAT,
	};
	size_t n = sizeof(lps_transition_vectors) /
		   sizeof(lps_transition_vectors[0]);
	size_t i, k, checked = 0;

	for (i = 0; i < n; i++) {
		const struct lps_transition_vector *v =
			&lps_transition_vectors[i];

		if (v->event != LPS_EV_SET_STABLE)
			continue;
		for (k = 0; k < sizeof(cmds) / sizeof(cmds[0]); k++) {
			bool acts = cmds[k] != LPS_ESSA_SET_STABLE_IF_RESIDENT ||
				    lps_fs_content(v->from) == LPS_RESIDENT;
			uint64_t r1 = 0x5a;
			lps_fstate_t now;

			fix_init(&f, FIX_FRAMES);
			fix_set_state(&f, 7, v->from);
			LPS_CHECK_EQ(lps_essa_handle(&f.h, cmds[k],
						     lps_essa_addr(7), &r1),
				     acts ? v->ret : 0);
			LPS_CHECK_EQ(r1, lps_essa_result(v->from));
			LPS_CHECK_EQ(lps_host_get_state(&f.h, 7, &now), 0);
			/* ESSA results carry no change bit: compare usage
			 * and content, as the vector says them. */
			LPS_CHECK_EQ(lps_fs_usage(now), lps_fs_usage(acts ?
				     v->next : v->from));
			LPS_CHECK_EQ(lps_fs_content(now), lps_fs_content(acts ?
				     v->next : v->from));
			checked++;
		}
	}
	LPS_CHECK(checked >= 3 * 12);
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
		uint64_t r1 = 0x5a;
		lps_fstate_t s;
		int ret;

		memcpy(before, f.states, sizeof(before));
		ret = lps_essa_handle(&f.h, m3, r2, &r1);
		if (ret < 0) {
			LPS_CHECK_EQ(r1, ret == -LPS_EINVAL ||
				     ret == -LPS_ERANGE ? 0x5a :
				     LPS_ESSA_RES_EXCEPTION);
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
	test_stable_variants();
	test_random();
	return lps_test_done();
}
