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

/*
 * The two droppable words exactly as the table holds them (unclaimed,
 * resident, unused or volatile); a usage @how leaves out gets a value no
 * word can hold.  Comparing raw words against these is the whole test.
 */
static void lps_shmem_targets(uint32_t how, uint32_t *u, uint32_t *v)
{
	*u = (how & LPS_RECLAIM_UNUSED) ?
	     lps_le32(lps_shmem_word(LPS_UNUSED, LPS_RESIDENT)) : ~0u;
	*v = (how & LPS_RECLAIM_VOLATILE) ?
	     lps_le32(lps_shmem_word(LPS_VOLATILE, LPS_RESIDENT)) : ~0u;
}

#define LPS_SHMEM_SKIP	8	/* words one fast step covers */

/* Does any of the LPS_SHMEM_SKIP words at @w need a closer look? */
static bool lps_shmem_group_hit(uint32_t *w, uint32_t u, uint32_t v,
				uint32_t junk)
{
	uint32_t hit = 0, bad = 0;
	int k;

	/* No early exit: eight loads and compares, one branch. */
	for (k = 0; k < LPS_SHMEM_SKIP; k++) {
		uint32_t x = lps_load_u32(&w[k]);

		hit |= (uint32_t)(x == u) | (uint32_t)(x == v);
		bad |= x & junk;
	}
	return hit | bad;
}

/* Does any of the LPS_SHMEM_SKIP words at @w carry a claim? */
static bool lps_shmem_group_claimed(uint32_t *w, uint32_t claim)
{
	uint32_t any = 0;
	int k;

	for (k = 0; k < LPS_SHMEM_SKIP; k++)
		any |= lps_load_u32(&w[k]);
	return any & claim;
}

/*
 * The first droppable word in [@i, @end) that is not the table's own, or
 * @end.  Words with bits no valid word has are counted as corrupt; other
 * malformed words are simply not droppable (claim reports them).
 */
static uint64_t lps_shmem_skip(struct lps_shmem_host *h, uint64_t i,
			       uint64_t end, uint32_t u, uint32_t v)
{
	uint32_t junk = lps_le32(~LPS_SHMEM_W_VALID_MASK);

	while (i < end) {
		uint32_t x;

		if (end - i >= LPS_SHMEM_SKIP &&
		    !lps_shmem_group_hit(&h->words[i], u, v, junk)) {
			i += LPS_SHMEM_SKIP;
			continue;
		}
		x = lps_load_u32(&h->words[i]);
		if ((x == u || x == v) && !lps_shmem_kept(h, i))
			return i;
		if (x & junk)
			h->cnt.corrupt++;
		i++;
	}
	return end;
}

int lps_shmem_host_scan(struct lps_shmem_host *h, uint32_t how,
			uint64_t *pfn)
{
	uint64_t start, i;
	uint32_t u, v;

	if (!h || !h->words || !pfn || !lps_shmem_how_ok(how))
		return -LPS_EINVAL;
	lps_shmem_targets(how, &u, &v);
	start = h->cursor < h->nframes ? h->cursor : 0;
	i = lps_shmem_skip(h, start, h->nframes, u, v);
	if (i == h->nframes) {
		i = lps_shmem_skip(h, 0, start, u, v);
		if (i == start) {
			lps_shmem_publish(h);
			return 0;
		}
	}
	h->cursor = i + 1 < h->nframes ? i + 1 : 0;
	*pfn = i;
	return 1;
}

#define LPS_SHMEM_AHEAD	256	/* words one look-ahead covers: 4 lines */

/*
 * How many words from @i on (at most @max) look droppable.  Plain loads
 * in order, which the CPU streams in; the CASes that claim the words then
 * hit the cache, where a locked instruction on each cold line would wait
 * for that line alone.  Only a hint: every word is re-checked by its CAS.
 */
static uint64_t lps_shmem_ahead(struct lps_shmem_host *h, uint64_t i,
				uint64_t max, uint32_t u, uint32_t v)
{
	uint64_t k;

	for (k = 0; k < max; k++) {
		uint32_t x = lps_load_u32(&h->words[i + k]);

		if (x != u && x != v)
			break;
	}
	return k;
}

/* Claim the word of frame @f; 0, or why the run ends before it. */
static int lps_shmem_claim_one(struct lps_shmem_host *h, uint64_t f,
			       uint32_t how)
{
	uint32_t *w = &h->words[f];
	uint32_t old = lps_shmem_load(w), next;
	int ret;

	if (lps_shmem_kept(h, f))
		return -LPS_EPERM;
	ret = lps_shmem_claim_next(old, how, h->epoch, &next);
	if (ret == -LPS_EPROTO)
		h->cnt.corrupt++;
	if (ret)
		return ret;
	/* A failed CAS: the guest changed the word first and wins. */
	if (!lps_shmem_cas(w, &old, next)) {
		h->cnt.lost++;
		return -LPS_EBUSY;
	}
	return 0;
}

