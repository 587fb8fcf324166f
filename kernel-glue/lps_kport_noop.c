// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_kport_noop.c - the no-op port as the kernel's fallback: compiled with
 * LPS_PORT_FORCE_NOOP (see Kbuild), so the dispatcher picks it here.
 */
#include "lps_port.h"		/* lps_port_ops_get */
#include "lps_kglue.h"		/* lps_kport_noop_ops */

const struct lps_port_ops *lps_kport_noop_ops(void)
{
	return lps_port_ops_get();
}
