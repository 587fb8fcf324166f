// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_state.c - the transition table every frame state change goes through.
 *
 * The table is indexed [usage][content][changed][event] and every one of
 * its 4 x 3 x 2 x 9 cells is written out below, so a reviewer reads the
 * model instead of deriving it from branches.  In short:
 *
 *  SET_STABLE        usage -> S, content kept, changed cleared; reports
 *                    LPS_R_DISCARDED when a V or P frame had ZERO content.
 *  SET_UNUSED        any -> U, content kept, changed cleared.
 *  SET_VOLATILE,     S, V or P with content not discarded -> V / P, changed
 *  SET_POT_VOLATILE  cleared.  From U: EPERM (a free frame is not page
 *                    cache).  From a discarded frame: EPERM (the guest must
 *                    make it stable, and so learn of the discard, first).
 *  GUEST_READ        U: EPERM (touching a free frame is a guest bug).
 *                    Discarded: EFAULT (the discard fault).  Otherwise the
 *                    content becomes RESIDENT; usage and changed are kept.
 *  GUEST_WRITE       As GUEST_READ, and sets changed; a V frame is EPERM
 *                    (volatile frames are clean and never mapped writable;
 *                    P exists for that).  The discard fault wins over the
 *                    V check: the content is gone whatever the access.
 *  HOST_PAGE_OUT     RESIDENT -> PRESERVED, else EPERM.
 *  HOST_PAGE_IN      PRESERVED -> RESIDENT, else EPERM.
 *  HOST_DISCARD      Content already ZERO: EPERM (nothing to drop).  S:
 *                    EPERM.  P written since marked: EBUSY.  U, V, clean P:
 *                    content -> ZERO.
 *
 * Every SET_* event clears "changed": the bit means "written since the
 * guest last said what this frame is".
 */
#include "lps_internal.h"	/* lps_fstate_t, enum lps_event, int8_t */

struct lps_cell {
	lps_fstate_t next;
	int8_t ret;
};

/* Short names so that one table row fits a line or three. */
#define US LPS_STABLE
#define UU LPS_UNUSED
#define UV LPS_VOLATILE
#define UP LPS_POT_VOLATILE
#define CR LPS_RESIDENT
#define CP LPS_PRESERVED
#define CZ LPS_ZERO
#define GO(u, c, ch)	{ LPS_FS(U##u, C##c, ch), 0 }
#define DI(u, c, ch)	{ LPS_FS(U##u, C##c, ch), LPS_R_DISCARDED }
#define NO(err)		{ 0, -LPS_##err }

/*
 * Columns, in enum lps_event order:
 *	SET_STABLE, SET_UNUSED, SET_VOLATILE, SET_POT_VOLATILE,
 *	GUEST_READ, GUEST_WRITE,
 *	HOST_PAGE_OUT, HOST_PAGE_IN, HOST_DISCARD
 */
