/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_host_fixture.h - the one guest/host fixture: a host model over a
 * guest whose size each test picks, plus descriptor helpers built
 * independently of the core's, so a core bug cannot hide in both.
 *
 * Two ways in: fix_init() gives a bare host (no backend), which is what
 * the port, shmem and fuzz tests want; fix_new() also attaches a backend
 * that really holds each frame's bytes (discard zeroes them, page_out
 * moves them to a swap array and poisons the frame), can be told to fail
 * and records its calls, which is what the host suites want.
 */
#ifndef LPS_HOST_FIXTURE_H
#define LPS_HOST_FIXTURE_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pagestates/pagestates.h>
#include <pagestates/host/lps_host.h>

/* The largest guest a test may ask for, and the port tests' usual size. */
#define FIX_MAX_FRAMES	256u
#define FIX_FRAMES	64u

#define FIX_BYTES	8	/* bytes modelled per guest frame */
#define FIX_POISON	0xa5	/* what a paged-out frame's memory holds */
#define FIX_MAX_CALLS	256

struct fix_call {
	uint64_t pfn, count;
};

struct fix {
	struct lps_host h;
	uint64_t nframes;
	lps_fstate_t states[FIX_MAX_FRAMES];
	uint8_t dirty[(FIX_MAX_FRAMES + 7) / 8];

	/* The rest is only used once fix_new() has attached the backend. */
	uint8_t mem[FIX_MAX_FRAMES][FIX_BYTES];
	uint8_t swap[FIX_MAX_FRAMES][FIX_BYTES];
	uint8_t swapc[(FIX_MAX_FRAMES + 7) / 8];	/* host swap cache */
	struct lps_host_backend be;
	/* Fail the next this many calls of each op. */
	unsigned int fail_discard, fail_page_out, fail_page_in, fail_evict;
	unsigned int n_discard, n_page_out, n_page_in, n_evict;
	struct fix_call discards[FIX_MAX_CALLS];
	uint64_t page_outs[FIX_MAX_CALLS];
};

static inline int fix_be_discard(void *ctx, uint64_t pfn, uint64_t count)
{
	struct fix *e = ctx;

	if (e->fail_discard) {
		e->fail_discard--;
		return -1;
	}
	if (e->n_discard < FIX_MAX_CALLS)
		e->discards[e->n_discard] = (struct fix_call){ pfn, count };
	e->n_discard++;
	memset(e->mem[pfn], 0, count * FIX_BYTES);
	memset(e->swap[pfn], 0, count * FIX_BYTES);
	return 0;
}

static inline int fix_be_page_out(void *ctx, uint64_t pfn)
{
	struct fix *e = ctx;

	if (e->fail_page_out) {
		e->fail_page_out--;
		return -1;
	}
	if (e->n_page_out < FIX_MAX_CALLS)
		e->page_outs[e->n_page_out] = pfn;
	e->n_page_out++;
	memcpy(e->swap[pfn], e->mem[pfn], FIX_BYTES);
	memset(e->mem[pfn], FIX_POISON, FIX_BYTES);
	return 0;
}

static inline int fix_be_page_in(void *ctx, uint64_t pfn)
{
	struct fix *e = ctx;

	if (e->fail_page_in) {
		e->fail_page_in--;
		return -1;
	}
	e->n_page_in++;
	memcpy(e->mem[pfn], e->swap[pfn], FIX_BYTES);
	return 0;
}

/*
 * A page-out without a write: the swap slot must still hold the bytes, so
 * a host that evicts a frame written since it was read back hands the
 * guest stale data at the next page-in, and the tests see it.
 */
static inline int fix_be_evict(void *ctx, uint64_t pfn)
{
	struct fix *e = ctx;

	if (e->fail_evict) {
		e->fail_evict--;
		return -1;
	}
	e->n_evict++;
	memset(e->mem[pfn], FIX_POISON, FIX_BYTES);
	return 0;
}

/*
 * A fresh host over @nframes frames, each frame's bytes filled with its
 * own pattern; @flags go to the host config, @swap_cache gives the host
 * one and @backend attaches the recording backend.  A setup failure
 * aborts, so both a test and libFuzzer (which reports the input on abort)
 * notice it.
 */
