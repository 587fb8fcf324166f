// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * bench_core.c - what the guest-side core costs per hinted page for
 * allocator-like traffic: blocks are freed (order 0 or 9), some are
 * reallocated before the batch is flushed, the batch is flushed every N
 * frees, and the rest are reallocated after.  The same operation list
 * runs once through the core (with a port that does nothing) and once
 * through empty out-of-line functions; 7 repeats each, medians printed.
 * Two patterns run again through a port with a direct path (.hint), as
 * the shared table and ESSA have: every hint is a port call, no batch.
 */
#define _POSIX_C_SOURCE 200809L	/* clock_gettime */

#include <pagestates/pagestates.h>

#include <stdio.h>	/* printf */
#include <stdlib.h>	/* calloc, qsort */
#include <string.h>	/* memset */

#include "lps_bench.h"	/* CPU time, PRNG, median */

#define NFRAMES		(1u << 20)	/* a 4 GiB guest */
#define NCPUS		1u
#define REPEATS		7
/*
 * The list frees 64 Ki pages (about 1 MiB of operations, cache-resident
 * as a caller's arguments are) and ends with every block allocated again,
 * so one timed run replays it PASSES times: 2 Mi pages freed per run.  A
 * list of 2 Mi pages streamed from memory cost both loops more than the
 * core adds, which is the benchmark measuring itself.
 */
#define TARGET_PAGES	(1u << 16)	/* pages freed per list */
#define PASSES		32u

enum op_kind { OP_FREE, OP_ALLOC, OP_FLUSH };

/* 8 bytes: both loops read the list, and it is not what is measured. */
struct op {
	uint8_t kind;
	uint8_t order;
	uint32_t pfn;
};

_Static_assert(NFRAMES <= UINT32_MAX, "a frame number fits an op");

struct pattern {
	const char *name;
	unsigned int order9_pct;	/* share of frees that are order 9 */
	unsigned int flush_every;	/* frees per flush */
	unsigned int realloc_pct;	/* reallocated before the flush */
	bool sequential;		/* order-0 frees next to each other */
	uint32_t span;			/* frames the frees are drawn from */
	bool direct_row;		/* also run through a direct port */
};

/*
 * "hot": frees drawn from 64 Ki frames (256 MiB), as a per-CPU free list
 * recycles recently used pages; "cold": from all 4 GiB, so nearly every
 * frame word is a cache miss (the worst case, not the common one).
 */
static const struct pattern patterns[] = {
	{ "order-0 hot, flush/64, realloc 25%", 0, 64, 25, false, 1u << 16,
	  true },
	{ "order-0 cold, flush/64, realloc 25%", 0, 64, 25, false, NFRAMES,
	  false },
	{ "order-0 sequential, flush/256, realloc 25%", 0, 256, 25, true,
	  NFRAMES, false },
	{ "order-9, flush/8, realloc 25%", 100, 8, 25, false, NFRAMES, true },
	{ "mixed 95% order-0 / 5% order-9, flush/64", 5, 64, 25, false,
	  NFRAMES, false },
};

#define NPATTERNS (sizeof(patterns) / sizeof(patterns[0]))

static uint64_t rng_state = 0x2545f4914f6cdd1dull;

static uint64_t rng(void)
{
	return lps_bench_rand(&rng_state);
}

/* ---------------------------------------------------------- the port */

static int nop_submit(void *ctx, struct lps_batch *b)
{
	(void)ctx;
	b->hdr.cursor = b->hdr.nr;
	return 0;
}

static int nop_make_stable(void *ctx, uint64_t pfn, uint64_t count)
{
	(void)ctx;
	(void)pfn;
	(void)count;
	return 0;
}

static int nop_hint(void *ctx, uint64_t pfn, uint64_t count,
		    enum lps_usage usage)
{
	(void)ctx;
	(void)pfn;
	(void)count;
	(void)usage;
	return 0;
}

static const struct lps_port_ops bench_port = {
	.name = "bench-nop",
	.caps = 0,
	.submit = nop_submit,
	.make_stable = nop_make_stable,
};

