// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_shmem_drop.c - the host's drop cycle on the shared state table: scan,
 * claim by CAS, (the caller punches), commit or abort by CAS, and recovery
 * of a dead host's claims.  Every index is checked against the host's own
 * copy of the table size, never against anything the guest can rewrite.
 */
#include "lps_internal.h"		/* the environment, the public API */
#include "lps_shmem_cas.h"		/* word steps */
#include <pagestates/host/lps_shmem_host.h>	/* our API */

LPS_STATIC_ASSERT(LPS_SHMEM_DROP_UNUSED == LPS_RECLAIM_UNUSED &&
		  LPS_SHMEM_DROP_VOLATILE == LPS_RECLAIM_VOLATILE,
		  "callers pass their reclaim flags through");

static bool lps_shmem_kept(const struct lps_shmem_host *h, uint64_t pfn)
{
	return (pfn >= h->keep_lo[0] && pfn < h->keep_hi[0]) ||
	       (pfn >= h->keep_lo[1] && pfn < h->keep_hi[1]);
}

static bool lps_shmem_how_ok(uint32_t how)
{
	return how && !(how & ~LPS_SHMEM_HOW_MASK);
}

/* Let the guest (and a debugger) see what the host did. */
static void lps_shmem_publish(struct lps_shmem_host *h)
{
	static const uint8_t slot[] = {
		LPS_SHMEM_H_CLAIMS, LPS_SHMEM_H_DROP_UNUSED,
		LPS_SHMEM_H_DROP_VOLATILE, LPS_SHMEM_H_ABORTS,
		LPS_SHMEM_H_RECOVERED, LPS_SHMEM_H_CORRUPT,
	};
	const uint64_t val[] = {
		h->cnt.claims, h->cnt.drop_unused, h->cnt.drop_volatile,
		h->cnt.aborts, h->cnt.recovered, h->cnt.corrupt,
	};
	size_t i;

	for (i = 0; i < LPS_ARRAY_SIZE(slot); i++)
		lps_store_u32(&h->hdr->hcnt[slot[i]],
			      lps_le32((uint32_t)val[i]));
}

static void lps_shmem_fill(const struct lps_shmem_host *h, uint64_t pfn,
			   uint64_t count, struct lps_shmem_claim *c)
{
	c->pfn = pfn;
	c->count = count;
	c->offset = h->ram_off0 + (pfn << LPS_SHMEM_PAGE_SHIFT);
	c->len = count << LPS_SHMEM_PAGE_SHIFT;
	c->flags = 0;
}

int lps_shmem_host_scan(struct lps_shmem_host *h, uint32_t how,
			uint64_t *pfn)
{
	uint64_t n;

	if (!h || !h->words || !pfn || !lps_shmem_how_ok(how))
		return -LPS_EINVAL;
	for (n = 0; n < h->nframes; n++) {
		uint64_t i = h->cursor;
		uint32_t next;
		int ret;

		h->cursor = i + 1 < h->nframes ? i + 1 : 0;
		if (lps_shmem_kept(h, i))
			continue;
		ret = lps_shmem_claim_next(lps_shmem_load(&h->words[i]), how,
					   h->epoch, &next);
		if (ret == -LPS_EPROTO)
			h->cnt.corrupt++;
		if (!ret) {
			*pfn = i;
			return 1;
		}
	}
	lps_shmem_publish(h);
	return 0;
}

int lps_shmem_host_claim(struct lps_shmem_host *h, uint64_t pfn,
			 uint64_t max, uint32_t how,
			 struct lps_shmem_claim *c)
{
	uint64_t n = 0;
	int ret = 0;

	if (!h || !h->words || !c || !max || !lps_shmem_how_ok(how))
		return -LPS_EINVAL;
	if (pfn >= h->nframes)
		return -LPS_ERANGE;
	if (max > h->nframes - pfn)
		max = h->nframes - pfn;
	for (; n < max; n++) {
		uint32_t *w = &h->words[pfn + n];
		uint32_t old = lps_shmem_load(w), next;

		if (lps_shmem_kept(h, pfn + n)) {
			ret = -LPS_EPERM;
			break;
		}
		ret = lps_shmem_claim_next(old, how, h->epoch, &next);
		if (ret == -LPS_EPROTO)
			h->cnt.corrupt++;
		if (ret)
			break;
		/* A failed CAS: the guest changed the word first and wins. */
		if (!lps_shmem_cas(w, &old, next)) {
			h->cnt.lost++;
			ret = -LPS_EBUSY;
			break;
		}
	}
	if (!n) {
		lps_shmem_publish(h);
		return ret;
	}
	h->cnt.claims += n;
	h->cursor = pfn + n < h->nframes ? pfn + n : 0;
	lps_shmem_fill(h, pfn, n, c);
	lps_shmem_publish(h);
	return 0;
}

