// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_err.c - lps_strerror() gives every error code its own text, from the
 * same list as the enum, and a defined text for anything else.
 */
#include "lps_test.h"

#include <pagestates/pagestates.h>

static const struct {
	int err;
	const char *text;
} expect[] = {
#define EXPECT_TEXT(name, value, text) { -LPS_##name, text },
	LPS_ERRORS(EXPECT_TEXT)
#undef EXPECT_TEXT
};

static void test_every_code(void)
{
	size_t i, j;

	LPS_CHECK(sizeof(expect) / sizeof(expect[0]) >= 10);
	for (i = 0; i < sizeof(expect) / sizeof(expect[0]); i++) {
		LPS_CHECK(strcmp(lps_strerror(expect[i].err),
				 expect[i].text) == 0);
		for (j = 0; j < i; j++)
			LPS_CHECK(strcmp(lps_strerror(expect[i].err),
					 lps_strerror(expect[j].err)) != 0);
	}
	/* The values mirror errno's, so kernel callers can pass them up. */
	LPS_CHECK_EQ(LPS_EINVAL, 22);
	LPS_CHECK(strcmp(lps_strerror(-LPS_EINVAL), "invalid argument") == 0);
}

static void test_not_errors(void)
{
	LPS_CHECK(strcmp(lps_strerror(0), "success") == 0);
	LPS_CHECK(strcmp(lps_strerror(LPS_R_DISCARDED),
			 "content was discarded") == 0);
	LPS_CHECK(strcmp(lps_strerror(2), "success") == 0);
	LPS_CHECK(strcmp(lps_strerror(-2), "unknown error") == 0);
	LPS_CHECK(strcmp(lps_strerror(-1000), "unknown error") == 0);
	LPS_CHECK(strcmp(lps_strerror(-2147483647 - 1), "unknown error") == 0);
}

int main(void)
{
	test_every_code();
	test_not_errors();
	return lps_test_done();
}
