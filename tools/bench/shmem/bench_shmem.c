// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * bench_shmem.c - the guest-side core through the shared state table port
 * on a free/alloc + page-cache workload, next to the no-op port in the same
 * run (7 repeats each, medians), with the guest exits counted; then one
 * host agent pass over the same table in a memfd that stands in for
 * QEMU's guest RAM file: find it, claim, punch holes, commit, and let the
 * guest find its discards.  Last, the agent's reclaim rate on contiguous
 * and scattered frees against dropping the same ranges with no protocol
 * (bench_host_runs.c).  --json prints one JSON object instead of text.
 */
#define _GNU_SOURCE		/* memfd_create, fallocate */

#include <fcntl.h>		/* fallocate, FALLOC_FL_* */
#include <inttypes.h>		/* PRIu64 */
#include <stdarg.h>		/* va_list */
#include <stdio.h>		/* printf */
#include <stdlib.h>		/* calloc, qsort */
#include <string.h>		/* memset */
#include <sys/mman.h>		/* memfd_create, mmap */
#include <sys/stat.h>		/* fstat */
#include <unistd.h>		/* ftruncate */

#include <pagestates/pagestates.h>	/* the core */
#include "lps_bench.h"			/* CPU time, PRNG, median */
#include "generic/lps_port_env.h"	/* the ports' context */
#include "noop/lps_port_noop.h"		/* the baseline port */
#include "shmem/lps_port_shmem.h"	/* the port measured; the table */
#include <pagestates/host/lps_shmem_host.h>	/* the host agent's side */
#include "bench_host_runs.h"		/* the reclaim rate */

#define NFRAMES		(1u << 16)		/* a 256 MiB guest */
#define HDR_PFN		(NFRAMES - 80)	/* table at the top of RAM */
#define TBL_PFN		(HDR_PFN + 1)
#define WORK		(NFRAMES - 128)	/* frames the workload uses */
#define CACHE0		(WORK / 2)	/* cache above, heap below */
#define REPEATS		7
#define TARGET_PAGES	(1u << 20)		/* pages hinted per run */
#define FLUSH_EVERY	64			/* hints per flush */
#define PAGE		4096u
#define MAX_RUN		(1u << 18)		/* frames per claim: 1 GiB */

enum op_kind { OP_FREE, OP_ALLOC, OP_CACHE, OP_LOOKUP, OP_FLUSH };

struct op {
	uint8_t kind;
	uint8_t order;
	uint32_t pfn;
};

static struct op *ops;
static size_t nops, ops_cap;
static uint64_t pages_hinted;
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static uint64_t rng(void)
{
	return lps_bench_rand(&rng_state);
}

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
	ops[nops++] = (struct op){ .kind = (uint8_t)kind, .order = order,
				   .pfn = (uint32_t)pfn };
}

/*
 * Below CACHE0 an allocator frees blocks (95% order 0, 5% order 9) and
 * hands a quarter back before the flush, the rest after; above it page
 * cache pages go volatile when idle and stable again on a lookup.
 */
static void generate(void)
{
	static uint8_t in_use[WORK], cached_v[WORK];
	uint64_t freed[FLUSH_EVERY];
	uint8_t forder[FLUSH_EVERY];
	unsigned int nf = 0, hints = 0, i;

	memset(in_use, 1, sizeof(in_use));
	while (pages_hinted < TARGET_PAGES) {
		if (rng() & 1) {
			uint8_t order = rng() % 100 < 5 ? 9 : 0;
			uint64_t n = 1ull << order;
			uint64_t pfn = rng() % (CACHE0 / n) * n;

			if (!memchr(&in_use[pfn], 1, n) ||
			    memchr(&in_use[pfn], 0, n) || nf == FLUSH_EVERY)
				continue;
			emit(OP_FREE, pfn, order);
			memset(&in_use[pfn], 0, n);
			pages_hinted += n;
			hints++;
			freed[nf] = pfn;
			forder[nf++] = order;
			if (rng() % 100 < 25) {
				unsigned int k = (unsigned int)(rng() % nf);

				emit(OP_ALLOC, freed[k], forder[k]);
				memset(&in_use[freed[k]], 1, 1ull << forder[k]);
				freed[k] = freed[--nf];
				forder[k] = forder[nf];
			}
		} else {
			uint64_t pfn = CACHE0 + rng() % (WORK - CACHE0);

			if (cached_v[pfn]) {
				emit(OP_LOOKUP, pfn, 0);
			} else {
				emit(OP_CACHE, pfn, 0);
				pages_hinted++;
				hints++;
			}
			cached_v[pfn] ^= 1;
		}
		if (hints >= FLUSH_EVERY) {
			emit(OP_FLUSH, 0, 0);
			for (i = 0; i < nf; i++) {
				emit(OP_ALLOC, freed[i], forder[i]);
				memset(&in_use[freed[i]], 1, 1ull << forder[i]);
			}
			nf = 0;
			hints = 0;
		}
	}
	emit(OP_FLUSH, 0, 0);
}

