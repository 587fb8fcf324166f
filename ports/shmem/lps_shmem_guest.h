/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_shmem_guest.h - the guest's side of the shared state table: publish
 * the table, apply hint batches and make-stable by compare-and-swap on each
 * word, read a frame's state.  Only loads and CASes on guest memory, so no
 * call here ever leaves the guest.
 */
#ifndef LPS_SHMEM_GUEST_H
#define LPS_SHMEM_GUEST_H

#include "shmem/lps_shmem_cas.h"	/* word steps, struct lps_shmem_hdr */

struct lps_shmem_guest {
	struct lps_shmem_hdr *hdr;
	uint32_t *words;		/* nframes words, little-endian */
	uint64_t nframes;
};

/**
 * lps_shmem_guest_setup() - publish an all-stable table for a host to find
 * @g:          the guest's handle, filled in
 * @hdr:        LPS_SHMEM_HDR_BYTES at @hdr_gpa, page-aligned, never freed
 * @hdr_gpa:    guest-physical address of @hdr
 * @words:      @nframes * 4 bytes at @table_gpa, never freed
 * @table_gpa:  guest-physical address of @words
 * @frame0_gpa: the frame word 0 describes, page-aligned
 * @nframes:    frames the table describes, one word each
 *
 * The header is written last-field-magic behind a full barrier, so a host
 * scanning meanwhile never sees a valid magic over a half-written header.
 *
 * Return: 0; -LPS_EINVAL for NULL, zero @nframes, a misaligned address or
 * an overlap of header and table; -LPS_ERANGE when a size overflows.
 * Nothing is written on error.
 */
static inline int lps_shmem_guest_setup(struct lps_shmem_guest *g,
					struct lps_shmem_hdr *hdr,
					uint64_t hdr_gpa, uint32_t *words,
					uint64_t table_gpa,
					uint64_t frame0_gpa, uint64_t nframes)
{
	uint64_t tbytes;

	if (!g || !hdr || !words || !nframes ||
	    (hdr_gpa & ((1ull << LPS_SHMEM_PAGE_SHIFT) - 1)) ||
	    (table_gpa & (LPS_SHMEM_WORD_BYTES - 1)) ||
	    (frame0_gpa & ((1ull << LPS_SHMEM_PAGE_SHIFT) - 1)))
		return -LPS_EINVAL;
	if (nframes > (~0ull >> LPS_SHMEM_PAGE_SHIFT) - (frame0_gpa >>
							 LPS_SHMEM_PAGE_SHIFT))
		return -LPS_ERANGE;
	tbytes = nframes * LPS_SHMEM_WORD_BYTES;
	if (table_gpa > ~0ull - tbytes)
		return -LPS_ERANGE;
	if (table_gpa < hdr_gpa + LPS_SHMEM_HDR_BYTES &&
	    hdr_gpa < table_gpa + tbytes)
		return -LPS_EINVAL;

	lps_shm_memset(words, 0, (size_t)tbytes);
	lps_shm_memset(hdr, 0, sizeof(*hdr));
	hdr->version = lps_le16(LPS_SHMEM_VERSION);
	hdr->hdr_bytes = lps_le16(LPS_SHMEM_HDR_BYTES);
	hdr->word_bytes = lps_le16(LPS_SHMEM_WORD_BYTES);
	hdr->page_shift = lps_le16(LPS_SHMEM_PAGE_SHIFT);
	hdr->nframes = lps_le64(nframes);
	hdr->hdr_gpa = lps_le64(hdr_gpa);
	hdr->table_gpa = lps_le64(table_gpa);
	hdr->frame0_gpa = lps_le64(frame0_gpa);
	/* A CAS is a full barrier in both homes: fields, then magic. */
	(void)lps_shm_cmpxchg_u32(&hdr->flags, 0, 0);
	lps_shm_store_u64(&hdr->magic, lps_le64(LPS_SHMEM_MAGIC));

	g->hdr = hdr;
	g->words = words;
	g->nframes = nframes;
	return 0;
}

