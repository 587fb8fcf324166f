/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_discard.h - a list of discarded frames found where they cannot be
 * freed at once (fault handlers, lookups under locks), released in bulk
 * later.  A ring over caller-owned storage; never allocates.
 */
#ifndef PAGESTATES_LPS_DISCARD_H
#define PAGESTATES_LPS_DISCARD_H

#include "lps_types.h"	/* uint32_t, uint64_t */

#ifdef __cplusplus
extern "C" {
#endif

struct lps_discard_list {
	uint64_t *slot;		/* caller-owned, @cap entries */
	uint32_t cap;
	uint32_t head;		/* oldest entry */
	uint32_t count;
	uint64_t overflows;	/* pushes refused because the ring was full */
};

/* Receives up to a ring's worth of frames per call, oldest first. */
typedef void (*lps_discard_fn)(void *opaque, const uint64_t *pfn,
			       uint32_t n);

/**
 * lps_discard_init() - make an empty list over @storage
 * @l:       the list
 * @storage: room for @cap frame numbers, owned by the caller
 * @cap:     how many frames the list can hold
 *
 * Return: 0, or -LPS_EINVAL for NULL @l or @storage or zero @cap.
 */
int lps_discard_init(struct lps_discard_list *l, uint64_t *storage,
		     uint32_t cap);

/**
 * lps_discard_push() - park one discarded frame
 * @l:   the list
 * @pfn: the frame whose content the host discarded
 *
 * Return: 0, or -LPS_ENOSPC when full (counted in @l->overflows; the caller
 * must then release the frame itself or drain first), -LPS_EINVAL for NULL.
 */
int lps_discard_push(struct lps_discard_list *l, uint64_t pfn);

/**
 * lps_discard_drain() - hand every parked frame to @fn, oldest first
 * @l:      the list
 * @fn:     called with runs of parked frames; the list is empty afterwards
 * @opaque: passed to @fn unchanged
 *
 * Return: frames handed over, or -LPS_EINVAL for NULL @l or @fn.
 */
int64_t lps_discard_drain(struct lps_discard_list *l, lps_discard_fn fn,
			  void *opaque);

#ifdef __cplusplus
}
#endif

#endif /* PAGESTATES_LPS_DISCARD_H */