int lps_shmem_host_claim(struct lps_shmem_host *h, uint64_t pfn,
			 uint64_t max, uint32_t how,
			 struct lps_shmem_claim *c)
{
	uint64_t n = 0, stop;
	uint32_t u, v;
	int ret = 0;

	if (!h || !h->words || !c || !max || !lps_shmem_how_ok(how))
		return -LPS_EINVAL;
	if (pfn >= h->nframes)
		return -LPS_ERANGE;
	if (max > h->nframes - pfn)
		max = h->nframes - pfn;
	lps_shmem_targets(how, &u, &v);
	while (!ret && n < max) {
		stop = max - n < LPS_SHMEM_AHEAD ? max : n + LPS_SHMEM_AHEAD;
		stop = n + lps_shmem_ahead(h, pfn + n, stop - n, u, v);
		/* At least one word, so the one that ends the run says why. */
		if (stop == n)
			stop = n + 1;
		for (; n < stop; n++) {
			ret = lps_shmem_claim_one(h, pfn + n, how);
			if (ret)
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

/*
 * Commit (@commit) or abort each word of @c; count what the guest broke.
 *
 * A plain release store, not a CAS: while this host's claim is live the
 * guest only waits on the word and no other host touches it (a new one
 * attaches only once this one is dead), so nothing can change it between
 * the check and the store but a guest breaking the protocol, which loses
 * only its own frame.  Release orders the punch before the word a guest
 * acquires, as the CAS's full barrier did; one store per frame instead of
 * one locked instruction is what lets a long run commit at memory speed.
 */
static int lps_shmem_finish(struct lps_shmem_host *h,
			    const struct lps_shmem_claim *c, bool commit)
{
	uint64_t f, broken = 0, unused = 0, done = 0;
	uint32_t cu, cv, nu, nv, content;

	if (!h || !h->words || !c || !c->count)
		return -LPS_EINVAL;
	if (c->pfn >= h->nframes || c->count > h->nframes - c->pfn)
		return -LPS_ERANGE;
	if (c->flags & ~LPS_SHMEM_CLAIM_RECOVERED)
		return -LPS_EINVAL;
	/* A dead host may have punched it: it can only be committed. */
	if (c->flags & LPS_SHMEM_CLAIM_RECOVERED)
		commit = true;
	content = commit ? LPS_ZERO : LPS_RESIDENT;
	/* Our claim of an unused or a volatile frame, as the table holds it. */
	cu = lps_le32(lps_shmem_word(LPS_UNUSED, LPS_RESIDENT) |
		      lps_shmem_claim_bits(h->epoch));
	cv = lps_le32(lps_shmem_word(LPS_VOLATILE, LPS_RESIDENT) |
		      lps_shmem_claim_bits(h->epoch));
	nu = lps_le32(lps_shmem_word(LPS_UNUSED, content));
	nv = lps_le32(lps_shmem_word(LPS_VOLATILE, content));
	for (f = c->pfn; f < c->pfn + c->count; f++) {
		uint32_t x = lps_load_u32(&h->words[f]);

		if (x != cu && x != cv) {
			broken++;	/* not our claim: leave it alone */
			continue;
		}
		lps_store_release_u32(&h->words[f], x == cu ? nu : nv);
		done++;
		unused += x == cu;
	}
	if (!commit) {
		h->cnt.aborts += done;
	} else {
		h->cnt.drop_unused += unused;
		h->cnt.drop_volatile += done - unused;
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
	uint32_t claim = lps_le32(LPS_SHMEM_W_CLAIM);
	uint64_t n;

	if (!h || !h->words || !c)
		return -LPS_EINVAL;
	for (n = 0; n < h->nframes; n++) {
		uint64_t i = h->rcursor;
		uint32_t *w = &h->words[i];
		uint32_t old, next;

		/* Most tables hold no claim at all: skip unclaimed groups. */
		if (h->nframes - i >= LPS_SHMEM_SKIP && n + LPS_SHMEM_SKIP <=
		    h->nframes && !lps_shmem_group_claimed(w, claim)) {
			n += LPS_SHMEM_SKIP - 1;
			h->rcursor = i + LPS_SHMEM_SKIP < h->nframes ?
				     i + LPS_SHMEM_SKIP : 0;
			continue;
		}
		old = lps_shmem_load(w);
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
