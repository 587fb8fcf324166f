// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * hostd_cli.c - pagestates-hostd's lifecycle: take the RAM file's agent
 * lock, then each pass re-check the file's size and the guest's header
 * (a rebooted guest republishes its table), attach where the host said
 * the table is (or, opted in, where a scan found it), reclaim, report.
 * SIGINT/SIGTERM end the pass after the claim in hand; a file that
 * shrinks under a pass ends that pass instead of killing the agent.
 */
#define _POSIX_C_SOURCE 200809L	/* nanosleep, sigaction, sigsetjmp */
#include <errno.h>
#include <inttypes.h>
#include <math.h>	/* isfinite */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hostd_cli.h"
#include "hostd_reclaim.h"

/* The longest --loop period: a year, far from any time_t overflow. */
#define HOSTD_MAX_LOOP_SECONDS	(365.0 * 86400.0)

static const char usage[] =
"usage: pagestates-hostd (--table GPA | --scan) [options] RAM-FILE\n"
"  --table GPA        the table's header is at guest-physical GPA, where\n"
"                     the host told the guest to put it (trusted)\n"
"  --scan             find the table by scanning RAM for its magic; any\n"
"                     guest process can plant one: trusted guests only\n"
"  --once             one reclaim pass, then exit (the default)\n"
"  --loop SECONDS     a pass every SECONDS (fractions allowed, e.g. 0.5)\n"
"                     until SIGINT/SIGTERM\n"
"  --count N          with --loop: stop after N passes\n"
"  --target-mib N     stop dropping once the file occupies <= N MiB\n"
"  --unused-only      drop unused frames only, keep volatile ones\n"
"  --ram-gpa ADDR     guest-physical address of the file's first byte\n"
"                     (0 for x86 pc and s390x, 0x40000000 for arm virt)\n"
"  --json             print one JSON line per pass on stdout\n"
"  --quiet            no progress lines on stderr\n"
"  --log-drops FILE   append one line per punched run to FILE (time,\n"
"                     first frame, frames, epoch)\n"
"  --inject-lost-drops  FAULT INJECTION, tests only: punch frames but\n"
"                     tell the guest they are intact (loses its data)\n"
"Exit status (--loop: the first non-zero pass status):\n"
"  0 passes done (also when the guest has published no table yet)\n"
"  1 a punch or protocol error       2 bad usage\n"
"  3 RAM file unusable               4 another agent holds the RAM file\n"
"  5 the table's header is invalid   6 --scan found several valid tables\n"
"  7 the RAM file shrank under a pass\n";

struct opts {
	const char *path;
	struct timespec loop;	/* between passes; zero: once */
	unsigned long count;	/* passes in loop mode; 0: unlimited */
	int64_t target;		/* bytes; < 0: none */
	uint32_t how;
	uint64_t ram_gpa;
	uint64_t table_gpa;
	int table, scan, json, quiet;
	enum hostd_fault fault;
	const char *drop_log;	/* --log-drops; NULL: none */
};

static volatile sig_atomic_t stop;
static sigjmp_buf bus_jmp;
static volatile sig_atomic_t bus_armed;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

/*
 * The file shrank under the mapping.  Leave the pass; whatever it held
 * claimed stays claimed, and the next attach recovers it as a dead
 * agent's (punched and reported as discarded: always safe).
 */
