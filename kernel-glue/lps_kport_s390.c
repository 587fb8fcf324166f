// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_kport_s390.c - the ESSA port of ports/s390 in the kernel: compiled
 * with LPS_PORT_FORCE_S390 (see Kbuild); its instruction is used as is,
 * since the kernel has no ESSA wrapper function of its own.
 */
#include "lps_port.h"		/* lps_port_ops_get */
#include "lps_kglue.h"		/* lps_kport_s390_ops */

const struct lps_port_ops *lps_kport_s390_ops(void)
{
	return lps_port_ops_get();
}
