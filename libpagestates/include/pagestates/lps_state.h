/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_state.h - the page-state model: guest usage states, host content
 * states, the events that move a frame between them, and the total
 * transition function both sides share.
 */
#ifndef PAGESTATES_LPS_STATE_H
#define PAGESTATES_LPS_STATE_H

#include "lps_types.h"	/* uint8_t */
#include "lps_err.h"	/* LPS_R_DISCARDED, error codes */

#ifdef __cplusplus
extern "C" {
#endif

/* Guest usage state, set by the guest. */
enum lps_usage {
	LPS_STABLE = 0,		/* content must be preserved */
	LPS_UNUSED = 1,		/* free in the guest; content worthless */
	LPS_VOLATILE = 2,	/* clean copy the guest can re-create */
	LPS_POT_VOLATILE = 3,	/* volatile unless written since marked */
	LPS_NR_USAGE
};

/* Host content state, set by the host. */
enum lps_content {
	LPS_RESIDENT = 0,	/* in host memory */
	LPS_PRESERVED = 1,	/* paged out by the host, will be paged in */
	LPS_ZERO = 2,		/* dropped; reads back as zero */
	LPS_NR_CONTENT
};

/*
 * What can happen to a frame.  SET_* come from the guest's hints, GUEST_*
 * from the guest touching the frame, HOST_* from the host's paging.
 */
enum lps_event {
	LPS_EV_SET_STABLE = 0,
	LPS_EV_SET_UNUSED,
	LPS_EV_SET_VOLATILE,
	LPS_EV_SET_POT_VOLATILE,
	LPS_EV_GUEST_READ,
	LPS_EV_GUEST_WRITE,
	LPS_EV_HOST_PAGE_OUT,
	LPS_EV_HOST_PAGE_IN,
	LPS_EV_HOST_DISCARD,
	LPS_NR_EVENTS
};

/*
 * A frame's whole state in one byte: usage (bits 0-1), content (bits 2-3)
 * and "changed", set by a guest write and cleared by every SET_* event, so
 * the host can tell a written potentially volatile frame from a clean one.
 * Content value 3 is invalid.
 */
typedef uint8_t lps_fstate_t;

#define LPS_FS_USAGE_MASK	0x03u
#define LPS_FS_CONTENT_SHIFT	2
#define LPS_FS_CONTENT_MASK	0x0cu
#define LPS_FS_CHANGED		0x10u
#define LPS_FS_VALID_MASK	0x1fu

#define LPS_FS(usage, content, changed)					\
	((lps_fstate_t)((usage) | ((content) << LPS_FS_CONTENT_SHIFT) |	\
			((changed) ? LPS_FS_CHANGED : 0)))

static inline enum lps_usage lps_fs_usage(lps_fstate_t s)
{
	return (enum lps_usage)(s & LPS_FS_USAGE_MASK);
}

static inline enum lps_content lps_fs_content(lps_fstate_t s)
{
	return (enum lps_content)((s & LPS_FS_CONTENT_MASK) >>
				  LPS_FS_CONTENT_SHIFT);
}

static inline bool lps_fs_changed(lps_fstate_t s)
{
	return (s & LPS_FS_CHANGED) != 0;
}

/* Volatile or potentially volatile, and the host dropped the content. */
static inline bool lps_fs_discarded(lps_fstate_t s)
{
	return lps_fs_usage(s) >= LPS_VOLATILE &&
	       lps_fs_content(s) == LPS_ZERO;
}

/**
 * lps_fs_valid() - is @s an encodable frame state
 * @s: candidate state byte
 *
 * Return: false for stray bits or the invalid content value 3.
 */
bool lps_fs_valid(lps_fstate_t s);

/**
 * lps_transition() - apply one event to one frame state
 * @cur:   current state; must satisfy lps_fs_valid()
 * @event: what happened
 * @next:  receives the new state on success; untouched on error
 *
 * The table behind this is total: every (state, event) pair has a defined
 * outcome, documented in libpagestates/lps_state.c and replayed from
 * tests/vectors/transitions.h.
 *
 * Return: 0; LPS_R_DISCARDED when SET_STABLE found the content discarded;
 * -LPS_EINVAL for an invalid @cur or @event or NULL @next; -LPS_EPERM for
 * an event the state forbids (host dropping a stable frame, guest touching
 * an unused one, marking a free frame volatile, ...); -LPS_EFAULT for a
 * guest access to discarded content (the discard fault); -LPS_EBUSY for a
 * host drop of a written potentially volatile frame.
 */
int lps_transition(lps_fstate_t cur, enum lps_event event,
		   lps_fstate_t *next);

const char *lps_usage_name(enum lps_usage usage);
const char *lps_content_name(enum lps_content content);
const char *lps_event_name(enum lps_event event);

#ifdef __cplusplus
}
#endif

#endif /* PAGESTATES_LPS_STATE_H */
