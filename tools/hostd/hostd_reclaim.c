// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * hostd_reclaim.c - the agent's reclaim pass.  The protocol (which words
 * may be claimed, how a claim is committed or given back, a dead agent's
 * claims) lives in host/shmem; this file only adds what a
 * process with the RAM file open does between claim and commit: punch,
 * and check the hole is real.
 */
#define _POSIX_C_SOURCE 200809L	/* clock_gettime */

#include <inttypes.h>	/* PRIu64 */
#include <stdio.h>	/* fprintf */
#include <string.h>
#include <time.h>	/* clock_gettime */

#include "hostd_reclaim.h"

/*
 * A filesystem that refuses hole punching refuses every punch: give up the
 * pass after a few in a row instead of claiming and aborting every frame.
 */
#define HOSTD_MAX_PUNCH_FAILS	4u

/*
 * One line per punch: wall time (to set beside the guest's and the test's
 * logs), the frames, and whether the run was a dead agent's.  Best effort:
 * a full disk must not stop reclaim.
 */
static void log_drop(const struct hostd *d, const struct lps_shmem_claim *c,
		     bool lost)
{
	struct timespec ts;

	if (!d->drop_log)
		return;
	clock_gettime(CLOCK_REALTIME, &ts);
	fprintf(d->drop_log, "%lld.%03ld pfn %" PRIu64 " count %" PRIu64
		" epoch %u%s%s\n", (long long)ts.tv_sec, ts.tv_nsec / 1000000,
		c->pfn, c->count, d->host.epoch,
		c->flags & LPS_SHMEM_CLAIM_RECOVERED ? " recovered" : "",
		lost ? " NOT-TOLD" : "");
	fflush(d->drop_log);
}

/*
 * Punch a claimed run, then commit it; give it back only when the punch
 * itself failed.  Once fallocate succeeded the content is gone, so the
 * run is committed even if the hole check disagrees (that is counted).
 * Frames the guest never touched are holes already: punching them frees
 * nothing, so only bytes that held data count as freed.  Right before the
 * punch the header is checked once more: a guest that rebooted has zeroed
 * the table and may be writing into these frames, so a claim on the old
 * table is dropped unpunched.  Returns 0, or -LPS_EAGAIN for that case.
 */
static int drop_claim(struct hostd *d, const struct lps_shmem_claim *c,
		      struct hostd_stats *st)
{
	int64_t data = hostd_ram_data_bytes(d->ram, c->offset, c->len);
	int hole;

	if (hostd_check(d)) {
		st->stale_claims += c->count;
		d->attached = false;
		return -LPS_EAGAIN;
	}
	if (hostd_ram_punch(d->ram, c->offset, c->len)) {
		st->punch_errors++;
		if (lps_shmem_host_abort(&d->host, c) == -LPS_EPROTO)
			st->protocol_errors++;
		return 0;
	}
	log_drop(d, c, d->fault == HOSTD_FAULT_LOSE);
	if (d->fault == HOSTD_FAULT_LOSE) {
		/* Deliberately wrong: see enum hostd_fault. */
		(void)lps_shmem_host_abort(&d->host, c);
		st->punched_bytes += c->len;
		st->claims++;
		return 0;
	}
	if (lps_shmem_host_commit(&d->host, c) == -LPS_EPROTO)
		st->protocol_errors++;
	st->punched_bytes += c->len;
	hole = hostd_ram_is_hole(d->ram, c->offset, c->len);
	if (hole != 1)
		st->unverified_bytes += c->len;
	else if (data > 0)
		st->freed_bytes += (uint64_t)data;
	st->claims++;
	return 0;
}

/* Frames still to drop to reach @target: 0 when there, else <= max run. */
static uint64_t run_for_target(struct hostd *d, int64_t target)
{
	uint64_t page = 1ull << LPS_SHMEM_PAGE_SHIFT, need;
	uint64_t max = d->max_run ? d->max_run : HOSTD_MAX_RUN;
	int64_t now;

	if (target < 0)
		return max;
	now = hostd_ram_allocated(d->ram);
	if (now <= target)
		return 0;
	need = ((uint64_t)(now - target) + page - 1) / page;
	return need < max ? need : max;
}

static bool stopping(const struct hostd *d)
{
	return d->stop && *d->stop;
}

