// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_state.c - replays every transition vector and checks the table is
 * total: each valid (state, event) cell is covered exactly once, and every
 * other byte is refused without touching the output.
 */
#include "lps_test.h"
#include "vectors/transitions.h"

#include <pagestates/pagestates.h>

#define NCELLS (LPS_NR_USAGE * LPS_NR_CONTENT * 2 * LPS_NR_EVENTS)

static void test_replay(void)
{
	size_t i;

	for (i = 0; i < sizeof(lps_transition_vectors) /
			sizeof(lps_transition_vectors[0]); i++) {
		const struct lps_transition_vector *v =
			&lps_transition_vectors[i];
		lps_fstate_t next = LPS_TV_UNTOUCHED;
		int ret = lps_transition(v->from, v->event, &next);

		if (ret != v->ret || next != v->next)
			fprintf(stderr, "vector %zu: %s/%s/%d %s\n", i,
				lps_usage_name(lps_fs_usage(v->from)),
				lps_content_name(lps_fs_content(v->from)),
				lps_fs_changed(v->from),
				lps_event_name(v->event));
		LPS_CHECK_EQ(ret, v->ret);
		LPS_CHECK_EQ(next, v->next);
	}
}

static void test_vectors_total(void)
{
	unsigned int seen[NCELLS] = { 0 };
	size_t i, n = sizeof(lps_transition_vectors) /
		      sizeof(lps_transition_vectors[0]);

	LPS_CHECK_EQ(n, NCELLS);
	for (i = 0; i < n; i++) {
		const struct lps_transition_vector *v =
			&lps_transition_vectors[i];
		unsigned int cell;

		LPS_CHECK(lps_fs_valid(v->from));
		cell = ((lps_fs_usage(v->from) * LPS_NR_CONTENT +
			 lps_fs_content(v->from)) * 2 +
			lps_fs_changed(v->from)) * LPS_NR_EVENTS + v->event;
		LPS_CHECK(cell < NCELLS);
		if (cell < NCELLS)
			seen[cell]++;
	}
	for (i = 0; i < NCELLS; i++)
		LPS_CHECK_EQ(seen[i], 1);
}

/* Every byte and every event: valid cells answer, the rest are refused. */
static void test_table_total(void)
{
	unsigned int s, ev;

	for (s = 0; s < 256; s++) {
		bool valid = (s & ~0x1fu) == 0 && ((s >> 2) & 3) != 3;

		LPS_CHECK_EQ(lps_fs_valid((lps_fstate_t)s), valid);
		for (ev = 0; ev < LPS_NR_EVENTS; ev++) {
			lps_fstate_t next = 0xee;
			int ret = lps_transition((lps_fstate_t)s, ev, &next);

			if (!valid) {
				LPS_CHECK_EQ(ret, -LPS_EINVAL);
				LPS_CHECK_EQ(next, 0xee);
				continue;
			}
			LPS_CHECK(ret == 0 || ret == LPS_R_DISCARDED ||
				  ret == -LPS_EPERM || ret == -LPS_EFAULT ||
				  ret == -LPS_EBUSY);
			if (ret < 0) {
				LPS_CHECK_EQ(next, 0xee);
				continue;
			}
			LPS_CHECK(lps_fs_valid(next));
			/* SET_* say what the frame is: "changed" restarts. */
			if (ev <= LPS_EV_SET_POT_VOLATILE)
				LPS_CHECK(!lps_fs_changed(next));
			/* Only the host moves content, except a touch. */
			if (ev <= LPS_EV_SET_POT_VOLATILE)
				LPS_CHECK_EQ(lps_fs_content(next),
					     lps_fs_content((lps_fstate_t)s));
			/* The host never drops a stable frame. */
			if (lps_fs_usage((lps_fstate_t)s) == LPS_STABLE &&
			    ev == LPS_EV_HOST_DISCARD)
				LPS_CHECK(0);
		}
	}
}

static void test_bad_args(void)
{
	lps_fstate_t next = 0xee;

	LPS_CHECK_EQ(lps_transition(0, LPS_NR_EVENTS, &next), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_transition(0, (enum lps_event)-1, &next),
		     -LPS_EINVAL);
	LPS_CHECK_EQ(next, 0xee);
	LPS_CHECK_EQ(lps_transition(0, LPS_EV_SET_STABLE, NULL), -LPS_EINVAL);
	LPS_CHECK_EQ(lps_transition(LPS_FS(0, 3, 0), LPS_EV_SET_STABLE, &next),
		     -LPS_EINVAL);
	LPS_CHECK_EQ(lps_transition(0x20, LPS_EV_SET_STABLE, &next),
		     -LPS_EINVAL);
	LPS_CHECK_EQ(next, 0xee);
}

static void test_names(void)
{
	unsigned int i, j;

	for (i = 0; i < LPS_NR_USAGE; i++) {
		LPS_CHECK(strcmp(lps_usage_name(i), "invalid") != 0);
		for (j = 0; j < i; j++)
			LPS_CHECK(strcmp(lps_usage_name(i),
					 lps_usage_name(j)) != 0);
	}
	for (i = 0; i < LPS_NR_CONTENT; i++) {
		LPS_CHECK(strcmp(lps_content_name(i), "invalid") != 0);
		for (j = 0; j < i; j++)
			LPS_CHECK(strcmp(lps_content_name(i),
					 lps_content_name(j)) != 0);
	}
	for (i = 0; i < LPS_NR_EVENTS; i++) {
		LPS_CHECK(strcmp(lps_event_name(i), "invalid") != 0);
		for (j = 0; j < i; j++)
			LPS_CHECK(strcmp(lps_event_name(i),
					 lps_event_name(j)) != 0);
	}
	LPS_CHECK(strcmp(lps_usage_name(LPS_NR_USAGE), "invalid") == 0);
	LPS_CHECK(strcmp(lps_content_name(LPS_NR_CONTENT), "invalid") == 0);
	LPS_CHECK(strcmp(lps_event_name(LPS_NR_EVENTS), "invalid") == 0);
	LPS_CHECK(strcmp(lps_event_name((enum lps_event)-1), "invalid") == 0);
}

int main(void)
{
	test_replay();
	test_vectors_total();
	test_table_total();
	test_bad_args();
	test_names();
	return lps_test_done();
}