/* Commit (@commit) or abort each word of @c; count what the guest broke. */
static int lps_shmem_finish(struct lps_shmem_host *h,
			    const struct lps_shmem_claim *c, bool commit)
{
	uint64_t f, broken = 0;

	if (!h || !h->words || !c || !c->count)
		return -LPS_EINVAL;
	if (c->pfn >= h->nframes || c->count > h->nframes - c->pfn)
		return -LPS_ERANGE;
	if (c->flags & ~LPS_SHMEM_CLAIM_RECOVERED)
		return -LPS_EINVAL;
	/* A dead host may have punched it: it can only be committed. */
	if (c->flags & LPS_SHMEM_CLAIM_RECOVERED)
		commit = true;
	for (f = c->pfn; f < c->pfn + c->count; f++) {
		uint32_t old = lps_shmem_load(&h->words[f]), next;

		for (;;) {
			int ret = commit ?
				  lps_shmem_commit_next(old, h->epoch, &next) :
				  lps_shmem_abort_next(old, h->epoch, &next);

			if (ret) {
				broken++;
				break;
			}
			if (!lps_shmem_cas(&h->words[f], &old, next))
				continue;
			if (!commit)
				h->cnt.aborts++;
			else if (lps_shmem_w_usage(old) == LPS_UNUSED)
				h->cnt.drop_unused++;
			else
				h->cnt.drop_volatile++;
			break;
		}
	}
	h->cnt.corrupt += broken;
	lps_shmem_publish(h);
	return broken ? -LPS_EPROTO : 0;
}

int lps_shmem_host_commit(struct lps_shmem_host *h,
			  const struct lps_shmem_claim *c)
{
	return lps_shmem_finish(h, c, true);
}

int lps_shmem_host_abort(struct lps_shmem_host *h,
			 const struct lps_shmem_claim *c)
{
	return lps_shmem_finish(h, c, false);
}

int lps_shmem_host_recover(struct lps_shmem_host *h,
			   struct lps_shmem_claim *c)
{
	uint64_t n;

	if (!h || !h->words || !c)
		return -LPS_EINVAL;
	for (n = 0; n < h->nframes; n++) {
		uint64_t i = h->rcursor;
		uint32_t *w = &h->words[i];
		uint32_t old = lps_shmem_load(w), next;

		h->rcursor = i + 1 < h->nframes ? i + 1 : 0;
		if (lps_shmem_recover_next(old, h->epoch, &next))
			continue;
		if (lps_shmem_kept(h, i)) {
			/*
			 * No host of ours claims these frames: the guest
			 * forged the claim.  Clear it; never punch the table.
			 */
			next = lps_shmem_word(lps_shmem_w_usage(old),
					      LPS_RESIDENT);
			(void)lps_shmem_cas(w, &old, next);
			h->cnt.corrupt++;
			continue;
		}
		/* A failed CAS: the guest resolved it first. */
		if (!lps_shmem_cas(w, &old, next))
			continue;
		h->cnt.recovered++;
		h->cnt.claims++;
		lps_shmem_fill(h, i, 1, c);
		c->flags = LPS_SHMEM_CLAIM_RECOVERED;
		lps_shmem_publish(h);
		return 1;
	}
	lps_shmem_publish(h);
	return 0;
}

int lps_shmem_host_get_state(struct lps_shmem_host *h, uint64_t pfn,
			     lps_fstate_t *out)
{
	uint32_t w;

	if (!h || !h->words || !out)
		return -LPS_EINVAL;
	if (pfn >= h->nframes)
		return -LPS_ERANGE;
	w = lps_shmem_load(&h->words[pfn]);
	if (!lps_shmem_word_valid(w))
		return -LPS_EPROTO;
	*out = lps_shmem_fstate(w);
	return 0;
}
