/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_shmem_host.h - the host's side of the shared state table, for a host
 * agent that maps guest RAM: find and validate the table, scan for frames
 * the guest allows dropping, claim them, and (after the caller punched
 * them) commit or abort.  Everything the guest wrote is checked against
 * the real mapping before use.  See docs/shmem-protocol.md.
 */
#ifndef LPS_SHMEM_HOST_H
#define LPS_SHMEM_HOST_H

#include <pagestates/host/lps_host.h>	/* uint64_t, size_t, LPS_RECLAIM_* */
#include <pagestates/wire/lps_wire_shmem.h>	/* struct lps_shmem_hdr */

/* A span of guest-physical memory the host has mapped. */
struct lps_shmem_region {
	void *base;		/* host address of @gpa, 8-byte aligned */
	size_t len;		/* bytes mapped */
	uint64_t gpa;		/* guest-physical address of @base */
};

/* Consecutive frames one host holds claimed; punch [offset, offset+len). */
struct lps_shmem_claim {
	uint64_t pfn;		/* first frame (table index) */
	uint64_t count;		/* frames */
	uint64_t offset;	/* of frame @pfn in the RAM region */
	uint64_t len;		/* bytes: @count frames */
	uint32_t flags;		/* LPS_SHMEM_CLAIM_* */
};

/*
 * A dead host's claim taken over: it may have punched already, so the
 * content is unknown and the claim is committed even if our punch fails
 * (abort commits it).
 */
#define LPS_SHMEM_CLAIM_RECOVERED	(1u << 0)

struct lps_shmem_host_counters {
	uint64_t claims;		/* frames claimed, recoveries too */
	uint64_t drop_unused;		/* committed drops of unused */
	uint64_t drop_volatile;		/* ... of volatile frames */
	uint64_t aborts;		/* claims given back */
	uint64_t recovered;		/* a dead host's claims taken over */
	uint64_t lost;			/* claims the guest CASed first */
	uint64_t corrupt;		/* corrupt words, broken claims */
};

struct lps_shmem_host {
	struct lps_shmem_hdr *hdr;	/* in the mapping; never trusted */
	uint32_t *words;
	uint64_t nframes;		/* copied at attach; the only bound */
	uint64_t ram_off0;		/* byte offset of frame 0 in RAM */
	uint64_t keep_lo[2], keep_hi[2]; /* frames [lo, hi) holding the
					  * header and the table: kept */
	uint32_t epoch;
	uint64_t cursor;		/* where the next scan starts */
	uint64_t rcursor;		/* where the next recovery starts */
	struct lps_shmem_host_counters cnt;
};

/**
 * lps_shmem_host_find() - scan @tbl at page-aligned addresses for a table
 * @tbl:     the mapping to search
 * @ram:     where the described frames must lie (may equal @tbl)
 * @hdr_gpa: receives the header's guest-physical address
 *
 * A candidate counts only if it validates fully (as attach checks it).
 *
 * Return: 0 when exactly one is valid; -LPS_ENOTSUP when none; -LPS_EPROTO
 * when several (ambiguous: a guest process may have planted one); -LPS_EINVAL
 * for bad arguments.
 */
int lps_shmem_host_find(const struct lps_shmem_region *tbl,
			const struct lps_shmem_region *ram, uint64_t *hdr_gpa);

/**
 * lps_shmem_host_attach() - become the host of the table at @hdr_gpa
 * @h:       receives the attached table
 * @tbl:     the mapping holding the header and the table
 * @ram:     the mapping of the frames the table describes
 * @hdr_gpa: the header's guest-physical address (lps_shmem_host_find())
 *
 * Validates the header and takes over as the table's host with a new
 * epoch, so every older claim is a dead host's.
 *
 * Return: 0; -LPS_EINVAL for bad arguments or a misaligned mapping;
 * -LPS_ERANGE when the header is outside @tbl; -LPS_EPROTO for any bad
 * header field (the table or its frames outside the mappings included).
 * @h is untouched on error.
 */
