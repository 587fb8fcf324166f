// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_shmem_find.c - find the shared state table in mapped guest memory and
 * check its header against the real mappings: the guest wrote it, so every
 * field is hostile until proven to fit.
 */
#include "lps_internal.h"		/* the environment, the public API */
#include "lps_shmem_cas.h"		/* word steps, header layout */
#include <pagestates/host/lps_shmem_host.h>	/* our API */

#define LPS_SHMEM_PAGE		(1ull << LPS_SHMEM_PAGE_SHIFT)

static bool lps_shmem_region_ok(const struct lps_shmem_region *r)
{
	return r && r->base && r->len &&
	       !((uintptr_t)r->base & 7) && !(r->gpa & 7) &&
	       r->gpa <= ~0ull - r->len;
}

/* Is [gpa, gpa + bytes) inside @r?  Overflow-safe. */
static bool lps_shmem_inside(const struct lps_shmem_region *r, uint64_t gpa,
			     uint64_t bytes)
{
	return gpa >= r->gpa && gpa - r->gpa <= r->len &&
	       bytes <= r->len - (gpa - r->gpa);
}

static void *lps_shmem_at(const struct lps_shmem_region *r, uint64_t gpa)
{
	return (char *)r->base + (size_t)(gpa - r->gpa);
}

/* Frames [lo, hi) of the table's range that overlap [gpa, gpa + bytes). */
static void lps_shmem_keep(struct lps_shmem_host *h, int i, uint64_t f0,
			   uint64_t gpa, uint64_t bytes)
{
	uint64_t fend = f0 + (h->nframes << LPS_SHMEM_PAGE_SHIFT);
	uint64_t start = gpa > f0 ? gpa : f0;
	uint64_t end = gpa + bytes < fend ? gpa + bytes : fend;

	h->keep_lo[i] = h->keep_hi[i] = 0;
	if (start >= end)
		return;
	h->keep_lo[i] = (start - f0) >> LPS_SHMEM_PAGE_SHIFT;
	h->keep_hi[i] = (end - f0 + LPS_SHMEM_PAGE - 1) >>
			LPS_SHMEM_PAGE_SHIFT;
}

/*
 * Validate the header at @hdr_gpa and fill @h from a private copy of it;
 * nothing is read from the guest's header afterwards.
 */
static int lps_shmem_parse(struct lps_shmem_host *h,
			   const struct lps_shmem_region *tbl,
			   const struct lps_shmem_region *ram,
			   uint64_t hdr_gpa)
{
	union {
		struct lps_shmem_hdr h;
		uint64_t q[LPS_SHMEM_HDR_BYTES / 8];
	} u;
	struct lps_shmem_hdr copy;
	uint64_t nframes, table_gpa, f0, tbytes, *src;
	size_t i;

	if (hdr_gpa & (LPS_SHMEM_PAGE - 1))
		return -LPS_EINVAL;
	if (!lps_shmem_inside(tbl, hdr_gpa, LPS_SHMEM_HDR_BYTES))
		return -LPS_ERANGE;
	/*
	 * One private copy, read with atomic loads: the guest may be bumping
	 * its counters in this header right now.
	 */
	src = lps_shmem_at(tbl, hdr_gpa);
	for (i = 0; i < LPS_ARRAY_SIZE(u.q); i++)
		u.q[i] = lps_load_u64(&src[i]);
	copy = u.h;

	nframes = lps_le64(copy.nframes);
	table_gpa = lps_le64(copy.table_gpa);
	f0 = lps_le64(copy.frame0_gpa);
	if (lps_le64(copy.magic) != LPS_SHMEM_MAGIC ||
	    lps_le16(copy.version) != LPS_SHMEM_VERSION ||
	    lps_le16(copy.hdr_bytes) != LPS_SHMEM_HDR_BYTES ||
	    lps_le16(copy.word_bytes) != LPS_SHMEM_WORD_BYTES ||
	    lps_le16(copy.page_shift) != LPS_SHMEM_PAGE_SHIFT ||
	    copy.flags || copy.reserved ||
	    lps_le64(copy.hdr_gpa) != hdr_gpa)
		return -LPS_EPROTO;
	if (!nframes || nframes > (~0ull >> LPS_SHMEM_PAGE_SHIFT) ||
	    (table_gpa & (LPS_SHMEM_WORD_BYTES - 1)) ||
	    (f0 & (LPS_SHMEM_PAGE - 1)))
		return -LPS_EPROTO;
	tbytes = nframes * LPS_SHMEM_WORD_BYTES;
	if (!lps_shmem_inside(tbl, table_gpa, tbytes) ||
	    !lps_shmem_inside(ram, f0, nframes << LPS_SHMEM_PAGE_SHIFT))
		return -LPS_EPROTO;
	/* Both inside @tbl, so neither sum overflows. */
	if (table_gpa < hdr_gpa + LPS_SHMEM_HDR_BYTES &&
	    hdr_gpa < table_gpa + tbytes)
		return -LPS_EPROTO;

	lps_memset(h, 0, sizeof(*h));
	h->hdr = lps_shmem_at(tbl, hdr_gpa);
	h->words = lps_shmem_at(tbl, table_gpa);
	h->nframes = nframes;
	h->ram_off0 = f0 - ram->gpa;
	/* Frames that hold the header or the table are never dropped. */
	lps_shmem_keep(h, 0, f0, hdr_gpa, LPS_SHMEM_HDR_BYTES);
	lps_shmem_keep(h, 1, f0, table_gpa, tbytes);
	return 0;
}

