/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * Userspace stand-in for <linux/page-flags.h>: the 6.1 x86_64 flag order
 * with CONFIG_MMU and the series' two flags, and the folio tests the hooks
 * use.  Only the names matter to the hooks, not the bit numbers.
 */
#ifndef LPS_STUB_LINUX_PAGE_FLAGS_H
#define LPS_STUB_LINUX_PAGE_FLAGS_H

#include <linux/mm_types.h>

enum pageflags {
	PG_locked, PG_referenced, PG_uptodate, PG_dirty, PG_lru, PG_active,
	PG_workingset, PG_waiters, PG_error, PG_slab, PG_owner_priv_1,
	PG_arch_1, PG_reserved, PG_private, PG_private_2, PG_writeback,
	PG_head, PG_mappedtodisk, PG_reclaim, PG_swapbacked, PG_unevictable,
	PG_mlocked, PG_discarded, PG_hinted, __NR_PAGEFLAGS,
	PG_swapcache = PG_owner_priv_1,
};

static inline int folio_test_flag(const struct folio *folio, int nr)
{
	return (READ_ONCE(folio->flags) >> nr) & 1;
}

static inline int folio_test_hinted(const struct folio *folio)
{
	return folio_test_flag(folio, PG_hinted);
}

static inline int folio_test_discarded(const struct folio *folio)
{
	return folio_test_flag(folio, PG_discarded);
}

#endif
