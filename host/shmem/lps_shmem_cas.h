/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_shmem_cas.h - the table protocol's atomic steps for the host side,
 * over the host library's atomics (lps_deps.h).
 */
#ifndef LPS_HOST_SHMEM_CAS_H
#define LPS_HOST_SHMEM_CAS_H

#include "lps_deps.h"			/* lps_load_u32, lps_cmpxchg_u32 */

#define lps_shm_load_u32(p)		lps_load_u32(p)
#define lps_shm_cmpxchg_u32(p, o, n)	lps_cmpxchg_u32((p), (o), (n))
#include <pagestates/wire/lps_wire_shmem_cas.h>	/* the steps */

#endif /* LPS_HOST_SHMEM_CAS_H */
