// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * bench_port_noop.c - the no-op port: the baseline, the core's own work
 * with nobody told.
 */
#include "bench_shmem.h"

#define LPS_PORT_FORCE_NOOP 1
#include "lps_port.h"

const struct lps_port_ops *bench_noop_ops(void)
{
	return lps_port_ops_get();
}
