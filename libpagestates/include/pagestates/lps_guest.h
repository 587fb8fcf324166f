/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * lps_guest.h - the guest-side hint API shared by the kernel glue and
 * userspace: set unused, set stable, try volatile, get state, per-CPU
 * batching and counters, and the per-CPU discarded-page lists.
 *
 * Storage: the caller owns everything (one frame word per guest frame, one
 * struct lps_cpu, one struct lps_batch and a discard ring per CPU).
 *
 * Concurrency: calls for different frames may run at once on different CPU
 * indexes; one CPU index is used by one thread at a time (the kernel glue
 * disables preemption).  The caller serialises operations on the same frame
 * (the guest's memory manager already does: page lock, zone lock, or sole
 * ownership).  A make-stable may run on any CPU while the frame's hint still
 * sits in another CPU's batch: the core cancels it there under that CPU's
 * lock, so the host never sees a stale hint after the make-stable.  A CPU's
 * own hints and cancels take no lock: only the thread using that CPU index
 * edits its batch.
 *
 * Ports with a direct path (lps_port_ops.hint: the shared table, ESSA)
 * are told each hint at once; nothing is batched and nothing is pending.
 */
#ifndef PAGESTATES_LPS_GUEST_H
#define PAGESTATES_LPS_GUEST_H

#include "lps_types.h"		/* uint32_t, uint64_t, lps_lock_t */
#include "lps_state.h"		/* enum lps_usage */
#include "lps_rules.h"		/* struct lps_page_facts, enum lps_reason */
#include "lps_batch.h"		/* struct lps_batch */
#include "lps_port_ops.h"	/* struct lps_port_ops */
#include "lps_discard.h"	/* struct lps_discard_list */

