/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_wire_err.h - which negative codes may cross the guest/host boundary
 * as hypercall results, shared by the guest ports and the host decoders so
 * both sides agree on one list.
 */
#ifndef LPS_WIRE_ERR_H
#define LPS_WIRE_ERR_H

#include <pagestates/pagestates.h>	/* LPS_E* */

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

#endif /* LPS_WIRE_ERR_H */
