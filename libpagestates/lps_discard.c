// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_discard.c - the discarded-frame ring over caller-owned slots;
 * lps_discard_park.c builds the per-CPU lists on it.
 */
#include "lps_internal.h"	/* struct lps_discard_list */
#include "lps_guest_priv.h"	/* lps_discard_take() */

int lps_discard_init(struct lps_discard_list *l, uint64_t *storage,
		     uint32_t cap)
{
	if (!l || !storage || !cap)
		return -LPS_EINVAL;
	l->slot = storage;
	l->cap = cap;
	l->head = 0;
	l->count = 0;
	l->overflows = 0;
	return 0;
}

int lps_discard_push(struct lps_discard_list *l, uint64_t pfn)
{
	uint32_t tail;

	if (!l)
		return -LPS_EINVAL;
	if (l->count == l->cap) {
		l->overflows++;
		return -LPS_ENOSPC;
	}
	/* head < cap and count < cap, so this cannot overflow 32 bits twice. */
	tail = l->head + l->count;
	if (tail >= l->cap)
		tail -= l->cap;
	l->slot[tail] = pfn;
	l->count++;
	return 0;
}

uint32_t lps_discard_take(struct lps_discard_list *l, uint64_t *out,
			  uint32_t max)
{
	uint32_t n = l->count < max ? l->count : max;
	uint32_t i;

	for (i = 0; i < n; i++) {
		out[i] = l->slot[l->head];
		if (++l->head == l->cap)
			l->head = 0;
	}
	l->count -= n;
	if (!l->count)
		l->head = 0;
	return n;
}

int64_t lps_discard_drain(struct lps_discard_list *l, lps_discard_fn fn,
			  void *opaque)
{
	uint32_t first, n;

	if (!l || !fn)
		return -LPS_EINVAL;
	n = l->count;
	if (!n)
		return 0;
	/* Oldest first: the run up to the end of the slots, then the wrap. */
	first = l->cap - l->head;
	if (first > n)
		first = n;
	fn(opaque, &l->slot[l->head], first);
	if (n > first)
		fn(opaque, &l->slot[0], n - first);
	l->head = 0;
	l->count = 0;
	return n;
}
