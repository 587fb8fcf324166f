/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * rule_cases.h - page facts and port capabilities in, usage and reason out,
 * one line of why per case.  Data only, replayed by tests/core and by the
 * in-kernel KUnit suite, so it stays plain C initialisers.
 */
#ifndef LPS_VECTORS_RULE_CASES_H
#define LPS_VECTORS_RULE_CASES_H

#include <pagestates/lps_rules.h>	/* struct lps_page_facts, LPS_PF_* */

/* A clean, uptodate page-cache page: the one that may become volatile. */
#define LPS_RC_CLEAN	(LPS_PF_HAS_MAPPING | LPS_PF_UPTODATE)
/* Expected reason of a refused call: the output must be left as it was. */
#define LPS_RC_UNTOUCHED LPS_NR_REASONS

struct lps_rule_case {
	struct lps_page_facts facts;	/* flags, map_count, ref_count */
	uint32_t caps;
	int expect;			/* usage, or a negative error */
	enum lps_reason why;
	const char *what;
};

static const struct lps_rule_case lps_rule_cases[] = {
	/* Each rule alone, on an unmapped page (one cache reference). */
	{ { LPS_RC_CLEAN, 0, 1 }, 0, LPS_VOLATILE, LPS_WHY_NONE,
	  "clean unmapped page cache may be volatile on any port" },
	{ { LPS_RC_CLEAN | LPS_PF_RESERVED, 0, 1 }, 0, LPS_STABLE,
	  LPS_WHY_RESERVED, "reserved pages are not the allocator's" },
	{ { LPS_RC_CLEAN | LPS_PF_DIRTY, 0, 1 }, 0, LPS_STABLE, LPS_WHY_DIRTY,
	  "dirty data exists nowhere else" },
	{ { LPS_RC_CLEAN | LPS_PF_WRITEBACK, 0, 1 }, 0, LPS_STABLE,
	  LPS_WHY_WRITEBACK, "under writeback the copy is not yet safe" },
	{ { LPS_RC_CLEAN | LPS_PF_LOCKED, 0, 1 }, 0, LPS_STABLE,
	  LPS_WHY_LOCKED, "a locked page is being worked on" },
	{ { LPS_RC_CLEAN | LPS_PF_ANON, 0, 1 }, 0, LPS_STABLE,
	  LPS_WHY_ANON_NO_SWAPCACHE, "anonymous memory has no backing copy" },
	{ { LPS_RC_CLEAN | LPS_PF_ANON | LPS_PF_SWAPCACHE, 0, 1 }, 0,
	  LPS_VOLATILE, LPS_WHY_NONE,
	  "swap cache with its write done is a clean copy" },
	{ { LPS_PF_UPTODATE, 0, 1 }, 0, LPS_STABLE, LPS_WHY_NO_MAPPING,
	  "no mapping: nothing to re-read it from" },
	{ { LPS_PF_HAS_MAPPING, 0, 1 }, 0, LPS_STABLE, LPS_WHY_NOT_UPTODATE,
	  "not uptodate: content is not the file's yet" },
	{ { LPS_RC_CLEAN | LPS_PF_PRIVATE, 0, 1 }, 0, LPS_STABLE,
	  LPS_WHY_PRIVATE, "buffer heads hang off it" },
	{ { LPS_RC_CLEAN | LPS_PF_DISCARDED, 0, 1 }, 0, LPS_STABLE,
	  LPS_WHY_DISCARDED, "already discarded, on its way out" },
	{ { LPS_RC_CLEAN, 0, 2 }, 0, LPS_STABLE, LPS_WHY_EXTRA_REFS,
	  "someone holds a reference to use the content" },
	{ { LPS_RC_CLEAN, 0, 0 }, 0, LPS_STABLE, LPS_WHY_EXTRA_REFS,
	  "not even the cache's reference: not a cache page" },
	{ { LPS_RC_CLEAN | LPS_PF_ISOLATED, 0, 1 }, 0, LPS_STABLE,
	  LPS_WHY_ISOLATED, "isolated: reclaim or migration owns it" },
	{ { LPS_RC_CLEAN | LPS_PF_MLOCKED, 0, 1 }, 0, LPS_STABLE,
	  LPS_WHY_MLOCKED, "mlocked: the user asked for it to stay" },

	/* Mappings and port capabilities. */
	{ { LPS_RC_CLEAN, 1, 2 }, 0, LPS_STABLE, LPS_WHY_MAPPED_NO_FAULT,
	  "mapped, no discard fault: a loss would go unnoticed" },
	{ { LPS_RC_CLEAN, 3, 4 }, LPS_CAP_DISCARD_FAULT, LPS_VOLATILE,
	  LPS_WHY_NONE, "mapped read-only with discard faults" },
	{ { LPS_RC_CLEAN | LPS_PF_MAPPED_WRITABLE, 1, 2 },
	  LPS_CAP_DISCARD_FAULT, LPS_STABLE, LPS_WHY_WRITABLE_NO_DIRTY,
	  "writable, no dirty bit: host cannot see writes" },
	{ { LPS_RC_CLEAN | LPS_PF_MAPPED_WRITABLE, 1, 2 },
	  LPS_CAP_DISCARD_FAULT | LPS_CAP_DIRTY_BIT, LPS_POT_VOLATILE,
	  LPS_WHY_NONE, "writable with discard faults and dirty bit" },
	{ { LPS_RC_CLEAN | LPS_PF_MAPPED_WRITABLE, 1, 2 }, LPS_CAP_DIRTY_BIT,
	  LPS_STABLE, LPS_WHY_MAPPED_NO_FAULT,
	  "a dirty bit does not help without discard faults" },
	{ { LPS_RC_CLEAN | LPS_PF_MAPPED_WRITABLE, 0, 1 }, LPS_CAP_DIRTY_BIT,
	  LPS_POT_VOLATILE, LPS_WHY_NONE,
	  "writable flag, no mapping counted: the flag decides" },
	{ { LPS_RC_CLEAN | LPS_PF_MAPPED_WRITABLE, 0, 1 }, 0, LPS_STABLE,
	  LPS_WHY_WRITABLE_NO_DIRTY, "writable flag without a dirty bit" },
	{ { LPS_RC_CLEAN, 0, 1 }, LPS_CAP_ALL, LPS_VOLATILE, LPS_WHY_NONE,
	  "every capability, clean unmapped page" },
	{ { LPS_RC_CLEAN, 0, 1 }, LPS_CAP_BATCH | LPS_CAP_GET_STATE,
	  LPS_VOLATILE, LPS_WHY_NONE, "capabilities the rules do not read" },

	/* Several rules broken: the first in LPS_REASONS order is reported. */
	{ { LPS_RC_CLEAN | LPS_PF_RESERVED | LPS_PF_DIRTY | LPS_PF_MLOCKED,
	    0, 1 }, 0, LPS_STABLE, LPS_WHY_RESERVED, "reserved before dirty" },
	{ { LPS_RC_CLEAN | LPS_PF_DIRTY | LPS_PF_WRITEBACK, 0, 1 }, 0,
	  LPS_STABLE, LPS_WHY_DIRTY, "dirty before writeback" },
	{ { LPS_RC_CLEAN | LPS_PF_WRITEBACK | LPS_PF_LOCKED, 0, 1 }, 0,
	  LPS_STABLE, LPS_WHY_WRITEBACK, "writeback before locked" },
	{ { LPS_RC_CLEAN | LPS_PF_LOCKED | LPS_PF_ANON, 0, 1 }, 0, LPS_STABLE,
	  LPS_WHY_LOCKED, "locked before anonymous" },
	{ { LPS_PF_UPTODATE | LPS_PF_ANON, 0, 1 }, 0, LPS_STABLE,
	  LPS_WHY_ANON_NO_SWAPCACHE, "anonymous before no mapping" },
	{ { LPS_PF_PRIVATE, 0, 1 }, 0, LPS_STABLE, LPS_WHY_NO_MAPPING,
	  "no mapping before not uptodate" },
	{ { LPS_PF_HAS_MAPPING | LPS_PF_PRIVATE, 0, 1 }, 0, LPS_STABLE,
	  LPS_WHY_NOT_UPTODATE, "not uptodate before private" },
	{ { LPS_RC_CLEAN | LPS_PF_PRIVATE | LPS_PF_DISCARDED, 0, 1 }, 0,
	  LPS_STABLE, LPS_WHY_PRIVATE, "private before discarded" },
	{ { LPS_RC_CLEAN | LPS_PF_DISCARDED, 0, 5 }, 0, LPS_STABLE,
	  LPS_WHY_DISCARDED, "discarded before extra references" },
	{ { LPS_RC_CLEAN | LPS_PF_ISOLATED, 0, 3 }, 0, LPS_STABLE,
	  LPS_WHY_EXTRA_REFS, "extra references before isolated" },
	{ { LPS_RC_CLEAN | LPS_PF_ISOLATED | LPS_PF_MLOCKED, 0, 1 }, 0,
	  LPS_STABLE, LPS_WHY_ISOLATED, "isolated before mlocked" },
	{ { LPS_RC_CLEAN | LPS_PF_MLOCKED, 2, 3 }, 0, LPS_STABLE,
	  LPS_WHY_MLOCKED, "mlocked before the capability rules" },
	{ { LPS_RC_CLEAN | LPS_PF_MAPPED_WRITABLE, 1, 2 }, 0, LPS_STABLE,
	  LPS_WHY_MAPPED_NO_FAULT, "no fault before no dirty bit" },

	/* Counts at the edges of 32 bits. */
	{ { LPS_RC_CLEAN, 0xffffffffu, 0xffffffffu }, LPS_CAP_DISCARD_FAULT,
	  LPS_STABLE, LPS_WHY_EXTRA_REFS,
	  "map_count + 1 must not wrap to look like ref_count" },
	{ { LPS_RC_CLEAN, 0xfffffffeu, 0xffffffffu }, LPS_CAP_DISCARD_FAULT,
	  LPS_VOLATILE, LPS_WHY_NONE, "largest consistent counts" },

	/* Refused inputs: nothing is written to @why. */
	{ { LPS_RC_CLEAN | (1u << 13), 0, 1 }, 0, -LPS_EINVAL,
	  LPS_RC_UNTOUCHED, "unknown page flag" },
	{ { 0xffffffffu, 0, 1 }, 0, -LPS_EINVAL, LPS_RC_UNTOUCHED,
	  "every flag bit set" },
	{ { LPS_RC_CLEAN, 0, 1 }, 1u << 4, -LPS_EINVAL, LPS_RC_UNTOUCHED,
	  "unknown capability" },
	{ { LPS_RC_CLEAN, 2, 1 }, LPS_CAP_DISCARD_FAULT, -LPS_EINVAL,
	  LPS_RC_UNTOUCHED, "more mappings than references" },
};

#endif /* LPS_VECTORS_RULE_CASES_H */
