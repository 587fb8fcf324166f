// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * guest.c - the guest's memory manager: a free list, a page cache over a
 * guest disk, anonymous memory with a swap cache over guest swap, and clock
 * reclaim.  It calls the real core where the original series hooks Linux:
 * allocation and free, make-stable before every use of a cached page, and
 * try-volatile when a read, a swap write or a writeback completes.  Under
 * unused-fpr it reports free memory the way Linux's free page reporting
 * does instead: whole free 2 MiB blocks only, some time after they freed.
 */
#include <stdio.h>	/* fprintf */
#include <stdlib.h>	/* calloc, aligned_alloc, abort */
#include <string.h>	/* memset */

#include "sim.h"

/* Frames a CPU may park before its discard list must be released. */
#define SIM_DISCARD_CAP	64u
/* Dirty file pages written back per step (the flusher thread). */
#define SIM_WB_PER_STEP	8u
/* Initial free blocks are hinted as the buddy allocator frees them. */
#define SIM_INIT_ORDER	10u

/* Every free and every allocation, page by page (unused, full). */
static bool hint_free_pages(const struct sim *s)
{
	return s->pol == SIM_POL_UNUSED || s->pol == SIM_POL_FULL;
}

static bool hint_volatile(const struct sim *s)
{
	return s->pol == SIM_POL_FULL;
}

static void core_ret(struct sim *s, int ret)
{
	if (ret < 0)
		s->res->api_errors++;
}

/*
 * The free list: one LIFO stack per 2 MiB block.  Allocations drain one
 * block before they move on, to the fullest block that has a free frame:
 * like the buddy allocator, which splits the smallest free block it has,
 * this keeps blocks that became wholly free whole, where one global LIFO
 * list would scatter allocations over every block.
 */
static void free_push(struct sim *s, uint64_t pfn)
{
	uint64_t b = pfn >> SIM_FPR_ORDER;

	s->free_stack[b * SIM_FPR_FRAMES + s->blk_free[b]++] = (uint32_t)pfn;
	s->nfree++;
}

static uint64_t free_pop(struct sim *s)
{
	uint64_t nb = (s->cfg->pages + SIM_FPR_FRAMES - 1) >> SIM_FPR_ORDER;
	uint64_t b = s->alloc_blk, i;

	if (!s->blk_free[b]) {
		for (i = 0; i < nb; i++)
			if (s->blk_free[i] &&
			    (!s->blk_free[b] || s->blk_free[i] < s->blk_free[b]))
				b = i;
		s->alloc_blk = b;
	}
	s->nfree--;
	return s->free_stack[b * SIM_FPR_FRAMES + --s->blk_free[b]];
}

/*
 * Free page reporting.  A 2 MiB block counts as free (the buddy allocator
 * would have merged it) once all its frames are.  A block that becomes free schedules the reporting work
 * SIM_FPR_DELAY_MS later, unless it is scheduled already, as
 * page_reporting_notify_free() does.
 */
static void fpr_freed(struct sim *s, uint64_t pfn)
{
	uint64_t b = pfn >> SIM_FPR_ORDER;
	uint64_t delay = SIM_FPR_DELAY_MS / s->cfg->step_ms;

	if (s->pol != SIM_POL_FPR || b >= s->nblocks)
		return;
	if (s->blk_free[b] < SIM_FPR_FRAMES || s->report_pending)
		return;
	s->report_pending = true;
	s->report_at = s->step + (delay ? delay : 1);
}

/*
 * Allocating from a reported block splits it: the guest no longer knows
 * those frames as reported, and must tell the host before it touches one
 * (the host model refuses access to unused frames).  One make-stable for
 * the whole block: Linux's allocator would have split it in one go too.
 */
static void fpr_allocated(struct sim *s, uint64_t pfn)
{
	uint64_t b = pfn >> SIM_FPR_ORDER;

	if (s->pol != SIM_POL_FPR || b >= s->nblocks)
		return;
	if (!s->blk_reported[b])
		return;
	s->blk_reported[b] = 0;
	core_ret(s, lps_set_stable(&s->guest, s->cpu, b << SIM_FPR_ORDER,
				   SIM_FPR_ORDER));
}

