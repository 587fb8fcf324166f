// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * bench_ports.c - lps-bench-ports: how many pages each guest-to-host
 * transition carries when the core drives the x86 and arm64 hypercall
 * ports (encoders and host-side decoders, no instruction) on a
 * steady-state allocator workload, next to the no-op port as a baseline
 * in the same run.  Goal: >= 512 pages per transition.  Pages are frames
 * freed plus frames allocated; the caller's timer flushes the batch every
 * TIMER_STEPS steps, as free page reporting's delayed work does.
 *
 * usage: lps-bench-ports [STEPS] [SEED]
 */
#define _POSIX_C_SOURCE 200809L
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench_ports.h"
#include "noop/lps_port_noop.h"	/* the baseline port */

#define FRAMES (1u << 18)		/* 1 GiB of 4 KiB frames */
/* The caller's timer flushes the batch every this many steps. */
#define TIMER_STEPS 256u
#define CHUNK_ORDER 9u			/* 2 MiB */
#define CHUNKS (FRAMES >> CHUNK_ORDER)

struct bench_host bench_host;

static lps_fstate_t host_states[FRAMES];
static uint8_t host_dirty[FRAMES / 8];
static uint32_t words[FRAMES];
static struct lps_batch batch __attribute__((aligned(4096)));
static uint64_t slots[64];


static uint64_t blk_pfn[FRAMES];
static uint8_t blk_order[FRAMES];
static uint8_t blk_free[FRAMES];

static uint64_t rng = 88172645463325252ull;

static uint64_t below(uint64_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng % n;
}

static uint64_t to_phys(void *arg, const void *p)
{
	(void)arg;
	return (uint64_t)((const uint8_t *)p - (const uint8_t *)&batch);
}

struct result {
	uint64_t pages, transitions, submits, make_stables;
	double ns;
	int errors;
};

/*
 * Cut guest memory into 2 MiB chunks, each into blocks of one order in
 * [lo, hi], free half of them, then per step free one live block and
 * allocate one free block, as a buddy allocator under steady load would.
 */
static struct result run(const struct lps_port_ops *ops, unsigned int lo,
			 unsigned int hi, uint64_t steps, uint64_t seed)
{
	struct lps_gmem_flat flat = { (uint8_t *)&batch, sizeof(batch) };
	struct lps_gmem mem = { lps_gmem_flat_map, &flat };
	struct lps_port_env env = { NULL, to_phys, NULL, 0 };
	struct lps_host_config hc = {
		.sz = sizeof(hc), .nframes = FRAMES, .states = host_states,
		.dirty_log = host_dirty,
	};
	struct lps_guest_config gc;
	struct lps_host h;
	struct lps_guest g;
	struct lps_cpu cpu;
	struct lps_counters cnt;
	struct timespec t0, t1;
	struct result r;
	uint64_t nblk = 0, c, i, s;

	memset(&r, 0, sizeof(r));
	memset(&gc, 0, sizeof(gc));
	memset(&cpu, 0, sizeof(cpu));
	rng = seed | 1;
	if (lps_host_init(&h, &hc))
		exit(1);
	memset(&bench_host, 0, sizeof(bench_host));
	bench_host.h = &h;
	bench_host.mem = &mem;
	gc.sz = sizeof(gc);
	gc.port = ops;
	gc.port_ctx = &env;
	gc.nframes = FRAMES;
	gc.frame_words = words;
	gc.ncpus = 1;
	gc.cpus = &cpu;
	gc.batches = &batch;
	gc.discard_slots = slots;
	gc.discard_cap = 64;
	if (lps_guest_init(&g, &gc))
		exit(1);

	for (c = 0; c < CHUNKS; c++) {
		unsigned int o = lo + (unsigned int)below(hi - lo + 1);

		for (i = 0; i < (1u << CHUNK_ORDER); i += 1u << o) {
			blk_pfn[nblk] = (c << CHUNK_ORDER) + i;
			blk_order[nblk] = (uint8_t)o;
			blk_free[nblk] = 0;
			nblk++;
		}
	}
	for (i = 0; i < nblk; i += 2) {
		r.errors += lps_set_unused(&g, 0, blk_pfn[i], blk_order[i]) < 0;
		blk_free[i] = 1;
	}
	r.errors += lps_flush_all(&g) < 0;
	lps_counters_sum(&g, &cnt);
	memset(&bench_host.calls, 0, 3 * sizeof(uint64_t));
	s = cnt.transitions;

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < steps; i++) {
		uint64_t a, b;

		do
			a = below(nblk);
		while (blk_free[a]);
		do
			b = below(nblk);
		while (!blk_free[b]);
		r.errors += lps_set_unused(&g, 0, blk_pfn[a], blk_order[a]) < 0;
		blk_free[a] = 1;
		r.errors += lps_set_stable(&g, 0, blk_pfn[b], blk_order[b]) < 0;
		blk_free[b] = 0;
		r.pages += (1ull << blk_order[a]) + (1ull << blk_order[b]);
		if (i % TIMER_STEPS == TIMER_STEPS - 1)
			r.errors += lps_flush(&g, 0) < 0;
	}
	r.errors += lps_flush_all(&g) < 0;
	clock_gettime(CLOCK_MONOTONIC, &t1);

	lps_counters_sum(&g, &cnt);
	r.transitions = cnt.transitions - s;
	r.submits = bench_host.submits;
	r.make_stables = bench_host.make_stables;
	/* The emulated host must have seen every transition the core made. */
	if (ops != lps_port_noop_ops() && bench_host.calls != r.transitions)
		r.errors++;
	for (i = 0; i < FRAMES; i++)
		if (ops != lps_port_noop_ops() &&
		    lps_get_state(&g, i) != (int)lps_fs_usage(host_states[i]))
			r.errors++;
	r.ns = (double)(t1.tv_sec - t0.tv_sec) * 1e9 +
	       (double)(t1.tv_nsec - t0.tv_nsec);
	return r;
}

