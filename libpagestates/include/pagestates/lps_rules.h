/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_rules.h - the rules that keep a page stable: abstract page facts and
 * port capabilities in, the strongest allowed usage state and the reason
 * out.
 */
#ifndef PAGESTATES_LPS_RULES_H
#define PAGESTATES_LPS_RULES_H

#include "lps_types.h"	/* uint32_t */
#include "lps_state.h"	/* enum lps_usage */

#ifdef __cplusplus
extern "C" {
#endif

/* Page facts, as the guest's memory manager sees them. */
#define LPS_PF_RESERVED		(1u << 0)
#define LPS_PF_DIRTY		(1u << 1)
#define LPS_PF_WRITEBACK	(1u << 2)
#define LPS_PF_LOCKED		(1u << 3)
#define LPS_PF_ANON		(1u << 4)	/* anonymous memory */
#define LPS_PF_SWAPCACHE	(1u << 5)	/* in swap cache, write done */
#define LPS_PF_HAS_MAPPING	(1u << 6)	/* file or swap address space */
#define LPS_PF_UPTODATE		(1u << 7)
#define LPS_PF_PRIVATE		(1u << 8)	/* buffer heads or fs data */
#define LPS_PF_DISCARDED	(1u << 9)
#define LPS_PF_ISOLATED		(1u << 10)	/* off the LRU lists */
#define LPS_PF_MLOCKED		(1u << 11)
#define LPS_PF_MAPPED_WRITABLE	(1u << 12)	/* some PTE maps it writable */
#define LPS_PF_ALL		((1u << 13) - 1)

struct lps_page_facts {
	uint32_t flags;		/* LPS_PF_* */
	uint32_t map_count;	/* page-table mappings */
	uint32_t ref_count;	/* references, mappings included */
};

/* Port capabilities, announced by a port and read by the rules. */
#define LPS_CAP_DISCARD_FAULT	(1u << 0)	/* guest faults on discarded */
#define LPS_CAP_DIRTY_BIT	(1u << 1)	/* host sees per-page change */
#define LPS_CAP_BATCH		(1u << 2)	/* port takes ranges natively */
#define LPS_CAP_GET_STATE	(1u << 3)	/* host state can be queried */
#define LPS_CAP_ALL		((1u << 4) - 1)

/*
 * Why a page must stay stable, in the order the rules test them: the ten
 * conditions of the original series, then off-LRU, mlock, and the two
 * capability rules.
 */
/* checkpatch-ignore: COMPLEX_MACRO (an X-macro list; users expand X) */
#define LPS_REASONS(X)							\
	X(NONE,			"may leave stable")			\
	X(RESERVED,		"reserved page")			\
	X(DIRTY,		"dirty")				\
	X(WRITEBACK,		"under writeback")			\
	X(LOCKED,		"locked")				\
	X(ANON_NO_SWAPCACHE,	"anonymous without swap cache")		\
	X(NO_MAPPING,		"no mapping")				\
	X(NOT_UPTODATE,		"not uptodate")				\
	X(PRIVATE,		"has private data")			\
	X(DISCARDED,		"already discarded")			\
	X(EXTRA_REFS,		"referenced beyond its mappings")	\
	X(ISOLATED,		"isolated from the LRU")		\
	X(MLOCKED,		"mlocked")				\
	X(MAPPED_NO_FAULT,	"mapped, port has no discard faults")	\
	X(WRITABLE_NO_DIRTY,	"mapped writable, port has no dirty bit")

enum lps_reason {
#define LPS_REASON_ENUM(name, text) LPS_WHY_##name,
	LPS_REASONS(LPS_REASON_ENUM)
#undef LPS_REASON_ENUM
	LPS_NR_REASONS
};

/**
 * lps_rules_decide() - how volatile may this page be
 * @facts: the page's facts
 * @caps:  the port's LPS_CAP_* bits
 * @why:   receives the reason (LPS_WHY_NONE when not forced stable);
 *         may be NULL
 *
 * Return: LPS_VOLATILE, LPS_POT_VOLATILE or LPS_STABLE; -LPS_EINVAL for
 * NULL @facts, unknown flag or capability bits, or map_count > ref_count.
 */
int lps_rules_decide(const struct lps_page_facts *facts, uint32_t caps,
		     enum lps_reason *why);

const char *lps_reason_name(enum lps_reason why);

#ifdef __cplusplus
}
#endif

#endif /* PAGESTATES_LPS_RULES_H */
