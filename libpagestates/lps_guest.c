// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * lps_guest.c - guest context set-up, argument checks, state queries and
 * counters.
 */
#include "lps_internal.h"	/* struct lps_guest, lps_memset */
#include "lps_guest_priv.h"	/* frame word, lps_cnt_add */

static bool lps_config_ok(const struct lps_guest_config *cfg)
{
	const struct lps_port_ops *p = cfg->port;

	if (cfg->sz != sizeof(*cfg) || !p || !p->submit || !p->make_stable)
		return false;
	if (!cfg->nframes || !cfg->frame_words || !cfg->ncpus || !cfg->cpus ||
	    !cfg->batches || !cfg->discard_slots || !cfg->discard_cap)
		return false;
	/* The frame word has room for this many CPU indexes. */
	if (cfg->ncpus > LPS_FW_MAX_CPUS)
		return false;
	/* The caller's word array must be addressable as one object. */
	if (cfg->nframes > (size_t)-1 / sizeof(uint32_t))
		return false;
	return true;
}

int lps_guest_init(struct lps_guest *g, const struct lps_guest_config *cfg)
{
	uint32_t i;

	if (!g || !cfg || !lps_config_ok(cfg))
		return -LPS_EINVAL;

	/* A zero word is "host told stable, nothing pending". */
	lps_memset(cfg->frame_words, 0, cfg->nframes * sizeof(uint32_t));
	for (i = 0; i < cfg->ncpus; i++) {
		struct lps_cpu *c = &cfg->cpus[i];

		lps_memset(c, 0, sizeof(*c));
		lps_lock_init(&c->lock);
		c->batch = &cfg->batches[i];
		lps_batch_reset(c->batch);
		lps_discard_init(&c->discarded,
				 &cfg->discard_slots[(uint64_t)i *
						     cfg->discard_cap],
				 cfg->discard_cap);
	}
	g->port = cfg->port;
	g->port_ctx = cfg->port_ctx;
	g->caps = cfg->port->caps & LPS_CAP_ALL;
	g->direct = cfg->port->hint != NULL;
	g->nframes = cfg->nframes;
	g->frame_words = cfg->frame_words;
	g->ncpus = cfg->ncpus;
	g->cpus = cfg->cpus;
	return 0;
}

int lps_get_state(struct lps_guest *g, uint64_t pfn)
{
	if (!g)
		return -LPS_EINVAL;
	if (pfn >= g->nframes)
		return -LPS_ERANGE;
	return lps_fw_view(lps_load_u32(&g->frame_words[pfn]));
}

void lps_count_reread(struct lps_guest *g, uint32_t cpu)
{
	if (!g || cpu >= g->ncpus)
		return;
	lps_cnt_add(&g->cpus[cpu].cnt.rereads, 1);
}

LPS_STATIC_ASSERT(sizeof(struct lps_counters) % sizeof(uint64_t) == 0,
		  "lps_counters_sum() walks the counters as uint64_t");

void lps_counters_sum(struct lps_guest *g, struct lps_counters *out)
{
	const size_t n = sizeof(*out) / sizeof(uint64_t);
	uint64_t *dst = (uint64_t *)out;
	uint32_t i;
	size_t k;

	if (!g || !out)
		return;
	lps_memset(out, 0, sizeof(*out));
	for (i = 0; i < g->ncpus; i++) {
		uint64_t *src = (uint64_t *)&g->cpus[i].cnt;

		for (k = 0; k < n; k++)
			dst[k] += lps_load_u64(&src[k]);
	}
}
