/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_wire_shmem_cas.h - the two atomic steps of the table protocol, load a
 * word and compare-and-swap it, in the table's little-endian byte order;
 * written once for the guest port and the host side.  Each side is
 * compiled in its own environment, so the includer brings the atomics
 * first: lps_shm_load_u32(p), a relaxed load, and
 * lps_shm_cmpxchg_u32(p, old, new), a fully ordered compare-and-swap that
 * returns the value it found.  The steps between them are pure
 * (lps_wire_shmem_word.h).
 */
#ifndef PAGESTATES_WIRE_LPS_WIRE_SHMEM_CAS_H
#define PAGESTATES_WIRE_LPS_WIRE_SHMEM_CAS_H

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

#endif /* PAGESTATES_WIRE_LPS_WIRE_SHMEM_CAS_H */
