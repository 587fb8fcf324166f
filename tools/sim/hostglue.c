// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * hostglue.c - the in-process port (the guest core's submit and make-stable
 * land in the real host model), the host backend that moves the physical
 * shadow, and the host's memory policy: at most M resident frames.
 */
#include <stdlib.h>	/* calloc */

#include "sim.h"

/* The descriptor is handed over as the guest built it, as a hypercall would. */
static int port_submit(void *ctx, struct lps_batch *b)
{
	struct sim *s = ctx;

	return lps_host_apply_batch(&s->host, b, LPS_BATCH_BYTES, 0);
}

static int port_make_stable(void *ctx, uint64_t pfn, uint64_t count)
{
	struct sim *s = ctx;

	return lps_host_make_stable(&s->host, pfn, count);
}

static int port_get_state(void *ctx, uint64_t pfn, lps_fstate_t *out)
{
	struct sim *s = ctx;

	return lps_host_get_state(&s->host, pfn, out);
}

/*
 * The backend is where host memory really changes, so it keeps the
 * physical shadow: a dropped frame reads back as zeroes, a paged-out frame
 * is only in host swap until it is paged in.
 */
static int backend_discard(void *ctx, uint64_t pfn, uint64_t count)
{
	struct sim *s = ctx;
	uint64_t i;

	/* memory and any host swap slot alike: both are freed */
	for (i = 0; i < count; i++) {
		s->phys[pfn + i] = SIM_DATA_ZERO;
		s->hswap[pfn + i] = SIM_DATA_ZERO;
	}
	return 0;
}

/* One in this many page-outs goes wrong under --inject-bug=lose-swap. */
#define SIM_LOSE_EVERY 16u

static int backend_page_out(void *ctx, uint64_t pfn)
{
	struct sim *s = ctx;

	s->hswap[pfn] = s->phys[pfn];
	if (s->cfg->bug == SIM_BUG_LOSE_SWAP &&
	    ++s->page_outs % SIM_LOSE_EVERY == 0)
		s->hswap[pfn] = SIM_DATA_ZERO;
	s->phys[pfn] = SIM_DATA_POISON;
	return 0;
}

/* The slot keeps its copy after a page-in: the host's swap cache. */
static int backend_page_in(void *ctx, uint64_t pfn)
{
	struct sim *s = ctx;

	s->phys[pfn] = s->hswap[pfn];
	return 0;
}

/* A page-out without a write: host swap already holds these bytes. */
static int backend_evict(void *ctx, uint64_t pfn)
{
	struct sim *s = ctx;

	s->phys[pfn] = SIM_DATA_POISON;
	return 0;
}

int sim_host_init(struct sim *s)
{
	uint64_t n = s->cfg->pages;
	struct lps_host_config hc = { .sz = sizeof(hc) };
	int ret;

	s->hstates = calloc(n, 1);
	s->dirty_log = calloc((n + 7) / 8, 1);
	s->phys = calloc(n, sizeof(*s->phys));
	s->hswap = calloc(n, sizeof(*s->hswap));
	s->swap_cache = calloc((n + 7) / 8, 1);
	if (!s->hstates || !s->dirty_log || !s->phys || !s->hswap ||
	    !s->swap_cache)
		return -LPS_ENOSPC;

	s->backend.discard = backend_discard;
	s->backend.page_out = backend_page_out;
	s->backend.page_in = backend_page_in;
	s->backend.evict = backend_evict;
	hc.nframes = n;
	hc.states = s->hstates;
	hc.dirty_log = s->dirty_log;
	hc.swap_cache = s->swap_cache;
	/*
	 * The guest boots on memory the host has not populated: no policy
	 * pays for paging what the guest never wrote.
	 */
	hc.flags = LPS_HOST_START_ZERO;
	hc.backend = &s->backend;
	hc.backend_ctx = s;
	ret = lps_host_init(&s->host, &hc);
	if (ret < 0)
		return ret;

	/*
	 * Batched, without discard faults or a host-visible dirty bit: what
	 * the x86 and arm64 hypercall ports offer, so mapped pages stay stable.
	 */
	s->port.name = "sim-inproc";
	s->port.caps = LPS_CAP_BATCH | LPS_CAP_GET_STATE;
	s->port.submit = port_submit;
	s->port.make_stable = port_make_stable;
	s->port.get_state = port_get_state;

	switch (s->pol) {
	case SIM_POL_NONE:
		s->reclaim_how = LPS_RECLAIM_SWAP;
		break;
	case SIM_POL_FPR:
	case SIM_POL_UNUSED:
		s->reclaim_how = LPS_RECLAIM_UNUSED | LPS_RECLAIM_SWAP;
		break;
	default:
		s->reclaim_how = LPS_RECLAIM_ALL;
		break;
	}
	/* reclaim in batches, as a host's watermarks do */
	s->reclaim_slack = s->cfg->host_frames / 64 ? s->cfg->host_frames / 64
						    : 1;
	if (s->reclaim_slack >= s->cfg->host_frames)
		s->reclaim_slack = s->cfg->host_frames - 1;
	return 0;
}

static void host_reclaim(struct sim *s, uint64_t target, uint32_t how)
{
	struct lps_host_reclaim_result rr = { 0 };
	int ret = lps_host_reclaim(&s->host, target, how, &rr);

	if (ret < 0 && ret != -LPS_EAGAIN)
		s->res->api_errors++;
}

static void note_peak(struct sim *s)
{
	if (s->host.resident > s->peak)
		s->peak = s->host.resident;
}

/*
 * Every guest load or store of a frame.  A frame that is not resident needs
 * a host frame first, so the host reclaims down to its low watermark
 * before handing one out: resident never exceeds M.
 */
int sim_host_touch(struct sim *s, uint64_t pfn, bool write)
{
	lps_fstate_t st;
	int ret;

	if (lps_host_get_state(&s->host, pfn, &st) < 0) {
		s->res->api_errors++;
		return -LPS_EINVAL;
	}
	if (lps_fs_content(st) != LPS_RESIDENT &&
	    s->host.resident >= s->cfg->host_frames)
		host_reclaim(s, s->cfg->host_frames - s->reclaim_slack,
			     s->reclaim_how);
	ret = lps_host_guest_access(&s->host, pfn, write);
	/* populating or paging in a frame is a fault: a guest exit */
	if (ret == 0 && lps_fs_content(st) != LPS_RESIDENT)
		s->res->host_faults++;
	note_peak(s);
	return ret;
}

/*
 * Once per step, the host agent.  With hints it hands free frames back at
 * once, as QEMU does with what free page reporting reports (--lazy-unused:
 * only under pressure, as s390 CMMA does); volatile frames stay, they are
 * a cache worth keeping while memory lasts.
 */
void sim_host_tick(struct sim *s)
{
	if (s->pol != SIM_POL_NONE && !s->cfg->lazy_unused)
		host_reclaim(s, 0, LPS_RECLAIM_UNUSED);
	if (s->host.resident > s->cfg->host_frames)
		host_reclaim(s, s->cfg->host_frames - s->reclaim_slack,
			     s->reclaim_how);
	note_peak(s);
}