static void on_sigbus(int sig)
{
	if (bus_armed) {
		bus_armed = 0;
		siglongjmp(bus_jmp, 1);
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Parse an unsigned number in any base strtoull accepts; -1 when bad. */
static int parse_u64(const char *s, uint64_t *out)
{
	char *end;

	if (!s || !*s || *s == '-')
		return -1;
	errno = 0;
	*out = strtoull(s, &end, 0);
	return (errno || *end) ? -1 : 0;
}

/* Seconds, fractions allowed, > 0 and at most a year. */
static int parse_period(const char *s, struct timespec *ts)
{
	double v, whole;
	char *end;

	if (!s || !*s)
		return -1;
	errno = 0;
	v = strtod(s, &end);
	if (errno || *end || !isfinite(v) || v <= 0 ||
	    v > HOSTD_MAX_LOOP_SECONDS)
		return -1;
	ts->tv_sec = (time_t)v;
	whole = (double)ts->tv_sec;
	ts->tv_nsec = (long)((v - whole) * 1e9);
	if (ts->tv_nsec > 999999999L)
		ts->tv_nsec = 999999999L;
	if (!ts->tv_sec && !ts->tv_nsec)
		ts->tv_nsec = 1;
	return 0;
}

static int parse(int argc, char **argv, struct opts *o)
{
	uint64_t v;
	int i;

	memset(o, 0, sizeof(*o));
	o->target = -1;
	o->how = LPS_RECLAIM_UNUSED | LPS_RECLAIM_VOLATILE;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i], *arg = i + 1 < argc ? argv[i + 1] : NULL;

		if (!strcmp(a, "--once")) {
			o->loop.tv_sec = 0;
			o->loop.tv_nsec = 0;
		} else if (!strcmp(a, "--loop")) {
			if (parse_period(arg, &o->loop))
				return -1;
			i++;
		} else if (!strcmp(a, "--count")) {
			if (parse_u64(arg, &v))
				return -1;
			o->count = v;
			i++;
		} else if (!strcmp(a, "--target-mib")) {
			if (parse_u64(arg, &v) || v > (INT64_MAX >> 20))
				return -1;
			o->target = (int64_t)(v << 20);
			i++;
		} else if (!strcmp(a, "--ram-gpa")) {
			if (parse_u64(arg, &o->ram_gpa))
				return -1;
			i++;
		} else if (!strcmp(a, "--table")) {
			if (parse_u64(arg, &o->table_gpa))
				return -1;
			o->table = 1;
			i++;
		} else if (!strcmp(a, "--scan")) {
			o->scan = 1;
		} else if (!strcmp(a, "--unused-only")) {
			o->how = LPS_RECLAIM_UNUSED;
		} else if (!strcmp(a, "--json")) {
			o->json = 1;
		} else if (!strcmp(a, "--quiet")) {
			o->quiet = 1;
		} else if (!strcmp(a, "--log-drops")) {
			if (!arg)
				return -1;
			o->drop_log = arg;
			i++;
		} else if (!strcmp(a, "--inject-lost-drops")) {
			o->fault = HOSTD_FAULT_LOSE;
		} else if (a[0] == '-' || o->path) {
			return -1;
		} else {
			o->path = a;
		}
	}
	/* Exactly one way to find the table: the host's word, or a scan. */
	return o->path && o->table + o->scan == 1 ? 0 : -1;
}