/* Frames from @from forward to @to, wrapping: 0 .. nframes - 1. */
static uint64_t ahead(const struct hostd *d, uint64_t from, uint64_t to)
{
	return to >= from ? to - from : d->host.nframes - from + to;
}

/*
 * A dead agent's half-done drops first: the guest waits on them.  The
 * recovery cursor may travel one sweep, no more: a guest that keeps
 * forging old-epoch claims cannot hold the pass (or SIGTERM) off.
 */
static int recover(struct hostd *d, struct hostd_stats *st)
{
	uint64_t n = d->host.nframes, travelled = 0, from;
	struct lps_shmem_claim c;

	while (travelled < n && !stopping(d)) {
		from = d->host.rcursor;
		if (lps_shmem_host_recover(&d->host, &c) != 1)
			break;
		travelled += ahead(d, from, c.pfn) + 1;
		st->recovered += c.count;
		if (drop_claim(d, &c, st))
			return -LPS_EAGAIN;
	}
	return 0;
}

/*
 * Drop runs of what @how allows until the target is met or the scan
 * cursor has passed every frame once.  Counting what it passed, not how
 * often it stopped, keeps the sweep O(frames) when the guest re-marks the
 * frame just behind the cursor (each scan would otherwise wrap the whole
 * table to find it).  A run never reaches past the sweep's end, so no
 * frame is claimed twice.  Near a target, runs shrink so the pass does not
 * overshoot it by a whole run.  0, or -LPS_EAGAIN when the table changed.
 */
static int reclaim_sweep(struct hostd *d, uint32_t how, int64_t target,
			 struct hostd_stats *st)
{
	struct lps_shmem_claim c;
	uint64_t pfn, run, from, fails, n = d->host.nframes, travelled = 0;
	unsigned int punch_fails = 0;
	int err = 0;

	while (!err && travelled < n && !stopping(d)) {
		run = run_for_target(d, target);
		from = d->host.cursor;
		if (!run || lps_shmem_host_scan(&d->host, how, &pfn) != 1)
			break;
		travelled += ahead(d, from, pfn) + 1;
		if (travelled > n)
			break;
		if (run > n - travelled + 1)
			run = n - travelled + 1;
		/* Never claim in a table the guest has since replaced. */
		if (hostd_check(d)) {
			d->attached = false;
			return -LPS_EAGAIN;
		}
		err = lps_shmem_host_claim(&d->host, pfn, run, how, &c);
		if (err == -LPS_EPROTO)
			st->protocol_errors++;
		if (err) {
			err = 0;
			continue;
		}
		travelled += c.count - 1;
		fails = st->punch_errors;
		err = drop_claim(d, &c, st);
		punch_fails = st->punch_errors > fails ? punch_fails + 1 : 0;
		if (punch_fails >= HOSTD_MAX_PUNCH_FAILS) {
			st->stopped = true;
			break;
		}
	}
	st->swept += travelled < n ? travelled : n;
	return err;
}

int hostd_reclaim(struct hostd *d, uint32_t how, int64_t target,
		  struct hostd_stats *st)
{
	struct lps_shmem_host_counters before;
	int err;

	how &= LPS_RECLAIM_UNUSED | LPS_RECLAIM_VOLATILE;
	if (!d->attached || !how)
		return -LPS_EINVAL;
	before = d->host.cnt;
	if (!st->allocated_before)
		st->allocated_before = hostd_ram_allocated(d->ram);

	err = recover(d, st);

	/*
	 * Unused frames cost the guest nothing, volatile ones a re-read: the
	 * whole table's unused frames go first, volatile ones only if the
	 * target still asks for more.  Which volatile frame is coldest the
	 * table cannot say (version 1 keeps no access bits), so they go in
	 * table order.
	 */
	if (!err && (how & LPS_RECLAIM_UNUSED))
		err = reclaim_sweep(d, LPS_RECLAIM_UNUSED, target, st);
	if (!err && !st->stopped && (how & LPS_RECLAIM_VOLATILE) &&
	    run_for_target(d, target))
		err = reclaim_sweep(d, LPS_RECLAIM_VOLATILE, target, st);
	if (err || stopping(d))
		st->stopped = true;

	st->dropped_unused += d->host.cnt.drop_unused - before.drop_unused;
	st->dropped_volatile += d->host.cnt.drop_volatile -
				before.drop_volatile;
	st->allocated_after = hostd_ram_allocated(d->ram);
	return err;
}