#ifdef __cplusplus
extern "C" {
#endif

/* Largest block one call may cover: 2^LPS_MAX_ORDER frames. */
#define LPS_MAX_ORDER 20u

/*
 * Most frames one batch carries to the host.  A flush walks every frame of
 * its batch with the CPU's lock held (interrupts off in a kernel), and the
 * host decodes them all in one exit, so this bounds both: 16384 words
 * (64 MiB of 4 KiB frames) are tens of microseconds to settle.  4096 was
 * too few: a guest that frees 16 MiB of 2 MiB blocks and takes them back
 * filled each batch before it could reuse a block, and the hypercall
 * ports fell below 512 pages per exit.
 */
#define LPS_BATCH_MAX_FRAMES 16384u

/*
 * Per-CPU counters.  Written only by their CPU (relaxed atomics, so a
 * reader summing them from another CPU is not a data race).
 */
struct lps_counters {
	/* frames hinted, by target state; stable: made stable at the host */
	uint64_t hints[LPS_NR_USAGE];
	uint64_t refused[LPS_NR_REASONS]; /* try-volatile kept stable, by why */
	uint64_t discards_found;	/* make-stable answered "discarded" */
	uint64_t rereads;		/* caller re-read a discarded page */
	uint64_t batches;		/* batches flushed */
	uint64_t transitions;		/* guest-to-host calls of the port */
	uint64_t retries;		/* submits resumed after -LPS_EAGAIN */
	uint64_t cancelled;		/* pending hints a make-stable undid */
	uint64_t port_errors;		/* hard port errors (hints dropped) */
	uint64_t discard_overflows;	/* discard-list pushes refused */
	uint64_t host_waits;		/* make-stables the host held off */
};

struct lps_cpu {
	/*
	 * Taken by a flush and by another CPU's cancel; the thread using
	 * this CPU index edits its own batch without it.
	 */
	lps_lock_t lock;
	uint32_t scrub;			/* dead frames in the batch (lock) */
	uint32_t queued;		/* frames queued since the last flush */
	struct lps_batch *batch;
	struct lps_discard_list discarded;
	struct lps_counters cnt;
};

struct lps_guest_config {
	uint32_t sz;			/* sizeof(struct lps_guest_config) */
	const struct lps_port_ops *port;
	void *port_ctx;
	uint64_t nframes;		/* guest frames 0 .. nframes - 1 */
	uint32_t *frame_words;		/* nframes words, zeroed by init */
	uint32_t ncpus;
	struct lps_cpu *cpus;		/* ncpus entries */
	struct lps_batch *batches;	/* ncpus descriptors */
	uint64_t *discard_slots;	/* ncpus * discard_cap entries */
	uint32_t discard_cap;		/* per CPU, >= 1 */
};

struct lps_guest {
	const struct lps_port_ops *port;
	void *port_ctx;
	uint32_t caps;			/* the port's, read by the rules */
	bool direct;			/* the port has .hint: no batching */
	uint64_t nframes;
	uint32_t *frame_words;
	uint32_t ncpus;
	struct lps_cpu *cpus;
};

/**
 * lps_guest_init() - set up a guest context over caller-owned storage
 * @g:   the context
 * @cfg: storage and port; @cfg->sz must be set
 *
 * Every frame starts stable (what the host assumes of a new guest).
 * Return: 0, or -LPS_EINVAL for NULL or zero-size storage, a wrong @sz, or
 * a port without submit/make_stable.  Nothing is written on error.
 */
int lps_guest_init(struct lps_guest *g, const struct lps_guest_config *cfg);

/**
 * lps_set_unused() - the allocator freed 2^@order frames at @pfn
 * @g:     the guest context
 * @cpu:   the calling CPU, whose batch takes the hint
 * @pfn:   first frame, aligned to 2^@order
 * @order: log2 of the number of frames
 *
 * Queued in @cpu's batch; an adjacent hint coalesces into one range.
 *
 * Return: 0, or -LPS_EINVAL (bad @cpu, @order, misaligned @pfn),
 * -LPS_ERANGE (outside the guest), a port error from a flush the queueing
 * forced.
 */
int lps_set_unused(struct lps_guest *g, uint32_t cpu, uint64_t pfn,
		   uint32_t order);

/**
 * lps_set_stable() - 2^@order frames at @pfn are about to be used
 * @g:     the guest context
 * @cpu:   the calling CPU
 * @pfn:   first frame, aligned to 2^@order
 * @order: log2 of the number of frames
 *
 * Cancels any pending hint for them; asks the host synchronously only for
 * frames the host does not already hold stable.
 *
 * Return: 0 when the content is intact, LPS_R_DISCARDED when the host had
 * dropped it (the caller must re-read; counted), or a negative code;
 * -LPS_ETIMEDOUT when the host held a frame past the port's bounded wait
 * (a shared table whose host is stalled mid-drop): nothing changed, the
 * content must not be used, and the caller calls again, with interrupts
 * enabled in between if it can.
 */
int lps_set_stable(struct lps_guest *g, uint32_t cpu, uint64_t pfn,
		   uint32_t order);

/**
 * lps_try_volatile() - offer one frame for volatile or potentially volatile
 * @g:     the guest context
 * @cpu:   the calling CPU, whose batch takes the hint
 * @pfn:   the frame
 * @facts: the page's facts, read by lps_rules_decide() with the port's caps
 *
 * Return: the usage state chosen (LPS_STABLE when a rule refused; the
 * reason is counted), or a negative code; -LPS_EPERM for a frame that is
 * unused or whose content the core knows to be discarded.
 */
int lps_try_volatile(struct lps_guest *g, uint32_t cpu, uint64_t pfn,
		     const struct lps_page_facts *facts);

/**
 * lps_get_state() - the guest's view of one frame
 * @g:   the guest context
 * @pfn: the frame
 *
 * Return: the frame's pending hint if one is queued, else what the host was
 * last told, as an enum lps_usage; or -LPS_ERANGE / -LPS_EINVAL.
 */
int lps_get_state(struct lps_guest *g, uint64_t pfn);

/**
 * lps_flush() - submit one CPU's batch now
 * @g:   the guest context
 * @cpu: whose batch; called from the thread using @cpu
 *
 * Called when the batch is full, on demand, or from the caller's timer.
 * Resumes from the cursor after -LPS_EAGAIN, a bounded number of times.  On
 * a hard error the unsent hints are dropped (the host keeps its older, safe
 * view; every frame word stays consistent) and counted.
 *
 * Return: 0, or the port's negative code.
 */
int lps_flush(struct lps_guest *g, uint32_t cpu);

/*
 * Flush every CPU's batch; returns the first error, after trying all.
 * Uses every CPU index, so no other thread may use one meanwhile (suspend,
 * migration and tests stop the CPUs first; a kernel flushes each CPU with
 * lps_flush() on that CPU instead).
 */
int lps_flush_all(struct lps_guest *g);

/* Park a discarded frame on @cpu's list (-LPS_ENOSPC when full; counted). */
int lps_discard_park(struct lps_guest *g, uint32_t cpu, uint64_t pfn);

/* Release @cpu's parked frames through @fn; returns how many. */
int64_t lps_discard_release(struct lps_guest *g, uint32_t cpu,
			    lps_discard_fn fn, void *opaque);

/* Release every CPU's parked frames (memory pressure); returns how many. */
int64_t lps_discard_release_all(struct lps_guest *g, lps_discard_fn fn,
				void *opaque);

/* The caller re-read a discarded page from its backing store. */
void lps_count_reread(struct lps_guest *g, uint32_t cpu);

/* Sum every CPU's counters into @out. */
void lps_counters_sum(struct lps_guest *g, struct lps_counters *out);

#ifdef __cplusplus
}
#endif

#endif /* PAGESTATES_LPS_GUEST_H */
