// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_kglue.c - the kernel's page-state hooks on the core: frames freed and
 * allocated, page-cache and swap-cache folios offered as volatile and made
 * stable again before use, and the boot-time set-up of the guest context.
 */
#include <linux/hash.h>		/* hash_ptr */
#include <linux/memblock.h>	/* memblock_alloc */
#include <linux/mm.h>		/* folio helpers, page_to_pfn */
#include <linux/page-states.h>	/* the hooks this file implements */
#include <linux/pagemap.h>	/* mapping_unevictable */
#include <linux/printk.h>	/* pr_info */
#include <linux/string.h>	/* strcmp */
#include <linux/swap.h>		/* what mm/swap.h needs */
#include "swap.h"		/* mm/swap.h: swap_readpage */
#include "lps_kglue.h"		/* lps_k, lps_kport_select */

DEFINE_STATIC_KEY_FALSE(page_states_unused_key);
DEFINE_STATIC_KEY_FALSE(page_states_volatile_key);
struct lps_kstate lps_k;
DEFINE_PER_CPU(unsigned long, lps_point_hits[PAGE_STATES_NR_POINTS]);

/*
 * Serialises the state changes of one folio: make-volatile gives up when
 * it finds the lock taken, make-stable waits for it.  Only the slow paths
 * take it (an offer that passed the inline filter, a lookup of a folio
 * with PG_hinted), so a small hash is enough.  Held with interrupts off,
 * which also keeps each CPU's index of the core to one user at a time.
 */
#define LPS_K_LOCK_BITS	8
static spinlock_t lps_frame_lock[1 << LPS_K_LOCK_BITS];

static spinlock_t *lps_lock_of(struct folio *folio)
{
	return &lps_frame_lock[hash_ptr(folio, LPS_K_LOCK_BITS)];
}

void __page_states_free(struct page *page, unsigned int order)
{
	unsigned long flags;
	u64 idx;

	if (!lps_k_index(page_to_pfn(page), &idx))
		return;
	local_irq_save(flags);
	lps_set_unused(&lps_k.guest, smp_processor_id(), idx, order);
	local_irq_restore(flags);
}

void __page_states_alloc(struct page *page, unsigned int order)
{
	unsigned long flags;
	u64 idx;
	int ret;

	if (!lps_k_index(page_to_pfn(page), &idx))
		return;
	/* A discarded unused frame reads as zero: nothing to re-read. */
	for (;;) {
		local_irq_save(flags);
		ret = lps_set_stable(&lps_k.guest, smp_processor_id(), idx,
				     order);
		local_irq_restore(flags);
		if (ret != -LPS_ETIMEDOUT)
			break;
		/*
		 * The host is dropping a frame of the block and has not
		 * finished within the port's wait: it may still punch it,
		 * so the block cannot be handed out yet.  Wait with
		 * interrupts as the caller had them.
		 */
		cpu_relax();
	}
}

/*
 * Can the folio's content be read again from where it came from?  Swap
 * cache yes; file cache only through ->read_folio, and not for shmem or
 * ramfs-like mappings, whose clean pages have no copy anywhere else.
 */
static bool lps_rereadable(struct folio *folio, struct address_space *mapping)
{
	if (!mapping)
		return false;
	if (folio_test_swapcache(folio))
		return true;
	return !folio_test_swapbacked(folio) && mapping->a_ops->read_folio &&
	       !mapping_unevictable(mapping);
}

/*
 * The folio's facts for the rules.  @refs: references the caller holds and
 * will drop without touching the content.  The page cache holds one
 * reference per page of a large folio; count it as one, as the rules do.
 */
static void lps_folio_facts(struct folio *folio, unsigned int refs,
			    struct lps_page_facts *f)
{
	struct address_space *mapping = folio_mapping(folio);
	long ref = folio_ref_count(folio) - refs - (folio_nr_pages(folio) - 1);
	int map = folio_mapcount(folio);
	u32 fl = 0;

	if (PageReserved(&folio->page))
		fl |= LPS_PF_RESERVED;
	if (folio_test_dirty(folio))
		fl |= LPS_PF_DIRTY;
	if (folio_test_writeback(folio))
		fl |= LPS_PF_WRITEBACK;
	if (folio_test_locked(folio))
		fl |= LPS_PF_LOCKED;
	if (folio_test_anon(folio) || folio_test_swapbacked(folio))
		fl |= LPS_PF_ANON;
	if (folio_test_swapcache(folio))
		fl |= LPS_PF_SWAPCACHE;
	if (lps_rereadable(folio, mapping))
		fl |= LPS_PF_HAS_MAPPING;
	if (folio_test_uptodate(folio))
		fl |= LPS_PF_UPTODATE;
	if (folio_test_private(folio) || folio_test_private_2(folio))
		fl |= LPS_PF_PRIVATE;
	if (folio_test_discarded(folio))
		fl |= LPS_PF_DISCARDED;
	if (!folio_test_lru(folio))
		fl |= LPS_PF_ISOLATED;
	if (folio_test_mlocked(folio))
		fl |= LPS_PF_MLOCKED;
	/*
	 * No per-PTE walk: a mapped anonymous folio, or a file folio of a
	 * mapping with writable shared mappings, counts as mapped writable.
	 */
	if (map > 0 && (folio_test_anon(folio) ||
			(mapping && mapping_writably_mapped(mapping))))
		fl |= LPS_PF_MAPPED_WRITABLE;
	f->flags = fl;
	f->map_count = max(map, 0);
	/* Racing puts can make the sum look short; that only refuses. */
	f->ref_count = max_t(long, ref, f->map_count);
}