static inline void fix_init_with(struct fix *f, uint64_t nframes,
				 uint32_t flags, bool swap_cache, bool backend)
{
	struct lps_host_config cfg;
	uint64_t i;

	memset(f, 0, sizeof(*f));
	memset(&cfg, 0, sizeof(cfg));
	if (nframes > FIX_MAX_FRAMES) {
		fprintf(stderr, "fixture: %llu frames, at most %u\n",
			(unsigned long long)nframes, FIX_MAX_FRAMES);
		abort();
	}
	f->nframes = nframes;
	f->be.discard = fix_be_discard;
	f->be.page_out = fix_be_page_out;
	f->be.page_in = fix_be_page_in;
	f->be.evict = fix_be_evict;
	for (i = 0; i < nframes; i++)
		memset(f->mem[i], (int)(i + 1), FIX_BYTES);
	cfg.sz = sizeof(cfg);
	cfg.nframes = nframes;
	cfg.states = f->states;
	cfg.dirty_log = f->dirty;
	cfg.flags = flags;
	cfg.swap_cache = swap_cache ? f->swapc : NULL;
	if (backend) {
		cfg.backend = &f->be;
		cfg.backend_ctx = f;
	}
	if (lps_host_init(&f->h, &cfg)) {
		fprintf(stderr, "fixture: lps_host_init failed\n");
		abort();
	}
}

/* A bare host over @nframes frames: no backend, no flags. */
static inline void fix_init(struct fix *f, uint64_t nframes)
{
	fix_init_with(f, nframes, 0, false, false);
}

/* A heap fixture with the recording backend; free() it when done. */
static inline struct fix *fix_new_with(uint64_t nframes, uint32_t flags,
				       bool swap_cache)
{
	struct fix *f = malloc(sizeof(*f));

	if (!f) {
		fprintf(stderr, "fixture: out of memory\n");
		abort();
	}
	fix_init_with(f, nframes, flags, swap_cache, true);
	return f;
}

static inline struct fix *fix_new(uint64_t nframes)
{
	return fix_new_with(nframes, 0, false);
}

/* Put frame @pfn in state @s, as if the guest and host had got it there. */
static inline void fix_set_state(struct fix *f, uint64_t pfn, lps_fstate_t s)
{
	f->states[pfn] = s;
}

static inline enum lps_usage fix_usage(const struct fix *f, uint64_t pfn)
{
	return lps_fs_usage(f->states[pfn]);
}

/*
 * A fixture call that must succeed.  Under lps_test.h (included first) it
 * is one more counted check, so a suite reports it and keeps going;
 * elsewhere (the fuzz targets) it aborts, which libFuzzer reports.
 */