/* The reporting work: every free block not yet reported, in one go. */
static void fpr_report(struct sim *s)
{
	uint64_t b;

	if (s->pol != SIM_POL_FPR || !s->report_pending ||
	    s->step < s->report_at)
		return;
	s->report_pending = false;
	for (b = 0; b < s->nblocks; b++) {
		if (s->blk_free[b] < SIM_FPR_FRAMES || s->blk_reported[b])
			continue;
		s->blk_reported[b] = 1;
		s->res->fpr_reports++;
		core_ret(s, lps_set_unused(&s->guest, 0, b << SIM_FPR_ORDER,
					   SIM_FPR_ORDER));
	}
	core_ret(s, lps_flush_all(&s->guest));
}

static void frame_free(struct sim *s, uint64_t pfn)
{
	s->frames[pfn].type = SIM_F_FREE;
	s->frames[pfn].flags = 0;
	s->expect[pfn] = SIM_DATA_POISON;
	free_push(s, pfn);
	if (hint_free_pages(s))
		core_ret(s, lps_set_unused(&s->guest, s->cpu, pfn, 0));
	fpr_freed(s, pfn);
}

/*
 * Runs while the core drains a CPU's ring, maybe under that CPU's lock, so
 * it only collects: freeing hints the core again, which waits until after.
 */
static void collect_parked(void *opaque, const uint64_t *pfn, uint32_t n)
{
	struct sim *s = opaque;
	uint64_t cap = (uint64_t)s->cfg->cpus * SIM_DISCARD_CAP;
	uint32_t i;

	for (i = 0; i < n; i++) {
		if (s->nparked == cap) {
			/* more than the rings hold: the core is wrong */
			s->res->api_errors++;
			return;
		}
		s->parked[s->nparked++] = (uint32_t)pfn[i];
	}
}

static void release_parked(struct sim *s)
{
	uint64_t i;
	int64_t got;

	if (!hint_volatile(s))
		return;
	s->nparked = 0;
	got = lps_discard_release_all(&s->guest, collect_parked, s);
	if (got < 0)
		s->res->api_errors++;
	for (i = 0; i < s->nparked; i++)
		frame_free(s, s->parked[i]);
	s->nparked = 0;
}

/*
 * A cached page the host had dropped: out of its cache at once (nobody may
 * find it again), its frame parked and freed in bulk later, as rule 7 asks.
 */
static void discard_found(struct sim *s, uint64_t pfn)
{
	s->frames[pfn].type = SIM_F_PARKED;
	s->frames[pfn].flags = 0;
	if (lps_discard_park(&s->guest, s->cpu, pfn) < 0)
		frame_free(s, pfn);
}

static void reread_done(struct sim *s)
{
	s->res->guest_rereads++;
	lps_count_reread(&s->guest, s->cpu);
}

/* Every reference that uses a cached page makes it stable first. */
static bool cache_get(struct sim *s, uint64_t pfn)
{
	int ret;

	if (!hint_volatile(s) || s->cfg->bug == SIM_BUG_SKIP_STABLE)
		return true;
	ret = lps_set_stable(&s->guest, s->cpu, pfn, 0);
	core_ret(s, ret);
	return ret != LPS_R_DISCARDED;
}

/*
 * The last user let go (or I/O completed): offer the page with its real
 * facts.  Only the page cache's own reference remains and no page table
 * maps it, since this guest does read() I/O and unmaps before swap-out.
 */
static void cache_put(struct sim *s, uint64_t pfn)
{
	const struct sim_frame *f = &s->frames[pfn];
	struct lps_page_facts facts = { .map_count = 0, .ref_count = 1 };

	if (!hint_volatile(s))
		return;
	facts.flags = LPS_PF_HAS_MAPPING | LPS_PF_UPTODATE;
	if (f->type == SIM_F_SWAPCACHE)
		facts.flags |= LPS_PF_ANON | LPS_PF_SWAPCACHE;
	if ((f->flags & SIM_FF_DIRTY) &&
	    s->cfg->bug != SIM_BUG_DIRTY_VOLATILE)
		facts.flags |= LPS_PF_DIRTY;
	core_ret(s, lps_try_volatile(&s->guest, s->cpu, pfn, &facts));
}

static void writeback(struct sim *s, uint64_t pfn, bool evicting)
{
	struct sim_frame *f = &s->frames[pfn];

	s->disk[f->owner] = sim_guest_copy_out(s, pfn);
	s->res->guest_disk_writes++;
	f->flags &= (uint8_t)~SIM_FF_DIRTY;
	if (!evicting)
		cache_put(s, pfn);	/* end of writeback */
}

