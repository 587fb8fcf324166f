/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_batch_priv.h - the hint descriptor in host byte order, for the core's
 * files only.  The small accessors are inline because every hint uses
 * them; with lps_batch.c this is the only code that reads or writes a wire
 * field, so callers see host-order numbers and keep the frame words in
 * step themselves.
 */
#ifndef LPS_BATCH_PRIV_H
#define LPS_BATCH_PRIV_H

#include "lps_internal.h"	/* struct lps_batch, lps_le*, lps_memset */

static inline uint16_t lps_batch_nr(const struct lps_batch *b)
{
	return lps_le16(b->hdr.nr);
}

static inline void lps_batch_set_nr(struct lps_batch *b, uint16_t nr)
{
	b->hdr.nr = lps_le16(nr);
}

static inline uint64_t lps_batch_pfn(const struct lps_batch *b, uint16_t k)
{
	return lps_le64(b->range[k].pfn);
}

static inline uint32_t lps_batch_count(const struct lps_batch *b, uint16_t k)
{
	return lps_le32(b->range[k].count);
}

static inline uint32_t lps_batch_usage(const struct lps_batch *b, uint16_t k)
{
	return lps_le32(b->range[k].usage);
}

/* Write range @k whole. */
static inline void lps_batch_set(struct lps_batch *b, uint16_t k,
				 uint64_t pfn, uint32_t count, uint32_t usage)
{
	b->range[k].pfn = lps_le64(pfn);
	b->range[k].count = lps_le32(count);
	b->range[k].usage = lps_le32(usage);
}

static inline void lps_batch_set_count(struct lps_batch *b, uint16_t k,
				       uint32_t count)
{
	b->range[k].count = lps_le32(count);
}

static inline void lps_batch_move(struct lps_batch *b, uint16_t to,
				  uint16_t from)
{
	b->range[to] = b->range[from];
}

/* Zero range @k: the host must never see a stale range past nr. */
static inline void lps_batch_clear(struct lps_batch *b, uint16_t k)
{
	lps_memset(&b->range[k], 0, sizeof(b->range[k]));
}

/* lps_batch.c */
/*
 * Empty a batch that held @nr ranges (as counted before the host had the
 * page: it may have rewritten the header).
 */
void lps_batch_empty(struct lps_batch *b, uint16_t nr);
/* Ranges the host applied, given what its submit returned. */
uint16_t lps_batch_applied(const struct lps_batch *b, int ret);

#endif /* LPS_BATCH_PRIV_H */
