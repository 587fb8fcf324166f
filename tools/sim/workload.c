// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * workload.c - the operation stream: file reads and writes, anonymous
 * touches and frees, drawn from a seeded generator that sees nothing of the
 * guest, so every policy replays exactly the same stream.
 */
#include <math.h>	/* pow */
#include <stdlib.h>	/* calloc, free */

#include "sim.h"

/* Skew of the zipf draws; 0.9 is in the range measured for file caches. */
#define SIM_ZIPF_THETA	0.9
/* Longest run of anonymous pages one free releases (an munmap). */
#define SIM_FREE_MAX	16u
/* The sliding window moves one block per this many file operations. */
#define SIM_WINDOW_PACE	8u
/* Anonymous memory is written about as often as read. */
#define SIM_ANON_WRITE_PCT 50u

void sim_rng_seed(struct sim_rng *r, uint64_t seed)
{
	/* splitmix64 once, so nearby seeds give unrelated streams */
	uint64_t z = seed + 0x9e3779b97f4a7c15ull;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	z ^= z >> 31;
	r->s = z ? z : 1;
}

uint64_t sim_rand(struct sim_rng *r)
{
	uint64_t x = r->s;

	x ^= x >> 12;
	x ^= x << 25;
	x ^= x >> 27;
	r->s = x;
	return x * 0x2545f4914f6cdd1dull;
}

uint64_t sim_below(struct sim_rng *r, uint64_t n)
{
	return sim_rand(r) % n;
}

static double sim_unit(struct sim_rng *r)
{
	return (double)(sim_rand(r) >> 11) * (1.0 / 9007199254740992.0);
}

static int zipf_init(struct sim_zipf *z, uint64_t n, struct sim_rng *r)
{
	double sum = 0.0;
	uint64_t i;

	z->n = n;
	z->cdf = calloc(n, sizeof(*z->cdf));
	z->perm = calloc(n, sizeof(*z->perm));
	if (!z->cdf || !z->perm)
		return -1;
	for (i = 0; i < n; i++) {
		sum += 1.0 / pow((double)(i + 1), SIM_ZIPF_THETA);
		z->cdf[i] = sum;
	}
	for (i = 0; i < n; i++) {
		z->cdf[i] /= sum;
		z->perm[i] = (uint32_t)i;
	}
	/* Fisher-Yates: popularity must not follow block numbers */
	for (i = n - 1; i > 0; i--) {
		uint64_t j = sim_below(r, i + 1);
		uint32_t t = z->perm[i];

		z->perm[i] = z->perm[j];
		z->perm[j] = t;
	}
	return 0;
}

static uint64_t zipf_draw(const struct sim_zipf *z, struct sim_rng *r)
{
	double u = sim_unit(r);
	uint64_t lo = 0, hi = z->n - 1;

	while (lo < hi) {
		uint64_t mid = lo + (hi - lo) / 2;

		if (z->cdf[mid] < u)
			lo = mid + 1;
		else
			hi = mid;
	}
	return z->perm[lo];
}

int sim_workload_init(struct sim_workload *w, const struct sim_config *cfg)
{
	w->cfg = cfg;
	w->window_base = 0;
	w->ops = 0;
	sim_rng_seed(&w->rng, cfg->seed);
	if (zipf_init(&w->file, cfg->file_blocks, &w->rng) ||
	    zipf_init(&w->anon, cfg->anon_pages, &w->rng)) {
		sim_workload_free(w);
		return -1;
	}
	return 0;
}

void sim_workload_free(struct sim_workload *w)
{
	free(w->file.cdf);
	free(w->file.perm);
	free(w->anon.cdf);
	free(w->anon.perm);
	w->file.cdf = w->anon.cdf = NULL;
	w->file.perm = w->anon.perm = NULL;
}

static uint64_t file_block(struct sim_workload *w)
{
	const struct sim_config *cfg = w->cfg;
	uint64_t span;

	if (cfg->pattern == SIM_PAT_ZIPF)
		return zipf_draw(&w->file, &w->rng);
	/* three quarters of guest memory: more than the host has */
	span = cfg->pages * 3 / 4;
	if (span > cfg->file_blocks)
		span = cfg->file_blocks;
	if (++w->ops % SIM_WINDOW_PACE == 0)
		w->window_base = (w->window_base + 1) % cfg->file_blocks;
	return (w->window_base + sim_below(&w->rng, span)) % cfg->file_blocks;
}

void sim_workload_next(struct sim_workload *w, struct sim_op *op)
{
	const struct sim_config *cfg = w->cfg;
	uint64_t total = (uint64_t)cfg->mix_file + cfg->mix_anon +
			 cfg->mix_free;
	uint64_t pick = sim_below(&w->rng, total);
	uint64_t dice = sim_below(&w->rng, 100);

	op->len = 1;
	if (pick < cfg->mix_file) {
		op->kind = dice < cfg->write_pct ? SIM_OP_FILE_WRITE :
						   SIM_OP_FILE_READ;
		op->target = file_block(w);
	} else if (pick < (uint64_t)cfg->mix_file + cfg->mix_anon) {
		op->kind = dice < SIM_ANON_WRITE_PCT ? SIM_OP_ANON_WRITE :
						       SIM_OP_ANON_READ;
		op->target = zipf_draw(&w->anon, &w->rng);
	} else {
		op->kind = SIM_OP_FREE;
		op->target = sim_below(&w->rng, cfg->anon_pages);
		op->len = 1 + (uint32_t)sim_below(&w->rng, SIM_FREE_MAX);
	}
}
