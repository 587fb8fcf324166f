/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * host_fixture.h - a host model over a small fake guest for the host
 * suites: a backend that really holds each frame's bytes (discard zeroes
 * them, page_out moves them to a swap array and poisons the frame), can be
 * told to fail, and records its calls; plus a before/after picture of
 * everything a failing call must leave alone.
 */
#ifndef HOST_FIXTURE_H
#define HOST_FIXTURE_H

#include <pagestates/pagestates.h>
#include <pagestates/host/lps_host.h>

#include "lps_test.h"

#define T_MAX_FRAMES	256
#define T_BYTES		8	/* bytes modelled per guest frame */
#define T_POISON	0xa5	/* what a paged-out frame's memory holds */
#define T_MAX_CALLS	256

struct t_call {
	uint64_t pfn, count;
};

struct t_env {
	struct lps_host h;
	uint64_t nframes;
	lps_fstate_t states[T_MAX_FRAMES];
	uint8_t dirty[(T_MAX_FRAMES + 7) / 8];
	uint8_t mem[T_MAX_FRAMES][T_BYTES];
	uint8_t swap[T_MAX_FRAMES][T_BYTES];
	uint8_t swapc[(T_MAX_FRAMES + 7) / 8];	/* the host swap cache */
	struct lps_host_backend be;
	/* Fail the next this many calls of each op. */
	unsigned int fail_discard, fail_page_out, fail_page_in, fail_evict;
	unsigned int n_discard, n_page_out, n_page_in, n_evict;
	struct t_call discards[T_MAX_CALLS];
	uint64_t page_outs[T_MAX_CALLS];
};

static inline int t_discard(void *ctx, uint64_t pfn, uint64_t count)
{
	struct t_env *e = ctx;

	if (e->fail_discard) {
		e->fail_discard--;
		return -1;
	}
	if (e->n_discard < T_MAX_CALLS)
		e->discards[e->n_discard] = (struct t_call){ pfn, count };
	e->n_discard++;
	memset(e->mem[pfn], 0, count * T_BYTES);
	memset(e->swap[pfn], 0, count * T_BYTES);
	return 0;
}

static inline int t_page_out(void *ctx, uint64_t pfn)
{
	struct t_env *e = ctx;

	if (e->fail_page_out) {
		e->fail_page_out--;
		return -1;
	}
	if (e->n_page_out < T_MAX_CALLS)
		e->page_outs[e->n_page_out] = pfn;
	e->n_page_out++;
	memcpy(e->swap[pfn], e->mem[pfn], T_BYTES);
	memset(e->mem[pfn], T_POISON, T_BYTES);
	return 0;
}

static inline int t_page_in(void *ctx, uint64_t pfn)
{
	struct t_env *e = ctx;

	if (e->fail_page_in) {
		e->fail_page_in--;
		return -1;
	}
	e->n_page_in++;
	memcpy(e->mem[pfn], e->swap[pfn], T_BYTES);
	return 0;
}

/*
 * A page-out without a write: the swap slot must still hold the bytes, so
 * a host that evicts a frame written since it was read back hands the
 * guest stale data at the next page-in, and the tests see it.
 */
static inline int t_evict(void *ctx, uint64_t pfn)
{
	struct t_env *e = ctx;

	if (e->fail_evict) {
		e->fail_evict--;
		return -1;
	}
	e->n_evict++;
	memset(e->mem[pfn], T_POISON, T_BYTES);
	return 0;
}

/*
 * A fresh guest of @nframes frames, each filled with its own pattern;
 * @flags go to the host config, and @swap_cache gives the host one.
 */
static inline struct t_env *t_env_new_with(uint64_t nframes, uint32_t flags,
					   bool swap_cache)
{
	struct t_env *e = calloc(1, sizeof(*e));
	struct lps_host_config cfg = {
		.sz = sizeof(cfg),
		.nframes = nframes,
		.states = e->states,
		.dirty_log = e->dirty,
		.backend = &e->be,
		.backend_ctx = e,
		.flags = flags,
		.swap_cache = swap_cache ? e->swapc : NULL,
	};
	uint64_t i;

	e->nframes = nframes;
	e->be.discard = t_discard;
	e->be.page_out = t_page_out;
	e->be.page_in = t_page_in;
	e->be.evict = t_evict;
	for (i = 0; i < nframes; i++)
		memset(e->mem[i], (int)(i + 1), T_BYTES);
	if (lps_host_init(&e->h, &cfg) != 0) {
		fprintf(stderr, "lps_host_init failed\n");
		exit(1);
	}
	return e;
}

static inline struct t_env *t_env_new(uint64_t nframes)
{
	return t_env_new_with(nframes, 0, false);
}

static inline lps_fstate_t t_state(struct t_env *e, uint64_t pfn)
{
	lps_fstate_t s = 0xff;

	LPS_CHECK_EQ(lps_host_get_state(&e->h, pfn, &s), 0);
	return s;
}