int main(int argc, char **argv)
{
	static const struct {
		const char *name;
		unsigned int lo, hi;
	} wl[] = {
		{ "2MiB-blocks", 9, 9 },
		{ "orders-3..9", 3, 9 },
		{ "orders-0..9", 0, 9 },
	};
	const struct {
		const char *name;
		const struct lps_port_ops *ops;
	} ports[] = {
		{ "noop", lps_port_noop_ops() },
		{ "x86", bench_x86_ops() },
		{ "arm64", bench_arm64_ops() },
	};
	uint64_t steps = argc > 1 ? strtoull(argv[1], NULL, 0) : 100000;
	uint64_t seed = argc > 2 ? strtoull(argv[2], NULL, 0) : 20261123;
	unsigned int w, p;
	int bad = 0;

	printf("lps-bench-ports: steady-state free/alloc on %u frames, "
	       "%" PRIu64 " steps, flush every %u, seed %" PRIu64 "\n",
	       FRAMES, steps, TIMER_STEPS, seed);
	printf("%-12s %-6s %12s %11s %9s %9s %10s %8s\n", "workload", "port",
	       "pages", "transitions", "submits", "mk-stable", "pages/tr",
	       "ns/page");
	for (w = 0; w < sizeof(wl) / sizeof(wl[0]); w++) {
		for (p = 0; p < sizeof(ports) / sizeof(ports[0]); p++) {
			struct result r = run(ports[p].ops, wl[w].lo,
					      wl[w].hi, steps, seed);
			double ppt = r.transitions ?
				     (double)r.pages / (double)r.transitions :
				     0.0;

			printf("%-12s %-6s %12" PRIu64 " %11" PRIu64
			       " %9" PRIu64 " %9" PRIu64 " %10.1f %8.2f%s\n",
			       wl[w].name, ports[p].name, r.pages,
			       r.transitions, r.submits, r.make_stables, ppt,
			       r.ns / (double)r.pages,
			       p == 0 ? "  (baseline)" :
			       ppt >= 512.0 ? "  goal met" : "  below 512");
			if (r.errors) {
				printf("  %d errors\n", r.errors);
				bad = 1;
			}
		}
	}
	return bad;
}