/* ------------------------------------------------------ the guest side */

/* Guest RAM: a shared file, as QEMU's memory-backend-file,share=on. */
static int ram_fd;
static uint8_t *ram;
static struct lps_shmem_guest table;
static struct lps_port_env env = { .arg = &table };

static struct lps_cpu cpus[1];
static struct lps_batch batches[1];
static uint64_t slots[16];
static uint32_t core_words[NFRAMES];

/* Counts every call into the port: the only place a guest could exit. */
struct counting {
	const struct lps_port_ops *inner;
	uint64_t calls;
};

static struct counting counting;

static int count_submit(void *ctx, struct lps_batch *b)
{
	counting.calls++;
	return counting.inner->submit(ctx, b);
}

static int count_make_stable(void *ctx, uint64_t pfn, uint64_t n)
{
	counting.calls++;
	return counting.inner->make_stable(ctx, pfn, n);
}

static void guest_boot(struct lps_guest *g, const struct lps_port_ops *port)
{
	struct lps_guest_config cfg = {
		.sz = sizeof(cfg),
		.port = port,
		.port_ctx = &env,
		.nframes = NFRAMES,
		.frame_words = core_words,
		.ncpus = 1,
		.cpus = cpus,
		.batches = batches,
		.discard_slots = slots,
		.discard_cap = 16,
	};

	if (lps_shmem_guest_setup(&table,
				  (void *)(ram + (size_t)HDR_PFN * PAGE),
				  (uint64_t)HDR_PFN * PAGE,
				  (uint32_t *)(void *)(ram +
						       (size_t)TBL_PFN * PAGE),
				  (uint64_t)TBL_PFN * PAGE, 0, NFRAMES) ||
	    lps_guest_init(g, &cfg) ||
	    (port->probe && port->probe(&env))) {
		fprintf(stderr, "guest set-up failed\n");
		exit(1);
	}
}

static const struct lps_page_facts clean_cache_page = {
	.flags = LPS_PF_HAS_MAPPING | LPS_PF_UPTODATE,
	.map_count = 0,
	.ref_count = 1,
};

static double now_ns(void)
{
	return lps_bench_cpu_ns();
}

/* The whole operation list on a freshly booted guest @g; CPU ns. */
static double run(struct lps_guest *g, const struct lps_port_ops *port)
{
	double t0;
	size_t i;

	guest_boot(g, port);
	t0 = now_ns();
	for (i = 0; i < nops; i++) {
		const struct op *o = &ops[i];

		switch (o->kind) {
		case OP_FREE:
			lps_set_unused(g, 0, o->pfn, o->order);
			break;
		case OP_ALLOC:
		case OP_LOOKUP:
			lps_set_stable(g, 0, o->pfn, o->order);
			break;
		case OP_CACHE:
			lps_try_volatile(g, 0, o->pfn, &clean_cache_page);
			break;
		default:
			lps_flush(g, 0);
			break;
		}
	}
	return now_ns() - t0;
}

/* ------------------------------------------------------- the host side */

static uint64_t allocated_kib(void)
{
	struct stat st;

	return fstat(ram_fd, &st) ? 0 : (uint64_t)st.st_blocks / 2;
}

