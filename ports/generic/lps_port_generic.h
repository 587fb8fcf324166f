/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_port_generic.h - fills in what a port did not define and turns the
 * port into the struct lps_port_ops the core calls.  Included last by every
 * port header; each fallback is wrapped in #ifndef, so a port overrides one
 * by defining the function and a macro of the same name.
 */
#ifndef LPS_PORT_GENERIC_H
#define LPS_PORT_GENERIC_H

#ifndef LPS_PORT_INSIDE_DISPATCHER
#error "include ports/lps_port.h, not a port header"
#endif

#include <pagestates/pagestates.h>	/* lps_port_ops, LPS_CAP_* */
#include "generic/lps_port_env.h"	/* struct lps_port_env */

#ifndef LPS_PORT_NAME
#error "a port must define LPS_PORT_NAME"
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
static inline int lps_port_probe(void *ctx)
{
	(void)ctx;
	return 0;
}
#define lps_port_probe lps_port_probe
#endif

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

#ifndef lps_port_submit
/*
 * Per-frame port: walk the ranges from the cursor, one set_usage per frame.
 * A range is applied whole or not at all: when a frame fails, the frames
 * of that range already hinted are made stable again (always safe: stable
 * only asks the host to keep content) and the cursor stays on the range.
 */
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
			while (done--)
				(void)lps_port_set_usage(ctx, pfn + done,
							 LPS_STABLE, NULL);
			return ret;
		}
		b->hdr.cursor = lps_le16((uint16_t)(i + 1));
	}
	return 0;
}
#define lps_port_submit lps_port_submit
#endif

#ifndef lps_port_make_stable
#ifndef lps_port_set_usage
#error "a batch port must define lps_port_make_stable"
#endif
/* One set_usage per frame; any frame found discarded makes the answer. */
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
#define lps_port_make_stable lps_port_make_stable
#endif

#ifdef LPS_PORT_HAVE_GET_STATE
#ifndef lps_port_get_state
#error "LPS_PORT_HAVE_GET_STATE needs lps_port_get_state"
#endif
#define LPS_PORT_GET_STATE_FN_ lps_port_get_state
#else
#define LPS_PORT_GET_STATE_FN_ NULL
#endif

/* The compiled-in port as the core sees it; ctx is a struct lps_port_env *. */
static inline const struct lps_port_ops *lps_port_ops_get(void)
{
	static const struct lps_port_ops ops = {
		.name = LPS_PORT_NAME,
		.caps = LPS_PORT_CAPS,
		.probe = lps_port_probe,
		.submit = lps_port_submit,
		.make_stable = lps_port_make_stable,
		.get_state = LPS_PORT_GET_STATE_FN_,
	};

	return &ops;
}

#endif /* LPS_PORT_GENERIC_H */
