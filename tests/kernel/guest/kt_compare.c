// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * kt_compare.c - the workload of `./lps compare` (lpsmode=compare): the
 * same run whichever way the host gets memory back (nothing, free page
 * reporting, page states), so the host's samples of the RAM file can be
 * laid side by side.  It reads a data set bigger than half of guest RAM,
 * allocates and frees anonymous memory in cycles, re-reads the data set,
 * then idles twice: once as it is, once after drop_caches, each time until
 * the host says so on the console.  Every byte read or written is checked.
 *
 * Only the work counts toward runtime_ms; the pauses after each free give
 * the host time to take the memory back and are the same in every mode.
 * Environment (kernel command line): cmp_cycles, cmp_anon_mib, cmp_gap_ms.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "kt_compare.h"
#include "kt_guest.h"
#include "kt_pattern.h"

#define KT_CMP_KEPT_SIZE	(16u << 20)	/* held over the whole run */
#define KT_CMP_WAIT_MS		(300 * 1000)	/* for a host command */
#define KT_CMP_SEED_ANON	0x6379636c650000ull	/* + cycle */
#define KT_CMP_SEED_KEPT	0x6b6570740000ull

struct cmp_run {
	struct kt_work files;	/* files_checked, checksum_errors */
	unsigned long anon_errors;
	long long work_ns;
};

static long long now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000ll + ts.tv_nsec;
}

static long env_long(const char *name, long def, long lo, long hi)
{
	const char *s = getenv(name);
	char *end;
	long v;

	if (!s)
		return def;
	v = strtol(s, &end, 10);
	if (end == s || *end || v < lo || v > hi) {
		kt_err(name, "out of range, using the default");
		return def;
	}
	return v;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000l };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* Wait for a console line holding @word; 0 when it came. */
static int wait_for(const char *word)
{
	struct pollfd pfd = { .fd = 0, .events = POLLIN };
	char line[64];
	ssize_t n;

	for (;;) {
		if (poll(&pfd, 1, KT_CMP_WAIT_MS) != 1)
			return -1;
		n = read(0, line, sizeof(line) - 1);
		if (n <= 0)
			return -1;
		line[n] = '\0';
		if (strstr(line, word))
			return 0;
	}
}

/* One timed step; its time goes into runtime_ms. */
static void phase_done(struct cmp_run *r, const char *name, long long t0)
{
	long long ns = now_ns() - t0;

	r->work_ns += ns;
	printf(KT_CMP_MARK_PHASE " name=%s ms=%lld\n", name, ns / 1000000);
}

static void read_pass(struct cmp_run *r, const char *name)
{
	long long t0 = now_ns();

	kt_files_check(&r->files);
	phase_done(r, name, t0);
}

static unsigned char *anon_fill(size_t len, unsigned long long seed)
{
	unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		kt_err("anon", strerror(errno));
		return NULL;
	}
	kt_fill(p, len, seed, 0);
	return p;
}

static void anon_check(struct cmp_run *r, const unsigned char *p, size_t len,
		       unsigned long long seed, const char *what)
{
	if (!p) {
		r->anon_errors++;
		return;
	}
	if (kt_check(p, len, seed, 0)) {
		kt_err(what, "bad words in anonymous memory");
		r->anon_errors++;
	}
}

/* Fill, check and free; the host times the free from the marker on. */
static void anon_cycle(struct cmp_run *r, int i, size_t len)
{
	long long t0 = now_ns();
	unsigned char *p = anon_fill(len, KT_CMP_SEED_ANON + i);

	anon_check(r, p, len, KT_CMP_SEED_ANON + i, "cycle");
	if (p && munmap(p, len))
		kt_err("munmap", strerror(errno));
	phase_done(r, "anon", t0);
	printf(KT_CMP_MARK_FREE " cycle=%d mib=%zu\n", i, len >> 20);
}

static void drop_caches(void)
{
	int fd;

	sync();
	fd = open("/proc/sys/vm/drop_caches", O_WRONLY);
	if (fd < 0 || write(fd, "3\n", 2) != 2)
		kt_err("drop_caches", strerror(errno));
	if (fd >= 0)
		close(fd);
}

void kt_compare(void)
{
	long cycles = env_long("cmp_cycles", 3, 0, 100);
	long anon_mib = env_long("cmp_anon_mib", 64, 1, 4096);
	long gap_ms = env_long("cmp_gap_ms", 4000, 0, 600000);
	size_t anon_len = (size_t)anon_mib << 20;
	struct cmp_run r;
	unsigned char *kept;
	int i, acked;

	memset(&r, 0, sizeof(r));
	kept = anon_fill(KT_CMP_KEPT_SIZE, KT_CMP_SEED_KEPT);
	read_pass(&r, "read");
	for (i = 0; i < cycles; i++) {
		anon_cycle(&r, i, anon_len);
		sleep_ms(gap_ms);
	}
	read_pass(&r, "reread");
	anon_check(&r, kept, KT_CMP_KEPT_SIZE, KT_CMP_SEED_KEPT, "kept");
	printf(KT_CMP_MARK_IDLE " runtime_ms=%lld\n", r.work_ns / 1000000);

	acked = !wait_for(KT_CMP_CMD_DROP);
	drop_caches();
	printf(KT_CMP_MARK_DROPPED " cached_kib=%ld\n",
	       kt_meminfo_kib("Cached"));
	acked &= !wait_for(KT_CMP_CMD_END);

	/* After both idles: whatever the host took must read back intact. */
	kt_files_check(&r.files);
	anon_check(&r, kept, KT_CMP_KEPT_SIZE, KT_CMP_SEED_KEPT, "kept");
	printf(KT_CMP_MARK_RESULT " {\"runtime_ms\":%lld,\"files_checked\":%lu,"
	       "\"checksum_errors\":%lu,\"setup_errors\":%lu,\"acked\":%s,"
	       "\"counters\":{", r.work_ns / 1000000, r.files.files_checked,
	       r.files.checksum_errors + r.anon_errors, r.files.errors,
	       acked ? "true" : "false");
	kt_counters_print();
	printf("}}\n");
}