int lps_shmem_host_find(const struct lps_shmem_region *tbl,
			const struct lps_shmem_region *ram, uint64_t *hdr_gpa)
{
	struct lps_shmem_host scratch;
	uint64_t gpa, found = 0, nvalid = 0;

	if (!lps_shmem_region_ok(tbl) || !lps_shmem_region_ok(ram) ||
	    !hdr_gpa)
		return -LPS_EINVAL;
	gpa = (tbl->gpa + LPS_SHMEM_PAGE - 1) & ~(LPS_SHMEM_PAGE - 1);
	while (gpa >= tbl->gpa &&
	       lps_shmem_inside(tbl, gpa, LPS_SHMEM_HDR_BYTES)) {
		uint64_t *magic = lps_shmem_at(tbl, gpa);

		if (lps_le64(lps_load_u64(magic)) == LPS_SHMEM_MAGIC &&
		    !lps_shmem_parse(&scratch, tbl, ram, gpa) && !nvalid++)
			found = gpa;
		if (gpa > ~0ull - LPS_SHMEM_PAGE)
			break;
		gpa += LPS_SHMEM_PAGE;
	}
	if (!nvalid)
		return -LPS_ENOTSUP;
	if (nvalid > 1)
		return -LPS_EPROTO;
	*hdr_gpa = found;
	return 0;
}

int lps_shmem_host_attach(struct lps_shmem_host *h,
			  const struct lps_shmem_region *tbl,
			  const struct lps_shmem_region *ram, uint64_t hdr_gpa)
{
	struct lps_shmem_host n;
	int ret;

	if (!h || !lps_shmem_region_ok(tbl) || !lps_shmem_region_ok(ram))
		return -LPS_EINVAL;
	ret = lps_shmem_parse(&n, tbl, ram, hdr_gpa);
	if (ret)
		return ret;
	/*
	 * A new epoch: every claim left in the table is now a dead host's.
	 * By CAS, a full barrier: whatever this process did before (a punch
	 * of a frame it had claimed as the old host) is ordered before a
	 * guest that sees the new epoch takes the old claims over.
	 */
	n.epoch = lps_shmem_load(&n.hdr->host_epoch);
	while (!lps_shmem_cas(&n.hdr->host_epoch, &n.epoch, n.epoch + 1))
		;
	n.epoch++;
	*h = n;
	return 0;
}
