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
	/*
	 * Read one frame back from host swap.  The slot keeps its copy: a
	 * frame read back and not written since can be paged out again
	 * without a write (see swap_cache in struct lps_host_config).
	 */
	int (*page_in)(void *ctx, uint64_t pfn);
	/*
	 * Drop the memory of one resident frame whose host swap slot still
	 * holds exactly its bytes: a page-out without a write.  Called only
	 * with a swap cache.  0, or fail (nothing changes).
	 */
	int (*evict)(void *ctx, uint64_t pfn);
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
	uint64_t swap_out_clean;		/* paged out, no write needed */
	uint64_t swap_in;			/* frames read from host swap */
	uint64_t backend_errors;
};

/*
 * Every frame starts stable with zero content and nothing resident: a new
 * guest whose memory the host has not populated yet.  Without this flag
 * every frame starts stable and resident (a host taking over a guest that
 * already runs).
 */
#define LPS_HOST_START_ZERO	(1u << 0)
#define LPS_HOST_FLAGS		LPS_HOST_START_ZERO

struct lps_host_config {
	uint32_t sz;			/* sizeof(struct lps_host_config) */
	uint64_t nframes;		/* guest frames */
	lps_fstate_t *states;		/* nframes bytes, caller-owned */
	uint8_t *dirty_log;		/* (nframes + 7) / 8 bytes */
	const struct lps_host_backend *backend;
	void *backend_ctx;
	uint32_t flags;			/* LPS_HOST_* */
	/*
	 * Optional, (nframes + 7) / 8 bytes, caller-owned: the host swap
	 * cache, one bit per frame set while the frame is resident and its
	 * host swap slot still holds the same bytes (read back, not written
	 * since).  Such a frame is paged out with backend->evict instead of
	 * a write.  NULL: every page-out writes.
	 */
	uint8_t *swap_cache;
};

struct lps_host {
	uint64_t nframes;
	lps_fstate_t *states;
	uint8_t *dirty_log;
	uint8_t *swap_cache;		/* NULL: no host swap cache */
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
	/*
	 * Where each reclaim pass (unused, volatile, swap, all) starts next:
	 * one clock per pass, so dropping a free frame does not move the
	 * swap clock among the frames the guest just allocated.
	 */
	uint64_t reclaim_next[4];
	uint64_t reclaim_busy;		/* frames claimed by reclaims in flight */
	/*
	 * Where a hint descriptor's ranges are copied and checked, under
	 * @lock: a kernel-resident hypervisor cannot spare 4 KiB of stack.
	 */
	uint64_t batch_scratch[2 * LPS_BATCH_MAX_RANGES];
	bool batch_scratch_busy;	/* a batch walks it, lock dropped */
};

/*
 * Every frame starts stable and resident, or with LPS_HOST_START_ZERO
 * stable and zero.  -LPS_EINVAL on bad config or unknown flags.
 */
int lps_host_init(struct lps_host *h, const struct lps_host_config *cfg);

/**
 * lps_host_apply_batch() - apply a guest's hint descriptor
 * @h:      the host model
 * @buf:    the descriptor as the guest supplied it (guest memory)
 * @len:    bytes actually readable at @buf
 * @budget: most ranges to apply in this call (0: no limit)
 *
 * The header and every range from the cursor on are read once and checked
 * before anything is applied: magic, version, flags, nr <= capacity of
 * @len, cursor <= nr, each range inside the guest, count >= 1, a known
 * usage state, no two ranges overlapping, and every transition legal.
 * Then ranges are applied and the cursor written back.  Frames set unused
 * while paged out lose their host swap slot at once, as with
 * lps_host_set_usage().
 *
 * Return: 0 when done, -LPS_EAGAIN when @budget stopped it early (cursor
 * updated), or -LPS_EPROTO / -LPS_ERANGE / -LPS_EINVAL / -LPS_EPERM with
 * nothing changed.
 */
int lps_host_apply_batch(struct lps_host *h, void *buf, size_t len,
			 uint32_t budget);

/**
 * lps_host_set_usage() - the guest set one frame's usage state
 * @h:     the host model
 * @pfn:   the frame
 * @usage: the state the guest asked for
 * @old:   receives the previous state; may be NULL
 *
 * For per-frame transports such as ESSA.  A frame set unused while paged
 * out loses its host swap slot at once (backend->discard; counted in
 * discarded_unused), as KVM releases such frames after ESSA: the content
 * is worthless now, and paging it back in when the guest reuses the frame
 * would be I/O for nothing.  If the backend fails, the frame stays paged
 * out (counted in backend_errors).
 *
 * Return: 0, LPS_R_DISCARDED (SET_STABLE of a discarded frame), or a
 * negative code with nothing changed.
 */
int lps_host_set_usage(struct lps_host *h, uint64_t pfn,
		       enum lps_usage usage, lps_fstate_t *old);

/* make-stable over a range: 0, LPS_R_DISCARDED if any was dropped, or < 0. */
int lps_host_make_stable(struct lps_host *h, uint64_t pfn, uint64_t count);

/**
 * lps_host_guest_access() - the guest touched a frame
 * @h:     the host model
 * @pfn:   the frame
 * @write: the access was a write (the frame's change bit is set)
 *
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
	uint64_t swapped_out;		/* written to host swap */
	uint64_t swapped_clean;		/* paged out without a write */
};

/**
 * lps_host_reclaim() - bring resident frames down to @target
 * @h:      the host model
 * @target: how many frames may stay resident
 * @how:    LPS_RECLAIM_* bits: what it may drop or page out
 * @res:    receives what was done; may be NULL
 *
 * Drops unused frames first, then volatile and clean potentially volatile
 * ones, then (with LPS_RECLAIM_SWAP) pages stable ones out; never drops a
 * stable or written potentially volatile frame.  Each of the three passes
 * takes frames in ascending order starting after where its own last call
 * stopped.  With a swap cache, a frame whose swap slot is still current is
 * paged out without a write (swapped_clean).
 *
 * Return: 0 when at or under @target, -LPS_EAGAIN when what @how allows
 * could not get there, -LPS_EINVAL.
 */
int lps_host_reclaim(struct lps_host *h, uint64_t target, uint32_t how,
		     struct lps_host_reclaim_result *res);

/* Drop every frame the guest allows (an agent's "reclaim now"). */
int lps_host_reclaim_all(struct lps_host *h,
			 struct lps_host_reclaim_result *res);

/**
 * lps_host_snapshot() - copy all states and clear the dirty log
 * @h:   the host model
 * @out: receives one state per frame
 * @len: entries at @out; at least the guest's frames
 *
 * The start of a migration: lps_host_dirty_next() then reports what
 * changed since.
 *
 * Return: 0, or -LPS_EINVAL (NULL, or @len too small) with nothing written.
 */
int lps_host_snapshot(struct lps_host *h, lps_fstate_t *out, size_t len);

/**
 * lps_host_dirty_next() - the next frame whose state changed
 * @h:     the host model
 * @from:  first frame to look at
 * @pfn:   receives the frame found
 * @state: receives its state
 *
 * Finds the next frame at or after @from whose state changed since the
 * last snapshot or dirty read, and clears its bit.
 *
 * Return: 1 with *@pfn and *@state set, 0 when none, or a negative code.
 */
int lps_host_dirty_next(struct lps_host *h, uint64_t from, uint64_t *pfn,
			lps_fstate_t *state);

#ifdef __cplusplus
}
#endif

#endif /* PAGESTATES_HOST_LPS_HOST_H */