static void print_json(const struct hostd *d, int table_err, int status,
		       const struct hostd_stats *st)
{
	const struct lps_shmem_hdr *hdr = d->attached ? d->host.hdr : NULL;

	printf("{\"agent\":true,\"ram_bytes\":%zu,\"page_size\":%u,"
	       "\"table_found\":%s,\"table_err\":%d,\"table_gpa\":%" PRIu64
	       ",\"attaches\":%lu,\"nframes\":%" PRIu64 ","
	       "\"epoch\":%u,\"recovered\":%" PRIu64 ",\"claims\":%" PRIu64 ","
	       "\"dropped_unused\":%" PRIu64 ",\"dropped_volatile\":%" PRIu64
	       ",\"punched_bytes\":%" PRIu64 ",\"freed_bytes\":%" PRIu64
	       ",\"unverified_bytes\":%" PRIu64
	       ",\"punch_errors\":%" PRIu64 ",\"protocol_errors\":%" PRIu64
	       ",\"swept\":%" PRIu64 ",\"stale_claims\":%" PRIu64
	       ",\"stopped\":%s,\"status\":%d"
	       ",\"blocks_before\":%" PRId64 ",\"blocks_after\":%" PRId64
	       ",\"returned_bytes\":%" PRId64 ",\"guest_hinted\":%u,"
	       "\"guest_discards\":%u,\"attach_ms\":%.3f,"
	       "\"reclaim_ms\":%.3f}\n",
	       d->ram->len, 1u << LPS_SHMEM_PAGE_SHIFT,
	       d->attached ? "true" : "false", table_err,
	       d->attached ? d->hdr_gpa : 0, d->attaches,
	       d->attached ? d->host.nframes : 0,
	       d->attached ? d->host.epoch : 0, st->recovered, st->claims,
	       st->dropped_unused, st->dropped_volatile, st->punched_bytes,
	       st->freed_bytes,
	       st->unverified_bytes, st->punch_errors, st->protocol_errors,
	       st->swept, st->stale_claims, st->stopped ? "true" : "false",
	       status, st->allocated_before / 512, st->allocated_after / 512,
	       st->allocated_before - st->allocated_after,
	       hdr ? lps_le32(hdr->gcnt[LPS_SHMEM_G_HINTED]) : 0,
	       hdr ? lps_le32(hdr->gcnt[LPS_SHMEM_G_DISCARDS]) : 0,
	       (double)st->attach_ns / 1e6, (double)st->reclaim_ns / 1e6);
	fflush(stdout);
}