static const struct lps_cell
lps_table[LPS_NR_USAGE][LPS_NR_CONTENT][2][LPS_NR_EVENTS] = {
	/* stable, resident, clean */
	[US][CR][0] = {
		GO(S, R, 0), GO(U, R, 0), GO(V, R, 0), GO(P, R, 0),
		GO(S, R, 0), GO(S, R, 1),
		GO(S, P, 0), NO(EPERM), NO(EPERM) },
	/* stable, resident, changed */
	[US][CR][1] = {
		GO(S, R, 0), GO(U, R, 0), GO(V, R, 0), GO(P, R, 0),
		GO(S, R, 1), GO(S, R, 1),
		GO(S, P, 1), NO(EPERM), NO(EPERM) },
	/* stable, preserved, clean */
	[US][CP][0] = {
		GO(S, P, 0), GO(U, P, 0), GO(V, P, 0), GO(P, P, 0),
		GO(S, R, 0), GO(S, R, 1),
		NO(EPERM), GO(S, R, 0), NO(EPERM) },
	/* stable, preserved, changed */
	[US][CP][1] = {
		GO(S, P, 0), GO(U, P, 0), GO(V, P, 0), GO(P, P, 0),
		GO(S, R, 1), GO(S, R, 1),
		NO(EPERM), GO(S, R, 1), NO(EPERM) },
	/* stable, zero, clean */
	[US][CZ][0] = {
		GO(S, Z, 0), GO(U, Z, 0), GO(V, Z, 0), GO(P, Z, 0),
		GO(S, R, 0), GO(S, R, 1),
		NO(EPERM), NO(EPERM), NO(EPERM) },
	/* stable, zero, changed */
	[US][CZ][1] = {
		GO(S, Z, 0), GO(U, Z, 0), GO(V, Z, 0), GO(P, Z, 0),
		GO(S, R, 1), GO(S, R, 1),
		NO(EPERM), NO(EPERM), NO(EPERM) },
	/* unused, resident, clean */
	[UU][CR][0] = {
		GO(S, R, 0), GO(U, R, 0), NO(EPERM), NO(EPERM),
		NO(EPERM), NO(EPERM),
		GO(U, P, 0), NO(EPERM), GO(U, Z, 0) },
	/* unused, resident, changed */
	[UU][CR][1] = {
		GO(S, R, 0), GO(U, R, 0), NO(EPERM), NO(EPERM),
		NO(EPERM), NO(EPERM),
		GO(U, P, 1), NO(EPERM), GO(U, Z, 1) },
	/* unused, preserved, clean */
	[UU][CP][0] = {
		GO(S, P, 0), GO(U, P, 0), NO(EPERM), NO(EPERM),
		NO(EPERM), NO(EPERM),
		NO(EPERM), GO(U, R, 0), GO(U, Z, 0) },
	/* unused, preserved, changed */
	[UU][CP][1] = {
		GO(S, P, 0), GO(U, P, 0), NO(EPERM), NO(EPERM),
		NO(EPERM), NO(EPERM),
		NO(EPERM), GO(U, R, 1), GO(U, Z, 1) },
	/* unused, zero, clean */
	[UU][CZ][0] = {
		GO(S, Z, 0), GO(U, Z, 0), NO(EPERM), NO(EPERM),
		NO(EPERM), NO(EPERM),
		NO(EPERM), NO(EPERM), NO(EPERM) },
	/* unused, zero, changed */
	[UU][CZ][1] = {
		GO(S, Z, 0), GO(U, Z, 0), NO(EPERM), NO(EPERM),
		NO(EPERM), NO(EPERM),
		NO(EPERM), NO(EPERM), NO(EPERM) },
	/* volatile, resident, clean */
	[UV][CR][0] = {
		GO(S, R, 0), GO(U, R, 0), GO(V, R, 0), GO(P, R, 0),
		GO(V, R, 0), NO(EPERM),
		GO(V, P, 0), NO(EPERM), GO(V, Z, 0) },
	/* volatile, resident, changed */
	[UV][CR][1] = {
		GO(S, R, 0), GO(U, R, 0), GO(V, R, 0), GO(P, R, 0),
		GO(V, R, 1), NO(EPERM),
		GO(V, P, 1), NO(EPERM), GO(V, Z, 1) },
	/* volatile, preserved, clean */
	[UV][CP][0] = {
		GO(S, P, 0), GO(U, P, 0), GO(V, P, 0), GO(P, P, 0),
		GO(V, R, 0), NO(EPERM),
		NO(EPERM), GO(V, R, 0), GO(V, Z, 0) },
	/* volatile, preserved, changed */
	[UV][CP][1] = {
		GO(S, P, 0), GO(U, P, 0), GO(V, P, 0), GO(P, P, 0),
		GO(V, R, 1), NO(EPERM),
		NO(EPERM), GO(V, R, 1), GO(V, Z, 1) },
	/* volatile, zero, clean */
	[UV][CZ][0] = {
		DI(S, Z, 0), GO(U, Z, 0), NO(EPERM), NO(EPERM),
		NO(EFAULT), NO(EFAULT),
		NO(EPERM), NO(EPERM), NO(EPERM) },
	/* volatile, zero, changed */
	[UV][CZ][1] = {
		DI(S, Z, 0), GO(U, Z, 0), NO(EPERM), NO(EPERM),
		NO(EFAULT), NO(EFAULT),
		NO(EPERM), NO(EPERM), NO(EPERM) },
	/* pot. volatile, resident, clean */
	[UP][CR][0] = {
		GO(S, R, 0), GO(U, R, 0), GO(V, R, 0), GO(P, R, 0),
		GO(P, R, 0), GO(P, R, 1),
		GO(P, P, 0), NO(EPERM), GO(P, Z, 0) },
	/* pot. volatile, resident, changed */
	[UP][CR][1] = {
		GO(S, R, 0), GO(U, R, 0), GO(V, R, 0), GO(P, R, 0),
		GO(P, R, 1), GO(P, R, 1),
		GO(P, P, 1), NO(EPERM), NO(EBUSY) },
	/* pot. volatile, preserved, clean */
	[UP][CP][0] = {
		GO(S, P, 0), GO(U, P, 0), GO(V, P, 0), GO(P, P, 0),
		GO(P, R, 0), GO(P, R, 1),
		NO(EPERM), GO(P, R, 0), GO(P, Z, 0) },
	/* pot. volatile, preserved, changed */
	[UP][CP][1] = {
		GO(S, P, 0), GO(U, P, 0), GO(V, P, 0), GO(P, P, 0),
		GO(P, R, 1), GO(P, R, 1),
		NO(EPERM), GO(P, R, 1), NO(EBUSY) },
	/* pot. volatile, zero, clean */
	[UP][CZ][0] = {
		DI(S, Z, 0), GO(U, Z, 0), NO(EPERM), NO(EPERM),
		NO(EFAULT), NO(EFAULT),
		NO(EPERM), NO(EPERM), NO(EPERM) },
	/* pot. volatile, zero, changed */
	[UP][CZ][1] = {
		DI(S, Z, 0), GO(U, Z, 0), NO(EPERM), NO(EPERM),
		NO(EFAULT), NO(EFAULT),
		NO(EPERM), NO(EPERM), NO(EPERM) },
};

