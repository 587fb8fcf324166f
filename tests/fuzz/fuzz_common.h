/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * fuzz_common.h - what the decoder fuzz targets add to the common host
 * fixture: an input cursor, and the checks that a refused request changed
 * nothing (aborting through FZ_ASSERT, fuzz_assert.h).
 */
#ifndef FUZZ_COMMON_H
#define FUZZ_COMMON_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pagestates/pagestates.h>
#include <pagestates/host/lps_transport.h>
#include "lps_host_fixture.h"
#include "fuzz_assert.h"	/* FZ_ASSERT, the entry point */

#define FZ_FRAMES 96u	/* the fuzzed guest, passed to fix_init() */

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

/* Every state the host keeps stays encodable whatever the guest sends. */
static inline void fz_states_valid(const struct fix *f)
{
	unsigned int i;

	for (i = 0; i < FZ_FRAMES; i++)
		FZ_ASSERT(lps_fs_valid(f->states[i]));
}

static inline void fz_reclaim(struct fix *f)
{
	struct lps_host_reclaim_result res;

	(void)lps_host_reclaim_all(&f->h, &res);
}

/*
 * Guest RAM for the hypercall decoders: one page, then the descriptor's
 * bytes from the input (a u16 length, capped at a page), allocated to size
 * so any read past what the guest really supplied is an ASan report.
 */
struct fz_ram {
	uint8_t *ram;
	uint8_t *copy;		/* snapshot taken before each call */
	struct lps_gmem_flat flat;
	struct lps_gmem mem;
	lps_fstate_t before[FZ_FRAMES];
};

static inline void fz_ram_from_input(struct fz_ram *r, struct fz_in *in)
{
	size_t dlen = (size_t)fz_take(in, 2);

	if (dlen > LPS_BATCH_BYTES)
		dlen = LPS_BATCH_BYTES;
	if (dlen > in->left)
		dlen = in->left;
	r->ram = calloc(1, 4096 + dlen + 1);
	r->copy = malloc(4096 + dlen + 1);
	FZ_ASSERT(r->ram && r->copy);
	memcpy(r->ram + 4096, in->p, dlen);
	in->p += dlen;
	in->left -= dlen;
	r->flat.base = r->ram;
	r->flat.size = 4096 + dlen;
	r->mem.map = lps_gmem_flat_map;
	r->mem.ctx = &r->flat;
}

static inline void fz_ram_free(struct fz_ram *r)
{
	free(r->copy);
	free(r->ram);
}

static inline void fz_snapshot(struct fz_ram *r, const struct fix *f)
{
	memcpy(r->before, f->states, sizeof(r->before));
	memcpy(r->copy, r->ram, r->flat.size);
}

/* A refused call (@res < 0, not "resume") changed no state and no RAM. */
static inline void fz_check_refusal(const struct fz_ram *r,
				    const struct fix *f, int res)
{
	if (res < 0 && res != -LPS_EAGAIN) {
		FZ_ASSERT(!memcmp(r->before, f->states, sizeof(r->before)));
		FZ_ASSERT(!memcmp(r->copy, r->ram, r->flat.size));
	}
	fz_states_valid(f);
}

#endif /* FUZZ_COMMON_H */
