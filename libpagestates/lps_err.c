// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_err.c - lps_strerror(), from the same list as the error enum.
 */
#include "lps_internal.h"	/* LPS_ERRORS, LPS_ARRAY_SIZE */

/* Negated as returned, so no caller's value is ever negated (INT_MIN). */
static const struct lps_err_text {
	int err;
	const char *text;
} lps_err_texts[] = {
#define LPS_ERR_TEXT(name, value, text) { -(value), text },
	LPS_ERRORS(LPS_ERR_TEXT)
#undef LPS_ERR_TEXT
};

const char *lps_strerror(int err)
{
	unsigned int i;

	if (err >= 0)
		return err == LPS_R_DISCARDED ? "content was discarded" :
						"success";
	for (i = 0; i < LPS_ARRAY_SIZE(lps_err_texts); i++) {
		if (lps_err_texts[i].err == err)
			return lps_err_texts[i].text;
	}
	return "unknown error";
}
