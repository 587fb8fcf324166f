// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * kt_live.c - lpsmode=live: for a fixed time (lpslive=SECONDS) the guest
 * keeps using its memory while the host's agent reclaims in a loop and is
 * killed and restarted (tests/kernel/kt-live.sh).  Each round reads data
 * files with read(), reads one through a shared read-only mapping, checks
 * and rewrites a long-lived anonymous buffer (part of it pushed to swap),
 * fills and frees a short-lived one, and writes a file and reads it back.
 * Every byte read is checked against the pattern it must hold, so a frame
 * the host dropped without the guest noticing is a checksum error.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "kt_guest.h"
#include "kt_pattern.h"

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21		/* Linux 5.4; older libc headers lack it */
#endif

#define KT_LIVE_DEFAULT_S	75
#define KT_LIVE_KEEP		(16u << 20)	/* rewritten every round */
#define KT_LIVE_SWAP		(4u << 20)	/* ... of it pushed to swap */
#define KT_LIVE_CHURN		(24u << 20)	/* mapped and freed every round */
#define KT_LIVE_WRITE		(2u << 20)	/* written and read back */
#define KT_LIVE_FILES_PER_ROUND	3
#define KT_LIVE_PATH		KT_MNT "/live.bin"
#define KT_SEED_KEEP		0x6b656570ull
#define KT_SEED_CHURN		0x636875726eull
#define KT_SEED_WRITE		0x7772697465ull

struct kt_live {
	unsigned long rounds;
	unsigned long files_checked;
	unsigned long checksum_errors;
	unsigned long errors;
	long long file_discards;	/* discards found reading files */
};

static unsigned char lbuf[1 << 20];

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static double t_start;

static void bad(struct kt_live *l, const char *what, size_t words)
{
	char msg[96];

	if (!words)
		return;
	snprintf(msg, sizeof(msg), "%zu bad words in round %lu at %.1f s",
		 words, l->rounds, now_s() - t_start);
	kt_err(what, msg);
	l->checksum_errors++;
}

static void data_name(char *path, size_t len, int i)
{
	snprintf(path, len, KT_MNT "/data%02d.bin", i);
}

/*
 * The frame under @p, from /proc/self/pagemap (bits 0-54 with bit 63,
 * present, set), or -1: names the frame a wrong page sat in, so the
 * host's log of what it punched can be searched for it.
 */
static long long frame_of(const void *p)
{
	unsigned long long entry;
	long long pfn = -1;
	int fd = open("/proc/self/pagemap", O_RDONLY);

	if (fd < 0)
		return -1;
	if (pread(fd, &entry, sizeof(entry),
		  (off_t)((uintptr_t)p / 4096 * sizeof(entry))) ==
	    (ssize_t)sizeof(entry) && (entry >> 63) & 1)
		pfn = (long long)(entry & ((1ull << 55) - 1));
	close(fd);
	return pfn;
}

/* Wrong pages named on the console; a lossy host would flood it. */
#define KT_LIVE_BAD_LINES	256
static unsigned int bad_lines;

/*
 * Check @len bytes at @p page by page against stream @seed; say which
 * pages went wrong, whether they read as zero (dropped), and in which
 * frame.  Returns the wrong words.
 */
static size_t check_pages(const char *what, const unsigned char *p,
			  size_t len, uint64_t seed)
{
	size_t off, wrong, total = 0;
	unsigned int i;

	for (off = 0; off < len; off += 4096) {
		wrong = kt_check(p + off, 4096, seed, off);
		if (!wrong)
			continue;
		total += wrong;
		if (++bad_lines > KT_LIVE_BAD_LINES)
			continue;
		for (i = 0; i < 4096 && !p[off + i]; i++)
			;
		printf("LPS-LIVE-BAD %s page %zu: %zu words%s, pfn %lld at "
		       "%.1f s\n", what, off / 4096, wrong,
		       i == 4096 ? ", all zero" : "", frame_of(p + off),
		       now_s() - t_start);
	}
	return total;
}

/* read() data file @i whole and check every word. */
static void read_file(struct kt_live *l, int i)
{
	char path[64];
	size_t off = 0, wrong = 0;
	ssize_t n;
	int fd;

	data_name(path, sizeof(path), i);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		kt_err(path, strerror(errno));
		l->errors++;
		return;
	}
	while ((n = read(fd, lbuf, sizeof(lbuf))) > 0) {
		wrong += kt_check(lbuf, (size_t)n, KT_SEED_FILE + i, off);
		off += (size_t)n;
	}
	close(fd);
	if (n < 0 || off != KT_FILE_SIZE)
		wrong++;
	l->files_checked++;
	bad(l, path, wrong);
}

/* Data file @i through a shared read-only mapping. */
static void map_file(struct kt_live *l, int i)
{
	char path[64];
	void *p;
	int fd;

	data_name(path, sizeof(path), i);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		kt_err(path, strerror(errno));
		l->errors++;
		return;
	}
	p = mmap(NULL, KT_FILE_SIZE, PROT_READ, MAP_SHARED, fd, 0);
	close(fd);
	if (p == MAP_FAILED) {
		kt_err("mmap", strerror(errno));
		l->errors++;
		return;
	}
	bad(l, "mapped file", check_pages("mapped", p, KT_FILE_SIZE,
					  KT_SEED_FILE + i));
	munmap(p, KT_FILE_SIZE);
}

