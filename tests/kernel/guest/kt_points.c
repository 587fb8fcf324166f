// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * kt_points.c - after the checked run, walks one file of its own through
 * the glue's transition points, so each point's debugfs counter can be
 * held to > 0: a first read (offered at the end of the read and at the
 * LRU batch drain), a mapping of the read pages (made stable by the fault
 * and fault-around lookups), the last unmap of pages not read before
 * (offered when the TLB gather drops its reference), and memory pressure
 * (deactivation and reclaim's put-back).  Every byte it sees is checked.
 * Runs after the checked run so it cannot change what that run measured.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kt_guest.h"
#include "kt_pattern.h"

#define KT_POINTS_PATH	KT_MNT "/points.bin"

static unsigned char pbuf[256 << 10];

/* read() @len bytes from the start; returns the bad words seen. */
static size_t read_part(size_t len)
{
	size_t off = 0, bad = 0;
	ssize_t n;
	int fd = open(KT_POINTS_PATH, O_RDONLY);

	if (fd < 0)
		return 1;
	while (off < len &&
	       (n = read(fd, pbuf, sizeof(pbuf))) > 0) {
		bad += kt_check(pbuf, (size_t)n, KT_SEED_POINTS, off);
		off += (size_t)n;
	}
	close(fd);
	return off < len ? bad + 1 : bad;
}

/* Map the whole file, check every word, unmap it. */
static size_t map_check(void)
{
	size_t bad;
	void *p;
	int fd = open(KT_POINTS_PATH, O_RDONLY);

	if (fd < 0)
		return 1;
	p = mmap(NULL, KT_POINTS_SIZE, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED)
		return 1;
	bad = kt_check(p, KT_POINTS_SIZE, KT_SEED_POINTS, 0);
	munmap(p, KT_POINTS_SIZE);
	return bad;
}

/*
 * Touch more anonymous memory than is free, so reclaim deactivates the
 * active file pages (the data files were read twice) and scans the
 * inactive ones; then give it back.
 */
static void press(void)
{
	long avail = kt_meminfo_kib("MemAvailable");
	long want = kt_meminfo_kib("MemFree") + (24 << 10);
	size_t len, off;
	unsigned char *p;

	if (want > avail - (16 << 10))
		want = avail - (16 << 10);
	if (want <= 0)
		return;
	len = (size_t)want << 10;
	p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return;
	for (off = 0; off < len; off += 4096)
		p[off] = 1;
	munmap(p, len);
}

void kt_points(void)
{
	size_t bad = 0;

	/* First read of the first half: volatile when the read ends. */
	bad += read_part(KT_POINTS_SIZE / 2);
	/* Faults find the read half hinted; the other half is new. */
	bad += map_check();
	/* Read twice more: active, so pressure has something to deactivate. */
	bad += read_part(KT_POINTS_SIZE);
	bad += read_part(KT_POINTS_SIZE);
	press();
	bad += read_part(KT_POINTS_SIZE);
	printf(KT_MARK_POINTS " {\"checksum_errors\":%zu,", bad);
	kt_counters_print();
	printf("}\n");
}
