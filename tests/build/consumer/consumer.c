// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * consumer.c - what an embedder writes first: a guest context whose port
 * is a host model in the same process.  Frees frames, makes page cache
 * volatile, lets the host reclaim, and checks the guest learns of the
 * discard.  Built only against the installed headers and library.
 */
#include <pagestates/pagestates.h>
#include <pagestates/host/lps_host.h>

#include <stdio.h>
#include <string.h>

#include "embed_ports.h"

#define FRAMES 64u

static lps_fstate_t host_states[FRAMES];
static uint8_t host_dirty[FRAMES / 8];
static struct lps_host host;

static int host_submit(void *ctx, struct lps_batch *b)
{
	return lps_host_apply_batch(ctx, b, sizeof(*b), 0);
}

static int host_make_stable(void *ctx, uint64_t pfn, uint64_t count)
{
	return lps_host_make_stable(ctx, pfn, count);
}

static const struct lps_port_ops in_process_port = {
	.name = "in-process",
	.caps = LPS_CAP_BATCH,
	.submit = host_submit,
	.make_stable = host_make_stable,
};

int main(void)
{
	static uint32_t words[FRAMES];
	static struct lps_cpu cpu;
	static struct lps_batch batch;
	static uint64_t parked[8];
	struct lps_host_config hc = {
		.sz = sizeof(hc), .nframes = FRAMES, .states = host_states,
		.dirty_log = host_dirty,
	};
	struct lps_guest_config gc = {
		.sz = sizeof(gc), .port = &in_process_port, .port_ctx = &host,
		.nframes = FRAMES, .frame_words = words, .ncpus = 1,
		.cpus = &cpu, .batches = &batch, .discard_slots = parked,
		.discard_cap = 8,
	};
	struct lps_page_facts clean_cache = {
		.flags = LPS_PF_HAS_MAPPING | LPS_PF_UPTODATE,
		.map_count = 0, .ref_count = 1,
	};
	struct lps_host_reclaim_result res = { 0 };
	struct lps_guest guest;
	int failed = 0, rc;

	if (lps_host_init(&host, &hc) || lps_guest_init(&guest, &gc))
		return 1;
	failed += lps_set_unused(&guest, 0, 0, 4) != 0;	 /* 16 free */
	failed += lps_try_volatile(&guest, 0, 32, &clean_cache) !=
		  LPS_VOLATILE;
	failed += lps_flush(&guest, 0) != 0;
	failed += lps_host_reclaim_all(&host, &res) != 0;
	failed += res.dropped_unused != 16 || res.dropped_volatile != 1;
	rc = lps_set_stable(&guest, 0, 32, 0);
	failed += rc != LPS_R_DISCARDED;
	failed += !embed_essa_refuses_null() || !embed_shmem_refuses_null() ||
		  !embed_shmem_port_absent();
	failed += strlen(embed_port_name()) == 0;
	printf("%d passed, %d failed\n", failed ? 0 : 1, failed ? 1 : 0);
	return failed ? 1 : 0;
}