/* Count frames whose content is RESIDENT, straight from the state array. */
static inline uint64_t t_count_resident(const struct t_env *e)
{
	uint64_t i, n = 0;

	for (i = 0; i < e->nframes; i++)
		n += lps_fs_content(e->states[i]) == LPS_RESIDENT;
	return n;
}

/* The guest writes @val into a frame; returns what the access returned. */
static inline int t_write(struct t_env *e, uint64_t pfn, uint8_t val)
{
	int ret = lps_host_guest_access(&e->h, pfn, true);

	if (ret == 0)
		memset(e->mem[pfn], val, T_BYTES);
	return ret;
}

/* Is every modelled byte of @pfn equal to @val? */
static inline int t_mem_is(const struct t_env *e, uint64_t pfn, uint8_t val)
{
	int i;

	for (i = 0; i < T_BYTES; i++)
		if (e->mem[pfn][i] != val)
			return 0;
	return 1;
}

/* Everything a refused call must leave alone. */
struct t_shot {
	lps_fstate_t states[T_MAX_FRAMES];
	uint8_t dirty[(T_MAX_FRAMES + 7) / 8];
	uint64_t resident;
	struct lps_host_counters cnt;
	unsigned int n_discard, n_page_out, n_page_in, n_evict;
};

static inline void t_take(const struct t_env *e, struct t_shot *s)
{
	memcpy(s->states, e->states, sizeof(s->states));
	memcpy(s->dirty, e->dirty, sizeof(s->dirty));
	s->resident = e->h.resident;
	s->cnt = e->h.cnt;
	s->n_discard = e->n_discard;
	s->n_page_out = e->n_page_out;
	s->n_page_in = e->n_page_in;
	s->n_evict = e->n_evict;
}

/*
 * Nothing changed since @s except cnt.rejected, which grew by @nrej.
 * A macro so a failure reports the caller's line.
 */
#define T_UNCHANGED(e, s, nrej)					\
	do {								\
		struct lps_host_counters t_c_ = (e)->h.cnt;		\
		LPS_CHECK(!memcmp((s)->states, (e)->states,		\
				  sizeof((s)->states)));		\
		LPS_CHECK(!memcmp((s)->dirty, (e)->dirty,		\
				  sizeof((s)->dirty)));			\
		LPS_CHECK_EQ((e)->h.resident, (s)->resident);		\
		LPS_CHECK_EQ(t_c_.rejected,				\
			     (s)->cnt.rejected + (nrej));		\
		t_c_.rejected = (s)->cnt.rejected;			\
		LPS_CHECK(!memcmp(&t_c_, &(s)->cnt, sizeof(t_c_)));	\
		LPS_CHECK_EQ((e)->n_discard, (s)->n_discard);		\
		LPS_CHECK_EQ((e)->n_page_out, (s)->n_page_out);		\
		LPS_CHECK_EQ((e)->n_page_in, (s)->n_page_in);		\
		LPS_CHECK_EQ((e)->n_evict, (s)->n_evict);		\
	} while (0)

/* Clear the dirty log so a test sees only what it did itself. */
static inline void t_clear_dirty(struct t_env *e)
{
	static lps_fstate_t scratch[T_MAX_FRAMES];

	LPS_CHECK_EQ(lps_host_snapshot(&e->h, scratch, T_MAX_FRAMES), 0);
}

static inline int t_dirty(const struct t_env *e, uint64_t pfn)
{
	return (e->dirty[pfn >> 3] >> (pfn & 7)) & 1;
}

/* ---- descriptors, built byte by byte in little-endian wire order ---- */

static inline void t_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline void t_put32(uint8_t *p, uint32_t v)
{
	t_put16(p, (uint16_t)v);
	t_put16(p + 2, (uint16_t)(v >> 16));
}

static inline void t_put64(uint8_t *p, uint64_t v)
{
	t_put32(p, (uint32_t)v);
	t_put32(p + 4, (uint32_t)(v >> 32));
}

static inline uint16_t t_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

#define T_HDR		16
#define T_RANGE		16
#define T_OFF_NR	6
#define T_OFF_CURSOR	8
#define T_OFF_FLAGS	10

/* A valid empty version-1 header at @p. */
static inline void t_desc_init(uint8_t *p)
{
	memset(p, 0, T_HDR);
	t_put32(p, LPS_BATCH_MAGIC);
	t_put16(p + 4, LPS_BATCH_VERSION);
}

/* Append a range; returns its index. */
static inline unsigned int t_desc_add(uint8_t *p, uint64_t pfn,
				      uint32_t count, uint32_t usage)
{
	unsigned int nr = t_get16(p + T_OFF_NR);
	uint8_t *r = p + T_HDR + (size_t)nr * T_RANGE;

	t_put64(r, pfn);
	t_put32(r + 8, count);
	t_put32(r + 12, usage);
	t_put16(p + T_OFF_NR, (uint16_t)(nr + 1));
	return nr;
}

static inline size_t t_desc_len(const uint8_t *p)
{
	return T_HDR + (size_t)t_get16(p + T_OFF_NR) * T_RANGE;
}

#endif /* HOST_FIXTURE_H */
