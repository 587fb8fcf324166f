// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * hostd_reclaim.c - the agent's reclaim pass.  The protocol (which words
 * may be claimed, how a claim is committed or given back, a dead agent's
 * claims) lives in host/shmem; this file only adds what a
 * process with the RAM file open does between claim and commit: punch,
 * and check the hole is real.
 */
#define _GNU_SOURCE		/* SEEK_DATA, SEEK_HOLE */
#include <string.h>
#include <unistd.h>

#include "hostd_reclaim.h"

/*
 * Offsets of data pages starting with the table magic.  Only pages that
 * hold data are read: a read fault on a hole of a shared tmpfs mapping
 * allocates it, and scanning a whole guest's RAM that way would fill in
 * every page the guest never touched.  Validation stays with the library.
 */
static unsigned int find_magic(const struct hostd_ram *r, uint64_t *first)
{
	uint64_t page = 1ull << LPS_SHMEM_PAGE_SHIFT, pos = 0, end, off;
	unsigned int n = 0;
	off_t data, hole;

	while (pos < r->len) {
		data = lseek(r->fd, (off_t)pos, SEEK_DATA);
		if (data < 0)
			break;
		hole = lseek(r->fd, data, SEEK_HOLE);
		end = hole < 0 ? r->len : (uint64_t)hole;
		for (off = ((uint64_t)data + page - 1) & ~(page - 1);
		     off + LPS_SHMEM_HDR_BYTES <= end; off += page) {
			const uint64_t *m = (const void *)(r->map + off);

			if (lps_le64(__atomic_load_n(m, __ATOMIC_RELAXED)) ==
			    LPS_SHMEM_MAGIC && !n++)
				*first = off;
		}
		pos = end;
	}
	return n;
}

int hostd_attach(struct hostd *d, struct hostd_ram *ram, uint64_t ram_gpa)
{
	uint64_t hdr_gpa, off = 0;
	unsigned int n;
	int err;

	memset(d, 0, sizeof(*d));
	d->ram = ram;
	d->region.base = ram->map;
	d->region.len = ram->len;
	d->region.gpa = ram_gpa;
	n = find_magic(ram, &off);
	if (!n)
		return -LPS_ENOTSUP;
	/*
	 * One candidate: attach validates it completely.  Several: let the
	 * library decide which (if exactly one) is valid; its scan touches
	 * holes, but only a guest with planted headers pays for that.
	 */
	hdr_gpa = ram_gpa + off;
	err = n == 1 ? 0 : lps_shmem_host_find(&d->region, &d->region,
						 &hdr_gpa);
	if (!err)
		err = lps_shmem_host_attach(&d->host, &d->region, &d->region,
					    hdr_gpa);
	d->attached = !err;
	return err;
}

/*
 * Punch a claimed run, then commit it; give it back only when the punch
 * itself failed.  Once fallocate succeeded the content is gone, so the
 * run is committed even if the hole check disagrees (that is counted).
 * Frames the guest never touched are holes already: punching them frees
 * nothing, so only bytes that held data count as freed.
 */
static void drop_claim(struct hostd *d, const struct lps_shmem_claim *c,
		       struct hostd_stats *st)
{
	int64_t data = hostd_ram_data_bytes(d->ram, c->offset, c->len);
	int hole;

	if (hostd_ram_punch(d->ram, c->offset, c->len)) {
		st->punch_errors++;
		if (lps_shmem_host_abort(&d->host, c) == -LPS_EPROTO)
			st->protocol_errors++;
		return;
	}
	if (lps_shmem_host_commit(&d->host, c) == -LPS_EPROTO)
		st->protocol_errors++;
	st->punched_bytes += c->len;
	hole = hostd_ram_is_hole(d->ram, c->offset, c->len);
	if (hole != 1)
		st->unverified_bytes += c->len;
	else if (data > 0)
		st->freed_bytes += (uint64_t)data;
	st->claims++;
}

/* Frames still to drop to reach @target: 0 when there, else <= max run. */
static uint64_t run_for_target(struct hostd *d, int64_t target)
{
	uint64_t page = 1ull << LPS_SHMEM_PAGE_SHIFT, need;
	uint64_t max = d->max_run ? d->max_run : HOSTD_MAX_RUN;
	int64_t now;

	if (target < 0)
		return max;
	now = hostd_ram_allocated(d->ram);
	if (now <= target)
		return 0;
	need = ((uint64_t)(now - target) + page - 1) / page;
	return need < max ? need : max;
}

/*
 * Drop runs of what @how allows until the target is met or a whole pass
 * of the table found nothing more.  Every scan hit is either claimed (and
 * then no longer droppable) or refused, so nframes scans bound the pass
 * even if the guest keeps re-marking frames behind us.  Near a target,
 * runs shrink so the pass does not overshoot it by a whole run.
 */
static void reclaim_pass(struct hostd *d, uint32_t how, int64_t target,
			 struct hostd_stats *st)
{
	struct lps_shmem_claim c;
	uint64_t pfn, tries, run;
	int err;

	for (tries = 0; tries < d->host.nframes; tries++) {
		run = run_for_target(d, target);
		if (!run || lps_shmem_host_scan(&d->host, how, &pfn) != 1)
			break;
		err = lps_shmem_host_claim(&d->host, pfn, run, how, &c);
		if (err == -LPS_EPROTO)
			st->protocol_errors++;
		if (!err)
			drop_claim(d, &c, st);
	}
}

int hostd_reclaim(struct hostd *d, uint32_t how, int64_t target,
		  struct hostd_stats *st)
{
	struct lps_shmem_host_counters before;
	struct lps_shmem_claim c;

	how &= LPS_RECLAIM_UNUSED | LPS_RECLAIM_VOLATILE;
	if (!d->attached || !how)
		return -LPS_EINVAL;
	before = d->host.cnt;
	if (!st->allocated_before)
		st->allocated_before = hostd_ram_allocated(d->ram);

	/* A dead agent's half-done drops first: the guest waits on them. */
	while (lps_shmem_host_recover(&d->host, &c) == 1) {
		st->recovered += c.count;
		drop_claim(d, &c, st);
	}

	/*
	 * Unused frames cost the guest nothing, volatile ones a re-read: the
	 * whole table's unused frames go first, volatile ones only if the
	 * target still asks for more.  Which volatile frame is coldest the
	 * table cannot say (version 1 keeps no access bits), so they go in
	 * table order.
	 */
	if (how & LPS_RECLAIM_UNUSED)
		reclaim_pass(d, LPS_RECLAIM_UNUSED, target, st);
	if ((how & LPS_RECLAIM_VOLATILE) && run_for_target(d, target))
		reclaim_pass(d, LPS_RECLAIM_VOLATILE, target, st);

	st->dropped_unused += d->host.cnt.drop_unused - before.drop_unused;
	st->dropped_volatile += d->host.cnt.drop_volatile -
				before.drop_volatile;
	st->allocated_after = hostd_ram_allocated(d->ram);
	return 0;
}
