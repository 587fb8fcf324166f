// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_hostd.c - the host agent's reclaim pass on a plain file holding a
 * synthetic guest RAM (hostd_fixture.h).  The agent must punch exactly the
 * unused and volatile frames, leave every other byte as it was, and the
 * file must really give the blocks back.
 */
#include "hostd_fixture.h"

/* The one-shot pass: every droppable frame goes, nothing else moves. */
static void test_reclaim_all(void)
{
	struct fixture f;
	struct hostd_ram r;
	struct hostd d;
	struct hostd_stats st;
	uint64_t dropped;
	unsigned int i;

	fixture_init(&f, LPS_NR_USAGE);
	LPS_CHECK_EQ(hostd_ram_open(&r, f.path), 0);
	LPS_CHECK_EQ(attach_scan(&d, &r, RAM_GPA), 0);
	memset(&st, 0, sizeof(st));
	LPS_CHECK_EQ(hostd_reclaim(&d, LPS_RECLAIM_UNUSED |
				   LPS_RECLAIM_VOLATILE, -1, &st), 0);
	LPS_CHECK_EQ(st.dropped_unused, f.n_unused);
	LPS_CHECK_EQ(st.dropped_volatile, f.n_volatile);
	dropped = (uint64_t)(f.n_unused + f.n_volatile) * PG;
	LPS_CHECK_EQ(st.punched_bytes, dropped);
	LPS_CHECK_EQ(st.freed_bytes, dropped);
	LPS_CHECK_EQ(st.unverified_bytes, 0);
	LPS_CHECK_EQ(st.punch_errors + st.protocol_errors, 0);
	LPS_CHECK_EQ(st.allocated_before - st.allocated_after,
		     (int64_t)dropped);
	LPS_CHECK_EQ(allocated(f.fd), st.allocated_after);
	/* Header and table change (epoch, counters, words) but stay. */
	for (i = 0; i < FIRST_DATA; i++)
		LPS_CHECK_EQ(hostd_ram_is_hole(&r, (uint64_t)i * PG, PG), 0);
	for (i = FIRST_DATA; i < NF; i++)
		check_frame(&f, &r, i, f.usage[i] == LPS_UNUSED ||
			    f.usage[i] == LPS_VOLATILE);

	/* A second pass finds nothing left to drop. */
	memset(&st, 0, sizeof(st));
	LPS_CHECK_EQ(hostd_reclaim(&d, LPS_RECLAIM_UNUSED |
				   LPS_RECLAIM_VOLATILE, -1, &st), 0);
	LPS_CHECK_EQ(st.dropped_unused + st.dropped_volatile, 0);
	LPS_CHECK_EQ(st.allocated_before, st.allocated_after);

	/* The guest learns of the drop exactly for volatile frames. */
	for (i = FIRST_DATA; i < NF; i++)
		if (f.usage[i] == LPS_VOLATILE)
			LPS_CHECK_EQ(lps_shmem_guest_make_stable(&f.g, i, 1),
				     LPS_R_DISCARDED);
	hostd_ram_close(&r);
	fixture_fini(&f);
}

/*
 * --unused-only keeps volatile frames; an unused frame the guest never
 * touched is punched but not counted as freed (it held no blocks).
 */