/* One "reclaim now" pass of a host agent; returns frames dropped. */
static uint64_t host_pass(double *ns_per_frame, uint64_t *punches)
{
	struct lps_shmem_region r = { ram, (size_t)NFRAMES * PAGE, 0 };
	uint32_t how = LPS_RECLAIM_UNUSED | LPS_RECLAIM_VOLATILE;
	struct lps_shmem_host h;
	struct lps_shmem_claim c;
	uint64_t gpa, pfn, dropped = 0;
	bool recovering;
	double t0 = now_ns();

	*punches = 0;
	if (lps_shmem_host_find(&r, &r, &gpa) ||
	    lps_shmem_host_attach(&h, &r, &r, gpa)) {
		fprintf(stderr, "host: no table found\n");
		exit(1);
	}
	/* A dead agent's claims first, as every agent must; then the rest. */
	recovering = true;
	for (;;) {
		if (recovering && lps_shmem_host_recover(&h, &c) != 1)
			recovering = false;
		if (!recovering &&
		    (lps_shmem_host_scan(&h, how, &pfn) != 1 ||
		     lps_shmem_host_claim(&h, pfn, 512, how, &c)))
			break;
		++*punches;
		if (fallocate(ram_fd, FALLOC_FL_PUNCH_HOLE |
			      FALLOC_FL_KEEP_SIZE, (off_t)c.offset,
			      (off_t)c.len)) {
			lps_shmem_host_abort(&h, &c);
			continue;
		}
		lps_shmem_host_commit(&h, &c);
		dropped += c.count;
	}
	*ns_per_frame = dropped ? (now_ns() - t0) / dropped : 0;
	return dropped;
}

static bool json;

