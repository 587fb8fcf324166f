/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * hostd_fixture.h - a synthetic guest RAM file for the host agent's tests:
 * a table published with the guest's own setup code, random usage states
 * set with the guest's own CAS step, pattern data in every frame, and the
 * checks that say whether a frame was dropped or kept intact.
 */
#ifndef HOSTD_FIXTURE_H
#define HOSTD_FIXTURE_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE		/* mkstemp, SEEK_DATA, fallocate */
#endif
#include <errno.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lps_test.h"
#include "hostd_reclaim.h"
#include "shmem/lps_shmem_guest.h"

#define NF		256u		/* frames in the synthetic RAM */
#define PG		4096u
#define RAM_GPA		0x40000000ull	/* arm virt's base: not zero */
#define FIRST_DATA	2u		/* frame 0 header, frame 1 table */

struct fixture {
	char path[64];
	int fd;
	unsigned char *map;		/* the "guest's" view */
	struct lps_shmem_guest g;
	unsigned int hdr_frame, tbl_frame;	/* hold the table: no data */
	enum lps_usage usage[NF];
	uint64_t sum[NF];		/* FNV of each frame as written */
	unsigned int n_unused, n_volatile;
};

static inline uint64_t frame_sum(const unsigned char *p)
{
	uint64_t h = 0xcbf29ce484222325ull;
	unsigned int i;

	for (i = 0; i < PG; i++) {
		h ^= p[i];
		h *= 0x100000001b3ull;
	}
	return h;
}

static inline int is_zero(const unsigned char *p)
{
	unsigned int i;

	for (i = 0; i < PG; i++)
		if (p[i])
			return 0;
	return 1;
}

/* tmpfs keeps no metadata blocks, so block counts are exact there. */
static inline int make_file(char *path, size_t len)
{
	int fd;

	snprintf(path, 64, "%s/lps-hostd-XXXXXX",
		 access("/dev/shm", W_OK) ? "/tmp" : "/dev/shm");
	fd = mkstemp(path);
	if (fd < 0 || ftruncate(fd, (off_t)len)) {
		perror("make_file");
		exit(2);
	}
	return fd;
}

/*
 * (Re)publish a table, as a booting guest does: header at frame
 * @hdr_frame, words at @tbl_frame, fresh pattern bytes and a random usage
 * in every other frame; @only, if not LPS_NR_USAGE, forces that usage.
 */
static inline void fixture_publish(struct fixture *f, unsigned int hdr_frame,
				   unsigned int tbl_frame, enum lps_usage only)
{
	unsigned int i, j;

	f->hdr_frame = hdr_frame;
	f->tbl_frame = tbl_frame;
	f->n_unused = f->n_volatile = 0;
	LPS_CHECK_EQ(lps_shmem_guest_setup(&f->g,
			(void *)(f->map + (size_t)hdr_frame * PG),
			RAM_GPA + (uint64_t)hdr_frame * PG,
			(uint32_t *)(f->map + (size_t)tbl_frame * PG),
			RAM_GPA + (uint64_t)tbl_frame * PG, RAM_GPA, NF), 0);
	for (i = 0; i < NF; i++) {
		unsigned char *p = f->map + (size_t)i * PG;

		f->usage[i] = LPS_STABLE;
		if (i == hdr_frame || i == tbl_frame)
			continue;
		for (j = 0; j < PG; j += 8) {
			uint64_t w = lps_test_rand();

			memcpy(p + j, &w, 8);
		}
		f->sum[i] = frame_sum(p);
		f->usage[i] = only < LPS_NR_USAGE ? only :
			      (enum lps_usage)lps_test_below(LPS_NR_USAGE);
		if (f->usage[i] != LPS_STABLE)
			LPS_CHECK(lps_shmem_guest_apply(&f->g,
							&f->g.words[i],
							f->usage[i]) >= 0);
		f->n_unused += f->usage[i] == LPS_UNUSED;
		f->n_volatile += f->usage[i] == LPS_VOLATILE;
	}
}

/* A RAM file with the table in frames 0 (header) and 1 (words). */
static inline void fixture_init(struct fixture *f, enum lps_usage only)
{
	memset(f, 0, sizeof(*f));
	f->fd = make_file(f->path, (size_t)NF * PG);
	f->map = mmap(NULL, (size_t)NF * PG, PROT_READ | PROT_WRITE,
		      MAP_SHARED, f->fd, 0);
	LPS_CHECK(f->map != MAP_FAILED);
	fixture_publish(f, 0, 1, only);
}

static inline void fixture_fini(struct fixture *f)
{
	munmap(f->map, (size_t)NF * PG);
	close(f->fd);
	unlink(f->path);
}

static inline int64_t allocated(int fd)
{
	struct stat st;

	fstat(fd, &st);
	return (int64_t)st.st_blocks * 512;
}

/* Was frame @i dropped (hole, zero, content zero) or kept intact? */
static inline void check_frame(struct fixture *f, struct hostd_ram *r,
			unsigned int i, int dropped)
{
	uint32_t w = lps_le32(f->g.words[i]);
	unsigned char *p = f->map + (size_t)i * PG;

	if (dropped) {
		LPS_CHECK_EQ(hostd_ram_is_hole(r, (uint64_t)i * PG, PG), 1);
		LPS_CHECK(is_zero(p));
		LPS_CHECK_EQ(lps_shmem_w_content(w), LPS_ZERO);
		LPS_CHECK_EQ(lps_shmem_w_usage(w), f->usage[i]);
	} else {
		LPS_CHECK_EQ(hostd_ram_is_hole(r, (uint64_t)i * PG, PG), 0);
		LPS_CHECK(frame_sum(p) == f->sum[i]);
	}
	LPS_CHECK(!(w & LPS_SHMEM_W_CLAIM));
}

/* A fresh agent state that finds the table by scanning (the old default). */
static inline int attach_scan(struct hostd *d, struct hostd_ram *r,
			      uint64_t ram_gpa)
{
	memset(d, 0, sizeof(*d));
	d->scan = true;
	d->ram_gpa = ram_gpa;
	return hostd_attach_scan(d, r, ram_gpa);
}

/* The same, at the address the host chose (frame 0 in the fixture). */
static inline int attach_at(struct hostd *d, struct hostd_ram *r,
			    uint64_t hdr_gpa)
{
	memset(d, 0, sizeof(*d));
	d->ram_gpa = RAM_GPA;
	d->table_gpa = hdr_gpa;
	return hostd_attach_at(d, r, RAM_GPA, hdr_gpa);
}

#endif /* HOSTD_FIXTURE_H */
