// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * headers_cxx.cpp - the public headers are valid C++11 and link from C++:
 * embedders (hypervisors such as those written in C++) include them as is.
 */
#include <pagestates/pagestates.h>
#include <pagestates/host/lps_host.h>

#include <cstdio>
#include <cstring>

int main()
{
	static_assert(sizeof(lps_batch) == LPS_BATCH_BYTES,
		      "descriptor must be one page");
	lps_fstate_t s = LPS_FS(LPS_VOLATILE, LPS_ZERO, 0);
	bool ok = lps_fs_discarded(s) &&
		  std::strcmp(lps_strerror(-LPS_ERANGE), "unknown error") != 0;

	std::printf("%d passed, %d failed\n", ok ? 1 : 0, ok ? 0 : 1);
	return ok ? 0 : 1;
}
