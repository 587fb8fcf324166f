// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * hostd_ram.c - map the guest RAM file shared and punch holes in it.  The
 * hole check is separate from the punch: a filesystem that accepts the
 * call but keeps the blocks must show up as unverified, not be reported
 * as memory the host got back.
 */
#define _GNU_SOURCE		/* fallocate, FALLOC_FL_*, SEEK_DATA */
#include <errno.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "hostd_ram.h"

int hostd_ram_open(struct hostd_ram *r, const char *path)
{
	struct stat st;
	int err;

	r->fd = open(path, O_RDWR | O_CLOEXEC);
	if (r->fd < 0)
		return -errno;
	if (fstat(r->fd, &st) || st.st_size <= 0) {
		err = st.st_size <= 0 ? -EINVAL : -errno;
		goto fail;
	}
	r->len = (size_t)st.st_size;
	r->map = mmap(NULL, r->len, PROT_READ | PROT_WRITE, MAP_SHARED,
		      r->fd, 0);
	if (r->map == MAP_FAILED) {
		err = -errno;
		goto fail;
	}
	return 0;
fail:
	close(r->fd);
	r->fd = -1;
	r->map = NULL;
	return err;
}

/*
 * flock, not an fcntl lock: it belongs to this open file, so it is
 * dropped only when the agent exits (or dies), never by a stray close()
 * of another descriptor, and a stalled agent keeps holding it.
 */
int hostd_ram_lock(struct hostd_ram *r)
{
	if (flock(r->fd, LOCK_EX | LOCK_NB))
		return errno == EWOULDBLOCK ? -EBUSY : -errno;
	return 0;
}

int hostd_ram_resync(struct hostd_ram *r)
{
	struct stat st;
	void *map;

	if (fstat(r->fd, &st))
		return -errno;
	if (st.st_size <= 0)
		return -EINVAL;
	if ((size_t)st.st_size == r->len)
		return 0;
	map = mmap(NULL, (size_t)st.st_size, PROT_READ | PROT_WRITE,
		   MAP_SHARED, r->fd, 0);
	if (map == MAP_FAILED)
		return -errno;
	munmap(r->map, r->len);
	r->map = map;
	r->len = (size_t)st.st_size;
	return 1;
}

void hostd_ram_close(struct hostd_ram *r)
{
	if (r->map)
		munmap(r->map, r->len);
	if (r->fd >= 0)
		close(r->fd);
	r->map = NULL;
	r->fd = -1;
}

int64_t hostd_ram_allocated(const struct hostd_ram *r)
{
	struct stat st;

	if (fstat(r->fd, &st))
		return -errno;
	return (int64_t)st.st_blocks * 512;
}

static int range_ok(const struct hostd_ram *r, uint64_t off, uint64_t len)
{
	return len && off <= r->len && len <= r->len - off;
}

int hostd_ram_punch(struct hostd_ram *r, uint64_t off, uint64_t len)
{
	if (!range_ok(r, off, len))
		return -EINVAL;
	if (fallocate(r->fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE,
		      (off_t)off, (off_t)len))
		return -errno;
	return 0;
}

int64_t hostd_ram_data_bytes(const struct hostd_ram *r, uint64_t off,
			     uint64_t len)
{
	uint64_t pos = off, end = off + len, sum = 0;
	off_t data, hole;

	if (!range_ok(r, off, len))
		return -EINVAL;
	while (pos < end) {
		data = lseek(r->fd, (off_t)pos, SEEK_DATA);
		if (data < 0)
			return errno == ENXIO ? (int64_t)sum : -errno;
		if ((uint64_t)data >= end)
			break;
		hole = lseek(r->fd, data, SEEK_HOLE);
		if (hole < 0)
			return -errno;
		pos = (uint64_t)hole < end ? (uint64_t)hole : end;
		sum += pos - (uint64_t)data;
	}
	return (int64_t)sum;
}

int hostd_ram_is_hole(const struct hostd_ram *r, uint64_t off, uint64_t len)
{
	off_t data;

	if (!range_ok(r, off, len))
		return -EINVAL;
	data = lseek(r->fd, (off_t)off, SEEK_DATA);
	if (data < 0)
		return errno == ENXIO ? 1 : -errno;
	return (uint64_t)data >= off + len;
}