#ifdef LPS_TEST_H
#define FIX_MUST(call)	LPS_CHECK_EQ((call), 0)
#else
#define FIX_MUST(call)							\
	do {								\
		if ((call) != 0) {					\
			fprintf(stderr, "fixture: %s failed\n", #call);	\
			abort();					\
		}							\
	} while (0)
#endif

/* Frame @pfn's state through the host's API. */
static inline lps_fstate_t fix_state(struct fix *e, uint64_t pfn)
{
	lps_fstate_t s = 0xff;

	FIX_MUST(lps_host_get_state(&e->h, pfn, &s));
	return s;
}

/* Count frames whose content is RESIDENT, straight from the state array. */
static inline uint64_t fix_count_resident(const struct fix *e)
{
	uint64_t i, n = 0;

	for (i = 0; i < e->nframes; i++)
		n += lps_fs_content(e->states[i]) == LPS_RESIDENT;
	return n;
}

/* The guest writes @val into a frame; returns what the access returned. */
static inline int fix_write(struct fix *e, uint64_t pfn, uint8_t val)
{
	int ret = lps_host_guest_access(&e->h, pfn, true);

	if (ret == 0)
		memset(e->mem[pfn], val, FIX_BYTES);
	return ret;
}

/* Is every modelled byte of @pfn equal to @val? */
static inline int fix_mem_is(const struct fix *e, uint64_t pfn, uint8_t val)
{
	int i;

	for (i = 0; i < FIX_BYTES; i++)
		if (e->mem[pfn][i] != val)
			return 0;
	return 1;
}

/* Everything a refused call must leave alone. */
struct fix_shot {
	lps_fstate_t states[FIX_MAX_FRAMES];
	uint8_t dirty[(FIX_MAX_FRAMES + 7) / 8];
	uint64_t resident;
	struct lps_host_counters cnt;
	unsigned int n_discard, n_page_out, n_page_in, n_evict;
};

static inline void fix_take(const struct fix *e, struct fix_shot *s)
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
 * A macro so a failure reports the caller's line; needs lps_test.h.
 */
#define FIX_UNCHANGED(e, s, nrej)					\
	do {								\
		struct lps_host_counters fix_c_ = (e)->h.cnt;		\
		LPS_CHECK(!memcmp((s)->states, (e)->states,		\
				  sizeof((s)->states)));		\
		LPS_CHECK(!memcmp((s)->dirty, (e)->dirty,		\
				  sizeof((s)->dirty)));			\
		LPS_CHECK_EQ((e)->h.resident, (s)->resident);		\
		LPS_CHECK_EQ(fix_c_.rejected,				\
			     (s)->cnt.rejected + (nrej));		\
		fix_c_.rejected = (s)->cnt.rejected;			\
		LPS_CHECK(!memcmp(&fix_c_, &(s)->cnt, sizeof(fix_c_)));	\
		LPS_CHECK_EQ((e)->n_discard, (s)->n_discard);		\
		LPS_CHECK_EQ((e)->n_page_out, (s)->n_page_out);		\
		LPS_CHECK_EQ((e)->n_page_in, (s)->n_page_in);		\
		LPS_CHECK_EQ((e)->n_evict, (s)->n_evict);		\
	} while (0)

/* Clear the dirty log so a test sees only what it did itself. */
static inline void fix_clear_dirty(struct fix *e)
{
	static lps_fstate_t scratch[FIX_MAX_FRAMES];

	FIX_MUST(lps_host_snapshot(&e->h, scratch, FIX_MAX_FRAMES));
}

static inline int fix_dirty(const struct fix *e, uint64_t pfn)
{
	return (e->dirty[pfn >> 3] >> (pfn & 7)) & 1;
}

/* ---- descriptors through the public struct, in wire byte order ---- */

/* Start an empty descriptor (independent of the core's lps_batch_reset). */
static inline void fix_batch_reset(struct lps_batch *b)
{
	memset(b, 0, sizeof(*b));
	b->hdr.magic = lps_le32(LPS_BATCH_MAGIC);
	b->hdr.version = lps_le16(LPS_BATCH_VERSION);
}

static inline void fix_batch_add(struct lps_batch *b, uint64_t pfn,
				 uint32_t count, enum lps_usage usage)
{
	uint16_t nr = lps_le16(b->hdr.nr);

	b->range[nr].pfn = lps_le64(pfn);
	b->range[nr].count = lps_le32(count);
	b->range[nr].usage = lps_le32((uint32_t)usage);
	b->hdr.nr = lps_le16((uint16_t)(nr + 1));
}

/* ---- descriptors built byte by byte, so layout bugs show too ---- */

static inline void fix_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline void fix_put32(uint8_t *p, uint32_t v)
{
	fix_put16(p, (uint16_t)v);
	fix_put16(p + 2, (uint16_t)(v >> 16));
}

static inline void fix_put64(uint8_t *p, uint64_t v)
{
	fix_put32(p, (uint32_t)v);
	fix_put32(p + 4, (uint32_t)(v >> 32));
}

static inline uint16_t fix_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

#define FIX_HDR		16
#define FIX_RANGE	16
#define FIX_OFF_NR	6
#define FIX_OFF_CURSOR	8
#define FIX_OFF_FLAGS	10

/* A valid empty version-1 header at @p. */
static inline void fix_desc_init(uint8_t *p)
{
	memset(p, 0, FIX_HDR);
	fix_put32(p, LPS_BATCH_MAGIC);
	fix_put16(p + 4, LPS_BATCH_VERSION);
}

/* Append a range; returns its index. */
static inline unsigned int fix_desc_add(uint8_t *p, uint64_t pfn,
					uint32_t count, uint32_t usage)
{
	unsigned int nr = fix_get16(p + FIX_OFF_NR);
	uint8_t *r = p + FIX_HDR + (size_t)nr * FIX_RANGE;

	fix_put64(r, pfn);
	fix_put32(r + 8, count);
	fix_put32(r + 12, usage);
	fix_put16(p + FIX_OFF_NR, (uint16_t)(nr + 1));
	return nr;
}

static inline size_t fix_desc_len(const uint8_t *p)
{
	return FIX_HDR + (size_t)fix_get16(p + FIX_OFF_NR) * FIX_RANGE;
}

#endif /* LPS_HOST_FIXTURE_H */
