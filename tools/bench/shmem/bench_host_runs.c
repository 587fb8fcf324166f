// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * bench_host_runs.c - how fast a host agent gives guest RAM back through
 * the shared state table, next to the cost of dropping the very same
 * ranges with no protocol at all (the limit the kernel sets), measured in
 * the same run on the same memory.
 *
 * Two layouts: "contig", the guest freed 2 MiB-aligned blocks (all but
 * one in eight, so runs span several blocks), and "scattered", every
 * other 4 KiB frame droppable.  Two RAM backings: anonymous memory with
 * transparent huge pages, dropped by madvise(MADV_DONTNEED) as a
 * hypervisor that owns its guest's RAM does, and a memfd dropped by
 * fallocate(PUNCH_HOLE) as pagestates-hostd does with QEMU's RAM file.
 * Every repeat refills RAM, so each pass drops touched memory; the first
 * repeat also checks no frame the guest kept lost a byte and every
 * dropped frame reads zero.
 */
#define _GNU_SOURCE		/* memfd_create, fallocate, MADV_* */

#include <fcntl.h>		/* fallocate, FALLOC_FL_* */
#include <stdio.h>		/* fprintf */
#include <stdlib.h>		/* exit */
#include <string.h>		/* memset */
#include <sys/mman.h>		/* mmap, madvise, memfd_create */
#include <unistd.h>		/* ftruncate */

#include "bench_host_runs.h"		/* our API */
#include "lps_bench.h"			/* CPU time, median */
#include "shmem/lps_shmem_guest.h"	/* publishing the table */
#include <pagestates/host/lps_shmem_host.h>	/* the agent's side */

#define PAGE		4096ull
#define NFRAMES		(1ull << 17)		/* a 512 MiB guest */
#define BLOCK		512ull			/* frames in 2 MiB */
#define TBL_FRAMES	(1 + NFRAMES * 4 / PAGE) /* header + table */
#define HDR_PFN		(NFRAMES - BLOCK)	/* a kept block on top */
#define REPEATS		5
#define FILL		0xa5

struct ram {
	enum bench_backing backing;
	int fd;
	uint8_t *base;		/* guest-physical 0 */
	void *map;		/* what to unmap */
	size_t map_len;
};

static void die(const char *what)
{
	perror(what);
	exit(1);
}

static void ram_open(struct ram *r, enum bench_backing b)
{
	size_t len = NFRAMES * PAGE, huge = BLOCK * PAGE;
	uint8_t *m;

	r->backing = b;
	r->fd = -1;
	if (b == BENCH_FILE) {
		r->fd = memfd_create("lps-bench-runs", 0);
		if (r->fd < 0 || ftruncate(r->fd, (off_t)len))
			die("memfd");
		m = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED,
			 r->fd, 0);
		if (m == MAP_FAILED)
			die("mmap");
		r->base = m;
		r->map = m;
		r->map_len = len;
		return;
	}
	/* 2 MiB-aligned, so every guest block can be one huge page. */
	m = mmap(NULL, len + huge, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (m == MAP_FAILED)
		die("mmap");
	r->map = m;
	r->map_len = len + huge;
	r->base = (uint8_t *)(((uintptr_t)m + huge - 1) & ~(huge - 1));
	(void)madvise(r->base, len, MADV_HUGEPAGE);
}

/* Drop [off, off + len): the only cost the baseline pays. */
static int ram_drop(const struct ram *r, uint64_t off, uint64_t len)
{
	if (r->backing == BENCH_FILE)
		return fallocate(r->fd, FALLOC_FL_PUNCH_HOLE |
				 FALLOC_FL_KEEP_SIZE, (off_t)off, (off_t)len);
	return madvise(r->base + off, len, MADV_DONTNEED);
}

static bool droppable(enum bench_layout l, uint64_t pfn)
{
	if (pfn >= HDR_PFN)
		return false;
	if (l == BENCH_SCATTERED)
		return !(pfn & 1);
	return pfn / BLOCK % 8 != 7;
}

/*
 * Touch all guest RAM, publish the table, and mark the layout's frames
 * unused.  The stores stand in for the guest's CASes: nobody else runs.
 */
static void ram_fill(struct ram *r, enum bench_layout l,
		     struct lps_shmem_guest *g)
{
	uint32_t unused = lps_le32(lps_shmem_word(LPS_UNUSED, LPS_RESIDENT));
	uint64_t pfn;

	memset(r->base, FILL, NFRAMES * PAGE);
	if (lps_shmem_guest_setup(g, (void *)(r->base + HDR_PFN * PAGE),
				  HDR_PFN * PAGE,
				  (uint32_t *)(void *)(r->base +
						       (HDR_PFN + 1) * PAGE),
				  (HDR_PFN + 1) * PAGE, 0, NFRAMES))
		die("table set-up");
	for (pfn = 0; pfn < NFRAMES; pfn++)
		if (droppable(l, pfn))
			__atomic_store_n(&g->words[pfn], unused,
					 __ATOMIC_RELAXED);
}

