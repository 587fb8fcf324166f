// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * shadow.c - data integrity: every guest access goes through the host model,
 * and what the guest gets back (given the host's content state and the
 * physical shadow) is compared with what the guest believes the frame holds.
 */
#include "sim.h"

/*
 * What a guest load from @pfn returns.  The host model's content state is
 * the authority on zero and paged-out frames; the physical shadow only says
 * what a resident frame holds, so a host that forgot to page a frame in, or
 * let a dropped frame be read, shows up as a mismatch.
 */
static uint64_t shadow_read(struct sim *s, uint64_t pfn, int access_ret)
{
	lps_fstate_t st;

	if (lps_host_get_state(&s->host, pfn, &st) < 0)
		return SIM_DATA_POISON;
	switch (lps_fs_content(st)) {
	case LPS_RESIDENT:
		/* an unused frame reads as garbage even if resident */
		return access_ret == -LPS_EPERM ? SIM_DATA_POISON :
						   s->phys[pfn];
	case LPS_ZERO:
		return SIM_DATA_ZERO;
	default:
		return SIM_DATA_POISON;
	}
}

static uint64_t checked_load(struct sim *s, uint64_t pfn)
{
	int ret = sim_host_touch(s, pfn, false);
	uint64_t got = shadow_read(s, pfn, ret);

	if (got != s->expect[pfn])
		s->res->data_errors++;
	return got;
}

/* The guest uses the data in @pfn. */
void sim_guest_read(struct sim *s, uint64_t pfn)
{
	checked_load(s, pfn);
}

/* The guest reads @pfn to write it to its disk or swap; returns what it got. */
uint64_t sim_guest_copy_out(struct sim *s, uint64_t pfn)
{
	return checked_load(s, pfn);
}

/*
 * The guest writes the whole of @pfn: @phys is what really lands there (a
 * block from the guest disk, a swap slot, new data), @expect what the guest
 * believes it wrote.  They differ only when the backing store is stale.
 */
void sim_guest_fill(struct sim *s, uint64_t pfn, uint64_t phys,
		    uint64_t expect)
{
	int ret = sim_host_touch(s, pfn, true);

	/* a store the host refused cannot hold what the guest meant */
	if (ret < 0)
		s->res->data_errors++;
	s->phys[pfn] = phys;
	s->expect[pfn] = expect;
}