/* A port with a direct path (shared table, ESSA): nothing is batched. */
static const struct lps_port_ops bench_port_direct = {
	.name = "bench-nop-direct",
	.caps = 0,
	.submit = nop_submit,
	.make_stable = nop_make_stable,
	.hint = nop_hint,
};

/* ------------------------------------------------------ the baseline */

/*
 * One empty function per entry point, so that the baseline loop branches
 * on the operation kind exactly as the core loop does: with one function
 * for frees and allocations the compiler merges the two cases, and the
 * core's column alone would pay the mispredicted free/alloc branch.
 */
LPS_BENCH_OPAQUE static int base_unused(struct lps_guest *g, uint32_t cpu,
					uint64_t pfn, uint32_t order)
{
	(void)g;
	(void)cpu;
	(void)pfn;
	(void)order;
	return 0;
}

LPS_BENCH_OPAQUE static int base_stable(struct lps_guest *g, uint32_t cpu,
					uint64_t pfn, uint32_t order)
{
	(void)g;
	(void)cpu;
	(void)pfn;
	(void)order;
	return 0;
}

LPS_BENCH_OPAQUE static int base_flush(struct lps_guest *g, uint32_t cpu)
{
	(void)g;
	(void)cpu;
	return 0;
}

/* ------------------------------------------------- the operation list */

static struct op *ops;
static size_t nops, ops_cap;
static uint8_t *in_use;		/* generator's model: frame allocated */
static uint64_t pages_freed;

static void emit(enum op_kind kind, uint64_t pfn, uint8_t order)
{
	if (nops == ops_cap) {
		ops_cap = ops_cap ? 2 * ops_cap : 1 << 16;
		ops = realloc(ops, ops_cap * sizeof(*ops));
		if (!ops) {
			fprintf(stderr, "out of memory\n");
			exit(1);
		}
	}
	ops[nops++] = (struct op){ .kind = kind, .order = order,
				    .pfn = (uint32_t)pfn };
}

static bool block_in_use(uint64_t pfn, uint64_t n)
{
	for (uint64_t i = pfn; i < pfn + n; i++)
		if (!in_use[i])
			return false;
	return true;
}

static void generate(const struct pattern *p)
{
	uint64_t *freed = calloc(p->flush_every, sizeof(*freed));
	uint8_t *forder = calloc(p->flush_every, 1);
	uint64_t cursor = 0;

	nops = 0;
	pages_freed = 0;
	memset(in_use, 1, NFRAMES);
	while (pages_freed < TARGET_PAGES) {
		unsigned int nf = 0, i;

		while (nf < p->flush_every) {
			uint8_t order = rng() % 100 < p->order9_pct ? 9 : 0;
			uint64_t n = 1ull << order, pfn;

			if (order == 0 && p->sequential)
				pfn = cursor++ % p->span;
			else
				pfn = rng() % (p->span / n) * n;
			if (!block_in_use(pfn, n))
				continue;
			emit(OP_FREE, pfn, order);
			memset(&in_use[pfn], 0, n);
			pages_freed += n;
			freed[nf] = pfn;
			forder[nf++] = order;
			/*
			 * The allocator hands a block out again before the
			 * flush: the one freed last, as Linux's per-CPU lists
			 * are LIFO (hot pages first).
			 */
			if (rng() % 100 < p->realloc_pct) {
				nf--;
				emit(OP_ALLOC, freed[nf], forder[nf]);
				memset(&in_use[freed[nf]], 1, 1ull << forder[nf]);
			}
		}
		emit(OP_FLUSH, 0, 0);
		/* Then the rest is allocated again, after the host knew. */
		for (i = 0; i < nf; i++) {
			emit(OP_ALLOC, freed[i], forder[i]);
			memset(&in_use[freed[i]], 1, 1ull << forder[i]);
		}
	}
	free(freed);
	free(forder);
}

/* ------------------------------------------------------------ running */

static double now_ns(void)
{
	return lps_bench_cpu_ns();
}

