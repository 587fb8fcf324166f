/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_wire_essa.h - ESSA without the instruction: command codes, the
 * result byte, and the instruction's register fields.  Pure C, shared by
 * the s390 guest port and the host-side ESSA decoder, testable anywhere.
 *
 * Facts (Linux arch/s390/include/asm/page-states.h, KVM's handle_essa and
 * pgste_perform_essa): ESSA is RRF, opcode 0xb9ab; R2 holds the frame's
 * real address, M3 the command, R1 receives the frame's state from before
 * the command.  Result bits: 0-1 block content (0 resident, 2 preserved,
 * 3 zero; 1 is never produced), 2-3 usage (0 stable, 1 unused, 2 potentially
 * volatile, 3 volatile: note the last two are the other way round from
 * enum lps_usage), 0x10 "exception indication" (the host could not do it),
 * 0x20 the no-DAT bit.
 */
#ifndef PAGESTATES_WIRE_LPS_WIRE_ESSA_H
#define PAGESTATES_WIRE_LPS_WIRE_ESSA_H

#include <pagestates/lps_state.h>	/* enum lps_usage, lps_fstate_t */

#define LPS_ESSA_GET_STATE		0u
#define LPS_ESSA_SET_STABLE		1u
#define LPS_ESSA_SET_UNUSED		2u
#define LPS_ESSA_SET_VOLATILE		3u
#define LPS_ESSA_SET_POT_VOLATILE	4u
#define LPS_ESSA_SET_STABLE_RESIDENT	5u
#define LPS_ESSA_SET_STABLE_IF_RESIDENT	6u
#define LPS_ESSA_SET_STABLE_NODAT	7u
#define LPS_ESSA_MAX			LPS_ESSA_SET_STABLE_NODAT

#define LPS_ESSA_USAGE_STABLE		0u
#define LPS_ESSA_USAGE_UNUSED		1u
#define LPS_ESSA_USAGE_POT_VOLATILE	2u
#define LPS_ESSA_USAGE_VOLATILE		3u

#define LPS_ESSA_CONTENT_RESIDENT	0u
#define LPS_ESSA_CONTENT_PRESERVED	2u
#define LPS_ESSA_CONTENT_ZERO		3u

#define LPS_ESSA_RES_CONTENT_MASK	0x03u
#define LPS_ESSA_RES_USAGE_SHIFT	2
#define LPS_ESSA_RES_USAGE_MASK		0x0cu
#define LPS_ESSA_RES_EXCEPTION		0x10u
#define LPS_ESSA_RES_NODAT		0x20u

/* ESSA works on 4 KiB frames whatever the guest's page size. */
#define LPS_ESSA_FRAME_SHIFT		12
#define LPS_ESSA_MAX_PFN		(~(uint64_t)0 >> LPS_ESSA_FRAME_SHIFT)

/* The instruction: b9 ab, then M3|M4, then R1|R2. */
#define LPS_ESSA_OPCODE_HI		0xb9u
#define LPS_ESSA_OPCODE_LO		0xabu
#define LPS_ESSA_INSN_LEN		4u

/* The command that sets @usage, or -LPS_EINVAL. */
static inline int lps_essa_cmd(enum lps_usage usage)
{
	switch (usage) {
	case LPS_STABLE:
		return LPS_ESSA_SET_STABLE;
	case LPS_UNUSED:
		return LPS_ESSA_SET_UNUSED;
	case LPS_VOLATILE:
		return LPS_ESSA_SET_VOLATILE;
	case LPS_POT_VOLATILE:
		return LPS_ESSA_SET_POT_VOLATILE;
	default:
		return -LPS_EINVAL;
	}
}

/*
 * The usage state a SET command asks for: an enum lps_usage (stable for
 * the resident and no-DAT variants 5-7 too, as KVM sets them; 6 only if
 * the content is resident, which the caller checks), -LPS_EINVAL for
 * GET_STATE or no command at all.
 */