static void test_unused_only_and_target(void)
{
	struct fixture f;
	struct hostd_ram r;
	struct hostd d;
	struct hostd_stats st;
	unsigned int i, untouched = NF;
	int64_t target;

	fixture_init(&f, LPS_NR_USAGE);
	LPS_CHECK_EQ(hostd_ram_open(&r, f.path), 0);
	for (i = FIRST_DATA; i < NF && untouched == NF; i++)
		if (f.usage[i] == LPS_UNUSED)
			untouched = i;
	LPS_CHECK(untouched < NF);
	LPS_CHECK_EQ(hostd_ram_data_bytes(&r, (uint64_t)untouched * PG, PG),
		     PG);
	LPS_CHECK_EQ(hostd_ram_punch(&r, (uint64_t)untouched * PG, PG), 0);
	LPS_CHECK_EQ(hostd_ram_data_bytes(&r, (uint64_t)untouched * PG, PG),
		     0);
	LPS_CHECK_EQ(hostd_ram_data_bytes(&r, 0, (uint64_t)NF * PG),
		     (int64_t)(NF - 1) * PG);
	/* Finding the table must not fault the hole back in. */
	target = allocated(f.fd);
	LPS_CHECK_EQ(attach_scan(&d, &r, RAM_GPA), 0);
	LPS_CHECK_EQ(allocated(f.fd), target);
	memset(&st, 0, sizeof(st));
	LPS_CHECK_EQ(hostd_reclaim(&d, LPS_RECLAIM_UNUSED, -1, &st), 0);
	LPS_CHECK_EQ(st.dropped_unused, f.n_unused);
	LPS_CHECK_EQ(st.dropped_volatile, 0);
	LPS_CHECK_EQ(st.punched_bytes, (uint64_t)f.n_unused * PG);
	LPS_CHECK_EQ(st.freed_bytes, (uint64_t)(f.n_unused - 1) * PG);
	LPS_CHECK_EQ(st.allocated_before - st.allocated_after,
		     (int64_t)st.freed_bytes);
	for (i = FIRST_DATA; i < NF; i++)
		check_frame(&f, &r, i, f.usage[i] == LPS_UNUSED);
	hostd_ram_close(&r);
	fixture_fini(&f);

	/* All volatile, so one run could take everything: the target must
	 * stop it after exactly the ten frames asked for. */
	fixture_init(&f, LPS_VOLATILE);
	LPS_CHECK_EQ(hostd_ram_open(&r, f.path), 0);
	LPS_CHECK_EQ(attach_scan(&d, &r, RAM_GPA), 0);
	target = allocated(f.fd) - 10 * PG;
	memset(&st, 0, sizeof(st));
	LPS_CHECK_EQ(hostd_reclaim(&d, LPS_RECLAIM_ALL, target, &st), 0);
	LPS_CHECK_EQ(st.allocated_after, target);
	LPS_CHECK_EQ(st.dropped_volatile, 10);
	check_frame(&f, &r, FIRST_DATA + 9, 1);
	check_frame(&f, &r, FIRST_DATA + 10, 0);
	hostd_ram_close(&r);
	fixture_fini(&f);
}

/* An agent that died holding a claim: the next one finishes the drop. */
static void test_recover_dead_agent(void)
{
	struct fixture f;
	struct hostd_ram r;
	struct hostd dead, d;
	struct hostd_stats st;
	struct lps_shmem_claim c;

	fixture_init(&f, LPS_VOLATILE);
	LPS_CHECK_EQ(hostd_ram_open(&r, f.path), 0);
	LPS_CHECK_EQ(attach_scan(&dead, &r, RAM_GPA), 0);
	LPS_CHECK_EQ(lps_shmem_host_claim(&dead.host, FIRST_DATA, 3,
					  LPS_RECLAIM_VOLATILE, &c), 0);
	LPS_CHECK_EQ(c.count, 3);
	LPS_CHECK_EQ(attach_scan(&d, &r, RAM_GPA), 0);
	memset(&st, 0, sizeof(st));
	LPS_CHECK_EQ(hostd_reclaim(&d, LPS_RECLAIM_UNUSED, -1, &st), 0);
	LPS_CHECK_EQ(st.recovered, 3);
	LPS_CHECK_EQ(st.dropped_volatile, 3);
	check_frame(&f, &r, FIRST_DATA, 1);
	check_frame(&f, &r, FIRST_DATA + 2, 1);
	check_frame(&f, &r, FIRST_DATA + 3, 0);
	hostd_ram_close(&r);
	fixture_fini(&f);
}

