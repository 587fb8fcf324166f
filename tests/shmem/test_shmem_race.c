// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_shmem_race.c - a guest thread and a host thread race on one table
 * with real CAS: the guest writes, frees, caches and re-uses frames and
 * checks every byte it gets back; the host scans, claims, "punches"
 * (zeroes) and commits, sometimes fails a punch, and now and then dies
 * mid-drop and comes back under a new epoch.  Checksums prove no data was
 * lost or handed back stale; counters prove drops, waits and recoveries
 * really happened.  Built plain and under TSAN.
 *
 * argv[1]: guest operations (default 100000).
 */
#include <pthread.h>			/* the two sides */
#include <sched.h>			/* sched_yield */

#include "lps_test.h"			/* LPS_CHECK, lps_test_seed */
#include "shmem/lps_shmem_guest.h"	/* guest side */
#include <pagestates/host/lps_shmem_host.h>	/* host side */

#define NFRAMES		64u
#define PAGE		4096u
#define WORDS		(PAGE / 8)
#define HOW		(LPS_RECLAIM_UNUSED | LPS_RECLAIM_VOLATILE)

static uint64_t ram_mem[NFRAMES * WORDS] __attribute__((aligned(4096)));
static uint64_t tbl_mem[PAGE / 8] __attribute__((aligned(4096)));
static struct lps_shmem_region ram = { ram_mem, sizeof(ram_mem), 0 };
static struct lps_shmem_region tbl = { tbl_mem, sizeof(tbl_mem),
				       1ull << 32 };
static struct lps_shmem_guest g;
static int guest_done;

/* What the guest knows of each frame; only the guest thread uses it. */
enum gstate { G_STABLE, G_VOLATILE, G_UNUSED };
static struct {
	enum gstate st;
	uint64_t version;	/* of the data it last wrote */
} gf[NFRAMES];

static uint64_t lost, stale, rereads, intact;

static uint64_t *frame(uint64_t pfn)
{
	return &ram_mem[pfn * WORDS];
}

static uint64_t pattern(uint64_t pfn, uint64_t version, uint64_t i)
{
	return (pfn << 48 ^ version << 16 ^ i) * 0x9e3779b97f4a7c15ull + 1;
}

static void fill(uint64_t pfn, uint64_t version)
{
	uint64_t i, *p = frame(pfn);

	for (i = 0; i < WORDS; i++)
		p[i] = pattern(pfn, version, i);
}

/* 1: the data of @version; 0: all zero; -1: anything else. */
static int holds(uint64_t pfn, uint64_t version)
{
	uint64_t i, *p = frame(pfn);
	bool same = true, zero = true;

	for (i = 0; i < WORDS; i++) {
		same &= p[i] == pattern(pfn, version, i);
		zero &= p[i] == 0;
	}
	return same ? 1 : zero ? 0 : -1;
}

static void mark(uint64_t pfn, enum lps_usage u)
{
	struct lps_batch b;

	memset(&b, 0, sizeof(b));
	b.hdr.magic = lps_le32(LPS_BATCH_MAGIC);
	b.hdr.version = lps_le16(LPS_BATCH_VERSION);
	b.hdr.nr = lps_le16(1);
	b.range[0].pfn = lps_le64(pfn);
	b.range[0].count = lps_le32(1);
	b.range[0].usage = lps_le32((uint32_t)u);
	if (lps_shmem_guest_submit(&g, &b))
		lost++;
}

/*
 * Make-stable as a caller must: a host holding the frame past the port's
 * bounded wait (here, one that died mid-drop and has not come back yet)
 * gets -LPS_ETIMEDOUT with nothing changed, and the caller calls again.
 */
static uint64_t timeouts;

static int make_stable(uint64_t pfn)
{
	int ret;

	while ((ret = lps_shmem_guest_make_stable(&g, pfn, 1)) ==
	       -LPS_ETIMEDOUT) {
		timeouts++;
		sched_yield();
	}
	return ret;
}

static void *guest(void *arg)
{
	uint64_t ops = *(uint64_t *)arg, n;

	for (n = 0; n < ops; n++) {
		uint64_t pfn = lps_test_below(NFRAMES);
		int ret;

		switch (gf[pfn].st) {
		case G_STABLE:
			/* Its data must be exactly what was last written. */
			if (holds(pfn, gf[pfn].version) != 1)
				stale++;
			fill(pfn, ++gf[pfn].version);
			if (lps_test_below(3)) {
				mark(pfn, LPS_VOLATILE);
				gf[pfn].st = G_VOLATILE;
			} else {
				mark(pfn, LPS_UNUSED);
				gf[pfn].st = G_UNUSED;
			}
			break;
		case G_VOLATILE:
			ret = make_stable(pfn);
			if (ret == LPS_R_DISCARDED) {
				/* Zero, or untouched if a dead host's. */
				if (holds(pfn, gf[pfn].version) < 0)
					stale++;
				fill(pfn, gf[pfn].version);	/* re-read */
				rereads++;
			} else if (ret == 0) {
				if (holds(pfn, gf[pfn].version) != 1)
					lost++;
				intact++;
			} else {
				lost++;
			}
			gf[pfn].st = G_STABLE;
			break;
		case G_UNUSED:
			if (make_stable(pfn) < 0)
				lost++;
			fill(pfn, ++gf[pfn].version);
			gf[pfn].st = G_STABLE;
			break;
		}
	}
	__atomic_store_n(&guest_done, 1, __ATOMIC_RELEASE);
	return NULL;
}

