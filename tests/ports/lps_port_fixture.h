/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_port_fixture.h - a small host model and descriptor helpers shared by
 * the port and decoder tests.
 */
#ifndef LPS_PORT_FIXTURE_H
#define LPS_PORT_FIXTURE_H

#include <string.h>

#include <pagestates/pagestates.h>
#include <pagestates/host/lps_host.h>
#include "lps_test.h"

#define FIX_FRAMES 64u

struct fix {
	struct lps_host h;
	lps_fstate_t states[FIX_FRAMES];
	uint8_t dirty[(FIX_FRAMES + 7) / 8];
};

static inline void fix_init(struct fix *f)
{
	struct lps_host_config cfg;

	memset(f, 0, sizeof(*f));
	memset(&cfg, 0, sizeof(cfg));
	cfg.sz = sizeof(cfg);
	cfg.nframes = FIX_FRAMES;
	cfg.states = f->states;
	cfg.dirty_log = f->dirty;
	if (lps_host_init(&f->h, &cfg)) {
		fprintf(stderr, "fixture: lps_host_init failed\n");
		exit(1);
	}
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

#endif /* LPS_PORT_FIXTURE_H */