/* The entry points one timed loop calls: the core's, or the baseline's. */
struct entry_points {
	int (*unused)(struct lps_guest *g, uint32_t cpu, uint64_t pfn,
		      uint32_t order);
	int (*stable)(struct lps_guest *g, uint32_t cpu, uint64_t pfn,
		      uint32_t order);
	int (*flush)(struct lps_guest *g, uint32_t cpu);
};

/*
 * The one replay loop both columns time, so they cannot drift apart.
 * Inlined into each caller with a constant @ep, it makes direct calls,
 * as a caller of the core does: no indirect branch in either column.
 */
static inline __attribute__((always_inline)) double
replay(struct lps_guest *g, const struct entry_points ep)
{
	double t0 = now_ns();

	for (unsigned int pass = 0; pass < PASSES; pass++) {
		for (size_t i = 0; i < nops; i++) {
			const struct op *o = &ops[i];

			switch (o->kind) {
			case OP_FREE:
				ep.unused(g, 0, o->pfn, o->order);
				break;
			case OP_ALLOC:
				ep.stable(g, 0, o->pfn, o->order);
				break;
			default:
				ep.flush(g, 0);
				break;
			}
		}
	}
	return now_ns() - t0;
}

static double run_core(struct lps_guest *g)
{
	return replay(g, (struct entry_points){ lps_set_unused,
						lps_set_stable, lps_flush });
}

static double run_base(struct lps_guest *g)
{
	return replay(g, (struct entry_points){ base_unused, base_stable,
						base_flush });
}

int main(int argc, char **argv)
{
	static struct lps_cpu cpus[NCPUS];
	static struct lps_batch batches[NCPUS];
	static uint64_t slots[NCPUS * 16];
	uint32_t *words = calloc(NFRAMES, sizeof(*words));
	struct lps_guest_config cfg = {
		.sz = sizeof(cfg),
		.port = &bench_port,
		.nframes = NFRAMES,
		.frame_words = words,
		.ncpus = NCPUS,
		.cpus = cpus,
		.batches = batches,
		.discard_slots = slots,
		.discard_cap = 16,
	};
	struct lps_guest g;
	size_t p;

	in_use = malloc(NFRAMES);
	if (!words || !in_use || lps_guest_init(&g, &cfg)) {
		fprintf(stderr, "set-up failed\n");
		return 1;
	}
	printf("%-52s %9s %9s %7s %12s\n", "pattern", "core", "baseline",
	       "ratio", "transitions");
	printf("%-52s %9s %9s %7s %12s\n", "", "ns/page", "ns/page", "",
	       "/1000 pages");
	/* Every pattern through the batching port, then two direct. */
	for (p = 0; p < 2 * NPATTERNS; p++) {
		const struct pattern *pat = &patterns[p % NPATTERNS];
		bool direct = p >= NPATTERNS;
		double core[REPEATS], base[REPEATS], c, b;
		struct lps_counters cnt;
		char name[64];
		uint64_t trans;
		int r;

		/* An argument picks one row by its number (from 1). */
		if (argc > 1 && (size_t)atoi(argv[1]) != p + 1)
			continue;
		if (direct && !pat->direct_row)
			continue;
		snprintf(name, sizeof(name), "%s%s", direct ? "direct: " : "",
			 pat->name);
		generate(pat);
		cfg.port = direct ? &bench_port_direct : &bench_port;
		lps_guest_init(&g, &cfg);
		for (r = 0; r < REPEATS; r++) {
			base[r] = run_base(&g) / (pages_freed * PASSES);
			core[r] = run_core(&g) / (pages_freed * PASSES);
		}
		lps_counters_sum(&g, &cnt);
		trans = cnt.transitions / (REPEATS * PASSES);
		c = lps_bench_median(core, REPEATS);
		b = lps_bench_median(base, REPEATS);
		printf("%-52s %9.2f %9.2f %7.2f %12.2f\n", name,
		       c, b, c / b, 1000.0 * trans / pages_freed);
	}
	free(ops);
	free(in_use);
	free(words);
	return 0;
}
