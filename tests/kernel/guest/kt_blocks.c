// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * kt_blocks.c - the 2 MiB workload, after the checked run: anonymous
 * memory in 2 MiB-aligned blocks, faulted in as huge pages where the
 * kernel has them (MADV_HUGEPAGE), filled, checked and unmapped, round
 * after round, so the guest allocates and frees whole order-9 blocks.
 *
 * What it measures is what lps-bench-ports measures in userspace: frames
 * the port handled (freed, plus taken back whether or not that cost a
 * call) per guest-to-host transition, from the glue's counters before and
 * after.  Two passes: "kernel", where only the kernel's own flushes send
 * the batches (a block freed and taken again before that costs nothing),
 * and "flushed", with a flush after every round, so every free reaches the
 * host and every allocation must make its block stable again: the most
 * exits this workload can cost.  How much really was in huge pages is
 * reported too, so a kernel without THP is told apart from a port that
 * batches badly.  Prints LPS-BLOCKS {...}.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kt_guest.h"
#include "kt_pattern.h"

#define KT_BLOCK	(2u << 20)
#define KT_BLOCKS	8		/* per round: 16 MiB */
#define KT_ROUNDS	8		/* per pass */
#define KT_SEED_BLOCKS	0x626c6f636b730000ull

/* Frames freed or offered, and frames taken back with or without a call. */
static const char *const kt_frame_keys[] = {
	"hints_unused", "hints_volatile", "hints_pot_volatile",
	"hints_stable", "cancelled",
};

struct kt_blocks_snap {
	long long frames;
	long long transitions;
};

static void flush(void)
{
	int fd = open(KT_DBG_DIR "/flush", O_WRONLY);

	if (fd < 0)
		return;		/* no glue: nothing is batched */
	if (write(fd, "1", 1) != 1)
		kt_err("blocks flush", "write failed");
	close(fd);
}

static void snap(struct kt_blocks_snap *s)
{
	size_t i;
	long long v;

	s->frames = 0;
	for (i = 0; i < sizeof(kt_frame_keys) / sizeof(kt_frame_keys[0]); i++) {
		v = kt_counter(kt_frame_keys[i]);
		s->frames += v > 0 ? v : 0;
	}
	s->transitions = kt_counter("transitions");
}

/* One round: map, fill and check KT_BLOCKS blocks, unmap.  Bad words. */
static size_t round_trip(uint64_t seed, long *huge_kib)
{
	size_t len = (size_t)KT_BLOCKS * KT_BLOCK, bad;
	unsigned char *raw, *p;
	long huge;

	/* One block more, so the blocks can start on a 2 MiB boundary. */
	raw = mmap(NULL, len + KT_BLOCK, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (raw == MAP_FAILED)
		return 1;
	p = (unsigned char *)(((uintptr_t)raw + KT_BLOCK - 1) &
			      ~(uintptr_t)(KT_BLOCK - 1));
	/* Without THP in the kernel this fails, and the pages stay 4 KiB. */
	madvise(p, len, MADV_HUGEPAGE);
	kt_fill(p, len, seed, 0);
	huge = kt_meminfo_kib("AnonHugePages");
	if (huge > *huge_kib)
		*huge_kib = huge;
	bad = kt_check(p, len, seed, 0);
	munmap(raw, len + KT_BLOCK);
	return bad;
}

/*
 * One pass of KT_ROUNDS rounds; the batches are flushed before and after
 * it, so what it queued is paid for inside it.  Adds its frames and
 * transitions to *@frames and *@exits.
 */
static size_t pass(unsigned int id, int flush_each, long *huge_kib,
		   long long *frames, long long *exits)
{
	struct kt_blocks_snap a, b;
	size_t bad = 0;
	unsigned int r;

	flush();
	snap(&a);
	for (r = 0; r < KT_ROUNDS; r++) {
		bad += round_trip(KT_SEED_BLOCKS + id * KT_ROUNDS + r, huge_kib);
		if (flush_each)
			flush();
	}
	flush();
	snap(&b);
	*frames = b.frames - a.frames;
	*exits = b.transitions - a.transitions;
	return bad;
}

/*
 * Linux turns THP off by default below 512 MiB of RAM (hugepage_init());
 * only the regions this workload marks get huge pages again.
 */
static void thp_madvise(void)
{
	int fd = open("/sys/kernel/mm/transparent_hugepage/enabled", O_WRONLY);

	if (fd < 0)
		return;		/* no THP in this kernel */
	if (write(fd, "madvise", 7) != 7)
		kt_err("blocks thp", "enabling madvise mode failed");
	close(fd);
}

void kt_blocks(void)
{
	long long frames, exits, fl_frames, fl_exits;
	long huge_kib = 0;
	size_t bad;

	thp_madvise();
	bad = pass(0, 0, &huge_kib, &frames, &exits);
	bad += pass(1, 1, &huge_kib, &fl_frames, &fl_exits);
	printf(KT_MARK_BLOCKS " {\"checksum_errors\":%zu,\"rounds\":%u,"
	       "\"block_kib\":%u,\"blocks\":%u,\"huge_kib\":%ld,"
	       "\"frames\":%lld,\"transitions\":%lld,"
	       "\"flushed_frames\":%lld,\"flushed_transitions\":%lld}\n",
	       bad, KT_ROUNDS, KT_BLOCK >> 10, KT_ROUNDS * KT_BLOCKS, huge_kib,
	       frames, exits, fl_frames, fl_exits);
}
