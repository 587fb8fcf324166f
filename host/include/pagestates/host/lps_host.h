/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_host.h - the host model a hypervisor embeds: per-frame guest usage
 * and host content states for one guest, hint application with full
 * validation of everything the guest supplies, a reclaim policy, migration
 * snapshots with a dirty log, and counters.  The real dropping of memory
 * goes through a backend (a host agent punches holes; the simulator counts).
 *
 * Every guest-supplied index, count, range and buffer length is checked
 * against the guest's real size and the real buffer before anything is
 * changed: a failing call changes nothing.
 */
#ifndef PAGESTATES_HOST_LPS_HOST_H
#define PAGESTATES_HOST_LPS_HOST_H

#include <pagestates/lps_types.h>	/* uint8_t .. uint64_t, size_t */
#include <pagestates/lps_state.h>	/* lps_fstate_t, enum lps_usage */
#include <pagestates/lps_batch.h>	/* descriptor layout */

#ifdef __cplusplus
extern "C" {
#endif

/* How the host really moves memory.  Any member may be NULL (counted only). */
struct lps_host_backend {
	/* Drop [pfn, pfn + count); 0 only if the memory was really freed. */
	int (*discard)(void *ctx, uint64_t pfn, uint64_t count);
	/* Write one frame to host swap (0) or fail (nothing changes). */
	int (*page_out)(void *ctx, uint64_t pfn);
	/* Read one frame back from host swap. */
	int (*page_in)(void *ctx, uint64_t pfn);
};

struct lps_host_counters {
	uint64_t hints_applied[LPS_NR_USAGE];	/* frames set, by state */
	uint64_t batches;			/* descriptors applied */
	uint64_t rejected;			/* calls refused for bad input */
	uint64_t discarded_unused;		/* frames dropped while unused */
	uint64_t discarded_volatile;		/* ... volatile or clean P */
	uint64_t discard_faults;		/* guest touched discarded */
	uint64_t stable_discarded;		/* make-stable said "discarded" */
	uint64_t swap_out;			/* frames written to host swap */
	uint64_t swap_in;			/* frames read from host swap */
	uint64_t backend_errors;
};

struct lps_host_config {
	uint32_t sz;			/* sizeof(struct lps_host_config) */
	uint64_t nframes;		/* guest frames */
	lps_fstate_t *states;		/* nframes bytes, caller-owned */
	uint8_t *dirty_log;		/* (nframes + 7) / 8 bytes */
	const struct lps_host_backend *backend;
	void *backend_ctx;
};

struct lps_host {
	uint64_t nframes;
	lps_fstate_t *states;
	uint8_t *dirty_log;
	const struct lps_host_backend *backend;
	void *backend_ctx;
	uint64_t resident;		/* frames with content RESIDENT */
	struct lps_host_counters cnt;
	/*
	 * Host-private; callers never touch these.  While a call is in
	 * flight a frame's byte in @states may carry a host-private claim
	 * bit: read states through lps_host_get_state() or a snapshot then.
	 */
	lps_lock_t lock;		/* serialises every state change */
	uint64_t reclaim_next;		/* where the next reclaim scan starts */
	uint64_t reclaim_busy;		/* frames claimed by reclaims in flight */
	/*
	 * Where a hint descriptor's ranges are copied and checked, under
	 * @lock: a kernel-resident hypervisor cannot spare 4 KiB of stack.
	 */
	uint64_t batch_scratch[2 * LPS_BATCH_MAX_RANGES];
};

/* Every frame starts stable and resident.  -LPS_EINVAL on bad config. */
int lps_host_init(struct lps_host *h, const struct lps_host_config *cfg);

/**
 * lps_host_apply_batch() - apply a guest's hint descriptor
 * @buf:    the descriptor as the guest supplied it (guest memory)
 * @len:    bytes actually readable at @buf
 * @budget: most ranges to apply in this call (0: no limit)
 *
 * The header and every range from the cursor on are read once and checked
 * before anything is applied: magic, version, flags, nr <= capacity of
 * @len, cursor <= nr, each range inside the guest, count >= 1, a known
 * usage state, no two ranges overlapping, and every transition legal.
 * Then ranges are applied and the cursor written back.
 * Return: 0 when done, -LPS_EAGAIN when @budget stopped it early (cursor
 * updated), or -LPS_EPROTO / -LPS_ERANGE / -LPS_EINVAL / -LPS_EPERM with
 * nothing changed.
 */
int lps_host_apply_batch(struct lps_host *h, void *buf, size_t len,
			 uint32_t budget);

/**
 * lps_host_set_usage() - the guest set one frame's usage state (per-frame
 * transports such as ESSA)
 * @old: receives the previous state; may be NULL
 * Return: 0, LPS_R_DISCARDED (SET_STABLE of a discarded frame), or a
 * negative code with nothing changed.
 */
int lps_host_set_usage(struct lps_host *h, uint64_t pfn,
		       enum lps_usage usage, lps_fstate_t *old);

/* make-stable over a range: 0, LPS_R_DISCARDED if any was dropped, or < 0. */
int lps_host_make_stable(struct lps_host *h, uint64_t pfn, uint64_t count);

/**
 * lps_host_guest_access() - the guest touched a frame
 * Return: 0 (pages it in from host swap if needed, counted), -LPS_EFAULT
 * for discarded content (the discard fault), -LPS_EPERM for an unused
 * frame (a guest bug), or another negative code.
 */
int lps_host_guest_access(struct lps_host *h, uint64_t pfn, bool write);

int lps_host_get_state(const struct lps_host *h, uint64_t pfn,
		       lps_fstate_t *out);

/* What lps_host_reclaim() may do to get under its target. */
#define LPS_RECLAIM_UNUSED	(1u << 0)	/* drop unused frames */
#define LPS_RECLAIM_VOLATILE	(1u << 1)	/* drop V and clean P frames */
#define LPS_RECLAIM_SWAP	(1u << 2)	/* page the rest out */
#define LPS_RECLAIM_ALL		((1u << 3) - 1)

struct lps_host_reclaim_result {
	uint64_t dropped_unused;
	uint64_t dropped_volatile;
	uint64_t swapped_out;
};

/**
 * lps_host_reclaim() - bring resident frames down to @target
 * Drops unused frames first, then volatile and clean potentially volatile
 * ones, then (with LPS_RECLAIM_SWAP) pages stable ones out; never drops a
 * stable or written potentially volatile frame.  Frames are taken in
 * ascending order starting after where the last call stopped.
 * Return: 0 when at or under @target, -LPS_EAGAIN when what @how allows
 * could not get there, -LPS_EINVAL.
 */
int lps_host_reclaim(struct lps_host *h, uint64_t target, uint32_t how,
		     struct lps_host_reclaim_result *res);

/* Drop every frame the guest allows (an agent's "reclaim now"). */
int lps_host_reclaim_all(struct lps_host *h,
			 struct lps_host_reclaim_result *res);

/**
 * lps_host_snapshot() - copy all states into @out (@len >= nframes) and
 * clear the dirty log; the start of a migration.
 */
int lps_host_snapshot(struct lps_host *h, lps_fstate_t *out, size_t len);

/**
 * lps_host_dirty_next() - the next frame at or after @from whose state
 * changed since the last snapshot or dirty read; clears its bit.
 * Return: 1 with *@pfn and *@state set, 0 when none, or a negative code.
 */
int lps_host_dirty_next(struct lps_host *h, uint64_t from, uint64_t *pfn,
			lps_fstate_t *state);

#ifdef __cplusplus
}
#endif

#endif /* PAGESTATES_HOST_LPS_HOST_H */