int lps_shmem_host_attach(struct lps_shmem_host *h,
			  const struct lps_shmem_region *tbl,
			  const struct lps_shmem_region *ram, uint64_t hdr_gpa);

/**
 * lps_shmem_host_scan() - find the next droppable frame
 * @h:   the attached table
 * @how: LPS_RECLAIM_UNUSED and/or LPS_RECLAIM_VOLATILE
 * @pfn: receives the frame found
 *
 * Starts where the last scan stopped and wraps once.  Compares eight words
 * at a time against the two droppable values, so a stretch the guest keeps
 * costs a fraction of a nanosecond per frame.  Words with bits no valid
 * word has are counted as corrupt on the way.
 *
 * Return: 1 with *@pfn set, 0 when a whole pass found none, -LPS_EINVAL.
 */
int lps_shmem_host_scan(struct lps_shmem_host *h, uint32_t how,
			uint64_t *pfn);

/**
 * lps_shmem_host_claim() - claim up to @max droppable frames from @pfn on
 * @h:   the attached table
 * @pfn: first frame
 * @max: most frames to claim
 * @how: LPS_RECLAIM_UNUSED and/or LPS_RECLAIM_VOLATILE
 * @c:   receives the claim
 *
 * Stops at the first frame it cannot claim: one the guest keeps or took
 * back (its CAS won), a corrupt word, the table's own frames, the table's
 * end.  The caller then punches @c->len bytes at @c->offset in the RAM
 * region with one call and commits or aborts; the guest waits on every
 * frame of the run until then, so @max bounds that wait too.
 *
 * Return: 0 with @c set (at least one frame); -LPS_EBUSY when @pfn is not
 * droppable or the guest changed it first; -LPS_EPERM for a frame holding
 * the header or table; -LPS_EPROTO for a corrupt word; -LPS_ERANGE;
 * -LPS_EINVAL.
 */
int lps_shmem_host_claim(struct lps_shmem_host *h, uint64_t pfn,
			 uint64_t max, uint32_t how,
			 struct lps_shmem_claim *c);

/**
 * lps_shmem_host_commit() - the punch of @c succeeded: publish content zero
 * @h: the attached table
 * @c: the claim whose frames were punched
 *
 * Each word is checked to hold this host's claim, then stored with release
 * ordering (no CAS: nothing but a broken guest writes a live claim).
 *
 * Return: 0; -LPS_EPROTO if the guest broke the protocol on some word (it
 * is counted and left alone; every other word is committed); -LPS_ERANGE /
 * -LPS_EINVAL for a claim that is not a range of the table.
 */
int lps_shmem_host_commit(struct lps_shmem_host *h,
			  const struct lps_shmem_claim *c);

/*
 * The punch failed: give every frame of @c back as it was.  Returns as
 * commit.  A recovered claim is committed instead: the dead host may have
 * punched, so "dropped" is the only safe answer to give the guest.
 */
int lps_shmem_host_abort(struct lps_shmem_host *h,
			 const struct lps_shmem_claim *c);

/**
 * lps_shmem_host_recover() - take over the next claim a dead host left
 * @h: the attached table
 * @c: receives the claim taken over
 *
 * The caller punches and commits it, as after a claim: rolling forward is
 * always safe, since the guest never touches a claimed frame.
 *
 * Return: 1 with @c set (one frame), 0 when none is left, -LPS_EINVAL.
 */
int lps_shmem_host_recover(struct lps_shmem_host *h,
			   struct lps_shmem_claim *c);

/* One frame's state; -LPS_EINVAL, -LPS_ERANGE, -LPS_EPROTO (corrupt). */
int lps_shmem_host_get_state(struct lps_shmem_host *h, uint64_t pfn,
			     lps_fstate_t *out);

#endif /* LPS_SHMEM_HOST_H */
