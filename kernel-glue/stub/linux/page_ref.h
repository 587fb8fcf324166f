/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/* Userspace stand-in for <linux/page_ref.h>. */
#ifndef LPS_STUB_LINUX_PAGE_REF_H
#define LPS_STUB_LINUX_PAGE_REF_H

#include <linux/mm_types.h>

static inline int folio_ref_count(const struct folio *folio)
{
	return atomic_read(&folio->_refcount);
}

#endif