/* A line of the text report; --json prints one object at the end. */
static void text(const char *fmt, ...)
{
	va_list ap;

	if (json)
		return;
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

/* The agent's reclaim rate, as text or as JSON members. */
static void host_runs(void)
{
	static const char *const bname[] = { "anon", "file" };
	static const char *const lname[] = { "contig", "scattered" };
	struct bench_host_result res;
	int b, l;

	if (!json)
		printf("host reclaim, runs of at most %u frames, median of "
		       "CPU time over repeats:\n%-16s %10s %10s %9s %9s "
		       "%8s %10s\n", MAX_RUN, "", "frames", "punches",
		       "GiB/s", "punch", "ratio", "ns/frame");
	for (b = BENCH_ANON; b <= BENCH_FILE; b++) {
		for (l = BENCH_CONTIG; l <= BENCH_SCATTERED; l++) {
			const char *pre = b == BENCH_ANON ? "" : "file_";

			bench_host_runs(b, l, MAX_RUN, &res);
			if (json) {
				printf(",\"%shost_gib_s_%s\":%.2f,\"%spunch_gib_s_"
				       "%s\":%.2f", pre, lname[l],
				       res.host_gib_s, pre, lname[l],
				       res.punch_gib_s);
				if (l == BENCH_SCATTERED)
					printf(",\"%sns_per_frame\":%.1f,\"%s"
					       "punch_ns_per_frame\":%.1f", pre,
					       res.ns_per_frame, pre,
					       res.punch_ns_per_frame);
				continue;
			}
			printf("%-4s %-11s %10" PRIu64 " %10" PRIu64
			       " %9.2f %9.2f %8.2f %10.1f\n", bname[b],
			       lname[l], res.frames, res.punches,
			       res.host_gib_s, res.punch_gib_s,
			       res.punch_gib_s / res.host_gib_s,
			       res.ns_per_frame);
		}
	}
}

int main(int argc, char **argv)
{
	const struct lps_port_ops *shm = lps_port_shmem_ops();
	const struct lps_port_ops *noop = lps_port_noop_ops();
	struct lps_port_ops counted = *shm;
	double s[REPEATS], n[REPEATS], sm, nm, host_ns;
	uint64_t dropped, punches, kib_before, kib_after, i;
	uint64_t looked = 0, discarded = 0;
	struct lps_counters cnt;
	struct lps_guest g;
	int r;

	if (argc > 2 || (argc == 2 && strcmp(argv[1], "--json"))) {
		fprintf(stderr, "usage: lps-bench-shmem [--json]\n");
		return 2;
	}
	json = argc == 2;
	ram_fd = memfd_create("lps-bench-guest-ram", 0);
	if (ram_fd < 0 || ftruncate(ram_fd, (off_t)NFRAMES * PAGE)) {
		perror("memfd");
		return 1;
	}
	ram = mmap(NULL, (size_t)NFRAMES * PAGE, PROT_READ | PROT_WRITE,
		   MAP_SHARED, ram_fd, 0);
	if (ram == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	generate();

	for (r = 0; r < REPEATS; r++) {
		n[r] = run(&g, noop) / pages_hinted;
		s[r] = run(&g, shm) / pages_hinted;
	}
	sm = lps_bench_median(s, REPEATS);
	nm = lps_bench_median(n, REPEATS);

	/* Once more, untimed, counting every port call. */
	counting.inner = shm;
	counted.submit = count_submit;
	counted.make_stable = count_make_stable;
	run(&g, &counted);

	text("workload: %zu operations, %" PRIu64 " pages hinted "
	     "(frees of order 0/9, page cache volatile/lookup), "
	       "flush every %d hints\n", nops, pages_hinted, FLUSH_EVERY);
	text("%-26s %10s %10s\n", "", "ns/page", "exits");
	text("%-26s %10.2f %10s\n", "no-op port (baseline)", nm, "0");
	text("%-26s %10.2f %10d\n", "shmem port", sm, 0);
	text("shmem - baseline: %.2f ns per hinted page (median of %d)\n",
	       sm - nm, REPEATS);
	text("guest exits: 0 - the shmem port has no exit path; its %"
	       PRIu64 " port calls were loads and CASes on guest memory\n"
	       "(a hypercall port exits at least once per call: %" PRIu64
	       " exits, %.1f per 1000 pages)\n", counting.calls,
	       counting.calls, 1000.0 * counting.calls / pages_hinted);

	/* The host's side: the guest touched all its RAM, then hinted. */
	memset(ram, 0xa5, (size_t)HDR_PFN * PAGE);
	run(&g, shm);
	kib_before = allocated_kib();
	dropped = host_pass(&host_ns, &punches);
	kib_after = allocated_kib();
	text("host pass: %" PRIu64 " frames dropped (%u unused, %u "
	       "volatile) in %" PRIu64 " punches, %.0f ns per frame (scan, "
	       "claim, fallocate, commit)\n", dropped,
	       lps_shmem_load(&table.hdr->hcnt[LPS_SHMEM_H_DROP_UNUSED]),
	       lps_shmem_load(&table.hdr->hcnt[LPS_SHMEM_H_DROP_VOLATILE]),
	       punches, host_ns);
	text("guest RAM file: %" PRIu64 " KiB allocated before the pass, %"
	       PRIu64 " KiB after\n", kib_before, kib_after);

	/* The guest looks its volatile pages up: the dropped ones re-read. */
	for (i = CACHE0; i < WORK; i++) {
		if (lps_get_state(&g, i) != LPS_VOLATILE)
			continue;
		looked++;
		if (lps_set_stable(&g, 0, i, 0) == LPS_R_DISCARDED)
			discarded++;
	}
	lps_counters_sum(&g, &cnt);
	text("guest lookups after the pass: %" PRIu64 " volatile pages, %"
	       PRIu64 " found discarded (core counter %" PRIu64
	       ", table counter %u)\n", looked, discarded,
	       cnt.discards_found,
	       lps_shmem_load(&table.hdr->gcnt[LPS_SHMEM_G_DISCARDS]));
	if (json) {
		printf("{\"bench\":\"shmem\",\"noop_ns_per_page\":%.2f,"
		       "\"shmem_ns_per_page\":%.2f,\"guest_exits\":0,"
		       "\"port_calls\":%" PRIu64 ",\"pass_frames\":%" PRIu64
		       ",\"pass_punches\":%" PRIu64 ",\"pass_ns_per_frame\":"
		       "%.1f,\"discards_found\":%" PRIu64, nm, sm,
		       counting.calls, dropped, punches, host_ns, discarded);
		host_runs();
		printf("}\n");
	} else {
		host_runs();
	}
	return 0;
}
