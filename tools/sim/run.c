// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * run.c - one policy's run: build the machine, replay the workload, take
 * the counters after the warm-up and tear everything down.
 */
#include <stdlib.h>	/* calloc, free */
#include <string.h>	/* memset */
#include <time.h>	/* clock_gettime */

#include "sim.h"

/* Counters taken at the end of the warm-up, subtracted at the end. */
struct sim_base {
	struct lps_host_counters host;
	struct lps_counters core;
	struct sim_result guest;
};

static uint64_t refused_total(const struct lps_counters *c)
{
	uint64_t sum = 0;
	uint32_t i;

	/* LPS_WHY_NONE is not a refusal */
	for (i = 1; i < LPS_NR_REASONS; i++)
		sum += c->refused[i];
	return sum;
}

static void take_base(struct sim *s, struct sim_base *b)
{
	b->host = s->host.cnt;
	lps_counters_sum(&s->guest, &b->core);
	b->guest = *s->res;
	s->peak = s->host.resident;
}

static void finish(struct sim *s, const struct sim_base *b)
{
	struct sim_result *r = s->res;
	struct lps_counters c;
	const struct lps_host_counters *h = &s->host.cnt;

	lps_counters_sum(&s->guest, &c);
	r->host_swap_out = h->swap_out - b->host.swap_out;
	r->host_swap_in = h->swap_in - b->host.swap_in;
	r->host_swap_out_clean = h->swap_out_clean - b->host.swap_out_clean;
	r->host_faults -= b->guest.host_faults;
	r->fpr_reports -= b->guest.fpr_reports;
	r->host_dropped_unused = h->discarded_unused -
				 b->host.discarded_unused;
	r->host_dropped_volatile = h->discarded_volatile -
				   b->host.discarded_volatile;
	r->transitions = c.transitions - b->core.transitions;
	r->hints_unused = c.hints[LPS_UNUSED] - b->core.hints[LPS_UNUSED];
	r->hints_volatile = c.hints[LPS_VOLATILE] + c.hints[LPS_POT_VOLATILE] -
			    b->core.hints[LPS_VOLATILE] -
			    b->core.hints[LPS_POT_VOLATILE];
	r->refused = refused_total(&c) - refused_total(&b->core);
	r->discards_found = c.discards_found - b->core.discards_found;
	r->core_rereads = c.rereads - b->core.rereads;
	r->cancelled = c.cancelled - b->core.cancelled;
	r->guest_rereads -= b->guest.guest_rereads;
	r->guest_disk_reads -= b->guest.guest_disk_reads;
	r->guest_disk_writes -= b->guest.guest_disk_writes;
	r->guest_swap_out -= b->guest.guest_swap_out;
	r->guest_swap_in -= b->guest.guest_swap_in;
	/* errors are never forgiven for happening during the warm-up */
	r->host_resident_peak = s->peak;
}

static void teardown(struct sim *s)
{
	void *bufs[] = {
		s->hstates, s->dirty_log, s->phys, s->hswap, s->frame_words,
		s->cpus, s->batches, s->discard_slots, s->expect, s->frames,
		s->free_stack, s->dirty_ring, s->parked, s->disk, s->cache,
		s->file_ver, s->gswap, s->astate, s->anon_pfn, s->anon_ver,
		s->slot_ok, s->swap_cache, s->blk_free, s->blk_reported,
	};
	size_t i;

	for (i = 0; i < sizeof(bufs) / sizeof(bufs[0]); i++)
		free(bufs[i]);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int sim_run(const struct sim_config *cfg, enum sim_policy pol,
	    struct sim_result *res, void (*progress)(uint64_t done))
{
	struct sim s;
	struct sim_workload w;
	struct sim_base base;
	struct sim_op op;
	double t0 = now();
	uint64_t step;
	uint32_t i;
	int ret;

	memset(&s, 0, sizeof(s));
	memset(res, 0, sizeof(*res));
	memset(&base, 0, sizeof(base));
	s.cfg = cfg;
	s.pol = pol;
	s.res = res;
	sim_rng_seed(&s.rng, ~cfg->seed);
	res->resident = calloc(cfg->steps, sizeof(*res->resident));
	if (!res->resident || sim_workload_init(&w, cfg)) {
		free(res->resident);
		res->resident = NULL;
		return -LPS_ENOSPC;
	}
	ret = sim_host_init(&s);
	if (!ret)
		ret = sim_guest_init(&s);
	if (ret)
		goto out;
	sim_host_tick(&s);
	for (step = 0; step < cfg->steps; step++) {
		s.step = step;
		if (step == cfg->warmup)
			take_base(&s, &base);
		for (i = 0; i < cfg->ops_per_step; i++) {
			sim_workload_next(&w, &op);
			s.cpu = (uint32_t)sim_below(&s.rng, cfg->cpus);
			sim_guest_op(&s, &op);
		}
		sim_guest_tick(&s);
		sim_host_tick(&s);
		res->resident[step] = s.host.resident;
		if (progress)
			progress(step + 1);
	}
	res->nsamples = cfg->steps;
	finish(&s, &base);
	res->seconds = now() - t0;
out:
	sim_workload_free(&w);
	teardown(&s);
	return ret;
}
