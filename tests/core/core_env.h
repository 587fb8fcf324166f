/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * core_env.h - one guest context over heap storage and the fake port, as
 * the core unit tests set it up, plus a snapshot to prove a refused call
 * changed nothing.
 */
#ifndef LPS_CORE_ENV_H
#define LPS_CORE_ENV_H

#include "lps_test.h"
#include "fakes/lps_port_fake.h"

#include <pagestates/pagestates.h>

struct core_env {
	struct lps_port_fake fake;
	struct lps_guest g;
	struct lps_guest_config cfg;
	uint32_t *words;
	struct lps_cpu *cpus;
	struct lps_batch *batches;
	uint64_t *slots;
};

static inline void core_env_init(struct core_env *e, uint64_t nframes,
				 uint32_t ncpus, uint32_t caps,
				 uint32_t discard_cap)
{
	int ret;

	memset(e, 0, sizeof(*e));
	if (lps_fake_init(&e->fake, nframes, caps, 4096)) {
		fprintf(stderr, "out of memory\n");
		exit(2);
	}
	e->words = calloc(nframes, sizeof(*e->words));
	e->cpus = calloc(ncpus, sizeof(*e->cpus));
	e->batches = calloc(ncpus, sizeof(*e->batches));
	e->slots = calloc((size_t)ncpus * discard_cap, sizeof(*e->slots));
	if (!e->words || !e->cpus || !e->batches || !e->slots) {
		fprintf(stderr, "out of memory\n");
		exit(2);
	}
	e->cfg = (struct lps_guest_config){
		.sz = sizeof(e->cfg),
		.port = &e->fake.ops,
		.port_ctx = &e->fake,
		.nframes = nframes,
		.frame_words = e->words,
		.ncpus = ncpus,
		.cpus = e->cpus,
		.batches = e->batches,
		.discard_slots = e->slots,
		.discard_cap = discard_cap,
	};
	ret = lps_guest_init(&e->g, &e->cfg);
	LPS_CHECK_EQ(ret, 0);
}

static inline void core_env_fini(struct core_env *e)
{
	lps_fake_fini(&e->fake);
	free(e->words);
	free(e->cpus);
	free(e->batches);
	free(e->slots);
}

/* Everything a guest call could change, copied for comparison. */
struct core_snap {
	struct lps_guest g;
	uint32_t *words;
	struct lps_cpu *cpus;
	struct lps_batch *batches;
	uint64_t *slots;
	lps_fstate_t *host;
	uint32_t ncalls;
};

static inline void core_snap_take(const struct core_env *e,
				  struct core_snap *s)
{
	size_t n = e->cfg.nframes, c = e->cfg.ncpus;

	s->g = e->g;
	s->words = malloc(n * sizeof(*s->words));
	s->cpus = malloc(c * sizeof(*s->cpus));
	s->batches = malloc(c * sizeof(*s->batches));
	s->slots = malloc(c * e->cfg.discard_cap * sizeof(*s->slots));
	s->host = malloc(n * sizeof(*s->host));
	memcpy(s->words, e->words, n * sizeof(*s->words));
	memcpy(s->cpus, e->cpus, c * sizeof(*s->cpus));
	memcpy(s->batches, e->batches, c * sizeof(*s->batches));
	memcpy(s->slots, e->slots, c * e->cfg.discard_cap * sizeof(*s->slots));
	memcpy(s->host, e->fake.host, n * sizeof(*s->host));
	s->ncalls = e->fake.ncalls;
}

/* True when nothing changed since the snapshot; frees it. */
static inline bool core_snap_same(const struct core_env *e,
				  struct core_snap *s)
{
	size_t n = e->cfg.nframes, c = e->cfg.ncpus;
	bool same = memcmp(&s->g, &e->g, sizeof(s->g)) == 0 &&
		    memcmp(s->words, e->words, n * sizeof(*s->words)) == 0 &&
		    memcmp(s->cpus, e->cpus, c * sizeof(*s->cpus)) == 0 &&
		    memcmp(s->batches, e->batches,
			   c * sizeof(*s->batches)) == 0 &&
		    memcmp(s->slots, e->slots,
			   c * e->cfg.discard_cap * sizeof(*s->slots)) == 0 &&
		    memcmp(s->host, e->fake.host, n * sizeof(*s->host)) == 0 &&
		    s->ncalls == e->fake.ncalls;

	free(s->words);
	free(s->cpus);
	free(s->batches);
	free(s->slots);
	free(s->host);
	return same;
}

static inline uint16_t core_nr(const struct core_env *e, uint32_t cpu)
{
	return lps_le16(e->batches[cpu].hdr.nr);
}

static inline struct lps_counters core_cnt(struct core_env *e)
{
	struct lps_counters c;

	lps_counters_sum(&e->g, &c);
	return c;
}

/* A clean, unmapped page-cache page: volatile on every port. */
static inline struct lps_page_facts core_clean_facts(void)
{
	struct lps_page_facts f = {
		.flags = LPS_PF_HAS_MAPPING | LPS_PF_UPTODATE,
		.map_count = 0,
		.ref_count = 1,
	};
	return f;
}

/* Call @i of the fake's log is a submit offering exactly @want. */
static inline bool core_is_submit(const struct core_env *e, uint32_t i,
				  const uint64_t (*want)[3], uint32_t n,
				  uint32_t applied, int ret)
{
	const struct lps_fake_call *c = &e->fake.calls[i];
	uint32_t k;

	if (i >= e->fake.ncalls || c->op != LPS_FAKE_SUBMIT ||
	    c->offered != n || c->applied != applied || c->ret != ret)
		goto bad;
	for (k = 0; k < n; k++) {
		const struct lps_range *r = &e->fake.ranges[c->first + k];

		if (r->pfn != want[k][0] || r->count != want[k][1] ||
		    r->usage != want[k][2])
			goto bad;
	}
	return true;
bad:
	fprintf(stderr, "call %u: not the submit expected\n", i);
	return false;
}

static inline bool core_is_make_stable(const struct core_env *e, uint32_t i,
				       uint64_t pfn, uint64_t count, int ret)
{
	const struct lps_fake_call *c = &e->fake.calls[i];

	if (i < e->fake.ncalls && c->op == LPS_FAKE_MAKE_STABLE &&
	    c->pfn == pfn && c->count == count && c->ret == ret)
		return true;
	fprintf(stderr, "call %u: not make_stable(%llu, %llu) = %d\n", i,
		(unsigned long long)pfn, (unsigned long long)count, ret);
	return false;
}

/* Host usage of frames [pfn, pfn + n) is @u. */
static inline bool core_host_is(const struct core_env *e, uint64_t pfn,
				uint64_t n, enum lps_usage u)
{
	uint64_t i;

	for (i = pfn; i < pfn + n; i++)
		if (lps_fs_usage(lps_fake_state(&e->fake, i)) != u)
			return false;
	return true;
}

/* Guest view of frames [pfn, pfn + n) is @u. */
static inline bool core_view_is(struct core_env *e, uint64_t pfn, uint64_t n,
				enum lps_usage u)
{
	uint64_t i;

	for (i = pfn; i < pfn + n; i++)
		if (lps_get_state(&e->g, i) != (int)u)
			return false;
	return true;
}

#endif /* LPS_CORE_ENV_H */
