// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_rules.c - may a page leave stable, and if not, why not.
 *
 * The checks run in the order of LPS_REASONS, so the reason reported for a
 * page that breaks several rules is always the first one listed; tests and
 * counters depend on that being stable.
 */
#include "lps_internal.h"	/* struct lps_page_facts, LPS_PF_*, LPS_CAP_* */

static enum lps_reason lps_rules_why(const struct lps_page_facts *f,
				     uint32_t caps)
{
	uint32_t fl = f->flags;

	if (fl & LPS_PF_RESERVED)
		return LPS_WHY_RESERVED;
	if (fl & LPS_PF_DIRTY)
		return LPS_WHY_DIRTY;
	if (fl & LPS_PF_WRITEBACK)
		return LPS_WHY_WRITEBACK;
	if (fl & LPS_PF_LOCKED)
		return LPS_WHY_LOCKED;
	if ((fl & LPS_PF_ANON) && !(fl & LPS_PF_SWAPCACHE))
		return LPS_WHY_ANON_NO_SWAPCACHE;
	if (!(fl & LPS_PF_HAS_MAPPING))
		return LPS_WHY_NO_MAPPING;
	if (!(fl & LPS_PF_UPTODATE))
		return LPS_WHY_NOT_UPTODATE;
	if (fl & LPS_PF_PRIVATE)
		return LPS_WHY_PRIVATE;
	if (fl & LPS_PF_DISCARDED)
		return LPS_WHY_DISCARDED;
	/* The cache's own reference plus one per mapping, and nothing else. */
	if ((uint64_t)f->ref_count != (uint64_t)f->map_count + 1)
		return LPS_WHY_EXTRA_REFS;
	if (fl & LPS_PF_ISOLATED)
		return LPS_WHY_ISOLATED;
	if (fl & LPS_PF_MLOCKED)
		return LPS_WHY_MLOCKED;
	/* Without discard faults a mapped page's loss would go unnoticed. */
	if (f->map_count > 0 && !(caps & LPS_CAP_DISCARD_FAULT))
		return LPS_WHY_MAPPED_NO_FAULT;
	/* Without a dirty bit the host cannot tell a written page. */
	if ((fl & LPS_PF_MAPPED_WRITABLE) && !(caps & LPS_CAP_DIRTY_BIT))
		return LPS_WHY_WRITABLE_NO_DIRTY;
	return LPS_WHY_NONE;
}

int lps_rules_decide(const struct lps_page_facts *facts, uint32_t caps,
		     enum lps_reason *why)
{
	enum lps_reason r;

	if (!facts || (facts->flags & ~LPS_PF_ALL) || (caps & ~LPS_CAP_ALL) ||
	    facts->map_count > facts->ref_count)
		return -LPS_EINVAL;
	r = lps_rules_why(facts, caps);
	if (why)
		*why = r;
	if (r != LPS_WHY_NONE)
		return LPS_STABLE;
	return (facts->flags & LPS_PF_MAPPED_WRITABLE) ? LPS_POT_VOLATILE :
							 LPS_VOLATILE;
}

/* In enum lps_reason order: both come from LPS_REASONS. */
static const char *const lps_reason_names[LPS_NR_REASONS] = {
#define LPS_REASON_TEXT(name, text) text,
	LPS_REASONS(LPS_REASON_TEXT)
#undef LPS_REASON_TEXT
};

const char *lps_reason_name(enum lps_reason why)
{
	return (unsigned int)why < LPS_NR_REASONS ? lps_reason_names[why] :
						    "invalid";
}