/* Every bad input is refused with its code and changes nothing. */
static void test_bad_input(void)
{
	struct fixture f;
	struct hostd_ram r;
	struct hostd d;
	struct hostd_stats st;
	char path[64];
	int64_t before;
	int fd;

	LPS_CHECK_EQ(hostd_ram_open(&r, "/nonexistent/lps-ram"), -ENOENT);
	fd = make_file(path, 0);
	LPS_CHECK_EQ(hostd_ram_open(&r, path), -EINVAL);
	close(fd);
	unlink(path);

	/* RAM with no table: nothing to attach to. */
	fd = make_file(path, (size_t)NF * PG);
	LPS_CHECK_EQ(hostd_ram_open(&r, path), 0);
	LPS_CHECK_EQ(attach_scan(&d, &r, RAM_GPA), -LPS_ENOTSUP);
	memset(&st, 0, sizeof(st));
	LPS_CHECK_EQ(hostd_reclaim(&d, LPS_RECLAIM_ALL, -1, &st), -LPS_EINVAL);
	LPS_CHECK_EQ(hostd_ram_punch(&r, (uint64_t)NF * PG, PG), -EINVAL);
	LPS_CHECK_EQ(hostd_ram_punch(&r, 0, 0), -EINVAL);
	LPS_CHECK_EQ(hostd_ram_punch(&r, PG, ~0ull), -EINVAL);
	LPS_CHECK_EQ(hostd_ram_is_hole(&r, (uint64_t)NF * PG, PG), -EINVAL);
	LPS_CHECK_EQ(hostd_ram_data_bytes(&r, PG, (uint64_t)NF * PG),
		     -EINVAL);
	hostd_ram_close(&r);
	close(fd);
	unlink(path);

	fixture_init(&f, LPS_UNUSED);
	LPS_CHECK_EQ(hostd_ram_open(&r, f.path), 0);
	/* The wrong base address: the header is not where it says. */
	LPS_CHECK_EQ(attach_scan(&d, &r, 0), -LPS_EPROTO);
	LPS_CHECK(!d.attached);
	LPS_CHECK_EQ(attach_scan(&d, &r, RAM_GPA), 0);
	before = allocated(f.fd);
	memset(&st, 0, sizeof(st));
	LPS_CHECK_EQ(hostd_reclaim(&d, 0, -1, &st), -LPS_EINVAL);
	LPS_CHECK_EQ(hostd_reclaim(&d, LPS_RECLAIM_SWAP, -1, &st),
		     -LPS_EINVAL);
	LPS_CHECK_EQ(allocated(f.fd), before);
	LPS_CHECK_EQ(st.dropped_unused, 0);

	/* A planted copy that names the wrong address is not a table... */
	memcpy(f.map + 8 * PG, f.map, LPS_SHMEM_HDR_BYTES);
	LPS_CHECK_EQ(attach_scan(&d, &r, RAM_GPA), 0);
	LPS_CHECK(d.host.hdr == (void *)r.map);
	/* ... but a second valid header makes it ambiguous: refused. */
	((struct lps_shmem_hdr *)(void *)(f.map + 8 * PG))->hdr_gpa =
		lps_le64(RAM_GPA + 8 * PG);
	LPS_CHECK_EQ(attach_scan(&d, &r, RAM_GPA), -LPS_EBUSY);
	LPS_CHECK_EQ(allocated(f.fd), before);
	hostd_ram_close(&r);
	fixture_fini(&f);
}

/*
 * The policy: unused frames all go before any volatile one, volatile ones
 * only as far as the target needs; runs never exceed the agent's maximum.
 */
static void test_policy_and_runs(void)
{
	struct hostd_stats st;
	struct hostd_ram r;
	struct fixture f;
	struct hostd d;
	int64_t target;
	unsigned int i, vol = 0;

	fixture_init(&f, LPS_NR_USAGE);
	LPS_CHECK(f.n_unused > 0 && f.n_volatile > 5);
	LPS_CHECK_EQ(hostd_ram_open(&r, f.path), 0);
	LPS_CHECK_EQ(attach_scan(&d, &r, RAM_GPA), 0);
	target = allocated(f.fd) - (int64_t)(f.n_unused + 5) * PG;
	memset(&st, 0, sizeof(st));
	LPS_CHECK_EQ(hostd_reclaim(&d, LPS_RECLAIM_UNUSED |
				   LPS_RECLAIM_VOLATILE, target, &st), 0);
	LPS_CHECK_EQ(st.dropped_unused, f.n_unused);
	LPS_CHECK_EQ(st.dropped_volatile, 5);
	LPS_CHECK_EQ(st.allocated_after, target);
	for (i = FIRST_DATA; i < NF; i++) {
		uint32_t w = lps_le32(f.g.words[i]);
		int dropped = lps_shmem_w_content(w) == LPS_ZERO;

		if (f.usage[i] == LPS_VOLATILE)
			vol += dropped;
		check_frame(&f, &r, i, f.usage[i] == LPS_UNUSED ||
			    (f.usage[i] == LPS_VOLATILE && dropped));
	}
	LPS_CHECK_EQ(vol, 5);
	hostd_ram_close(&r);
	fixture_fini(&f);

	/* One run of 254 unused frames, cut into runs of at most 16. */
	fixture_init(&f, LPS_UNUSED);
	LPS_CHECK_EQ(hostd_ram_open(&r, f.path), 0);
	LPS_CHECK_EQ(attach_scan(&d, &r, RAM_GPA), 0);
	d.max_run = 16;
	memset(&st, 0, sizeof(st));
	LPS_CHECK_EQ(hostd_reclaim(&d, LPS_RECLAIM_UNUSED, -1, &st), 0);
	LPS_CHECK_EQ(st.dropped_unused, NF - FIRST_DATA);
	LPS_CHECK_EQ(st.claims, (NF - FIRST_DATA + 15) / 16);
	LPS_CHECK_EQ(st.punched_bytes, (uint64_t)(NF - FIRST_DATA) * PG);
	for (i = FIRST_DATA; i < NF; i++)
		check_frame(&f, &r, i, 1);
	hostd_ram_close(&r);
	fixture_fini(&f);
}

int main(void)
{
	lps_test_seed(0x686f737464ull);
	test_reclaim_all();
	test_unused_only_and_target();
	test_recover_dead_agent();
	test_bad_input();
	test_policy_and_runs();
	return lps_test_done();
}
