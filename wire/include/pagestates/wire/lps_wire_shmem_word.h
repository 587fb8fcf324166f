/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_wire_shmem_word.h - the shared state table's word protocol as small
 * steps: each side computes the next word from the one it loaded (pure
 * functions), then compare-and-swaps it in (lps_wire_shmem_cas.h, over
 * each side's own atomics).  The guest
 * port, the host side and the interleaving proof (tests/shmem) all run
 * exactly these steps.  See docs/shmem-protocol.md.
 */
#ifndef PAGESTATES_WIRE_LPS_WIRE_SHMEM_WORD_H
#define PAGESTATES_WIRE_LPS_WIRE_SHMEM_WORD_H

#include <pagestates/lps_state.h>		/* lps_usage, LPS_E* */
#include <pagestates/wire/lps_wire_shmem.h>	/* word bits, header */

/* What a next-step function answers when it is not a negative error. */
#define LPS_SHMEM_SAME		0	/* the word already says so */
#define LPS_SHMEM_SET		1	/* CAS the old word to *new_ */
#define LPS_SHMEM_SET_DISCARDED	2	/* same; make-stable saw a drop */
#define LPS_SHMEM_WAIT		3	/* a live claim: reload later */

/*
 * What a host pass may drop; the host model's LPS_RECLAIM_UNUSED and
 * LPS_RECLAIM_VOLATILE have the same values (host/shmem asserts it), so a
 * host passes its reclaim flags through.
 */
#define LPS_SHMEM_DROP_UNUSED	(1u << 0)
#define LPS_SHMEM_DROP_VOLATILE	(1u << 1)
#define LPS_SHMEM_HOW_MASK	\
	(LPS_SHMEM_DROP_UNUSED | LPS_SHMEM_DROP_VOLATILE)

static inline uint32_t lps_shmem_w_usage(uint32_t w)
{
	return w & LPS_SHMEM_W_USAGE_MASK;
}

static inline uint32_t lps_shmem_w_content(uint32_t w)
{
	return (w & LPS_SHMEM_W_CONTENT_MASK) >> LPS_SHMEM_W_CONTENT_SHIFT;
}

static inline uint32_t lps_shmem_w_epoch(uint32_t w)
{
	return (w & LPS_SHMEM_W_EPOCH_MASK) >> LPS_SHMEM_W_EPOCH_SHIFT;
}

static inline uint32_t lps_shmem_word(uint32_t usage, uint32_t content)
{
	return usage | (content << LPS_SHMEM_W_CONTENT_SHIFT);
}

/* The claim bits a host of @epoch adds to a word. */
static inline uint32_t lps_shmem_claim_bits(uint32_t epoch)
{
	return LPS_SHMEM_W_CLAIM |
	       ((epoch & 0xffu) << LPS_SHMEM_W_EPOCH_SHIFT);
}

/*
 * Can this word occur?  Stable is always resident (only the guest makes a
 * frame stable, and it resets the content); a claim is only ever taken on
 * an unused or volatile resident frame; no epoch without a claim.
 */
static inline bool lps_shmem_word_valid(uint32_t w)
{
	uint32_t usage = lps_shmem_w_usage(w);
	uint32_t content = lps_shmem_w_content(w);

	if (w & ~LPS_SHMEM_W_VALID_MASK)
		return false;
	if (content != LPS_RESIDENT && content != LPS_ZERO)
		return false;
	if (usage == LPS_STABLE && content != LPS_RESIDENT)
		return false;
	if (!(w & LPS_SHMEM_W_CLAIM))
		return !(w & LPS_SHMEM_W_EPOCH_MASK);
	return content == LPS_RESIDENT &&
	       (usage == LPS_UNUSED || usage == LPS_VOLATILE);
}

/* The state as lps_fstate_t; a drop in progress reads as dropped. */
static inline lps_fstate_t lps_shmem_fstate(uint32_t w)
{
	uint32_t content = (w & LPS_SHMEM_W_CLAIM) ? LPS_ZERO :
			   lps_shmem_w_content(w);

	return LPS_FS(lps_shmem_w_usage(w), content, 0);
}

/* -------------------------------------------------------- guest steps */

/**
 * lps_shmem_guest_next() - the word a guest operation writes
 * @old:        the word as loaded
 * @to:         the usage the guest sets (LPS_STABLE: make-stable)
 * @live_epoch: the header's host_epoch (read only when @old is claimed)
 * @new_:       receives the word to CAS in
 *
 * A claim of the live epoch makes the guest wait: breaking it could let a
 * stalled host punch data written after.  A claim of another epoch belongs
 * to a dead host: it counts as committed (content zero) and the operation
 * applies on top, in the same CAS.
 *
 * Return: LPS_SHMEM_SAME, _SET, _SET_DISCARDED or _WAIT; -LPS_EIO for a
 * corrupt word; -LPS_EPERM for marking an unused frame volatile.
 */
static inline int lps_shmem_guest_next(uint32_t old, enum lps_usage to,
				       uint32_t live_epoch, uint32_t *new_)
{
	uint32_t cur = old, usage, content;
	int ret = LPS_SHMEM_SET;

	if (!lps_shmem_word_valid(old))
		return -LPS_EIO;
	if (old & LPS_SHMEM_W_CLAIM) {
		if (lps_shmem_w_epoch(old) == (live_epoch & 0xffu))
			return LPS_SHMEM_WAIT;
		cur = lps_shmem_word(lps_shmem_w_usage(old), LPS_ZERO);
	}
	usage = lps_shmem_w_usage(cur);
	content = lps_shmem_w_content(cur);
	switch (to) {
	case LPS_STABLE:
		*new_ = lps_shmem_word(LPS_STABLE, LPS_RESIDENT);
		if (usage >= LPS_VOLATILE && content == LPS_ZERO)
			ret = LPS_SHMEM_SET_DISCARDED;
		break;
	case LPS_UNUSED:
		*new_ = lps_shmem_word(LPS_UNUSED, content);
		break;
	case LPS_VOLATILE:
	case LPS_POT_VOLATILE:
		if (usage == LPS_UNUSED)
			return -LPS_EPERM;
		*new_ = lps_shmem_word((uint32_t)to, content);
		break;
	default:
		return -LPS_EINVAL;
	}
	if (*new_ == old)
		return LPS_SHMEM_SAME;
	return ret;
}

/* --------------------------------------------------------- host steps */

/**
 * lps_shmem_claim_next() - the claimed word, if the host may drop @old
 * @old:   the word as the host read it
 * @how:   LPS_SHMEM_DROP_UNUSED and/or LPS_SHMEM_DROP_VOLATILE
 * @epoch: the claiming host's epoch, recorded in the claim
 * @new_:  receives the word to compare-and-swap in
 *
 * Droppable: unclaimed, resident, and unused or volatile as @how allows.
 * Never stable, never potentially volatile (no dirty bit on this port).
 *
 * Return: 0 with *@new_ set; -LPS_EBUSY when not droppable; -LPS_EPROTO
 * for a corrupt word.
 */
static inline int lps_shmem_claim_next(uint32_t old, uint32_t how,
				       uint32_t epoch, uint32_t *new_)
{
	uint32_t usage = lps_shmem_w_usage(old);

	if (!lps_shmem_word_valid(old))
		return -LPS_EPROTO;
	if ((old & LPS_SHMEM_W_CLAIM) ||
	    lps_shmem_w_content(old) != LPS_RESIDENT)
		return -LPS_EBUSY;
	if (!(usage == LPS_UNUSED && (how & LPS_SHMEM_DROP_UNUSED)) &&
	    !(usage == LPS_VOLATILE && (how & LPS_SHMEM_DROP_VOLATILE)))
		return -LPS_EBUSY;
	*new_ = old | lps_shmem_claim_bits(epoch);
	return 0;
}

/* Is @old a claim this host (of @epoch) holds? */
static inline bool lps_shmem_claimed_by(uint32_t old, uint32_t epoch)
{
	return lps_shmem_word_valid(old) && (old & LPS_SHMEM_W_CLAIM) &&
	       lps_shmem_w_epoch(old) == (epoch & 0xffu);
}

/*
 * After the punch: publish content zero.  -LPS_EPROTO if the word no
 * longer holds our claim (only a guest breaking the protocol does that).
 */
static inline int lps_shmem_commit_next(uint32_t old, uint32_t epoch,
					uint32_t *new_)
{
	if (!lps_shmem_claimed_by(old, epoch))
		return -LPS_EPROTO;
	*new_ = lps_shmem_word(lps_shmem_w_usage(old), LPS_ZERO);
	return 0;
}

/* The punch failed: give the frame back untouched. */
static inline int lps_shmem_abort_next(uint32_t old, uint32_t epoch,
				       uint32_t *new_)
{
	if (!lps_shmem_claimed_by(old, epoch))
		return -LPS_EPROTO;
	*new_ = lps_shmem_word(lps_shmem_w_usage(old), LPS_RESIDENT);
	return 0;
}

/*
 * A dead host's claim (another epoch): take it over under @epoch, so this
 * host finishes the drop.  -LPS_EBUSY if @old is no such claim.
 */
static inline int lps_shmem_recover_next(uint32_t old, uint32_t epoch,
					 uint32_t *new_)
{
	if (!lps_shmem_word_valid(old))
		return -LPS_EPROTO;
	if (!(old & LPS_SHMEM_W_CLAIM) ||
	    lps_shmem_w_epoch(old) == (epoch & 0xffu))
		return -LPS_EBUSY;
	*new_ = (old & ~LPS_SHMEM_W_EPOCH_MASK) | lps_shmem_claim_bits(epoch);
	return 0;
}

#endif /* PAGESTATES_WIRE_LPS_WIRE_SHMEM_WORD_H */
