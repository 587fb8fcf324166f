// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * kt_work.c - the in-guest workload: builds page cache, anonymous, swapped,
 * mlocked and writably mapped memory before the host reclaims, and checks
 * every byte of it afterwards.  A discarded frame whose stale or zeroed
 * content leaked through shows up here as a checksum error.
 */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kt_guest.h"
#include "kt_pattern.h"

#ifndef MADV_PAGEOUT
#define MADV_PAGEOUT 21		/* Linux 5.4; older libc headers lack it */
#endif

#define KT_ANON_SIZE	(24u << 20)
#define KT_FREED_SIZE	(32u << 20)
#define KT_SWAP_SIZE	(8u << 20)
#define KT_LOCK_SIZE	(2u << 20)

static unsigned char iobuf[1 << 20];

void kt_err(const char *what, const char *detail)
{
	printf(KT_MARK_ERROR " %s: %s\n", what, detail);
}

long kt_meminfo_kib(const char *key)
{
	char line[256];
	size_t klen = strlen(key);
	long v = -1;
	FILE *f = fopen("/proc/meminfo", "r");

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, key, klen) && line[klen] == ':') {
			v = strtol(line + klen + 1, NULL, 10);
			break;
		}
	}
	fclose(f);
	return v;
}

/* Read one file through read() and compare its FNV with the MANIFEST's. */
static int check_file(const char *name, size_t size, uint64_t want)
{
	char path[512];
	uint64_t h = KT_FNV_INIT;
	size_t done = 0;
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), KT_MNT "/%s", name);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	while ((n = read(fd, iobuf, sizeof(iobuf))) > 0) {
		h = kt_fnv(h, iobuf, (size_t)n);
		done += (size_t)n;
	}
	close(fd);
	return (n < 0 || done != size || h != want) ? -1 : 0;
}

FILE *kt_manifest_open(struct kt_work *w)
{
	FILE *m = fopen(KT_MNT "/MANIFEST", "r");

	if (!m) {
		kt_err("manifest", strerror(errno));
		w->errors++;
	}
	return m;
}

int kt_manifest_next(FILE *m, struct kt_manifest_entry *e)
{
	return fscanf(m, "%255s %llu %" SCNx64, e->name, &e->size,
		      &e->want) == 3;
}

int kt_files_check(struct kt_work *w)
{
	struct kt_manifest_entry e;
	FILE *m = kt_manifest_open(w);

	if (!m)
		return -1;
	while (kt_manifest_next(m, &e)) {
		w->files_checked++;
		if (check_file(e.name, (size_t)e.size, e.want)) {
			w->checksum_errors++;
			kt_err("checksum", e.name);
		}
	}
	fclose(m);
	return 0;
}

static int buf_map(struct kt_buf *b, const char *name, size_t len,
		   uint64_t seed)
{
	b->name = name;
	b->len = len;
	b->seed = seed;
	b->p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (b->p == MAP_FAILED) {
		b->p = NULL;
		kt_err(name, strerror(errno));
		return -1;
	}
	kt_fill(b->p, len, seed, 0);
	return 0;
}

static void buf_verify(struct kt_work *w, const struct kt_buf *b)
{
	size_t bad;

	if (!b->p)
		return;
	bad = kt_check(b->p, b->len, b->seed, 0);
	if (bad) {
		char msg[64];

		snprintf(msg, sizeof(msg), "%zu bad words", bad);
		kt_err(b->name, msg);
		w->checksum_errors++;
	}
}

/* Memory the guest touched and freed: its frames end up unused. */
static int anon_freed(void)
{
	struct kt_buf b;

	if (buf_map(&b, "freed", KT_FREED_SIZE, 0x66726565ull))
		return -1;
	return munmap(b.p, b.len);
}

static int rw_map(struct kt_work *w)
{
	struct kt_buf *b = &w->rw;

	b->name = "rw";
	b->len = KT_RW_SIZE;
	b->seed = KT_SEED_RW;
	w->rw_fd = open(KT_MNT "/rw.bin", O_RDWR);
	if (w->rw_fd < 0)
		goto fail;
	b->p = mmap(NULL, b->len, PROT_READ | PROT_WRITE, MAP_SHARED,
		    w->rw_fd, 0);
	if (b->p == MAP_FAILED) {
		b->p = NULL;
		goto fail;
	}
	kt_fill(b->p, b->len, b->seed, 0);
	/* Written back, so the pages are clean but still mapped writable. */
	if (msync(b->p, b->len, MS_SYNC))
		goto fail;
	return 0;
fail:
	kt_err("rw", strerror(errno));
	return -1;
}

int kt_work_setup(struct kt_work *w)
{
	int fail = 0;

	memset(w, 0, sizeof(*w));
	w->rw_fd = -1;
	fail |= kt_files_check(w);
	fail |= buf_map(&w->anon, "anon", KT_ANON_SIZE, 0x616e6f6eull);
	fail |= anon_freed();
	fail |= buf_map(&w->swap, "swap", KT_SWAP_SIZE, 0x73776170ull);
	fail |= buf_map(&w->swap_out, "swap_out", KT_SWAP_SIZE, 0x73776f75ull);
	if (w->swap.p && w->swap_out.p) {
		/* Out and back in: leaves clean swap-cache pages behind. */
		if (madvise(w->swap.p, w->swap.len, MADV_PAGEOUT) ||
		    madvise(w->swap_out.p, w->swap_out.len, MADV_PAGEOUT)) {
			kt_err("pageout", strerror(errno));
			fail = -1;
		}
		w->swapped_kib = kt_meminfo_kib("SwapTotal") -
				 kt_meminfo_kib("SwapFree");
		if (w->swapped_kib <= 0) {
			kt_err("pageout", "nothing reached swap");
			fail = -1;
		}
		buf_verify(w, &w->swap);
	}
	fail |= buf_map(&w->locked, "locked", KT_LOCK_SIZE, 0x6c6f636bull);
	if (w->locked.p && mlock(w->locked.p, w->locked.len)) {
		kt_err("mlock", strerror(errno));
		fail = -1;
	}
	fail |= rw_map(w);
	/* Only the check after the reclaim counts toward files_checked. */
	w->files_checked = 0;
	if (fail)
		w->errors++;
	return fail ? -1 : 0;
}

static void rw_verify_read(struct kt_work *w)
{
	size_t off, bad = 0;
	ssize_t n;

	for (off = 0; off < w->rw.len; off += (size_t)n) {
		n = pread(w->rw_fd, iobuf, sizeof(iobuf), (off_t)off);
		if (n <= 0 || n % 8) {
			bad++;
			break;
		}
		bad += kt_check(iobuf, (size_t)n, w->rw.seed, off);
	}
	if (bad) {
		kt_err("rw-read", "file content differs from the mapping");
		w->checksum_errors++;
	}
}

void kt_work_verify(struct kt_work *w)
{
	long long before = kt_counter("discards_found");

	/* Only file pages are touched here: the discards are page cache. */
	kt_files_check(w);
	if (before >= 0)
		w->file_discards = kt_counter("discards_found") - before;
	kt_bufs_verify(w);
}

void kt_bufs_verify(struct kt_work *w)
{
	buf_verify(w, &w->anon);
	buf_verify(w, &w->swap);
	buf_verify(w, &w->swap_out);
	buf_verify(w, &w->locked);
	buf_verify(w, &w->rw);
	if (w->rw_fd >= 0)
		rw_verify_read(w);
}
