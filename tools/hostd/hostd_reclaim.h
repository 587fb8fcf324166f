/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * hostd_reclaim.h - one reclaim pass of the host agent: attach to the
 * guest's shared state table in the RAM file, then claim, punch, verify
 * and commit every frame the guest allows dropping, through the protocol
 * functions of host/shmem (docs/shmem-protocol.md).
 */
#ifndef HOSTD_RECLAIM_H
#define HOSTD_RECLAIM_H

#include <stdbool.h>	/* bool */
#include <stdint.h>	/* uint64_t */

#include <pagestates/host/lps_shmem_host.h>	/* struct lps_shmem_host */
#include "hostd_ram.h"			/* struct hostd_ram */

/*
 * Most frames one claim (and so one fallocate) covers by default: 64 MiB.
 * The guest waits on every frame of a run until its punch is done, so
 * this bounds that wait (about 5 ms on tmpfs) as well as the call count.
 */
#define HOSTD_MAX_RUN	16384u

struct hostd {
	struct hostd_ram *ram;
	struct lps_shmem_region region;	/* the whole RAM file */
	struct lps_shmem_host host;
	uint64_t max_run;		/* frames per claim; 0: HOSTD_MAX_RUN;
					 * set after hostd_attach() */
	bool attached;
};

struct hostd_stats {
	int64_t allocated_before;	/* bytes the RAM file occupied */
	int64_t allocated_after;
	uint64_t claims;		/* claim runs punched */
	uint64_t dropped_unused;	/* frames committed as dropped */
	uint64_t dropped_volatile;
	uint64_t recovered;		/* a dead agent's claims finished */
	uint64_t punched_bytes;		/* every claimed byte punched */
	uint64_t freed_bytes;		/* of those, held data before and
					 * are a verified hole after */
	uint64_t unverified_bytes;	/* punched, but data still there */
	uint64_t punch_errors;		/* fallocate failed; claim aborted */
	uint64_t protocol_errors;	/* commit/abort/claim said EPROTO */
};

/*
 * Find and attach to the table in @ram, whose offset 0 is guest-physical
 * @ram_gpa, reading only pages that hold data.  0; -LPS_ENOTSUP when no
 * page carries the magic (no table published); else the negative code of
 * lps_shmem_host_find() / _attach() (-LPS_EPROTO: a bad or ambiguous
 * header, or the wrong @ram_gpa).
 */
int hostd_attach(struct hostd *d, struct hostd_ram *ram, uint64_t ram_gpa);

/*
 * Drop what @how (LPS_RECLAIM_UNUSED | LPS_RECLAIM_VOLATILE) allows until
 * the file occupies at most @target bytes (< 0: drop everything allowed):
 * unused frames first, volatile ones only while the target is not met,
 * each as runs of up to d->max_run frames punched with one call.
 * Adds to @st.  0, or -LPS_EINVAL when not attached or @how is empty.
 */
int hostd_reclaim(struct hostd *d, uint32_t how, int64_t target,
		  struct hostd_stats *st);

#endif /* HOSTD_RECLAIM_H */