/* Is @g a published table (the port's probe)? */
static inline bool lps_shmem_guest_ready(const struct lps_shmem_guest *g)
{
	return g && g->hdr && g->words && g->nframes &&
	       lps_le64(lps_shm_load_u64(&g->hdr->magic)) == LPS_SHMEM_MAGIC;
}

/*
 * The live host epoch.  Acquire: a claim is taken over only after seeing a
 * newer epoch, and everything the attaching host did before its epoch CAS
 * must then be visible.
 */
static inline uint32_t lps_shmem_guest_epoch(struct lps_shmem_guest *g)
{
	return lps_le32(lps_shm_load_acquire_u32(&g->hdr->host_epoch));
}

static inline void lps_shmem_guest_count(struct lps_shmem_guest *g,
					 enum lps_shmem_gcnt which,
					 uint32_t n)
{
	lps_shmem_cnt_add(&g->hdr->gcnt[which], n);
}

/*
 * Spins a guest waits on a live claim before it gives up and returns.  A
 * claim lasts one punch, microseconds for a healthy host; the bound keeps
 * a stalled one from holding a CPU that may have interrupts off for as
 * long as it stalls.  The caller decides whether to come back (see
 * lps_shmem_guest_make_stable()).
 */
#define LPS_SHMEM_WAIT_SPINS	1024u

/*
 * One word to @to: load, step, CAS until it sticks; wait out a live claim
 * (the host holds it for one punch) for up to LPS_SHMEM_WAIT_SPINS spins.
 * Return: an LPS_SHMEM_* result, -LPS_ETIMEDOUT with the word unchanged
 * when the claim outlived the wait, or a negative code from
 * lps_shmem_guest_next().
 */
static inline int lps_shmem_guest_apply(struct lps_shmem_guest *g,
					uint32_t *w, enum lps_usage to)
{
	uint32_t old = lps_shmem_load(w), new_ = 0;
	uint32_t spins = 0;
	int ret;

	for (;;) {
		uint32_t live = 0;

		if (old & LPS_SHMEM_W_CLAIM) {
			/*
			 * Acquire, then the epoch: a host attaches (epoch CAS)
			 * before it claims, so seeing its claim this way
			 * guarantees seeing its epoch, and a live claim is
			 * never mistaken for a dead host's on a weakly ordered
			 * CPU.
			 */
			old = lps_le32(lps_shm_load_acquire_u32(w));
			live = lps_shmem_guest_epoch(g);
		}
		ret = lps_shmem_guest_next(old, to, live, &new_);
		if (ret == LPS_SHMEM_WAIT) {
			if (!spins)
				lps_shmem_guest_count(g, LPS_SHMEM_G_WAITS, 1);
			if (++spins > LPS_SHMEM_WAIT_SPINS) {
				lps_shmem_guest_count(g, LPS_SHMEM_G_GAVE_UP,
						      1);
				return -LPS_ETIMEDOUT;
			}
			lps_shm_cpu_relax();
			old = lps_shmem_load(w);
			continue;
		}
		if (ret <= LPS_SHMEM_SAME)
			return ret;
		if (lps_shmem_cas(w, &old, new_))
			break;
	}
	if (old & LPS_SHMEM_W_CLAIM)
		lps_shmem_guest_count(g, LPS_SHMEM_G_TAKEOVERS, 1);
	return ret;
}

/* May every frame of [@pfn, @pfn + @count) take hint @usage (< NR_USAGE)? */
static inline int lps_shmem_guest_check_range(struct lps_shmem_guest *g,
					      uint64_t pfn, uint64_t count,
					      uint32_t usage)
{
	uint64_t f;

	if (pfn >= g->nframes || count > g->nframes - pfn)
		return -LPS_ERANGE;
	/* Make-stable must report discards: never a hint. */
	if (usage == LPS_STABLE)
		return -LPS_EPERM;
	for (f = pfn; f < pfn + count; f++) {
		uint32_t w = lps_shmem_load(&g->words[f]);

		if (!lps_shmem_word_valid(w))
			return -LPS_EIO;
		if (usage != LPS_UNUSED && lps_shmem_w_usage(w) == LPS_UNUSED)
			return -LPS_EPERM;
	}
	return 0;
}