/* Write back the oldest dirty page still dirty; false when there is none. */
static bool writeback_oldest(struct sim *s)
{
	while (s->dirty_count) {
		uint32_t pfn = s->dirty_ring[s->dirty_head];

		s->dirty_head = (s->dirty_head + 1) % (s->cfg->pages * 2);
		s->dirty_count--;
		/* entries of pages evicted meanwhile are stale */
		if (s->frames[pfn].type == SIM_F_FILE &&
		    (s->frames[pfn].flags & SIM_FF_DIRTY)) {
			writeback(s, pfn, false);
			return true;
		}
	}
	return false;
}

static void dirty_push(struct sim *s, uint64_t pfn)
{
	uint64_t cap = s->cfg->pages * 2;

	if (s->dirty_count == cap)
		writeback_oldest(s);
	s->dirty_ring[(s->dirty_head + s->dirty_count++) % cap] =
		(uint32_t)pfn;
}

/* Clock: one pass clears the referenced bit, the next one reclaims. */
static void guest_reclaim(struct sim *s)
{
	uint64_t n = s->cfg->pages, scanned = 0;

	release_parked(s);
	while (s->nfree < s->high && scanned++ < 3 * n) {
		uint64_t pfn = s->hand;
		struct sim_frame *f = &s->frames[pfn];
		uint32_t a = f->owner;

		s->hand = (s->hand + 1) % n;
		if (f->flags & SIM_FF_REF) {
			f->flags &= (uint8_t)~SIM_FF_REF;
			continue;
		}
		switch (f->type) {
		case SIM_F_FILE:
			if (f->flags & SIM_FF_DIRTY)
				writeback(s, pfn, true);
			s->cache[f->owner] = SIM_NOFRAME;
			frame_free(s, pfn);
			break;
		case SIM_F_ANON:
			/* unmap; write to swap unless the slot is current */
			if (!s->slot_ok[a]) {
				s->gswap[a] = sim_guest_copy_out(s, pfn);
				s->slot_ok[a] = 1;
				s->res->guest_swap_out++;
			}
			f->type = SIM_F_SWAPCACHE;
			s->astate[a] = SIM_A_SWAPCACHE;
			cache_put(s, pfn);	/* swap write completed */
			break;
		case SIM_F_SWAPCACHE:
			s->astate[a] = SIM_A_SWAPPED;
			frame_free(s, pfn);
			break;
		default:
			break;
		}
	}
}

static uint64_t frame_alloc(struct sim *s)
{
	uint64_t pfn;

	if (s->nfree <= s->low)
		guest_reclaim(s);
	if (s->nfree == 0) {
		/* every frame pinned: the model itself is broken */
		fprintf(stderr, "pagestates-sim: guest out of memory\n");
		abort();
	}
	pfn = free_pop(s);
	if (hint_free_pages(s))
		core_ret(s, lps_set_stable(&s->guest, s->cpu, pfn, 0));
	fpr_allocated(s, pfn);
	return pfn;
}

/* find_get_page(), or a read from the guest disk on a miss. */
static uint64_t file_lookup(struct sim *s, uint32_t b)
{
	uint32_t pfn = s->cache[b];
	bool reread = false;

	if (pfn != SIM_NOFRAME && !cache_get(s, pfn)) {
		s->cache[b] = SIM_NOFRAME;
		discard_found(s, pfn);
		pfn = SIM_NOFRAME;
		reread = true;
	}
	if (pfn == SIM_NOFRAME) {
		pfn = (uint32_t)frame_alloc(s);
		s->frames[pfn] = (struct sim_frame){ SIM_F_FILE, 0, b };
		s->cache[b] = pfn;
		sim_guest_fill(s, pfn, s->disk[b],
			       sim_data(SIM_KIND_FILE, b, s->file_ver[b]));
		s->res->guest_disk_reads++;
		if (reread)
			reread_done(s);
	}
	s->frames[pfn].flags |= SIM_FF_REF;
	return pfn;
}

