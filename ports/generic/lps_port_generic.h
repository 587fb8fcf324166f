/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_port_generic.h - fills in what a port did not define and turns the
 * port into lps_port_<id>_ops(), the struct lps_port_ops the core calls.
 * Included last by every port header, once per port (so no include guard
 * around the per-port part); each fallback is wrapped in #ifndef, so a
 * port overrides one by defining it as LPS_PORT_FN(name) (lps_port_fn.h).
 */
#ifndef LPS_PORT_GENERIC_ONCE_H
#define LPS_PORT_GENERIC_ONCE_H

#include <pagestates/pagestates.h>	/* lps_port_ops, LPS_CAP_* */
#include "generic/lps_port_env.h"	/* struct lps_port_env */
#include "generic/lps_port_fn.h"	/* LPS_PORT_FN() */

/*
 * Check a descriptor before a per-frame port acts on any of it, so a bad
 * one changes nothing.  A batch port's host does this for itself.
 */
static inline int lps_port_batch_check(const struct lps_batch *b)
{
	uint16_t nr, cursor, i;

	if (!b)
		return -LPS_EINVAL;
	nr = lps_le16(b->hdr.nr);
	cursor = lps_le16(b->hdr.cursor);
	if (lps_le32(b->hdr.magic) != LPS_BATCH_MAGIC ||
	    lps_le16(b->hdr.version) != LPS_BATCH_VERSION ||
	    b->hdr.flags || b->hdr.reserved ||
	    nr > LPS_BATCH_MAX_RANGES || cursor > nr)
		return -LPS_EPROTO;
	for (i = cursor; i < nr; i++) {
		if (!lps_le32(b->range[i].count) ||
		    lps_le32(b->range[i].usage) >= LPS_NR_USAGE)
			return -LPS_EPROTO;
	}
	return 0;
}

#endif /* LPS_PORT_GENERIC_ONCE_H */

/* ------------------------------------------------- once for every port */

#if !defined(LPS_PORT_ID) || !defined(LPS_PORT_NAME)
#error "a port must define LPS_PORT_ID and LPS_PORT_NAME"
#endif

#if !defined(lps_port_submit) && !defined(lps_port_set_usage)
#error "a port must define lps_port_submit or lps_port_set_usage"
#endif

#ifdef LPS_PORT_HAVE_BATCH
#define LPS_PORT_CAP_BATCH_ LPS_CAP_BATCH
#else
#define LPS_PORT_CAP_BATCH_ 0u
#endif
#ifdef LPS_PORT_HAVE_DISCARD_FAULT
#define LPS_PORT_CAP_FAULT_ LPS_CAP_DISCARD_FAULT
#else
#define LPS_PORT_CAP_FAULT_ 0u
#endif
#ifdef LPS_PORT_HAVE_DIRTY_BIT
#define LPS_PORT_CAP_DIRTY_ LPS_CAP_DIRTY_BIT
#else
#define LPS_PORT_CAP_DIRTY_ 0u
#endif
#ifdef LPS_PORT_HAVE_GET_STATE
#define LPS_PORT_CAP_STATE_ LPS_CAP_GET_STATE
#else
#define LPS_PORT_CAP_STATE_ 0u
#endif

#define LPS_PORT_CAPS (LPS_PORT_CAP_BATCH_ | LPS_PORT_CAP_FAULT_ |	\
		       LPS_PORT_CAP_DIRTY_ | LPS_PORT_CAP_STATE_)

#ifndef lps_port_probe
/* A port with nothing to discover is always there. */
#define lps_port_probe LPS_PORT_FN(probe)
static inline int lps_port_probe(void *ctx)
{
	(void)ctx;
	return 0;
}
#endif

#ifndef lps_port_submit
/*
 * Per-frame port: walk the ranges from the cursor, one set_usage per frame.
 * When a frame fails, what the host already applied stays applied and is
 * reported frame-exactly: the failing range is cut down to its applied
 * frames and the cursor moves past it, so the core records exactly those
 * as told.  Undoing them instead (making them stable again) would lose a
 * drop the host made in between: the "discarded" answer of that undo had
 * nowhere to go, and the frame came back stable with zero content.  The
 * frames from the failing one on were never applied; the core forgets
 * them, which is safe (the host keeps the view it was last told).
 */