/* Checks @b whole against the table; 0 if every word may take its hint. */
static inline int lps_shmem_guest_check(struct lps_shmem_guest *g,
					const struct lps_batch *b)
{
	uint16_t nr, cursor, i;
	int ret;

	if (lps_le32(b->hdr.magic) != LPS_BATCH_MAGIC ||
	    lps_le16(b->hdr.version) != LPS_BATCH_VERSION ||
	    b->hdr.flags || b->hdr.reserved)
		return -LPS_EPROTO;
	nr = lps_le16(b->hdr.nr);
	cursor = lps_le16(b->hdr.cursor);
	if (nr > LPS_BATCH_MAX_RANGES || cursor > nr)
		return -LPS_EPROTO;
	for (i = cursor; i < nr; i++) {
		uint32_t count = lps_le32(b->range[i].count);
		uint32_t usage = lps_le32(b->range[i].usage);

		if (!count || usage >= LPS_NR_USAGE)
			return -LPS_EPROTO;
		ret = lps_shmem_guest_check_range(g, lps_le64(b->range[i].pfn),
						  count, usage);
		if (ret)
			return ret;
	}
	return 0;
}

/**
 * lps_shmem_guest_submit() - apply every range of @b from its cursor
 * @g: the published table
 * @b: the hint descriptor
 *
 * Validated whole first, so a bad batch changes nothing; then it cannot
 * fail (the host only ever writes well-formed words), and the cursor ends
 * at nr.  A frame whose claim outlives the wait keeps the host's word:
 * the host is dropping it, which a hint to unused or volatile allows, and
 * the guest's next make-stable of it learns the outcome.
 *
 * Return: 0; -LPS_EINVAL for NULL; -LPS_EPROTO for a malformed descriptor;
 * -LPS_ERANGE for a range outside the table; -LPS_EPERM for a stable range
 * or an unused frame marked volatile; -LPS_EIO for a corrupt word.
 */
static inline int lps_shmem_guest_submit(struct lps_shmem_guest *g,
					 struct lps_batch *b)
{
	uint32_t changed = 0;
	uint16_t nr, i;
	int ret;

	if (!g || !b || !g->words)
		return -LPS_EINVAL;
	ret = lps_shmem_guest_check(g, b);
	if (ret)
		return ret;
	nr = lps_le16(b->hdr.nr);
	for (i = lps_le16(b->hdr.cursor); i < nr; i++) {
		uint64_t pfn = lps_le64(b->range[i].pfn), f;
		uint32_t count = lps_le32(b->range[i].count);
		enum lps_usage to = (enum lps_usage)lps_le32(b->range[i].usage);

		for (f = pfn; f < pfn + count; f++)
			if (lps_shmem_guest_apply(g, &g->words[f], to) > 0)
				changed++;
	}
	b->hdr.cursor = b->hdr.nr;
	lps_shmem_guest_count(g, LPS_SHMEM_G_HINTED, changed);
	return 0;
}

/**
 * lps_shmem_guest_hint() - the direct path: a run of frames to one state
 * @g:     the published table
 * @pfn:   first frame
 * @count: frames
 * @usage: the state for all of [@pfn, @pfn + @count)
 *
 * One compare-and-swap per frame.  Checked whole first, so a refused hint
 * changes nothing.  A frame the host holds past the wait is left to it,
 * as in lps_shmem_guest_submit().
 *
 * Return: 0; -LPS_EINVAL for NULL, zero @count or a usage out of range;
 * -LPS_ERANGE, -LPS_EPERM, -LPS_EIO as lps_shmem_guest_submit().
 */