static void file_op(struct sim *s, uint32_t b, bool write)
{
	uint64_t pfn = file_lookup(s, b);
	struct sim_frame *f = &s->frames[pfn];
	uint64_t d;

	sim_guest_read(s, pfn);
	if (write) {
		d = sim_data(SIM_KIND_FILE, b, ++s->file_ver[b]);
		sim_guest_fill(s, pfn, d, d);
		if (!(f->flags & SIM_FF_DIRTY)) {
			f->flags |= SIM_FF_DIRTY;
			dirty_push(s, pfn);
		}
	}
	cache_put(s, pfn);
}

/* Fault an anonymous page in: first touch, swap cache hit or swap-in. */
static uint64_t anon_get(struct sim *s, uint32_t a)
{
	uint64_t pfn, d;
	bool reread = false;

	switch (s->astate[a]) {
	case SIM_A_MAPPED:
		pfn = s->anon_pfn[a];
		break;
	case SIM_A_SWAPCACHE:
		pfn = s->anon_pfn[a];
		if (cache_get(s, pfn)) {
			/* mapped again; the slot stays a clean copy */
			s->frames[pfn].type = SIM_F_ANON;
			s->astate[a] = SIM_A_MAPPED;
			break;
		}
		discard_found(s, pfn);
		s->astate[a] = SIM_A_SWAPPED;
		reread = true;
		/* fall through */
	case SIM_A_SWAPPED:
		pfn = frame_alloc(s);
		s->frames[pfn] = (struct sim_frame){ SIM_F_ANON, 0, a };
		sim_guest_fill(s, pfn, s->gswap[a],
			       sim_data(SIM_KIND_ANON, a, s->anon_ver[a]));
		s->res->guest_swap_in++;
		if (reread)
			reread_done(s);
		s->astate[a] = SIM_A_MAPPED;
		s->anon_pfn[a] = (uint32_t)pfn;
		break;
	default:
		/* first touch: a zeroed page, new contents for this lifetime */
		pfn = frame_alloc(s);
		s->frames[pfn] = (struct sim_frame){ SIM_F_ANON, 0, a };
		d = sim_data(SIM_KIND_ANON, a, ++s->anon_ver[a]);
		sim_guest_fill(s, pfn, d, d);
		s->slot_ok[a] = 0;
		s->astate[a] = SIM_A_MAPPED;
		s->anon_pfn[a] = (uint32_t)pfn;
		break;
	}
	s->frames[pfn].flags |= SIM_FF_REF;
	return pfn;
}

static void anon_op(struct sim *s, uint32_t a, bool write)
{
	uint64_t pfn = anon_get(s, a), d;

	sim_guest_read(s, pfn);
	if (write) {
		d = sim_data(SIM_KIND_ANON, a, ++s->anon_ver[a]);
		sim_guest_fill(s, pfn, d, d);
		s->slot_ok[a] = 0;
	}
}

/* munmap or exit: the pages and their swap slots go away. */
static void anon_free(struct sim *s, uint64_t first, uint32_t len)
{
	uint32_t i;

	for (i = 0; i < len; i++) {
		uint32_t a = (uint32_t)((first + i) % s->cfg->anon_pages);

		if (s->astate[a] == SIM_A_MAPPED ||
		    s->astate[a] == SIM_A_SWAPCACHE)
			frame_free(s, s->anon_pfn[a]);
		s->astate[a] = SIM_A_NONE;
		s->slot_ok[a] = 0;
	}
}

void sim_guest_op(struct sim *s, const struct sim_op *op)
{
	switch (op->kind) {
	case SIM_OP_FILE_READ:
	case SIM_OP_FILE_WRITE:
		file_op(s, (uint32_t)op->target, op->kind == SIM_OP_FILE_WRITE);
		break;
	case SIM_OP_ANON_READ:
	case SIM_OP_ANON_WRITE:
		anon_op(s, (uint32_t)op->target, op->kind == SIM_OP_ANON_WRITE);
		break;
	case SIM_OP_FREE:
		anon_free(s, op->target, op->len);
		break;
	}
}

/* The timer: the flusher writes back, parked frames go, batches flush. */
void sim_guest_tick(struct sim *s)
{
	uint32_t done;

	for (done = 0; done < SIM_WB_PER_STEP; done++)
		if (!writeback_oldest(s))
			break;
	release_parked(s);
	if (hint_free_pages(s))
		core_ret(s, lps_flush_all(&s->guest));
	fpr_report(s);
}

