/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * bench_shmem.h - the two ports lps-bench-shmem compares, each compiled in
 * its own file since a file includes exactly one port.
 */
#ifndef BENCH_SHMEM_H
#define BENCH_SHMEM_H

#include <pagestates/pagestates.h>	/* struct lps_port_ops */

const struct lps_port_ops *bench_shmem_ops(void);
const struct lps_port_ops *bench_noop_ops(void);

#endif /* BENCH_SHMEM_H */