static inline int lps_shmem_guest_hint(struct lps_shmem_guest *g,
				       uint64_t pfn, uint64_t count,
				       enum lps_usage usage)
{
	uint64_t f;
	int ret;

	if (!g || !g->words || !count ||
	    (unsigned int)usage >= LPS_NR_USAGE)
		return -LPS_EINVAL;
	/*
	 * One frame: the step itself refuses a corrupt word or an unused
	 * frame marked volatile before its CAS, so no pass is needed first.
	 */
	if (count == 1 && usage != LPS_STABLE && pfn < g->nframes) {
		ret = lps_shmem_guest_apply(g, &g->words[pfn], usage);
		return ret < 0 && ret != -LPS_ETIMEDOUT ? ret : 0;
	}
	ret = lps_shmem_guest_check_range(g, pfn, count, (uint32_t)usage);
	if (ret)
		return ret;
	/*
	 * Not counted in the header: a CAS-add there per hint would double
	 * the atomics and share one line among all CPUs.  The core counts
	 * hints per CPU.
	 */
	for (f = pfn; f < pfn + count; f++)
		(void)lps_shmem_guest_apply(g, &g->words[f], usage);
	return 0;
}

/**
 * lps_shmem_guest_make_stable() - frames [@pfn, @pfn + @count) stable
 * @g:     the published table
 * @pfn:   first frame
 * @count: frames
 *
 * Every word is checked before any is changed, so a corrupt one cannot
 * cost a discard report already consumed.  A live claim on the first frame
 * that outlives the wait returns -LPS_ETIMEDOUT with nothing changed: the
 * caller must not use the content, and may come back (with interrupts
 * enabled if it can) until the host commits.  Past the first frame a
 * discard report may be consumed already, so a claim there is waited out.
 *
 * Return: 0, LPS_R_DISCARDED if any frame's content had been dropped, or
 * -LPS_EINVAL / -LPS_ERANGE / -LPS_EIO / -LPS_ETIMEDOUT with nothing
 * changed.
 */
static inline int lps_shmem_guest_make_stable(struct lps_shmem_guest *g,
					      uint64_t pfn, uint64_t count)
{
	uint32_t discards = 0;
	uint64_t f;
	int ret;

	if (!g || !g->words || !count || pfn + count < pfn)
		return -LPS_EINVAL;
	if (pfn >= g->nframes || count > g->nframes - pfn)
		return -LPS_ERANGE;
	for (f = pfn; f < pfn + count; f++)
		if (!lps_shmem_word_valid(lps_shmem_load(&g->words[f])))
			return -LPS_EIO;
	for (f = pfn; f < pfn + count; f++) {
		do {
			ret = lps_shmem_guest_apply(g, &g->words[f],
						    LPS_STABLE);
		} while (ret == -LPS_ETIMEDOUT && f != pfn);
		if (ret == -LPS_ETIMEDOUT)
			return ret;
		if (ret == LPS_SHMEM_SET_DISCARDED)
			discards++;
	}
	if (!discards)
		return 0;
	lps_shmem_guest_count(g, LPS_SHMEM_G_DISCARDS, discards);
	return LPS_R_DISCARDED;
}

/* One frame's state; -LPS_EINVAL, -LPS_ERANGE, -LPS_EIO (corrupt word). */
static inline int lps_shmem_guest_get_state(struct lps_shmem_guest *g,
					    uint64_t pfn, lps_fstate_t *out)
{
	uint32_t w;

	if (!g || !g->words || !out)
		return -LPS_EINVAL;
	if (pfn >= g->nframes)
		return -LPS_ERANGE;
	w = lps_shmem_load(&g->words[pfn]);
	if (!lps_shmem_word_valid(w))
		return -LPS_EIO;
	*out = lps_shmem_fstate(w);
	return 0;
}

#endif /* LPS_SHMEM_GUEST_H */
