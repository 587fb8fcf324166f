// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * bench_port_shmem.c - the shared state table port, as the core gets it.
 */
#include "bench_shmem.h"

#define LPS_PORT_FORCE_SHMEM 1
#include "lps_port.h"

const struct lps_port_ops *bench_shmem_ops(void)
{
	return lps_port_ops_get();
}
