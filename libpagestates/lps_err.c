// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_err.c - lps_strerror(), from the same list as the error enum.
 */
#include "lps_internal.h"	/* LPS_ERRORS */

const char *lps_strerror(int err)
{
	if (err >= 0)
		return err == LPS_R_DISCARDED ? "content was discarded" :
						"success";
	switch (-err) {
#define LPS_ERR_CASE(name, value, text) case value: return text;
	LPS_ERRORS(LPS_ERR_CASE)
#undef LPS_ERR_CASE
	default:
		return "unknown error";
	}
}
