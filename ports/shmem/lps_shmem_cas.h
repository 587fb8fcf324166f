/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_shmem_cas.h - the table protocol's atomic steps for the guest port,
 * over the port's own atomics (lps_shmem_env.h).
 */
#ifndef LPS_PORT_SHMEM_CAS_H
#define LPS_PORT_SHMEM_CAS_H

#include "shmem/lps_shmem_env.h"	/* the port's atomics */
#include <pagestates/wire/lps_wire_shmem_cas.h>	/* the steps */

#endif /* LPS_PORT_SHMEM_CAS_H */
