/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * hostd_reclaim.h - one reclaim pass of the host agent: attach to the
 * guest's shared state table in the RAM file, then claim, punch, verify
 * and commit every frame the guest allows dropping, through the protocol
 * functions of host/shmem (docs/shmem-protocol.md).
 */
#ifndef HOSTD_RECLAIM_H
#define HOSTD_RECLAIM_H

#include <signal.h>	/* sig_atomic_t */
#include <stdbool.h>	/* bool */
#include <stdint.h>	/* uint64_t */
#include <stdio.h>	/* FILE */

#include <pagestates/host/lps_shmem_host.h>	/* struct lps_shmem_host */
#include "hostd_ram.h"			/* struct hostd_ram */

/*
 * Most frames one claim (and so one fallocate) covers by default: 64 MiB.
 * The guest waits on every frame of a run until its punch is done, so
 * this bounds that wait (about 5 ms on tmpfs) as well as the call count.
 */
#define HOSTD_MAX_RUN	16384u

/* Fault injection, for tests that must see the guest's checks fail. */
enum hostd_fault {
	HOSTD_FAULT_NONE,
	/* Punch claimed frames, then give them back as resident: the guest
	 * is never told its content went. */
	HOSTD_FAULT_LOSE,
};

struct hostd {
	struct hostd_ram *ram;
	struct lps_shmem_region region;	/* the whole RAM file */
	struct lps_shmem_host host;
	uint64_t max_run;		/* frames per claim; 0: HOSTD_MAX_RUN */
	uint64_t hdr_gpa;		/* the attached header */
	bool attached;
	unsigned long attaches;		/* successful attaches so far */
	uint32_t last_epoch;		/* of the latest attach */
	unsigned long resized;		/* RAM file size changes seen */
	/* Non-zero once asked to stop: the claim in hand is finished,
	 * nothing new is claimed.  May be NULL. */
	const volatile sig_atomic_t *stop;
	enum hostd_fault fault;
	/*
	 * Where each punched claim is logged, or NULL: lets a test that
	 * finds a wrong page name the punches that covered its frame.
	 */
	FILE *drop_log;
	/* Where hostd_settle() looks for the table. */
	bool scan;			/* scan (opt-in), else @table_gpa */
	uint64_t table_gpa;		/* the header, as the host placed it */
	uint64_t ram_gpa;		/* guest-physical address of @ram */
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
	uint64_t swept;			/* frames the scan cursor passed */
	uint64_t stale_claims;		/* claims given up unpunched: the
					 * table changed under them */
	bool stopped;			/* ended early: stop, stale table or
					 * a filesystem that refuses punches */
	/* Monotonic time the pass spent finding and checking the table,
	 * and reclaiming; filled by the command line's pass. */
	uint64_t attach_ns;
	uint64_t reclaim_ns;
};

/*
 * Attach to the table whose header the host placed at guest-physical
 * @hdr_gpa in @ram (offset 0 is @ram_gpa).  0; -LPS_ENOTSUP when no magic
 * is there (no table published yet, or retired); -LPS_ERANGE / -LPS_EINVAL
 * for an address outside @ram or not page-aligned; else the code of
 * lps_shmem_host_attach() (-LPS_EPROTO: a bad header).
 */
int hostd_attach_at(struct hostd *d, struct hostd_ram *ram, uint64_t ram_gpa,
		    uint64_t hdr_gpa);

/*
 * Opt-in: find the table by scanning @ram for the magic, reading only
 * pages that hold data.  0; -LPS_ENOTSUP when no page carries the magic;
 * -LPS_EBUSY when several headers are valid (ambiguous); else the code of
 * lps_shmem_host_attach() (-LPS_EPROTO: a bad header, or the wrong
 * @ram_gpa).
 * Any guest process can plant a header: only for guests one trusts.
 */
int hostd_attach_scan(struct hostd *d, struct hostd_ram *ram,
		      uint64_t ram_gpa);

/*
 * Is the attached table still the one attach validated?  0 when it is;
 * -LPS_ENOTSUP when not attached or the magic is gone (retired, or the
 * guest is rebooting); -LPS_EAGAIN when the header changed or the guest
 * published it afresh (its epoch is not ours): attach again.
 */
int hostd_check(struct hostd *d);

/*
 * With --scan, every pass: is the attached table still the only valid one?
 * 0 when it is; -LPS_EAGAIN when another single table is (the guest moved
 * it: attach again); -LPS_EBUSY when several are valid (refuse: a stale
 * or planted copy cannot be told from the real one); -LPS_ENOTSUP when no
 * valid table is left.
 */
int hostd_rescan(struct hostd *d);

/*
 * Each pass, before reclaiming: map the RAM file again if its size
 * changed, keep the attached table if it is still the guest's, else
 * attach afresh (a rebooted guest zeroed the table, so
 * no claim of ours survives in it and nothing of the old attach is used).
 * @d->ram, ->scan, ->table_gpa and ->ram_gpa say where to look.  0 when
 * attached; -LPS_EIO when the file cannot be mapped again (or is empty);
 * else the code of hostd_attach_at() or hostd_attach_scan(), with @d
 * detached.
 */
int hostd_settle(struct hostd *d);

/*
 * Drop what @how (LPS_RECLAIM_UNUSED | LPS_RECLAIM_VOLATILE) allows until
 * the file occupies at most @target bytes (< 0: drop everything allowed):
 * unused frames first, volatile ones only while the target is not met,
 * each as runs of up to d->max_run frames punched with one call.  Each
 * kind, and the recovery of a dead agent's claims, is at most one sweep of
 * the table, however the guest re-marks frames meanwhile.  Adds to @st.  0; -LPS_EINVAL when
 * not attached or @how is empty; -LPS_EAGAIN when the table changed under
 * the pass (it is then detached; attach again).
 */
int hostd_reclaim(struct hostd *d, uint32_t how, int64_t target,
		  struct hostd_stats *st);

#endif /* HOSTD_RECLAIM_H */
