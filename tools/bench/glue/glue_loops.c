// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * glue_loops.c - see glue_loops.h.  The atomics stand for the kernel's own
 * work at each site (the reference drop, folio_try_get(), the unlock's
 * clear_bit), so the difference between _on and _off is the hook alone.
 */
#include <linux/bits.h>		/* BIT */
#include <linux/mm_types.h>	/* struct folio */
#include <linux/page-flags.h>	/* PG_locked */
#include <linux/page-states.h>	/* the hooks, or their empty stand-ins */

#include "glue_loops.h"

#define GLUE_CAT2(a, b)	a##_##b
#define GLUE_CAT(a, b)	GLUE_CAT2(a, b)
#define GLUE_FN(name)	GLUE_CAT(name, GLUE_LOOP_SUFFIX)

void GLUE_FN(glue_release)(struct folio *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		page_states_cold(&f[i], 1, PAGE_STATES_RELEASE);
		__atomic_fetch_sub(&f[i]._refcount.counter, 1,
				   __ATOMIC_SEQ_CST);
		/* The next pass puts it again. */
		__atomic_fetch_add(&f[i]._refcount.counter, 1,
				   __ATOMIC_RELAXED);
	}
}

void GLUE_FN(glue_lookup)(struct folio *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		__atomic_fetch_add(&f[i]._refcount.counter, 1,
				   __ATOMIC_SEQ_CST);
		page_states_make_stable(&f[i], PAGE_STATES_GET_ENTRY);
		__atomic_fetch_sub(&f[i]._refcount.counter, 1,
				   __ATOMIC_SEQ_CST);
	}
}

void GLUE_FN(glue_unlock)(struct folio *f, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		__atomic_fetch_and(&f[i].flags, ~BIT(PG_locked),
				   __ATOMIC_RELEASE);
		page_states_unlocked(&f[i]);
		__atomic_fetch_or(&f[i].flags, BIT(PG_locked),
				  __ATOMIC_RELAXED);
	}
}