static inline int lps_essa_cmd_usage(uint64_t cmd)
{
	switch (cmd) {
	case LPS_ESSA_SET_STABLE:
	case LPS_ESSA_SET_STABLE_RESIDENT:
	case LPS_ESSA_SET_STABLE_IF_RESIDENT:
	case LPS_ESSA_SET_STABLE_NODAT:
		return LPS_STABLE;
	case LPS_ESSA_SET_UNUSED:
		return LPS_UNUSED;
	case LPS_ESSA_SET_VOLATILE:
		return LPS_VOLATILE;
	case LPS_ESSA_SET_POT_VOLATILE:
		return LPS_POT_VOLATILE;
	default:
		return -LPS_EINVAL;
	}
}

/* The result byte the host writes to R1 for frame state @s. */
static inline uint64_t lps_essa_result(lps_fstate_t s)
{
	static const uint8_t usage[LPS_NR_USAGE] = {
		[LPS_STABLE] = LPS_ESSA_USAGE_STABLE,
		[LPS_UNUSED] = LPS_ESSA_USAGE_UNUSED,
		[LPS_VOLATILE] = LPS_ESSA_USAGE_VOLATILE,
		[LPS_POT_VOLATILE] = LPS_ESSA_USAGE_POT_VOLATILE,
	};
	static const uint8_t content[LPS_NR_CONTENT] = {
		[LPS_RESIDENT] = LPS_ESSA_CONTENT_RESIDENT,
		[LPS_PRESERVED] = LPS_ESSA_CONTENT_PRESERVED,
		[LPS_ZERO] = LPS_ESSA_CONTENT_ZERO,
	};
	enum lps_content c = lps_fs_content(s);

	if (c >= LPS_NR_CONTENT)
		return LPS_ESSA_RES_EXCEPTION;
	return ((uint64_t)usage[lps_fs_usage(s)] << LPS_ESSA_RES_USAGE_SHIFT) |
	       content[c];
}

/*
 * Decode R1 after ESSA into a frame state (usage and content; ESSA has no
 * change bit).  Return 0, -LPS_EIO when the host flagged an exception, or
 * -LPS_EPROTO for bits no host produces.
 */
static inline int lps_essa_decode(uint64_t res, lps_fstate_t *out)
{
	static const uint8_t usage[4] = {
		[LPS_ESSA_USAGE_STABLE] = LPS_STABLE,
		[LPS_ESSA_USAGE_UNUSED] = LPS_UNUSED,
		[LPS_ESSA_USAGE_POT_VOLATILE] = LPS_POT_VOLATILE,
		[LPS_ESSA_USAGE_VOLATILE] = LPS_VOLATILE,
	};
	static const int8_t content[4] = {
		[LPS_ESSA_CONTENT_RESIDENT] = LPS_RESIDENT,
		[1] = -1,
		[LPS_ESSA_CONTENT_PRESERVED] = LPS_PRESERVED,
		[LPS_ESSA_CONTENT_ZERO] = LPS_ZERO,
	};
	int c;

	if (res & LPS_ESSA_RES_EXCEPTION)
		return -LPS_EIO;
	if (res & ~(uint64_t)(LPS_ESSA_RES_CONTENT_MASK |
			      LPS_ESSA_RES_USAGE_MASK | LPS_ESSA_RES_NODAT))
		return -LPS_EPROTO;
	c = content[res & LPS_ESSA_RES_CONTENT_MASK];
	if (c < 0)
		return -LPS_EPROTO;
	*out = LPS_FS(usage[(res & LPS_ESSA_RES_USAGE_MASK) >>
			    LPS_ESSA_RES_USAGE_SHIFT], (unsigned int)c, 0);
	return 0;
}

static inline uint64_t lps_essa_addr(uint64_t pfn)
{
	return pfn << LPS_ESSA_FRAME_SHIFT;
}

/* The fields of an ESSA instruction at @insn; -LPS_EINVAL if it is not one. */
static inline int lps_essa_insn_decode(const uint8_t insn[4],
				       unsigned int *r1, unsigned int *r2,
				       unsigned int *m3)
{
	if (insn[0] != LPS_ESSA_OPCODE_HI || insn[1] != LPS_ESSA_OPCODE_LO)
		return -LPS_EINVAL;
	*m3 = insn[2] >> 4;
	*r1 = insn[3] >> 4;
	*r2 = insn[3] & 0x0fu;
	return 0;
}

#endif /* PAGESTATES_WIRE_LPS_WIRE_ESSA_H */
