// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * fuzz_hostd.c - libFuzzer target for the host agent's header and table
 * parsing: any bytes a guest can leave in its RAM file, found by --scan or
 * at a --table address, attached, reclaimed, then republished (the epoch
 * reset, as a rebooted guest's setup does) and reclaimed again.
 * Invariants: no crash or sanitizer report; a page changes only if it is
 * a frame the table, as it read before the pass, let the agent drop (or a
 * dead agent's claim), and then it is zero; the pages holding the header
 * and table are never punched; no claim the agent made survives a pass.
 *
 * Input: a control byte (bit 0 --scan, bits 1-3 the --table page, bit 4
 * guest RAM at 0x40000000 instead of 0, bit 5 unused frames only, bit 6
 * republish and pass again), the page the image starts at, then the RAM
 * image, written from that page on and wrapping.
 */
#define _GNU_SOURCE		/* memfd_create */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "hostd_reclaim.h"
#include "fuzz_assert.h"	/* FZ_ASSERT, the entry point */
#include <pagestates/wire/lps_wire_shmem_word.h>	/* word fields */

#define FZ_PAGE		4096u
#define FZ_PAGES	8u
#define FZ_RAM		(FZ_PAGES * FZ_PAGE)

static int ram_fd = -1;
static char ram_path[64];
static uint8_t before[FZ_RAM], image[FZ_RAM];

static bool all_zero(const uint8_t *p, size_t n)
{
	while (n--)
		if (*p++)
			return false;
	return true;
}

/* Does page @p hold any byte of the attached header or table? */
static bool holds_table(const struct hostd *d, size_t p)
{
	uintptr_t lo = (uintptr_t)d->ram->map + p * FZ_PAGE,
		  hi = lo + FZ_PAGE;
	uintptr_t hdr = (uintptr_t)d->host.hdr,
		  w0 = (uintptr_t)d->host.words,
		  w1 = w0 + d->host.nframes * LPS_SHMEM_WORD_BYTES;

	return (hdr < hi && hdr + LPS_SHMEM_HDR_BYTES > lo) ||
	       (w0 < hi && w1 > lo);
}

/*
 * A page holding the header or the table was not punched: the agent wrote
 * only the header (epoch, counters) and the words; every other byte, the
 * magic included, is as it was.
 */
static void check_table_page(const struct hostd *d, size_t p)
{
	size_t hdr = (size_t)((const uint8_t *)d->host.hdr - d->ram->map);
	size_t w0 = (size_t)((const uint8_t *)d->host.words - d->ram->map);
	size_t w1 = w0 + d->host.nframes * LPS_SHMEM_WORD_BYTES, b;

	for (b = p * FZ_PAGE; b < (p + 1) * FZ_PAGE; b++) {
		bool agent_writes = (b >= hdr + 20 &&
				     b < hdr + LPS_SHMEM_HDR_BYTES) ||
				    (b >= w0 && b < w1);

		FZ_ASSERT(agent_writes || before[b] == d->ram->map[b]);
	}
}

/* Could the agent drop the frame whose word read @w before the pass? */
static bool droppable(uint32_t w, uint32_t how, uint32_t epoch)
{
	uint32_t u = lps_shmem_w_usage(w);

	if (!lps_shmem_word_valid(w))
		return false;
	if (w & LPS_SHMEM_W_CLAIM)	/* a dead agent's: recovered */
		return lps_shmem_w_epoch(w) != (epoch & 0xffu);
	return lps_shmem_w_content(w) == LPS_RESIDENT &&
	       (((how & LPS_RECLAIM_UNUSED) && u == LPS_UNUSED) ||
		((how & LPS_RECLAIM_VOLATILE) && u == LPS_VOLATILE));
}

static void pass_and_check(struct hostd *d, uint32_t how)
{
	struct hostd_stats st;
	size_t p, words_off;
	uint64_t i;

	if (hostd_settle(d) || !d->attached)
		return;
	memcpy(before, d->ram->map, FZ_RAM);
	words_off = (size_t)((uint8_t *)d->host.words - d->ram->map);
	memset(&st, 0, sizeof(st));
	(void)hostd_reclaim(d, how, -1, &st);
	for (p = 0; p < FZ_PAGES; p++) {
		const uint8_t *now = d->ram->map + p * FZ_PAGE;
		uint64_t off = p * FZ_PAGE;
		uint32_t w;

		if (!memcmp(before + off, now, FZ_PAGE))
			continue;
		if (holds_table(d, p)) {
			check_table_page(d, p);
			continue;
		}
		FZ_ASSERT(all_zero(now, FZ_PAGE));
		FZ_ASSERT(off >= d->host.ram_off0);
		i = (off - d->host.ram_off0) / FZ_PAGE;
		FZ_ASSERT(i < d->host.nframes);
		memcpy(&w, before + words_off + i * LPS_SHMEM_WORD_BYTES,
		       sizeof(w));
		FZ_ASSERT(droppable(lps_le32(w), how, d->host.epoch));
	}
	if (!d->attached)
		return;
	/* A claim under our epoch after the pass was there before it: the
	 * guest wrote it (and waits on it); every claim we made is done. */
	for (i = 0; i < d->host.nframes; i++) {
		uint32_t w = __atomic_load_n(&d->host.words[i],
					     __ATOMIC_RELAXED), was;

		memcpy(&was, before + words_off + i * LPS_SHMEM_WORD_BYTES,
		       sizeof(was));
		w = lps_le32(w);
		FZ_ASSERT(!(w & LPS_SHMEM_W_CLAIM) ||
			  lps_shmem_w_epoch(w) != (d->host.epoch & 0xffu) ||
			  w == lps_le32(was));
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct hostd_ram ram;
	struct hostd d;
	uint8_t ctl, start;
	size_t i;

	if (size < 2)
		return 0;
	ctl = data[0];
	start = data[1] % FZ_PAGES;
	data += 2;
	size -= 2;
	if (ram_fd < 0) {
		ram_fd = memfd_create("fuzz-hostd-ram", 0);
		FZ_ASSERT(ram_fd >= 0);
		snprintf(ram_path, sizeof(ram_path), "/proc/self/fd/%d",
			 ram_fd);
	}
	memset(image, 0, sizeof(image));
	for (i = 0; i < size && i < FZ_RAM; i++)
		image[((size_t)start * FZ_PAGE + i) % FZ_RAM] = data[i];
	/* A fresh file: no holes, no blocks from the last input. */
	FZ_ASSERT(!ftruncate(ram_fd, 0) && !ftruncate(ram_fd, FZ_RAM));
	FZ_ASSERT(pwrite(ram_fd, image, FZ_RAM, 0) == (ssize_t)FZ_RAM);
	if (hostd_ram_open(&ram, ram_path))
		return 0;
	memset(&d, 0, sizeof(d));
	d.ram = &ram;
	d.scan = ctl & 1;
	d.ram_gpa = (ctl & 0x10) ? 0x40000000ull : 0;
	d.table_gpa = d.ram_gpa + (uint64_t)((ctl >> 1) & 7) * FZ_PAGE;
	pass_and_check(&d, (ctl & 0x20) ? LPS_RECLAIM_UNUSED :
		       LPS_RECLAIM_UNUSED | LPS_RECLAIM_VOLATILE);
	if ((ctl & 0x40) && d.attached) {
		/* A rebooted guest's setup zeroes the epoch. */
		__atomic_store_n(&d.host.hdr->host_epoch, 0, __ATOMIC_RELEASE);
		pass_and_check(&d, LPS_RECLAIM_UNUSED | LPS_RECLAIM_VOLATILE);
	}
	hostd_ram_close(&ram);
	return 0;
}
