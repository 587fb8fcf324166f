// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_glue_gate.c - the kernel series' inline hooks (page-states.h, cut
 * out of patch 0001) over stub kernel headers: which folios reach the
 * out-of-line slow path, from which point, under which static key.  The
 * filter may only refuse what the core's rules would refuse anyway, and
 * must pass what they would take; a reference predicate written from the
 * rules (kernel-glue/README.md) is compared on random folios.
 */
#include <linux/page-states.h>

#include "lps_test.h"

DEFINE_STATIC_KEY_FALSE(page_states_unused_key);
DEFINE_STATIC_KEY_FALSE(page_states_volatile_key);

/* What reached the slow path, and from where. */
static struct {
	int cold, stable, reread, swap_reread, freed, alloced;
	unsigned int refs;
	enum page_states_point point;
} got;

void __page_states_free(struct page *page, unsigned int order)
{
	(void)page;
	(void)order;
	got.freed++;
}

void __page_states_alloc(struct page *page, unsigned int order)
{
	(void)page;
	(void)order;
	got.alloced++;
}

void __page_states_make_stable(struct folio *folio,
			       enum page_states_point point)
{
	(void)folio;
	got.stable++;
	got.point = point;
}

void __page_states_cold(struct folio *folio, unsigned int refs,
			enum page_states_point point)
{
	(void)folio;
	got.cold++;
	got.refs = refs;
	got.point = point;
}

void __page_states_reread(struct folio *folio)
{
	(void)folio;
	got.reread++;
}

void __page_states_swap_reread(struct folio *folio)
{
	(void)folio;
	got.swap_reread++;
}

static struct address_space *const some_mapping =
	(struct address_space *)0x1000;

/* A clean, unmapped, inactive page-cache folio on the LRU. */
static struct folio ready(unsigned int refs)
{
	struct folio f = { 0 };

	f.flags = BIT(PG_uptodate) | BIT(PG_lru) | BIT(PG_referenced);
	f.mapping = some_mapping;
	f._mapcount.counter = -1;
	f._refcount.counter = (int)refs + 1;
	return f;
}

static int cold_calls(struct folio *f, unsigned int refs)
{
	memset(&got, 0, sizeof(got));
	page_states_cold(f, refs, PAGE_STATES_RELEASE);
	return got.cold;
}

static void test_keys(void)
{
	struct folio f = ready(1);

	page_states_volatile_key.enabled = 0;
	LPS_CHECK_EQ(cold_calls(&f, 1), 0);
	f.flags |= BIT(PG_hinted);
	page_states_make_stable(&f, PAGE_STATES_GET_ENTRY);
	LPS_CHECK_EQ(got.stable, 0);
	page_states_free(NULL, 0);
	LPS_CHECK_EQ(got.freed, 0);

	/* The keys are separate: free-page hints without volatile ones. */
	page_states_unused_key.enabled = 1;
	page_states_free(NULL, 0);
	page_states_alloc(NULL, 0);
	LPS_CHECK_EQ(got.freed, 1);
	LPS_CHECK_EQ(got.alloced, 1);
	f.flags &= ~BIT(PG_hinted);
	LPS_CHECK_EQ(cold_calls(&f, 1), 0);
	page_states_volatile_key.enabled = 1;
	LPS_CHECK_EQ(cold_calls(&f, 1), 1);
	LPS_CHECK_EQ(got.refs, 1);
	LPS_CHECK_EQ(got.point, PAGE_STATES_RELEASE);
}

/* Every flag that keeps a folio stable refuses it before any call. */
static void test_keep_flags(void)
{
	static const int keep[] = {
		PG_locked, PG_dirty, PG_writeback, PG_private, PG_private_2,
		PG_reserved, PG_head, PG_active, PG_unevictable, PG_mlocked,
		PG_discarded, PG_hinted,
	};
	static const int need[] = { PG_uptodate, PG_lru };
	struct folio f;
	size_t i;

	for (i = 0; i < sizeof(keep) / sizeof(keep[0]); i++) {
		f = ready(1);
		f.flags |= BIT(keep[i]);
		LPS_CHECK_EQ(cold_calls(&f, 1), 0);
	}
	for (i = 0; i < sizeof(need) / sizeof(need[0]); i++) {
		f = ready(1);
		f.flags &= ~BIT(need[i]);
		LPS_CHECK_EQ(cold_calls(&f, 1), 0);
	}
	/* Flags the rules do not look at change nothing. */
	f = ready(1);
	f.flags |= BIT(PG_workingset) | BIT(PG_reclaim) | BIT(PG_waiters);
	LPS_CHECK_EQ(cold_calls(&f, 1), 1);
}

