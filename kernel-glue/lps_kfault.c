// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_kfault.c - mapped folios whose frame the host may have dropped: the
 * s390 discard fault (program check 0x1a, enabled with the host at boot),
 * and the COW copy and GUP that would use such a folio's content through
 * the kernel's mapping or a device.  Either way the folio is unmapped
 * before it is made stable, so no page table can read the zeroes a
 * dropped frame holds once it is stable again, and the access, retried,
 * faults the folio in through the page cache, which reads it again when
 * the make-stable found it dropped.
 */
#include <linux/mm.h>		/* folio helpers, pfn_to_page */
#include <linux/page-states.h>	/* the hooks this file implements */
#include <linux/pagemap.h>	/* folio_lock */
#include "internal.h"		/* mm/internal.h: unmap_mapping_folio */
#include "lps_kglue.h"		/* lps_k */
#ifdef CONFIG_S390
#include <linux/extable.h>	/* search_exception_tables */
#include <linux/uaccess.h>	/* faulthandler_disabled */
#include <asm/asm-extable.h>	/* EX_TABLE */
#include <asm/extable.h>	/* fixup_exception */
#include <asm/kdebug.h>		/* die */
#include <pagestates/wire/lps_wire_diag.h>	/* LPS_DIAG500_* */
#endif

DEFINE_STATIC_KEY_FALSE(page_states_mapped_key);

/*
 * Take @folio out of every page table, then make it stable: one the host
 * dropped is left !uptodate and PG_discarded, parked for release as a
 * failed make-stable leaves it, so the refault reads it again.  Only a
 * file folio can be volatile while mapped (the rules keep anonymous ones
 * stable: they count as mapped writable).  The caller holds a reference,
 * and the folio lock if @locked; sleeps.
 */
static bool lps_kfault_unmap_stable(struct folio *folio,
				    enum page_states_point point, bool locked)
{
	bool file;

	if (!locked)
		folio_lock(folio);
	file = folio_mapping(folio) && !folio_test_anon(folio) &&
	       !folio_test_swapcache(folio);
	if (file) {
		if (folio_mapped(folio))
			unmap_mapping_folio(folio);
		page_states_make_stable(folio, point);
	}
	if (!locked)
		folio_unlock(folio);
	return file;
}

/*
 * A COW copy or GUP is about to use @folio, mapped and offered, through a
 * mapping where a discard fault could not be resolved, or a read or write
 * of the page cache has it locked: the caller faults it in again, or
 * reads it, whether it was intact or has to be read again.
 */
void __page_states_unmap_stable(struct folio *folio,
				enum page_states_point point, bool locked)
{
	if (lps_kfault_unmap_stable(folio, point, locked))
		atomic64_inc(&lps_k.mapped_unmaps);
}

#ifdef CONFIG_S390
/*
 * Ask the host to raise discard faults (DIAG 0x500, our subcode): a host
 * that does not know it answers with a specification exception (stock
 * QEMU and KVM), caught here, and keeps reading dropped frames as zero.
 */
bool __init lps_kfault_host_enable(void)
{
	register unsigned long nr asm("1") = LPS_DIAG500_SUBCODE;
	register unsigned long arg asm("2") = LPS_DIAG500_DISCARD_FAULT;
	int rc = -EOPNOTSUPP;

	asm volatile("	diag	2,4,0x500\n"
		     "0:	lhi	%[rc],0\n"
		     "1:\n"
		     EX_TABLE(0b, 1b)
		     : [rc] "+d" (rc), "+d" (arg)
		     : "d" (nr)
		     : "cc", "memory");
	return !rc && arg == LPS_DIAG500_DISCARD_FAULT;
}

/*
 * Program check 0x1a: the access touched a frame the host dropped while
 * it was volatile; the translation-exception identification holds the
 * frame's absolute address.  A user access, or a user copy that may
 * sleep, is retried after the folio is unmapped and made stable.  A user
 * copy that may not sleep fails (its caller faults the page in and
 * tries again).  Any other kernel access means the glue let the kernel
 * use a volatile frame without making it stable: never hand on zeroes.
 */
void page_states_discard_fault(struct pt_regs *regs)
{
	unsigned long pfn = PFN_DOWN(regs->int_parm_long);
	struct folio *folio;
	struct page *page;
	u64 idx;

	if (!static_branch_unlikely(&page_states_mapped_key) ||
	    !lps_k_index(pfn, &idx) || !pfn_valid(pfn))
		die(regs, "pagestates: discard fault not asked for");
	if (!user_mode(regs)) {
		if (!search_exception_tables(regs->psw.addr))
			die(regs, "pagestates: discard fault in the kernel");
		if (faulthandler_disabled() || irqs_disabled()) {
			if (fixup_exception(regs))
				return;
			die(regs, "pagestates: discard fault, cannot sleep");
		}
	}
	atomic64_inc(&lps_k.discard_faults);
	page = pfn_to_page(pfn);
	folio = page_folio(page);
	/*
	 * A folio on its way out (freed, its frame goes unused), or one that
	 * already took the frame over after that: the access just retries,
	 * through a page table that no longer maps the frame.
	 */
	if (!folio_try_get(folio))
		return;
	if (folio == page_folio(page))
		lps_kfault_unmap_stable(folio, PAGE_STATES_DISCARD_FAULT,
					false);
	folio_put(folio);
}
#endif /* CONFIG_S390 */