/* Every dropped frame reads zero, every kept one still holds FILL. */
static void ram_check(const struct ram *r, enum bench_layout l)
{
	uint64_t pfn, i;

	for (pfn = 0; pfn < HDR_PFN; pfn++) {
		const uint8_t *p = r->base + pfn * PAGE;
		uint8_t want = droppable(l, pfn) ? 0 : FILL;

		for (i = 0; i < PAGE; i++)
			if (p[i] != want) {
				fprintf(stderr, "frame %llu byte %llu is %#x, "
					"not %#x\n", (unsigned long long)pfn,
					(unsigned long long)i, p[i], want);
				exit(1);
			}
	}
}

/* The agent's pass through the protocol; frames dropped. */
static uint64_t host_pass(const struct ram *r, struct lps_shmem_host *h,
			  uint64_t max_run, uint64_t *punches)
{
	uint32_t how = LPS_RECLAIM_UNUSED | LPS_RECLAIM_VOLATILE;
	struct lps_shmem_claim c;
	uint64_t pfn, dropped = 0;

	while (lps_shmem_host_recover(h, &c) == 1)
		if (!ram_drop(r, c.offset, c.len) &&
		    !lps_shmem_host_commit(h, &c))
			dropped += c.count;
	while (lps_shmem_host_scan(h, how, &pfn) == 1) {
		if (lps_shmem_host_claim(h, pfn, max_run, how, &c))
			continue;
		++*punches;
		if (ram_drop(r, c.offset, c.len)) {
			lps_shmem_host_abort(h, &c);
			continue;
		}
		if (!lps_shmem_host_commit(h, &c))
			dropped += c.count;
	}
	return dropped;
}

/* The same ranges, no table: maximal runs of droppable frames. */
static uint64_t punch_pass(const struct ram *r, enum bench_layout l,
			   uint64_t max_run, uint64_t *punches)
{
	uint64_t pfn = 0, n, dropped = 0;

	while (pfn < NFRAMES) {
		for (n = 0; pfn + n < NFRAMES && n < max_run &&
		     droppable(l, pfn + n); n++)
			;
		if (!n) {
			pfn++;
			continue;
		}
		++*punches;
		if (!ram_drop(r, pfn * PAGE, n * PAGE))
			dropped += n;
		pfn += n;
	}
	return dropped;
}

static uint64_t expected_frames(enum bench_layout l)
{
	uint64_t pfn, n = 0;

	for (pfn = 0; pfn < NFRAMES; pfn++)
		n += droppable(l, pfn);
	return n;
}

static double gib_s(uint64_t frames, double ns)
{
	return ns > 0 ? frames * PAGE / ns * 1e9 / (1ull << 30) : 0;
}

void bench_host_runs(enum bench_backing b, enum bench_layout l,
		     uint64_t max_run, struct bench_host_result *res)
{
	double th[REPEATS], tp[REPEATS], t0;
	uint64_t want = expected_frames(l), got;
	struct lps_shmem_region region;
	struct lps_shmem_guest g;
	struct lps_shmem_host h;
	struct ram r;
	int i;

	ram_open(&r, b);
	region = (struct lps_shmem_region){ r.base, NFRAMES * PAGE, 0 };
	memset(res, 0, sizeof(*res));
	for (i = 0; i < REPEATS; i++) {
		/* The agent attached long ago; the pass is what we time. */
		ram_fill(&r, l, &g);
		if (lps_shmem_host_attach(&h, &region, &region,
					  HDR_PFN * PAGE))
			die("attach");
		res->punches = 0;
		t0 = lps_bench_cpu_ns();
		got = host_pass(&r, &h, max_run, &res->punches);
		th[i] = lps_bench_cpu_ns() - t0;
		if (got != want) {
			fprintf(stderr, "host pass dropped %llu of %llu\n",
				(unsigned long long)got,
				(unsigned long long)want);
			exit(1);
		}
		if (!i)
			ram_check(&r, l);

		ram_fill(&r, l, &g);
		res->baseline_punches = 0;
		t0 = lps_bench_cpu_ns();
		got = punch_pass(&r, l, max_run, &res->baseline_punches);
		tp[i] = lps_bench_cpu_ns() - t0;
		if (got != want)
			die("baseline punch");
		if (!i)
			ram_check(&r, l);
	}
	res->frames = want;
	res->host_ns = lps_bench_median(th, REPEATS);
	res->punch_ns = lps_bench_median(tp, REPEATS);
	res->host_gib_s = gib_s(want, res->host_ns);
	res->punch_gib_s = gib_s(want, res->punch_ns);
	res->ns_per_frame = res->host_ns / want;
	res->punch_ns_per_frame = res->punch_ns / want;
	munmap(r.map, r.map_len);
	if (r.fd >= 0)
		close(r.fd);
}