static void test_mapping_refs_maps(void)
{
	struct folio f;

	f = ready(1);
	f.mapping = NULL;		/* truncated, or never cached */
	LPS_CHECK_EQ(cold_calls(&f, 1), 0);

	f = ready(1);
	f.flags |= BIT(PG_swapbacked);	/* anonymous or shmem, no swap copy */
	LPS_CHECK_EQ(cold_calls(&f, 1), 0);
	f.flags |= BIT(PG_swapcache);	/* a clean swap-cache copy */
	LPS_CHECK_EQ(cold_calls(&f, 1), 1);
	f.mapping = NULL;		/* not mapped yet: still the swap cache's */
	LPS_CHECK_EQ(cold_calls(&f, 1), 1);

	f = ready(1);
	f._refcount.counter = 3;	/* somebody else holds it */
	LPS_CHECK_EQ(cold_calls(&f, 1), 0);
	f._refcount.counter = 1;	/* short: a racing put; refuse */
	LPS_CHECK_EQ(cold_calls(&f, 1), 0);
	/* Under the lru_lock the caller holds no reference. */
	LPS_CHECK_EQ(cold_calls(&f, 0), 1);
	LPS_CHECK_EQ(got.refs, 0);

	f = ready(1);
	f._mapcount.counter = 0;	/* one PTE maps it */
	LPS_CHECK_EQ(cold_calls(&f, 1), 0);
}

/* A lookup calls out only for a folio that was offered (PG_hinted). */
static void test_lookups(void)
{
	struct folio f = ready(1);

	memset(&got, 0, sizeof(got));
	page_states_make_stable(&f, PAGE_STATES_READ_BATCH);
	LPS_CHECK_EQ(got.stable, 0);
	f.flags |= BIT(PG_hinted);
	page_states_make_stable(&f, PAGE_STATES_FAULT_AROUND);
	LPS_CHECK_EQ(got.stable, 1);
	LPS_CHECK_EQ(got.point, PAGE_STATES_FAULT_AROUND);

	memset(&got, 0, sizeof(got));
	page_states_unlocked(&f);
	page_states_swap_reread(&f);
	LPS_CHECK_EQ(got.reread + got.swap_reread, 0);
	f.flags |= BIT(PG_discarded);
	page_states_unlocked(&f);
	page_states_swap_reread(&f);
	LPS_CHECK_EQ(got.reread, 1);
	LPS_CHECK_EQ(got.swap_reread, 1);
}

/*
 * The filter, restated from the rules: clean, not locked, not under
 * writeback, no private data, not reserved, order 0, inactive, evictable,
 * not mlocked, not discarded or already offered, uptodate, on the LRU,
 * a re-readable copy (file mapping, or swap cache), no other reference,
 * not mapped.
 */
static int reference_gate(const struct folio *f, unsigned int refs)
{
	unsigned long fl = f->flags;
	int bad = PG_locked, i;
	static const int stable[] = {
		PG_dirty, PG_writeback, PG_private, PG_private_2, PG_reserved,
		PG_head, PG_active, PG_unevictable, PG_mlocked, PG_discarded,
		PG_hinted,
	};

	if (fl & BIT(bad))
		return 0;
	for (i = 0; i < (int)(sizeof(stable) / sizeof(stable[0])); i++)
		if (fl & BIT(stable[i]))
			return 0;
	if (!(fl & BIT(PG_uptodate)) || !(fl & BIT(PG_lru)))
		return 0;
	if (fl & BIT(PG_swapbacked) ? !(fl & BIT(PG_swapcache)) : !f->mapping)
		return 0;
	return f->_refcount.counter == (int)refs + 1 &&
	       f->_mapcount.counter == -1;
}

static void test_random(void)
{
	unsigned int i, refs, mismatches = 0, taken = 0;
	struct folio f;

	lps_test_seed(0x676174652d676c75ull);
	for (i = 0; i < 200000; i++) {
		f = ready(1);
		/* Few flags at a time, so the passing cases are common too. */
		if (lps_test_below(2))
			f.flags |= BIT(lps_test_below(__NR_PAGEFLAGS));
		if (!lps_test_below(4))
			f.flags &= ~BIT(lps_test_below(__NR_PAGEFLAGS));
		if (!lps_test_below(8))
			f.mapping = NULL;
		refs = (unsigned int)lps_test_below(3);
		f._refcount.counter = (int)lps_test_below(4);
		f._mapcount.counter = (int)lps_test_below(3) - 1;
		if (cold_calls(&f, refs) != reference_gate(&f, refs))
			mismatches++;
		taken += got.cold;
	}
	LPS_CHECK_EQ(mismatches, 0);
	/* Both answers were exercised. */
	LPS_CHECK(taken > 1000 && taken < 199000);
}

int main(void)
{
	test_keys();
	test_keep_flags();
	test_mapping_refs_maps();
	test_lookups();
	test_random();
	return lps_test_done();
}