struct host_result {
	uint64_t drops, aborts, crashes, recovered, errors;
};

static void punch(const struct lps_shmem_claim *c)
{
	memset((char *)ram_mem + c->offset, 0, c->len);
}

static void recover_all(struct lps_shmem_host *h, struct host_result *r)
{
	struct lps_shmem_claim c;

	while (lps_shmem_host_recover(h, &c) == 1) {
		punch(&c);
		if (lps_shmem_host_commit(h, &c))
			r->errors++;
		r->recovered++;
	}
}

static void *host(void *arg)
{
	struct host_result *r = arg;
	struct lps_shmem_host h;
	uint64_t gpa, rounds = 0;

	if (lps_shmem_host_find(&tbl, &ram, &gpa) ||
	    lps_shmem_host_attach(&h, &tbl, &ram, gpa)) {
		r->errors++;
		return NULL;
	}
	while (!__atomic_load_n(&guest_done, __ATOMIC_ACQUIRE)) {
		struct lps_shmem_claim c;
		uint64_t pfn;

		if (lps_shmem_host_scan(&h, HOW, &pfn) != 1 ||
		    lps_shmem_host_claim(&h, pfn, 4, HOW, &c)) {
			sched_yield();
			continue;
		}
		if (++rounds % 200 == 0) {
			/* Die mid-drop (punched or not), come back anew. */
			if (rounds % 400)
				punch(&c);
			if (lps_shmem_host_attach(&h, &tbl, &ram, gpa))
				r->errors++;
			/* Give the guest a chance to resolve it first. */
			sched_yield();
			recover_all(&h, r);
			r->crashes++;
			continue;
		}
		if (rounds % 7 == 0) {
			if (lps_shmem_host_abort(&h, &c))
				r->errors++;
			r->aborts++;
			continue;
		}
		punch(&c);
		if (lps_shmem_host_commit(&h, &c))
			r->errors++;
		r->drops += c.count;
	}
	recover_all(&h, r);
	return NULL;
}

int main(int argc, char **argv)
{
	uint64_t ops = argc > 1 ? strtoull(argv[1], NULL, 0) : 100000;
	struct host_result r;
	pthread_t gt, ht;
	uint64_t pfn;

	lps_test_seed(1123);
	memset(&r, 0, sizeof(r));
	LPS_CHECK_EQ(lps_shmem_guest_setup(&g, (void *)tbl_mem, 1ull << 32,
					   (uint32_t *)(void *)(tbl_mem + 16),
					   (1ull << 32) + 128, 0, NFRAMES),
		     0);
	for (pfn = 0; pfn < NFRAMES; pfn++)
		fill(pfn, 0);
	LPS_CHECK(!pthread_create(&ht, NULL, host, &r));
	LPS_CHECK(!pthread_create(&gt, NULL, guest, &ops));
	pthread_join(gt, NULL);
	pthread_join(ht, NULL);

	printf("guest: %" PRIu64 " ops, %" PRIu64 " intact, %" PRIu64
	       " re-reads, waits %u, takeovers %u, waits given up %u"
	       " (%" PRIu64 " make-stable retries)\n", ops, intact, rereads,
	       lps_shmem_load(&g.hdr->gcnt[LPS_SHMEM_G_WAITS]),
	       lps_shmem_load(&g.hdr->gcnt[LPS_SHMEM_G_TAKEOVERS]),
	       lps_shmem_load(&g.hdr->gcnt[LPS_SHMEM_G_GAVE_UP]), timeouts);
	printf("host: %" PRIu64 " frames dropped, %" PRIu64 " aborts, %"
	       PRIu64 " crashes, %" PRIu64 " claims recovered\n", r.drops,
	       r.aborts, r.crashes, r.recovered);
	LPS_CHECK_EQ(lost, 0);
	LPS_CHECK_EQ(stale, 0);
	LPS_CHECK_EQ(r.errors, 0);
	LPS_CHECK(r.drops > 0);
	LPS_CHECK(rereads > 0);
	LPS_CHECK(intact > 0);
	/* Nothing is left claimed, and every word is well-formed. */
	for (pfn = 0; pfn < NFRAMES; pfn++) {
		uint32_t w = lps_shmem_load(&g.words[pfn]);

		LPS_CHECK(lps_shmem_word_valid(w) &&
			  !(w & LPS_SHMEM_W_CLAIM));
	}
	return lps_test_done();
}
