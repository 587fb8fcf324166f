// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * kt_debug.c - what lpsmode=debug adds to the checked run, for a kernel
 * built with tests/kernel/configs/debug.config: a buffer left in swap over
 * the host's reclaim, so its clean swap-cache copies are volatile and
 * dropped; right after the reclaim compaction migrates what it can (and
 * must make each volatile folio stable first), later mincore(2)
 * looks every one up (the lookup finds the discards and parks them), the
 * discard lists are released, and swapoff pulls everything back in.
 * Every byte is checked after each step; the kernel's own assertions
 * (DEBUG_VM, lockdep, KASAN) report through the console.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/swap.h>
#include <unistd.h>

#include "kt_guest.h"
#include "kt_pattern.h"

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21
#endif

#define KT_DEBUG_SWAP_SIZE	(8u << 20)
#define KT_DEBUG_HOLES_SIZE	(40u << 20)

static struct kt_buf dbg_swap = { .name = "debug-swap", .seed = 0x64627377ull };
static long dbg_incore_pages;
static long long dbg_migrate_hits;	/* hinted folios compaction met */

/*
 * Write @val to a control file.  This runs after the reclaim, where the
 * harness counts only checksum errors: a failed step counts as one.
 */
static int write_ctl(struct kt_work *w, const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);
	ssize_t n = -1;

	if (fd >= 0) {
		n = write(fd, val, strlen(val));
		close(fd);
	}
	if (n != (ssize_t)strlen(val)) {
		kt_err(path, strerror(errno));
		w->checksum_errors++;
		return -1;
	}
	return 0;
}

void kt_debug_setup(struct kt_work *w)
{
	dbg_swap.len = KT_DEBUG_SWAP_SIZE;
	dbg_swap.p = mmap(NULL, dbg_swap.len, PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (dbg_swap.p == MAP_FAILED) {
		dbg_swap.p = NULL;
		kt_err(dbg_swap.name, strerror(errno));
		w->errors++;
		return;
	}
	kt_fill(dbg_swap.p, dbg_swap.len, dbg_swap.seed, 0);
	if (madvise(dbg_swap.p, dbg_swap.len, MADV_PAGEOUT)) {
		kt_err("debug-pageout", strerror(errno));
		w->errors++;
	}
}

/*
 * Ask mincore(2) about every page of the swapped-out buffer: each swap
 * entry is looked up in the swap cache, which makes a volatile copy
 * stable and finds the ones the host dropped.
 */
static void mincore_swapped(struct kt_work *w)
{
	static unsigned char vec[KT_DEBUG_SWAP_SIZE / 4096];
	long page = sysconf(_SC_PAGESIZE);
	size_t i, n = dbg_swap.len / (size_t)page;

	if (n > sizeof(vec) || mincore(dbg_swap.p, dbg_swap.len, vec)) {
		kt_err("mincore", strerror(errno));
		w->checksum_errors++;
		return;
	}
	for (i = 0; i < n; i++)
		dbg_incore_pages += vec[i] & 1;
}

/* The swap device /init enabled: the one line after /proc/swaps' header. */
static int swap_device(char *dev, size_t len)
{
	char line[256], fmt[16];
	FILE *f = fopen("/proc/swaps", "r");
	int found = 0;

	if (!f)
		return -1;
	snprintf(fmt, sizeof(fmt), "%%%zus", len - 1);
	if (fgets(line, sizeof(line), f) && fgets(line, sizeof(line), f))
		found = sscanf(line, fmt, dev) == 1;
	fclose(f);
	return found ? 0 : -1;
}

static void check_buf(struct kt_work *w, const struct kt_buf *b,
		      const char *when)
{
	char what[64];
	size_t bad;

	if (!b->p)
		return;
	bad = kt_check(b->p, b->len, b->seed, 0);
	if (bad) {
		snprintf(what, sizeof(what), "%s after %s", b->name, when);
		kt_err(what, "content differs");
		w->checksum_errors++;
	}
}

/*
 * Compaction moves pages only into free pages of partly used pageblocks;
 * a fresh guest's free memory sits in whole free blocks, which gives it
 * nowhere to go.  Touch a buffer and free every other page of it.
 */
static void fragment_free_memory(struct kt_work *w)
{
	size_t off;
	unsigned char *p = mmap(NULL, KT_DEBUG_HOLES_SIZE,
				PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		kt_err("debug-holes", strerror(errno));
		w->checksum_errors++;
		return;
	}
	memset(p, 0x5a, KT_DEBUG_HOLES_SIZE);
	for (off = 0; off < KT_DEBUG_HOLES_SIZE; off += 2 * 4096)
		madvise(p + off, 4096, MADV_DONTNEED);
}

/*
 * Right after the reclaim, before any lookup: compaction then meets
 * folios that are still volatile, some of them dropped by the host, and
 * has to make each stable before it moves it.
 */
void kt_debug_compact(struct kt_work *w)
{
	long long before = kt_counter("point_migrate");

	fragment_free_memory(w);
	write_ctl(w, "/proc/sys/vm/compact_memory", "1\n");
	if (before >= 0)
		dbg_migrate_hits = kt_counter("point_migrate") - before;
}

void kt_debug_verify(struct kt_work *w)
{
	char dev[128];

	if (!dbg_swap.p)
		return;
	mincore_swapped(w);
	/* Release what the lookups parked, from every CPU's list. */
	write_ctl(w, KT_DBG_DIR "/drain", "1\n");
	check_buf(w, &dbg_swap, "compaction and mincore");
	/* Out again, so swapoff has entries to bring back. */
	if (madvise(dbg_swap.p, dbg_swap.len, MADV_PAGEOUT)) {
		kt_err("debug-pageout", strerror(errno));
		w->checksum_errors++;
	}
	if (swap_device(dev, sizeof(dev)) || swapoff(dev)) {
		kt_err("swapoff", strerror(errno));
		w->checksum_errors++;
	}
	check_buf(w, &dbg_swap, "swapoff");
	kt_bufs_verify(w);
	printf("LPS-DEBUG {\"incore_pages\":%ld,\"migrate_hits\":%lld}\n",
	       dbg_incore_pages, dbg_migrate_hits);
}
