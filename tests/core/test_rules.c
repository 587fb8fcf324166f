// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_rules.c - replays the rule cases: each rule alone, their order when
 * several hold, the capability rules, and refused inputs.
 */
#include "lps_test.h"
#include "vectors/rule_cases.h"

#include <pagestates/pagestates.h>

static void test_replay(void)
{
	size_t i;

	for (i = 0; i < sizeof(lps_rule_cases) / sizeof(lps_rule_cases[0]);
	     i++) {
		const struct lps_rule_case *c = &lps_rule_cases[i];
		enum lps_reason why = LPS_RC_UNTOUCHED;
		int ret = lps_rules_decide(&c->facts, c->caps, &why);

		if (ret != c->expect || why != c->why)
			fprintf(stderr, "case %zu: %s\n", i, c->what);
		LPS_CHECK_EQ(ret, c->expect);
		LPS_CHECK_EQ(why, c->why);
		/* @why is optional and does not change the answer. */
		LPS_CHECK_EQ(lps_rules_decide(&c->facts, c->caps, NULL),
			     c->expect);
	}
}

/* Every reason has a case that reports it. */
static void test_every_reason_covered(void)
{
	unsigned int r;
	size_t i;

	for (r = 0; r < LPS_NR_REASONS; r++) {
		bool found = false;

		for (i = 0; i < sizeof(lps_rule_cases) /
				sizeof(lps_rule_cases[0]); i++)
			if (lps_rule_cases[i].why == r &&
			    lps_rule_cases[i].expect >= 0)
				found = true;
		LPS_CHECK(found);
	}
}

static void test_bad_args(void)
{
	enum lps_reason why = LPS_RC_UNTOUCHED;

	LPS_CHECK_EQ(lps_rules_decide(NULL, 0, &why), -LPS_EINVAL);
	LPS_CHECK_EQ(why, LPS_RC_UNTOUCHED);
}

static void test_names(void)
{
	unsigned int i, j;

	for (i = 0; i < LPS_NR_REASONS; i++) {
		LPS_CHECK(strcmp(lps_reason_name(i), "invalid") != 0);
		for (j = 0; j < i; j++)
			LPS_CHECK(strcmp(lps_reason_name(i),
					 lps_reason_name(j)) != 0);
	}
	LPS_CHECK(strcmp(lps_reason_name(LPS_WHY_NONE), "may leave stable") ==
		  0);
	LPS_CHECK(strcmp(lps_reason_name(LPS_WHY_MLOCKED), "mlocked") == 0);
	LPS_CHECK(strcmp(lps_reason_name(LPS_NR_REASONS), "invalid") == 0);
	LPS_CHECK(strcmp(lps_reason_name((enum lps_reason)-1), "invalid") ==
		  0);
}

int main(void)
{
	test_replay();
	test_every_reason_covered();
	test_bad_args();
	test_names();
	return lps_test_done();
}
