/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_wire_err.h - what may cross the guest/host boundary as a hypercall
 * result: which negative codes, and how a returned frame state is checked.
 * Shared by the guest ports and the host decoders so both sides agree.
 */
#ifndef PAGESTATES_WIRE_LPS_WIRE_ERR_H
#define PAGESTATES_WIRE_LPS_WIRE_ERR_H

#include <pagestates/lps_state.h>	/* LPS_E*, lps_fstate_t */

/* Is @code (positive) an LPS error a host may return over the wire? */
static inline bool lps_wire_err_known(int64_t code)
{
	switch (code) {
	case LPS_EPERM:
	case LPS_EIO:
	case LPS_EAGAIN:
	case LPS_EFAULT:
	case LPS_EBUSY:
	case LPS_EINVAL:
	case LPS_ENOSPC:
	case LPS_ERANGE:
	case LPS_EPROTO:
	case LPS_ENOTSUP:
		return true;
	default:
		return false;
	}
}

/*
 * A GET_STATE result, already decoded to an LPS result: a negative code is
 * passed on, anything else must be a valid frame state.
 */
static inline int lps_wire_fstate(int ret, lps_fstate_t *out)
{
	if (ret < 0)
		return ret;
	if ((ret & ~LPS_FS_VALID_MASK) ||
	    lps_fs_content((lps_fstate_t)ret) >= LPS_NR_CONTENT)
		return -LPS_EPROTO;
	*out = (lps_fstate_t)ret;
	return 0;
}

#endif /* PAGESTATES_WIRE_LPS_WIRE_ERR_H */