/*
 * The long-lived buffer holds stream KT_SEED_KEEP + round of the last
 * rewrite: check it, write the next round's, push its head to swap.
 */
static void keep_round(struct kt_live *l, unsigned char *keep)
{
	bad(l, "keep", check_pages("keep", keep, KT_LIVE_KEEP,
				   KT_SEED_KEEP + l->rounds));
	kt_fill(keep, KT_LIVE_KEEP, KT_SEED_KEEP + l->rounds + 1, 0);
	if (madvise(keep, KT_LIVE_SWAP, MADV_PAGEOUT)) {
		kt_err("pageout", strerror(errno));
		l->errors++;
	}
}

/* Anonymous memory touched and freed: unused frames for the host. */
static void churn_round(struct kt_live *l)
{
	unsigned char *p = mmap(NULL, KT_LIVE_CHURN, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		kt_err("churn", strerror(errno));
		l->errors++;
		return;
	}
	kt_fill(p, KT_LIVE_CHURN, KT_SEED_CHURN + l->rounds, 0);
	bad(l, "churn", check_pages("churn", p, KT_LIVE_CHURN,
				    KT_SEED_CHURN + l->rounds));
	munmap(p, KT_LIVE_CHURN);
}

/* write() a file of this round's stream, sync it, read it back. */
static void write_round(struct kt_live *l)
{
	uint64_t seed = KT_SEED_WRITE + l->rounds;
	size_t off, wrong = 0;
	int fd = open(KT_LIVE_PATH, O_RDWR | O_CREAT, 0644);

	if (fd < 0) {
		kt_err(KT_LIVE_PATH, strerror(errno));
		l->errors++;
		return;
	}
	for (off = 0; off < KT_LIVE_WRITE; off += sizeof(lbuf)) {
		kt_fill(lbuf, sizeof(lbuf), seed, off);
		if (pwrite(fd, lbuf, sizeof(lbuf), (off_t)off) !=
		    (ssize_t)sizeof(lbuf))
			wrong++;
	}
	if (fdatasync(fd))
		wrong++;
	for (off = 0; off < KT_LIVE_WRITE; off += sizeof(lbuf)) {
		if (pread(fd, lbuf, sizeof(lbuf), (off_t)off) !=
		    (ssize_t)sizeof(lbuf))
			wrong++;
		else
			wrong += kt_check(lbuf, sizeof(lbuf), seed, off);
	}
	close(fd);
	bad(l, "write", wrong);
}

static void files_round(struct kt_live *l)
{
	long long before = kt_counter("discards_found");
	int i;

	for (i = 0; i < KT_LIVE_FILES_PER_ROUND; i++)
		read_file(l, (int)((l->rounds * KT_LIVE_FILES_PER_ROUND + i) %
				   KT_NFILES));
	map_file(l, (int)((l->rounds * 5 + 1) % KT_NFILES));
	if (before >= 0)
		l->file_discards += kt_counter("discards_found") - before;
}

void kt_live(void)
{
	const char *arg = getenv("lpslive");
	int seconds = arg ? atoi(arg) : KT_LIVE_DEFAULT_S;
	struct kt_live l;
	unsigned char *keep;
	double t0, elapsed;

	memset(&l, 0, sizeof(l));
	if (seconds <= 0)
		seconds = KT_LIVE_DEFAULT_S;
	keep = mmap(NULL, KT_LIVE_KEEP, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (keep == MAP_FAILED) {
		kt_err("keep", strerror(errno));
		return;
	}
	kt_fill(keep, KT_LIVE_KEEP, KT_SEED_KEEP, 0);
	printf(KT_MARK_LIVE " {\"seconds\":%d}\n", seconds);
	t0 = now_s();
	t_start = t0;
	do {
		files_round(&l);
		keep_round(&l, keep);
		churn_round(&l);
		write_round(&l);
		l.rounds++;
	} while ((elapsed = now_s() - t0) < seconds);
	/* The last rewrite is checked too. */
	bad(&l, "keep", check_pages("keep", keep, KT_LIVE_KEEP,
				    KT_SEED_KEEP + l.rounds));
	munmap(keep, KT_LIVE_KEEP);
	printf(KT_MARK_RESULT " {\"files_checked\":%lu,\"checksum_errors\":%lu,"
	       "\"setup_errors\":%lu,\"reclaim_acked\":false,\"files_kib\":%lu,"
	       "\"file_discards\":%lld,\"rounds\":%lu,\"live_seconds\":%.1f,"
	       "\"counters\":{", l.files_checked, l.checksum_errors, l.errors,
	       (unsigned long)KT_NFILES * (KT_FILE_SIZE >> 10),
	       l.file_discards, l.rounds, elapsed);
	kt_counters_print();
	printf("}}\n");
}
