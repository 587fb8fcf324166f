/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * fuzz_common.h - what the decoder fuzz targets share: a host model, an
 * input cursor, and invariant checks that abort so libFuzzer (or the
 * regression driver) reports the input.
 */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pagestates/pagestates.h>
#include "host/transport/lps_transport.h"

#define FZ_FRAMES 96u

#define FZ_ASSERT(cond)							\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: invariant failed: %s\n", \
				__FILE__, __LINE__, #cond);		\
			abort();					\
		}							\
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct fz_in {
	const uint8_t *p;
	size_t left;
};

static inline uint64_t fz_take(struct fz_in *in, unsigned int bytes)
{
	uint64_t v = 0;
	unsigned int i;

	for (i = 0; i < bytes && in->left; i++, in->left--)
		v |= (uint64_t)*in->p++ << (8 * i);
	return v;
}

struct fz_host {
	struct lps_host h;
	lps_fstate_t states[FZ_FRAMES];
	uint8_t dirty[(FZ_FRAMES + 7) / 8];
};

static inline void fz_host_init(struct fz_host *f)
{
	struct lps_host_config cfg;

	memset(&cfg, 0, sizeof(cfg));
	cfg.sz = sizeof(cfg);
	cfg.nframes = FZ_FRAMES;
	cfg.states = f->states;
	cfg.dirty_log = f->dirty;
	FZ_ASSERT(lps_host_init(&f->h, &cfg) == 0);
}

/* Every state the host keeps stays encodable whatever the guest sends. */
static inline void fz_states_valid(const struct fz_host *f)
{
	unsigned int i;

	for (i = 0; i < FZ_FRAMES; i++)
		FZ_ASSERT(lps_fs_valid(f->states[i]));
}

static inline void fz_reclaim(struct fz_host *f)
{
	struct lps_host_reclaim_result res;

	(void)lps_host_reclaim_all(&f->h, &res);
}

#endif /* FUZZ_COMMON_H */