static const char *table_says(int err, const struct opts *o)
{
	switch (err) {
	case 0:
		return "table attached";
	case -LPS_ENOTSUP:
		return o->scan ? "no state table in guest RAM" :
		       "no state table at --table (not published yet, or retired)";
	case -LPS_EBUSY:
		return "refused: several valid tables in guest RAM (--scan)";
	case -LPS_EPROTO:
		return o->scan ? "refused: the table found has an invalid header" :
		       "refused: the header at --table is invalid";
	case -LPS_ERANGE:
	case -LPS_EINVAL:
		return "refused: --table is outside the RAM file or not page-aligned";
	default:
		return lps_strerror(err);
	}
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* The exit status a table lookup gives. */
static int table_status(int err)
{
	if (!err || err == -LPS_ENOTSUP)
		return HOSTD_EXIT_OK;
	return err == -LPS_EBUSY ? HOSTD_EXIT_AMBIGUOUS : HOSTD_EXIT_BAD_TABLE;
}

/*
 * The pass proper, between arming and disarming the SIGBUS exit.  @st and
 * @err live in the caller, in memory, so a longjmp out of here leaves
 * nothing of the caller's in a clobbered register.
 */
static int pass_body(const struct opts *o, struct hostd *d,
		     struct hostd_ram *r, struct hostd_stats *st, int *err)
{
	unsigned long resized = d->resized;
	uint64_t t0 = now_ns();
	int status;
	const char *what;

	*err = hostd_settle(d);
	st->attach_ns = now_ns() - t0;
	if (*err == -LPS_EIO) {
		fprintf(stderr, "pagestates-hostd: %s: RAM file unusable: "
			"cannot map it again, or it is empty\n", o->path);
		return HOSTD_EXIT_RAM;
	}
	if (d->resized != resized && !o->quiet)
		fprintf(stderr, "pagestates-hostd: %s: the RAM file changed "
			"size (now %zu bytes); attached afresh\n", o->path,
			r->len);
	status = table_status(*err);
	t0 = now_ns();
	st->allocated_before = hostd_ram_allocated(r);
	if (d->attached && hostd_reclaim(d, o->how, o->target, st) ==
	    -LPS_EAGAIN && !o->quiet)
		fprintf(stderr, "pagestates-hostd: %s: the guest republished "
			"its table during the pass; %" PRIu64 " claimed frames "
			"left unpunched\n", o->path, st->stale_claims);
	st->reclaim_ns = now_ns() - t0;
	if (!st->allocated_after)
		st->allocated_after = hostd_ram_allocated(r);
	if (!status && (st->punch_errors || st->protocol_errors))
		status = HOSTD_EXIT_PUNCH;
	what = d->attached || !*err ? "table attached" : table_says(*err, o);
	if (!o->quiet || status)
		fprintf(stderr, "pagestates-hostd: %s: %s; dropped %" PRIu64
			" unused + %" PRIu64 " volatile frames, file %" PRId64
			" -> %" PRId64 " KiB\n", o->path, what,
			st->dropped_unused, st->dropped_volatile,
			st->allocated_before >> 10, st->allocated_after >> 10);
	return status;
}

/* One pass: re-check the file and the table, reclaim.  An exit status. */
static int pass(const struct opts *o, struct hostd *d, struct hostd_ram *r)
{
	struct hostd_stats st;
	int err = 0, status;

	memset(&st, 0, sizeof(st));
	if (sigsetjmp(bus_jmp, 1)) {
		/* Whatever the pass had counted is lost with it. */
		memset(&st, 0, sizeof(st));
		st.stopped = true;
		err = 0;
		d->attached = false;
		fprintf(stderr, "pagestates-hostd: %s: the RAM file shrank under "
			"the pass; pass ended, will re-attach\n", o->path);
		status = HOSTD_EXIT_SHRUNK;
	} else {
		bus_armed = 1;
		status = pass_body(o, d, r, &st, &err);
	}
	bus_armed = 0;
	if (status == HOSTD_EXIT_RAM)
		return status;
	if (o->json)
		print_json(d, err, status, &st);
	return status;
}

int hostd_cli_main(int argc, char **argv)
{
	struct sigaction sa;
	struct hostd_ram ram;
	struct hostd d;
	struct opts o;
	unsigned long n;
	int err, status, rc = HOSTD_EXIT_OK;

	if (parse(argc, argv, &o)) {
		fputs(usage, stderr);
		return HOSTD_EXIT_USAGE;
	}
	err = hostd_ram_open(&ram, o.path);
	if (err) {
		fprintf(stderr, "pagestates-hostd: %s: RAM file unusable: %s\n",
			o.path, strerror(-err));
		return HOSTD_EXIT_RAM;
	}
	err = hostd_ram_lock(&ram);
	if (err) {
		fprintf(stderr, "pagestates-hostd: %s: %s\n", o.path,
			err == -EBUSY ? "another agent holds this RAM file "
			"(running or stalled); refusing to start" :
			strerror(-err));
		hostd_ram_close(&ram);
		return err == -EBUSY ? HOSTD_EXIT_LOCKED : HOSTD_EXIT_RAM;
	}
	stop = 0;
	memset(&d, 0, sizeof(d));
	if (o.drop_log) {
		d.drop_log = fopen(o.drop_log, "ae");
		if (!d.drop_log) {
			fprintf(stderr, "pagestates-hostd: --log-drops %s: %s\n",
				o.drop_log, strerror(errno));
			hostd_ram_close(&ram);
			return HOSTD_EXIT_USAGE;
		}
	}
	d.ram = &ram;
	d.stop = &stop;
	d.fault = o.fault;
	d.scan = o.scan;
	d.ram_gpa = o.ram_gpa;
	d.table_gpa = o.table_gpa;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;	/* no SA_RESTART: wake the sleep */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sa.sa_handler = on_sigbus;
	sa.sa_flags = SA_NODEFER;
	sigaction(SIGBUS, &sa, NULL);
	for (n = 0; !stop; n++) {
		struct timespec left = o.loop;

		status = pass(&o, &d, &ram);
		if (!rc)
			rc = status;
		if (status == HOSTD_EXIT_RAM)
			break;
		if (!(o.loop.tv_sec || o.loop.tv_nsec) ||
		    (o.count && n + 1 >= o.count))
			break;
		while (!stop && nanosleep(&left, &left) && errno == EINTR)
			;
	}
	if (d.drop_log)
		fclose(d.drop_log);
	hostd_ram_close(&ram);
	return rc;
}