/*
 * The folio passed page_states_may_offer() at @point.  PG_hinted goes up
 * before the facts are read, with a fully ordered atomic: a lookup that took
 * its reference before the barrier is seen in the reference count (and
 * the offer refused), one that took it after sees PG_hinted and comes
 * here for the lock.  The bit stays only if the core took the offer.
 */
void __page_states_cold(struct folio *folio, unsigned int refs,
			enum page_states_point point)
{
	struct lps_page_facts facts;
	unsigned long flags;
	u64 idx;
	int ret;

	if (!lps_k_index(folio_pfn(folio), &idx))
		return;
	this_cpu_inc(lps_point_hits[point]);
	if (!spin_trylock_irqsave(lps_lock_of(folio), flags))
		return;
	/* A value-returning bit operation is fully ordered. */
	if (!folio_test_set_hinted(folio)) {
		lps_folio_facts(folio, refs, &facts);
		ret = lps_try_volatile(&lps_k.guest, smp_processor_id(), idx,
				       &facts);
		if (ret != LPS_VOLATILE && ret != LPS_POT_VOLATILE)
			folio_clear_hinted(folio);
		else if (facts.map_count)
			atomic64_inc(&lps_k.mapped_volatile);
	}
	spin_unlock_irqrestore(lps_lock_of(folio), flags);
}

/* The unlock after the read (or full overwrite) that refilled a folio. */
void __page_states_reread(struct folio *folio)
{
	unsigned long flags;

	/* The unlocker may hold no reference of its own: take one. */
	if (!folio_try_get(folio))
		return;
	if (folio_test_uptodate(folio)) {
		spin_lock_irqsave(lps_lock_of(folio), flags);
		if (folio_test_clear_discarded(folio))
			lps_count_reread(&lps_k.guest, smp_processor_id());
		spin_unlock_irqrestore(lps_lock_of(folio), flags);
	}
	folio_put(folio);
}

void __page_states_make_stable(struct folio *folio,
			       enum page_states_point point)
{
	enum lps_kcontent content;
	unsigned long flags;
	u64 idx;
	int ret;

	if (!lps_k_index(folio_pfn(folio), &idx))
		return;
	this_cpu_inc(lps_point_hits[point]);
	spin_lock_irqsave(lps_lock_of(folio), flags);
	/*
	 * A mapped folio is made stable only once it is unmapped: a dropped
	 * frame, stable again, would read as zeroes through its PTEs.  Here
	 * (under RCU, maybe a page-table lock) it cannot be unmapped, so the
	 * caller is sent to its not-uptodate path, which does both under the
	 * folio lock (page_states_unmap_stable_locked()); PG_hinted stays.
	 */
	if (static_branch_unlikely(&page_states_mapped_key) &&
	    folio_test_hinted(folio) && folio_mapped(folio)) {
		folio_clear_uptodate(folio);
		atomic64_inc(&lps_k.mapped_deferred);
		goto out;
	}
	/*
	 * PG_hinted: the host may hold the folio volatile.  A discarded one
	 * has it only after a failed make-stable, which is owed still.  It
	 * stays set until the outcome is recorded: a lookup that finds it
	 * clear skips this function and trusts uptodate, so clearing it
	 * first would let that lookup use a dropped frame's zeroes in the
	 * window before uptodate is cleared.
	 */
	if (!folio_test_hinted(folio))
		goto out;
	ret = lps_set_stable(&lps_k.guest, smp_processor_id(), idx,
			     folio_order(folio));
	while (ret == -LPS_ETIMEDOUT) {
		/*
		 * The host is dropping the frame and has not finished
		 * within the port's wait.  Its content cannot be used nor
		 * read again yet (a late punch would erase the new copy),
		 * so wait for the host with the lock dropped and
		 * interrupts as the caller had them; PG_hinted stays set
		 * meanwhile, so every other user of the folio waits too.
		 */
		spin_unlock_irqrestore(lps_lock_of(folio), flags);
		cpu_relax();
		spin_lock_irqsave(lps_lock_of(folio), flags);
		if (!folio_test_hinted(folio))
			goto out;
		ret = lps_set_stable(&lps_k.guest, smp_processor_id(), idx,
				     folio_order(folio));
	}
	content = lps_kcontent_of(ret);
	if (content != LPS_KC_INTACT) {
		/*
		 * Every user checks uptodate after the lookup and reads a
		 * folio that is not; the discard list drops it from the
		 * cache if nobody does.  One already read again since it
		 * was parked is only marked for reading once more.
		 */
		folio_clear_uptodate(folio);
		if (!folio_test_discarded(folio)) {
			folio_set_discarded(folio);
			lps_kdiscard_park(folio, idx);
		}
	}
	/* Unknown (a port error): still owed, so PG_hinted stays. */
	if (content != LPS_KC_UNKNOWN) {
		/*
		 * Same flags word as uptodate, so a lookup's loads see the
		 * two in this order anyway; the barrier states it.
		 */
		smp_mb__before_atomic();
		folio_clear_hinted(folio);
	}
out:
	spin_unlock_irqrestore(lps_lock_of(folio), flags);
}

