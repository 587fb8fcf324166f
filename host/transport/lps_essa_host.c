// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_essa_host.c - one intercepted ESSA against the host model, with the
 * result KVM's handle_essa() would give (Linux 6.1 arch/s390/kvm/priv.c,
 * pgste_perform_essa() in arch/s390/mm/pgtable.c).
 *
 * As KVM: a command above 7 is a specification exception and a frame
 * outside the guest an addressing exception, both with R1 untouched (the
 * caller injects the exception); SET_STABLE_RESIDENT (5) and
 * SET_STABLE_NODAT (7) make the frame stable, SET_STABLE_IF_RESIDENT (6)
 * only when its content is resident.  Deliberate differences: KVM performs
 * every transition, while this model refuses the ones its transition table
 * forbids (tests/vectors/transitions.h, e.g. volatile after unused): R1 then
 * gets the exception indication, as KVM's own failure path writes it, and
 * nothing changes.  The model keeps no no-DAT bit, so R1 never has 0x20;
 * and a frame the host swapped out (content preserved) is not resident,
 * so 6 leaves it alone, as KVM leaves a page whose PTE is invalid.
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

	if (!h || !r1)
		return -LPS_EINVAL;
	if (m3 > LPS_ESSA_MAX)
		return -LPS_EINVAL;
	/* The low 12 bits address a byte inside the frame: ignored. */
	pfn = r2 >> LPS_ESSA_FRAME_SHIFT;
	if (pfn >= h->nframes)
		return -LPS_ERANGE;
	ret = lps_host_get_state(h, pfn, &old);
	if (ret < 0)
		goto refused;
	if (m3 == LPS_ESSA_GET_STATE ||
	    (m3 == LPS_ESSA_SET_STABLE_IF_RESIDENT &&
	     lps_fs_content(old) != LPS_RESIDENT)) {
		*r1 = lps_essa_result(old);
		return 0;
	}
	usage = lps_essa_cmd_usage(m3);
	if (usage < 0) {
		ret = usage;
		goto refused;
	}
	ret = lps_host_set_usage(h, pfn, (enum lps_usage)usage, &old);
	if (ret < 0)
		goto refused;
	*r1 = lps_essa_result(old);
	return ret;
refused:
	*r1 = LPS_ESSA_RES_EXCEPTION;
	return ret;
}