#define lps_port_submit LPS_PORT_FN(submit)
static inline int lps_port_submit(void *ctx, struct lps_batch *b)
{
	uint16_t nr, i;
	int ret = lps_port_batch_check(b);

	if (ret)
		return ret;
	nr = lps_le16(b->hdr.nr);
	for (i = lps_le16(b->hdr.cursor); i < nr; i++) {
		uint64_t pfn = lps_le64(b->range[i].pfn);
		uint32_t count = lps_le32(b->range[i].count);
		enum lps_usage usage =
			(enum lps_usage)lps_le32(b->range[i].usage);
		uint32_t done;

		for (done = 0; done < count; done++) {
			ret = lps_port_set_usage(ctx, pfn + done, usage, NULL);
			if (ret < 0)
				break;
		}
		if (ret < 0) {
			if (done) {
				b->range[i].count = lps_le32(done);
				b->hdr.cursor = lps_le16((uint16_t)(i + 1));
			}
			return ret;
		}
		b->hdr.cursor = lps_le16((uint16_t)(i + 1));
	}
	return 0;
}
#endif

#ifndef lps_port_make_stable
#ifndef lps_port_set_usage
#error "a batch port must define lps_port_make_stable"
#endif
/* One set_usage per frame; any frame found discarded makes the answer. */
#define lps_port_make_stable LPS_PORT_FN(make_stable)
static inline int lps_port_make_stable(void *ctx, uint64_t pfn,
				       uint64_t count)
{
	int ret, discarded = 0;
	uint64_t i;

	if (!count || pfn + count < pfn)
		return -LPS_EINVAL;
	for (i = 0; i < count; i++) {
		ret = lps_port_set_usage(ctx, pfn + i, LPS_STABLE, NULL);
		if (ret < 0)
			return ret;
		if (ret == LPS_R_DISCARDED)
			discarded = 1;
	}
	return discarded ? LPS_R_DISCARDED : 0;
}
#endif

#if !defined(lps_port_hint) && defined(lps_port_set_usage)
/*
 * Per-frame port: the direct path is one set_usage per frame.  When one
 * fails, the frames before it keep the new usage: making them stable again
 * would lose a drop the host made in between (that call's "discarded"
 * answer has nowhere to go).  The core records the whole range as told.
 */
#define lps_port_hint LPS_PORT_FN(hint)
static inline int lps_port_hint(void *ctx, uint64_t pfn, uint64_t count,
				enum lps_usage usage)
{
	uint64_t done;
	int ret;

	if (!count || pfn + count < pfn || usage == LPS_STABLE ||
	    (unsigned int)usage >= LPS_NR_USAGE)
		return -LPS_EINVAL;
	for (done = 0; done < count; done++) {
		ret = lps_port_set_usage(ctx, pfn + done, usage, NULL);
		if (ret < 0)
			return ret;
	}
	return 0;
}
#endif

#ifdef lps_port_hint
#define LPS_PORT_HINT_FN_ lps_port_hint
#else
#define LPS_PORT_HINT_FN_ NULL
#endif

#ifdef LPS_PORT_HAVE_GET_STATE
#ifndef lps_port_get_state
#error "LPS_PORT_HAVE_GET_STATE needs lps_port_get_state"
#endif
#define LPS_PORT_GET_STATE_FN_ lps_port_get_state
#else
#define LPS_PORT_GET_STATE_FN_ NULL
#endif

/* The port as the core sees it; ctx is a struct lps_port_env *. */
static inline const struct lps_port_ops *LPS_PORT_OPS(LPS_PORT_ID)(void)
{
	static const struct lps_port_ops ops = {
		.name = LPS_PORT_NAME,
		.caps = LPS_PORT_CAPS,
		.probe = lps_port_probe,
		.submit = lps_port_submit,
		.make_stable = lps_port_make_stable,
		.get_state = LPS_PORT_GET_STATE_FN_,
		.hint = LPS_PORT_HINT_FN_,
	};

	return &ops;
}

/* Forget the short names: the next port in this unit defines its own. */
#undef lps_port_probe
#undef lps_port_submit
#undef lps_port_make_stable
#undef lps_port_get_state
#undef lps_port_set_usage
#undef lps_port_hint
#undef LPS_PORT_HINT_FN_
#undef LPS_PORT_ID
#undef LPS_PORT_NAME
#undef LPS_PORT_HAVE_BATCH
#undef LPS_PORT_HAVE_DISCARD_FAULT
#undef LPS_PORT_HAVE_DIRTY_BIT
#undef LPS_PORT_HAVE_GET_STATE
#undef LPS_PORT_CAP_BATCH_
#undef LPS_PORT_CAP_FAULT_
#undef LPS_PORT_CAP_DIRTY_
#undef LPS_PORT_CAP_STATE_
#undef LPS_PORT_CAPS
#undef LPS_PORT_GET_STATE_FN_
