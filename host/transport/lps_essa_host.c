// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_essa_host.c - one intercepted ESSA against the host model, with the
 * result byte KVM's handle_essa() would give.
 */
#include "lps_internal.h"
#include <pagestates/host/lps_transport.h>
#include <pagestates/wire/lps_wire_essa.h>	/* commands, result byte */

int lps_essa_handle(struct lps_host *h, uint32_t m3, uint64_t r2,
		    uint64_t *r1)
{
	lps_fstate_t old;
	uint64_t pfn;
	int usage, ret;

	if (!r1)
		return -LPS_EINVAL;
	*r1 = LPS_ESSA_RES_EXCEPTION;
	if (!h)
		return -LPS_EINVAL;
	if (m3 > LPS_ESSA_MAX)
		return -LPS_EINVAL;
	/* The low 12 bits address a byte inside the frame: ignored. */
	pfn = r2 >> LPS_ESSA_FRAME_SHIFT;
	if (pfn >= h->nframes)
		return -LPS_ERANGE;
	if (m3 == LPS_ESSA_GET_STATE) {
		ret = lps_host_get_state(h, pfn, &old);
		if (ret < 0)
			return ret;
		*r1 = lps_essa_result(old);
		return 0;
	}
	usage = lps_essa_cmd_usage(m3);
	if (usage < 0)
		return usage;
	ret = lps_host_set_usage(h, pfn, (enum lps_usage)usage, &old);
	if (ret < 0)
		return ret;
	*r1 = lps_essa_result(old);
	return ret;
}