#undef US
#undef UU
#undef UV
#undef UP
#undef CR
#undef CP
#undef CZ
#undef GO
#undef DI
#undef NO

LPS_STATIC_ASSERT(LPS_NR_EVENTS == 9 && LPS_NR_USAGE == 4 &&
		  LPS_NR_CONTENT == 3, "lps_table is written out for 4x3x2x9");

bool lps_fs_valid(lps_fstate_t s)
{
	return (s & ~LPS_FS_VALID_MASK) == 0 &&
	       lps_fs_content(s) < LPS_NR_CONTENT;
}

int lps_transition(lps_fstate_t cur, enum lps_event event,
		   lps_fstate_t *next)
{
	const struct lps_cell *cell;

	if (!next || !lps_fs_valid(cur) || (unsigned int)event >= LPS_NR_EVENTS)
		return -LPS_EINVAL;
	cell = &lps_table[lps_fs_usage(cur)][lps_fs_content(cur)]
			 [lps_fs_changed(cur)][event];
	if (cell->ret >= 0)
		*next = cell->next;
	return cell->ret;
}

static const char *const lps_usage_names[LPS_NR_USAGE] = {
	[LPS_STABLE] = "stable",
	[LPS_UNUSED] = "unused",
	[LPS_VOLATILE] = "volatile",
	[LPS_POT_VOLATILE] = "potentially volatile",
};

static const char *const lps_content_names[LPS_NR_CONTENT] = {
	[LPS_RESIDENT] = "resident",
	[LPS_PRESERVED] = "preserved",
	[LPS_ZERO] = "zero",
};

static const char *const lps_event_names[LPS_NR_EVENTS] = {
	[LPS_EV_SET_STABLE] = "set-stable",
	[LPS_EV_SET_UNUSED] = "set-unused",
	[LPS_EV_SET_VOLATILE] = "set-volatile",
	[LPS_EV_SET_POT_VOLATILE] = "set-pot-volatile",
	[LPS_EV_GUEST_READ] = "guest-read",
	[LPS_EV_GUEST_WRITE] = "guest-write",
	[LPS_EV_HOST_PAGE_OUT] = "host-page-out",
	[LPS_EV_HOST_PAGE_IN] = "host-page-in",
	[LPS_EV_HOST_DISCARD] = "host-discard",
};

const char *lps_usage_name(enum lps_usage usage)
{
	return (unsigned int)usage < LPS_NR_USAGE ? lps_usage_names[usage] :
						    "invalid";
}

const char *lps_content_name(enum lps_content content)
{
	return (unsigned int)content < LPS_NR_CONTENT ?
	       lps_content_names[content] : "invalid";
}

const char *lps_event_name(enum lps_event event)
{
	return (unsigned int)event < LPS_NR_EVENTS ? lps_event_names[event] :
						     "invalid";
}