static int core_init(struct sim *s)
{
	uint64_t n = s->cfg->pages;
	uint32_t ncpu = s->cfg->cpus;
	struct lps_guest_config gc = { .sz = sizeof(gc) };

	s->frame_words = calloc(n, sizeof(*s->frame_words));
	s->cpus = calloc(ncpu, sizeof(*s->cpus));
	s->batches = aligned_alloc(LPS_BATCH_BYTES,
				   (size_t)ncpu * LPS_BATCH_BYTES);
	s->discard_slots = calloc((size_t)ncpu * SIM_DISCARD_CAP,
				  sizeof(*s->discard_slots));
	if (!s->frame_words || !s->cpus || !s->batches || !s->discard_slots)
		return -LPS_ENOSPC;
	memset(s->batches, 0, (size_t)ncpu * LPS_BATCH_BYTES);
	gc.port = &s->port;
	gc.port_ctx = s;
	gc.nframes = n;
	gc.frame_words = s->frame_words;
	gc.ncpus = ncpu;
	gc.cpus = s->cpus;
	gc.batches = s->batches;
	gc.discard_slots = s->discard_slots;
	gc.discard_cap = SIM_DISCARD_CAP;
	return lps_guest_init(&s->guest, &gc);
}

/* Boot: every frame free, handed to the allocator in big aligned blocks. */
static void boot_free_all(struct sim *s)
{
	uint64_t n = s->cfg->pages, pfn = 0, i;

	for (i = n; i > 0; i--) {
		free_push(s, i - 1);
		fpr_freed(s, i - 1);
	}
	for (i = 0; i < n; i++)
		s->expect[i] = SIM_DATA_POISON;
	if (!hint_free_pages(s))
		return;
	while (pfn < n) {
		uint32_t order = SIM_INIT_ORDER;

		while (order && ((pfn & ((1ull << order) - 1)) ||
				 pfn + (1ull << order) > n))
			order--;
		core_ret(s, lps_set_unused(&s->guest, 0, pfn, order));
		pfn += 1ull << order;
	}
	core_ret(s, lps_flush_all(&s->guest));
}

int sim_guest_init(struct sim *s)
{
	uint64_t n = s->cfg->pages, nb = s->cfg->file_blocks;
	uint64_t na = s->cfg->anon_pages, i;
	int ret;

	s->expect = calloc(n, sizeof(*s->expect));
	s->frames = calloc(n, sizeof(*s->frames));
	s->nblocks = n >> SIM_FPR_ORDER;
	s->free_stack = calloc((s->nblocks + 1) * SIM_FPR_FRAMES,
			       sizeof(*s->free_stack));
	s->dirty_ring = calloc(n * 2, sizeof(*s->dirty_ring));
	s->parked = calloc((size_t)s->cfg->cpus * SIM_DISCARD_CAP,
			   sizeof(*s->parked));
	s->disk = calloc(nb, sizeof(*s->disk));
	s->cache = calloc(nb, sizeof(*s->cache));
	s->file_ver = calloc(nb, sizeof(*s->file_ver));
	s->gswap = calloc(na, sizeof(*s->gswap));
	s->astate = calloc(na, sizeof(*s->astate));
	s->anon_pfn = calloc(na, sizeof(*s->anon_pfn));
	s->anon_ver = calloc(na, sizeof(*s->anon_ver));
	s->slot_ok = calloc(na, sizeof(*s->slot_ok));
	s->blk_free = calloc(s->nblocks + 1, sizeof(*s->blk_free));
	s->blk_reported = calloc(s->nblocks + 1, sizeof(*s->blk_reported));
	if (!s->blk_free || !s->blk_reported ||
	    !s->expect || !s->frames || !s->free_stack || !s->dirty_ring ||
	    !s->parked ||
	    !s->disk || !s->cache || !s->file_ver || !s->gswap ||
	    !s->astate || !s->anon_pfn || !s->anon_ver || !s->slot_ok)
		return -LPS_ENOSPC;
	for (i = 0; i < nb; i++) {
		s->disk[i] = sim_data(SIM_KIND_FILE, i, 0);
		s->cache[i] = SIM_NOFRAME;
	}
	/* Linux keeps about 1/128 of small machines free, reclaims to 2x */
	s->low = n / 128 > 4 ? n / 128 : 4;
	s->high = 2 * s->low;
	ret = core_init(s);
	if (ret < 0)
		return ret;
	boot_free_all(s);
	return 0;
}
