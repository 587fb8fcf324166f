// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * hostd_main.c - pagestates-hostd, the host agent for QEMU guests whose
 * RAM is a shared file (memory-backend-file,share=on): reclaims what the
 * guest's shared state table allows, once ("reclaim now, print JSON") or
 * in a loop, and reports what the file really gave back.
 */
#define _POSIX_C_SOURCE 200809L	/* nanosleep, sigaction */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hostd_reclaim.h"

static const char usage[] =
"usage: pagestates-hostd [options] RAM-FILE\n"
"  --once             one reclaim pass, then exit (the default)\n"
"  --loop SECONDS     a pass every SECONDS until SIGINT/SIGTERM\n"
"  --count N          with --loop: stop after N passes\n"
"  --target-mib N     stop dropping once the file occupies <= N MiB\n"
"  --unused-only      drop unused frames only, keep volatile ones\n"
"  --ram-gpa ADDR     guest-physical address of the file's first byte\n"
"                     (0 for x86 pc and s390x, 0x40000000 for arm virt)\n"
"  --json             print one JSON line per pass on stdout\n"
"  --quiet            no progress lines on stderr\n"
"Exit: 0 after a pass (also when the guest published no table),\n"
"1 on a punch or protocol error, 2 on bad usage or an unusable file.\n";

struct opts {
	const char *path;
	double loop;		/* seconds between passes; 0: once */
	unsigned long count;	/* passes in loop mode; 0: unlimited */
	int64_t target;		/* bytes; < 0: none */
	uint32_t how;
	uint64_t ram_gpa;
	int json, quiet;
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
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
			o->loop = 0;
		} else if (!strcmp(a, "--loop")) {
			if (parse_u64(arg, &v) || !v)
				return -1;
			o->loop = (double)v;
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
		} else if (!strcmp(a, "--unused-only")) {
			o->how = LPS_RECLAIM_UNUSED;
		} else if (!strcmp(a, "--json")) {
			o->json = 1;
		} else if (!strcmp(a, "--quiet")) {
			o->quiet = 1;
		} else if (a[0] == '-' || o->path) {
			return -1;
		} else {
			o->path = a;
		}
	}
	return o->path ? 0 : -1;
}

static void print_json(const struct opts *o, const struct hostd *d,
		       int table_err, const struct hostd_stats *st)
{
	const struct lps_shmem_hdr *hdr = d->attached ? d->host.hdr : NULL;

	printf("{\"agent\":true,\"ram_bytes\":%zu,\"page_size\":%u,"
	       "\"table_found\":%s,\"table_err\":%d,\"nframes\":%" PRIu64 ","
	       "\"epoch\":%u,\"recovered\":%" PRIu64 ",\"claims\":%" PRIu64 ","
	       "\"dropped_unused\":%" PRIu64 ",\"dropped_volatile\":%" PRIu64
	       ",\"punched_bytes\":%" PRIu64 ",\"freed_bytes\":%" PRIu64
	       ",\"unverified_bytes\":%" PRIu64
	       ",\"punch_errors\":%" PRIu64 ",\"protocol_errors\":%" PRIu64
	       ",\"blocks_before\":%" PRId64 ",\"blocks_after\":%" PRId64
	       ",\"returned_bytes\":%" PRId64 ",\"guest_hinted\":%u,"
	       "\"guest_discards\":%u}\n",
	       d->ram->len, 1u << LPS_SHMEM_PAGE_SHIFT,
	       d->attached ? "true" : "false", table_err,
	       d->attached ? d->host.nframes : 0,
	       d->attached ? d->host.epoch : 0, st->recovered, st->claims,
	       st->dropped_unused, st->dropped_volatile, st->punched_bytes,
	       st->freed_bytes,
	       st->unverified_bytes, st->punch_errors, st->protocol_errors,
	       st->allocated_before / 512, st->allocated_after / 512,
	       st->allocated_before - st->allocated_after,
	       hdr ? lps_le32(hdr->gcnt[LPS_SHMEM_G_HINTED]) : 0,
	       hdr ? lps_le32(hdr->gcnt[LPS_SHMEM_G_DISCARDS]) : 0);
	fflush(stdout);
	(void)o;
}

/* One pass; attaches first if not yet attached.  Returns the exit code. */
static int pass(const struct opts *o, struct hostd *d, struct hostd_ram *r)
{
	struct hostd_stats st;
	int err = 0;

	memset(&st, 0, sizeof(st));
	if (!d->attached)
		err = hostd_attach(d, r, o->ram_gpa);
	st.allocated_before = hostd_ram_allocated(r);
	if (d->attached)
		hostd_reclaim(d, o->how, o->target, &st);
	else
		st.allocated_after = st.allocated_before;
	if (!o->quiet)
		fprintf(stderr, "pagestates-hostd: %s: %s; dropped %" PRIu64
			" unused + %" PRIu64 " volatile frames, file %" PRId64
			" -> %" PRId64 " KiB\n", o->path,
			d->attached ? "table attached" :
			err == -LPS_ENOTSUP ? "no state table in guest RAM" :
			lps_strerror(err), st.dropped_unused,
			st.dropped_volatile, st.allocated_before >> 10,
			st.allocated_after >> 10);
	if (o->json)
		print_json(o, d, err, &st);
	return (st.punch_errors || st.protocol_errors) ? 1 : 0;
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	struct hostd_ram ram;
	struct hostd d;
	struct opts o;
	unsigned long n;
	int err, rc = 0;

	if (parse(argc, argv, &o)) {
		fputs(usage, stderr);
		return 2;
	}
	err = hostd_ram_open(&ram, o.path);
	if (err) {
		fprintf(stderr, "pagestates-hostd: %s: %s\n", o.path,
			strerror(-err));
		return 2;
	}
	memset(&d, 0, sizeof(d));
	d.ram = &ram;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	for (n = 0; !stop; n++) {
		struct timespec ts = { .tv_sec = (time_t)o.loop };

		rc |= pass(&o, &d, &ram);
		if (!o.loop || (o.count && n + 1 >= o.count))
			break;
		nanosleep(&ts, NULL);
	}
	hostd_ram_close(&ram);
	return rc;
}
