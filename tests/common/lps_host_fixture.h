/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_host_fixture.h - the one guest/host fixture: a host model over a
 * guest whose size each test picks, plus descriptor helpers built
 * independently of the core's, so a core bug cannot hide in both.
 * tests/host/host_fixture.h layers a recording backend on top.
 */
#ifndef LPS_HOST_FIXTURE_H
#define LPS_HOST_FIXTURE_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pagestates/pagestates.h>
#include <pagestates/host/lps_host.h>

/* The largest guest a test may ask for, and the port tests' usual size. */
#define FIX_MAX_FRAMES	128u
#define FIX_FRAMES	64u

struct fix {
	struct lps_host h;
	uint64_t nframes;
	lps_fstate_t states[FIX_MAX_FRAMES];
	uint8_t dirty[(FIX_MAX_FRAMES + 7) / 8];
};

/*
 * A fresh host over @nframes frames.  A setup failure aborts, so both a
 * test and libFuzzer (which reports the input on abort) notice it.
 */
static inline void fix_init(struct fix *f, uint64_t nframes)
{
	struct lps_host_config cfg;

	memset(f, 0, sizeof(*f));
	memset(&cfg, 0, sizeof(cfg));
	if (nframes > FIX_MAX_FRAMES) {
		fprintf(stderr, "fixture: %llu frames, at most %u\n",
			(unsigned long long)nframes, FIX_MAX_FRAMES);
		abort();
	}
	f->nframes = nframes;
	cfg.sz = sizeof(cfg);
	cfg.nframes = nframes;
	cfg.states = f->states;
	cfg.dirty_log = f->dirty;
	if (lps_host_init(&f->h, &cfg)) {
		fprintf(stderr, "fixture: lps_host_init failed\n");
		abort();
	}
}

/* Put frame @pfn in state @s, as if the guest and host had got it there. */
static inline void fix_set_state(struct fix *f, uint64_t pfn, lps_fstate_t s)
{
	f->states[pfn] = s;
}

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

static inline enum lps_usage fix_usage(const struct fix *f, uint64_t pfn)
{
	return lps_fs_usage(f->states[pfn]);
}

#endif /* LPS_HOST_FIXTURE_H */
