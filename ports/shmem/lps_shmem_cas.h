/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_shmem_cas.h - the two atomic steps of the table protocol for
 * the guest port: load a word, compare-and-swap it, in the table's
 * little-endian byte order.  The steps between them are pure
 * (<pagestates/wire/lps_wire_shmem_word.h>); each side brings its own
 * atomics.
 */
#ifndef LPS_PORT_SHMEM_CAS_H
#define LPS_PORT_SHMEM_CAS_H

#include "shmem/lps_shmem_env.h"		/* the port's atomics */
#include <pagestates/wire/lps_wire_shmem_word.h>	/* word layout */

/* One word in host byte order (the table is little-endian). */
static inline uint32_t lps_shmem_load(uint32_t *w)
{
	return lps_le32(lps_shm_load_u32(w));
}

/*
 * Swap *@w from *@old to @new_ (host order).  On failure *@old becomes
 * what the word held, so the caller recomputes from there.
 */
static inline bool lps_shmem_cas(uint32_t *w, uint32_t *old, uint32_t new_)
{
	uint32_t seen = lps_le32(lps_shm_cmpxchg_u32(w, lps_le32(*old),
						     lps_le32(new_)));

	if (seen == *old)
		return true;
	*old = seen;
	return false;
}

/* Add @n to a little-endian counter that several CPUs may bump. */
static inline void lps_shmem_cnt_add(uint32_t *c, uint32_t n)
{
	uint32_t old = lps_shmem_load(c);

	while (n && !lps_shmem_cas(c, &old, old + n))
		;
}

#endif /* LPS_PORT_SHMEM_CAS_H */
