/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * hostd_ram.h - the guest RAM file as the agent sees it: a MAP_SHARED
 * mapping, its allocated size, and hole punching that is checked to have
 * really left a hole.
 */
#ifndef HOSTD_RAM_H
#define HOSTD_RAM_H

#include <stddef.h>	/* size_t */
#include <stdint.h>	/* uint64_t */

struct hostd_ram {
	int fd;
	unsigned char *map;
	size_t len;
};

/* 0, or -errno with nothing left open. */
int hostd_ram_open(struct hostd_ram *r, const char *path);
void hostd_ram_close(struct hostd_ram *r);

/*
 * Take the exclusive agent lock on the file (flock).  0; -EBUSY while
 * another agent, running or stalled, holds it; else -errno.
 */
int hostd_ram_lock(struct hostd_ram *r);

/*
 * Map the file again if its size changed since it was mapped: 0 when it
 * did not, 1 when it did (every pointer into the old mapping is gone),
 * -EINVAL when it is empty now, else -errno with the old mapping kept.
 */
int hostd_ram_resync(struct hostd_ram *r);

/* Bytes the file really occupies (st_blocks * 512), or -errno. */
int64_t hostd_ram_allocated(const struct hostd_ram *r);

/*
 * Punch [off, off + len) out of the file, keeping its size.  0 once the
 * kernel accepted it (the content is gone from then on, whatever a later
 * check says), -EINVAL for a range outside the file, or the punch's -errno.
 */
int hostd_ram_punch(struct hostd_ram *r, uint64_t off, uint64_t len);

/* Bytes of [off, off + len) that hold data (SEEK_DATA/SEEK_HOLE), or -errno. */
int64_t hostd_ram_data_bytes(const struct hostd_ram *r, uint64_t off,
			     uint64_t len);

/* 1 when SEEK_DATA finds no data in [off, off + len), 0 if it does, or
 * -errno. */
int hostd_ram_is_hole(const struct hostd_ram *r, uint64_t off, uint64_t len);

#endif /* HOSTD_RAM_H */