void __page_states_reread_run(unsigned int nr)
{
	atomic64_inc(&lps_k.reread_runs);
	atomic64_add(nr, &lps_k.reread_pages);
}

void __page_states_swap_reread(struct folio *folio)
{
	if (folio_test_uptodate(folio))
		return;
	/*
	 * A swap-in treats a folio that is not uptodate as an I/O error,
	 * so read it again here, where the swap device is still held.
	 */
	folio_lock(folio);
	if (folio_test_swapcache(folio) && !folio_test_uptodate(folio))
		swap_readpage(&folio->page, true, NULL);
	else
		folio_unlock(folio);
}

static void *__init lps_boot_alloc(size_t size, size_t align)
{
	void *p = memblock_alloc(size, align);

	if (!p)
		pr_err("pagestates: no %zu bytes at boot\n", size);
	return p;
}

void __init page_states_init(void)
{
	unsigned long start = PFN_DOWN(memblock_start_of_DRAM());
	unsigned long end = PFN_DOWN(memblock_end_of_DRAM());
	struct lps_guest_config cfg = { .sz = sizeof(cfg) };
	unsigned int i;
	int ret;

	lps_k.port_name = "off";
	/* Buddy blocks are aligned in pfn, so index 0 must be too. */
	lps_k.base_pfn = ALIGN_DOWN(start, MAX_ORDER_NR_PAGES);
	lps_k.nframes = end - lps_k.base_pfn;
	cfg.port = lps_kport_select(lps_k.base_pfn, lps_k.nframes,
				    &cfg.port_ctx);
	if (!cfg.port)
		return;
	cfg.nframes = lps_k.nframes;
	cfg.ncpus = nr_cpu_ids;
	cfg.discard_cap = LPS_K_DISCARD_CAP;
	cfg.frame_words = lps_boot_alloc(array_size(cfg.nframes, 4),
					 PAGE_SIZE);
	cfg.cpus = lps_boot_alloc(array_size(cfg.ncpus, sizeof(*cfg.cpus)),
				  SMP_CACHE_BYTES);
	cfg.batches = lps_boot_alloc(array_size(cfg.ncpus,
						sizeof(*cfg.batches)),
				     PAGE_SIZE);
	cfg.discard_slots = lps_boot_alloc(array3_size(cfg.ncpus,
						       cfg.discard_cap, 8),
					   SMP_CACHE_BYTES);
	if (!cfg.frame_words || !cfg.cpus || !cfg.batches ||
	    !cfg.discard_slots)
		return;
	ret = lps_guest_init(&lps_k.guest, &cfg);
	if (ret) {
		pr_err("pagestates: core refused its context: %s\n",
		       lps_strerror(ret));
		return;
	}
	for (i = 0; i < ARRAY_SIZE(lps_frame_lock); i++)
		spin_lock_init(&lps_frame_lock[i]);
	lps_k.port_name = cfg.port->name;
	lps_k.ready = true;
	/*
	 * With no host to tell, the hooks stay patched-out branches: the
	 * core would keep states nobody reads.
	 */
	if (strcmp(cfg.port->name, "noop")) {
		static_branch_enable(&page_states_unused_key);
		static_branch_enable(&page_states_volatile_key);
	}
	/* Mapped folios are offered only where a loss is noticed. */
	if (lps_k.discard_faults_on && (cfg.port->caps & LPS_CAP_DISCARD_FAULT))
		static_branch_enable(&page_states_mapped_key);
	pr_info("pagestates: port %s%s%s, %lu frames from pfn %#lx\n",
		lps_k.port_name,
		static_key_enabled(&page_states_volatile_key) ? "" :
		" (hooks off)",
		static_key_enabled(&page_states_mapped_key) ?
		" with discard faults" : "", lps_k.nframes, lps_k.base_pfn);
}
