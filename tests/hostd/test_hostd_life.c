// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * test_hostd_life.c - the host agent's lifecycle against a RAM file: one
 * agent per file (a second one, or a restart while the first is stalled,
 * is refused), a guest that reboots and republishes its table in place or
 * elsewhere, a table planted by a guest process, passes bounded by one
 * sweep whatever the guest does meanwhile, punches the filesystem refuses,
 * a file that grows and shrinks, SIGTERM, sub-second loops, the exit
 * codes, and the fault-injection mode that the data checks must catch.
 * Whole agents run in forked children through hostd_cli_main().
 */
#define _GNU_SOURCE		/* memfd_create, F_ADD_SEALS, pwrite, kill */
#include <pthread.h>
#include <signal.h>
#include <sys/time.h>
#include <sys/wait.h>

#include "hostd_fixture.h"
#include "hostd_cli.h"

#define GPA(frame)	(RAM_GPA + (uint64_t)(frame) * PG)
#define AGENT_ARGS	12

/* An agent in a child; its stdout (JSON lines) on *@out when @out. */
static pid_t agent_start(int *out, const char *const *args)
{
	char *argv[AGENT_ARGS + 1];
	int fds[2] = { -1, -1 }, argc = 0;
	pid_t pid;

	if (out && pipe(fds))
		exit(2);
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		exit(2);
	if (!pid) {
		if (out) {
			dup2(fds[1], 1);
			close(fds[0]);
			close(fds[1]);
		}
		argv[argc++] = strdup("pagestates-hostd");
		while (*args && argc < AGENT_ARGS)
			argv[argc++] = strdup(*args++);
		argv[argc] = NULL;
		/* _exit: no leak check, no second flush of the parent's
		 * buffers; the agent flushed its own output. */
		_exit(hostd_cli_main(argc, argv));
	}
	if (out) {
		close(fds[1]);
		*out = fds[0];
	}
	return pid;
}

/* Its exit status, or 128 + the signal that killed it. */
static int agent_wait(pid_t pid)
{
	int st;

	if (waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static int agent_run(const char *const *args)
{
	return agent_wait(agent_start(NULL, args));
}

/* One line of the agent's output (blocking); its length, 0 at EOF. */
static size_t read_line(int fd, char *buf, size_t len)
{
	size_t n = 0;

	while (n + 1 < len && read(fd, buf + n, 1) == 1)
		if (buf[n++] == '\n')
			break;
	buf[n] = 0;
	return n;
}

static void table_arg(char *buf, unsigned int frame)
{
	snprintf(buf, 32, "0x%llx", (unsigned long long)GPA(frame));
}

static void gpa_arg(char *buf)
{
	snprintf(buf, 32, "0x%llx", RAM_GPA);
}

/* Frames (only stable ones if @stable) changed since the guest wrote them. */
static unsigned int changed(const struct fixture *f, bool stable)
{
	unsigned int i, n = 0;

	for (i = 0; i < NF; i++)
		if (i != f->hdr_frame && i != f->tbl_frame &&
		    (!stable || f->usage[i] == LPS_STABLE) &&
		    frame_sum(f->map + (size_t)i * PG) != f->sum[i])
			n++;
	return n;
}

static unsigned int changed_frames(const struct fixture *f)
{
	return changed(f, false);
}

/*
 * The guest's end-to-end check: make every volatile frame stable and hold
 * each one the host did not report discarded to its checksum.  Returns
 * the checksum errors; *@discards counts the frames reported discarded.
 */
static unsigned int guest_verify(struct fixture *f, unsigned int *discards)
{
	unsigned int i, errors = 0;
	int ret;

	*discards = 0;
	for (i = 0; i < NF; i++) {
		if (f->usage[i] != LPS_VOLATILE)
			continue;
		ret = lps_shmem_guest_make_stable(&f->g, i, 1);
		LPS_CHECK(ret >= 0);
		if (ret == LPS_R_DISCARDED)
			(*discards)++;
		else if (frame_sum(f->map + (size_t)i * PG) != f->sum[i])
			errors++;
	}
	return errors;
}

/* Two agents on one file, and a restart while the first is stalled. */
static void test_one_agent_per_file(void)
{
	struct fixture f;
	struct hostd_ram a, b;
	char tbl[32], gpa[32], line[1024];
	const char *loop[] = { "--table", tbl, "--ram-gpa", gpa, "--loop",
			       "0.02", "--json", "--quiet", NULL, NULL };
	const char *once[] = { "--table", tbl, "--ram-gpa", gpa, "--quiet",
			       NULL, NULL };
	pid_t first;
	int out;

	fixture_init(&f, LPS_NR_USAGE);
	table_arg(tbl, 0);
	gpa_arg(gpa);
	loop[8] = once[5] = f.path;

	/* The lock itself: a second holder is refused until the first goes. */
	LPS_CHECK_EQ(hostd_ram_open(&a, f.path), 0);
	LPS_CHECK_EQ(hostd_ram_open(&b, f.path), 0);
	LPS_CHECK_EQ(hostd_ram_lock(&a), 0);
	LPS_CHECK_EQ(hostd_ram_lock(&b), -EBUSY);
	hostd_ram_close(&a);
	LPS_CHECK_EQ(hostd_ram_lock(&b), 0);
	hostd_ram_close(&b);

	first = agent_start(&out, loop);
	LPS_CHECK(read_line(out, line, sizeof(line)) > 0);	/* running */
	LPS_CHECK(strstr(line, "\"table_found\":true") != NULL);
	LPS_CHECK_EQ(agent_run(once), HOSTD_EXIT_LOCKED);
	/* Stalled, not dead: it could still punch, so it keeps the file. */
	LPS_CHECK_EQ(kill(first, SIGSTOP), 0);
	LPS_CHECK_EQ(agent_run(once), HOSTD_EXIT_LOCKED);
	LPS_CHECK_EQ(kill(first, SIGCONT), 0);
	LPS_CHECK_EQ(kill(first, SIGTERM), 0);
	LPS_CHECK_EQ(agent_wait(first), HOSTD_EXIT_OK);
	close(out);
	LPS_CHECK_EQ(agent_run(once), HOSTD_EXIT_OK);
	LPS_CHECK_EQ(changed(&f, true), 0);
	LPS_CHECK(changed(&f, false) > 0);
	fixture_fini(&f);
}

/* Count droppable frames the agent left in the table, and claims. */
static unsigned int claimed_words(const struct fixture *f)
{
	unsigned int i, n = 0;

	for (i = 0; i < NF; i++)
		n += !!(lps_le32(f->g.words[i]) & LPS_SHMEM_W_CLAIM);
	return n;
}

/*
 * The guest reboots and republishes its table in place: the agent notices
 * before it claims anything more, attaches afresh, and a claim it made in
 * the new table just before noticing is recovered, not left hanging.
 */
static void test_reboot_in_place(void)
{
	struct fixture f;
	struct hostd_ram r;
	struct hostd d;
	struct hostd_stats st;
	struct lps_shmem_claim c;
	unsigned int i, stale = NF;
	int64_t before;

	fixture_init(&f, LPS_NR_USAGE);
	LPS_CHECK_EQ(hostd_ram_open(&r, f.path), 0);
	LPS_CHECK_EQ(attach_at(&d, &r, GPA(0)), 0);
	LPS_CHECK_EQ(hostd_settle(&d), 0);
	LPS_CHECK_EQ(d.attaches, 1);
	memset(&st, 0, sizeof(st));
	LPS_CHECK_EQ(hostd_reclaim(&d, LPS_RECLAIM_ALL, -1, &st), 0);
	LPS_CHECK(st.dropped_unused + st.dropped_volatile > 0);

	/* Reboot: new data, new states, the same place. */
	fixture_publish(&f, 0, 1, LPS_NR_USAGE);
	LPS_CHECK_EQ(hostd_check(&d), -LPS_EAGAIN);
	before = allocated(f.fd);
	memset(&st, 0, sizeof(st));
	LPS_CHECK_EQ(hostd_reclaim(&d, LPS_RECLAIM_ALL, -1, &st),
		     -LPS_EAGAIN);
	LPS_CHECK(!d.attached);
	LPS_CHECK_EQ(st.punched_bytes, 0);
	LPS_CHECK_EQ(allocated(f.fd), before);
	LPS_CHECK_EQ(changed_frames(&f), 0);

	/* A claim that slipped in between the reboot and the check. */
	for (i = 2; i < NF && stale == NF; i++)
		if (f.usage[i] == LPS_VOLATILE)
			stale = i;
	LPS_CHECK(stale < NF);
	LPS_CHECK_EQ(lps_shmem_host_claim(&d.host, stale, 1,
					  LPS_RECLAIM_VOLATILE, &c), 0);
	LPS_CHECK_EQ(claimed_words(&f), 1);

	LPS_CHECK_EQ(hostd_settle(&d), 0);
	LPS_CHECK_EQ(d.attaches, 2);
	memset(&st, 0, sizeof(st));
	LPS_CHECK_EQ(hostd_reclaim(&d, LPS_RECLAIM_ALL, -1, &st), 0);
	LPS_CHECK_EQ(st.recovered, 1);
	LPS_CHECK_EQ(st.dropped_unused, f.n_unused);
	LPS_CHECK_EQ(st.dropped_volatile, f.n_volatile);
	LPS_CHECK_EQ(claimed_words(&f), 0);
	for (i = 2; i < NF; i++)
		check_frame(&f, &r, i, f.usage[i] == LPS_UNUSED ||
			    f.usage[i] == LPS_VOLATILE);
	hostd_ram_close(&r);
	fixture_fini(&f);
}

/*
 * The guest reboots and publishes elsewhere.  At a trusted location the
 * old place is retired (its magic gone): the agent drops nothing.  With
 * --scan it follows the one valid table, and refuses while a stale copy
 * next to the new one makes it ambiguous.
 */
static void test_reboot_moved(void)
{
	struct fixture f;
	struct hostd_ram r;
	struct hostd d;
	struct hostd_stats st;
	unsigned char old[LPS_SHMEM_HDR_BYTES];
	unsigned int i;
	int64_t before;

	fixture_init(&f, LPS_NR_USAGE);
	LPS_CHECK_EQ(hostd_ram_open(&r, f.path), 0);
	LPS_CHECK_EQ(attach_at(&d, &r, GPA(0)), 0);
	memcpy(old, f.map, sizeof(old));
	fixture_publish(&f, 10, 11, LPS_NR_USAGE);	/* frame 0 is data now */
	before = allocated(f.fd);
	LPS_CHECK_EQ(hostd_settle(&d), -LPS_ENOTSUP);
	LPS_CHECK(!d.attached);
	LPS_CHECK_EQ(hostd_reclaim(&d, LPS_RECLAIM_ALL, -1, &st),
		     -LPS_EINVAL);
	LPS_CHECK_EQ(allocated(f.fd), before);
	LPS_CHECK_EQ(changed_frames(&f), 0);

	/* --scan: the old header is still intact next to the new one. */
	LPS_CHECK_EQ(attach_scan(&d, &r, RAM_GPA), 0);
	LPS_CHECK_EQ(d.hdr_gpa, GPA(10));
	memcpy(f.map + 20 * PG, old, sizeof(old));
	((struct lps_shmem_hdr *)(void *)(f.map + 20 * PG))->hdr_gpa =
		lps_le64(GPA(20));
	((struct lps_shmem_hdr *)(void *)(f.map + 20 * PG))->table_gpa =
		lps_le64(GPA(21));
	LPS_CHECK_EQ(hostd_settle(&d), -LPS_EBUSY);
	LPS_CHECK(!d.attached);
	LPS_CHECK_EQ(allocated(f.fd), before);
	/* Once the new kernel overwrote the stale copy, it follows. */
	memset(f.map + 20 * PG, 0, LPS_SHMEM_HDR_BYTES);
	f.sum[20] = frame_sum(f.map + 20 * PG);
	LPS_CHECK_EQ(hostd_settle(&d), 0);
	LPS_CHECK_EQ(d.hdr_gpa, GPA(10));
	memset(&st, 0, sizeof(st));
	LPS_CHECK_EQ(hostd_reclaim(&d, LPS_RECLAIM_ALL, -1, &st), 0);
	LPS_CHECK_EQ(st.dropped_unused + st.dropped_volatile,
		     f.n_unused + f.n_volatile);
	for (i = 0; i < NF; i++)
		if (i != 10 && i != 11)
			check_frame(&f, &r, i, f.usage[i] == LPS_UNUSED ||
				    f.usage[i] == LPS_VOLATILE);
	hostd_ram_close(&r);
	fixture_fini(&f);
}

/*
 * No kernel table, and a guest process planted a valid-looking one in its
 * own page: the agent at the trusted location ignores it; only --scan
 * (the documented opt-in) would take it.
 */
static void test_planted_table(void)
{
	struct fixture f;
	char tbl[32], gpa[32];
	const char *trusted[] = { "--table", tbl, "--ram-gpa", gpa, "--quiet",
				  NULL, NULL };
	const char *scan[] = { "--scan", "--ram-gpa", gpa, "--quiet", NULL,
			       NULL };
	const char *neither[] = { "--ram-gpa", gpa, NULL, NULL };
	int64_t before;

	fixture_init(&f, LPS_UNUSED);
	/* The kernel's table at frame 0 never got published... */
	memset(f.map, 0, 2 * PG);
	/* ... and a process built one at frames 30 and 31. */
	fixture_publish(&f, 30, 31, LPS_UNUSED);
	memset(f.map, 0, 2 * PG);
	f.sum[0] = frame_sum(f.map);
	f.sum[1] = frame_sum(f.map + PG);
	table_arg(tbl, 0);
	gpa_arg(gpa);
	trusted[5] = scan[4] = neither[2] = f.path;
	before = allocated(f.fd);
	LPS_CHECK_EQ(agent_run(neither), HOSTD_EXIT_USAGE);
	LPS_CHECK_EQ(agent_run(trusted), HOSTD_EXIT_OK);
	LPS_CHECK_EQ(allocated(f.fd), before);
	LPS_CHECK_EQ(changed_frames(&f), 0);
	LPS_CHECK_EQ(agent_run(scan), HOSTD_EXIT_OK);
	LPS_CHECK(allocated(f.fd) < before);	/* why it is opt-in */
	fixture_fini(&f);
}

/* The exit status of each refusal. */
static void test_exit_codes(void)
{
	struct fixture f;
	char tbl[32], gpa[32];
	const char *at[] = { "--table", tbl, "--ram-gpa", gpa, "--quiet", NULL,
			     NULL };
	const char *scan[] = { "--scan", "--ram-gpa", gpa, "--quiet", NULL,
			       NULL };
	const char *bad_loop[] = { "--scan", "--loop", "1e300", NULL, NULL };
	const char *both[] = { "--scan", "--table", tbl, NULL, NULL };
	struct lps_shmem_hdr *h;

	fixture_init(&f, LPS_NR_USAGE);
	gpa_arg(gpa);
	at[5] = scan[4] = bad_loop[3] = both[3] = f.path;
	table_arg(tbl, 0);
	LPS_CHECK_EQ(agent_run(bad_loop), HOSTD_EXIT_USAGE);
	LPS_CHECK_EQ(agent_run(both), HOSTD_EXIT_USAGE);
	at[5] = "/nonexistent/lps-ram";
	LPS_CHECK_EQ(agent_run(at), HOSTD_EXIT_RAM);
	at[5] = f.path;
	table_arg(tbl, NF + 1);			/* outside the file */
	LPS_CHECK_EQ(agent_run(at), HOSTD_EXIT_BAD_TABLE);
	table_arg(tbl, 0);
	/* A second valid header: --scan cannot tell which is the kernel's. */
	memcpy(f.map + 40 * PG, f.map, LPS_SHMEM_HDR_BYTES);
	h = (void *)(f.map + 40 * PG);
	h->hdr_gpa = lps_le64(GPA(40));
	LPS_CHECK_EQ(agent_run(scan), HOSTD_EXIT_AMBIGUOUS);
	/* The trusted location does not care. */
	LPS_CHECK_EQ(agent_run(at), HOSTD_EXIT_OK);
	/* A header that is there but wrong. */
	h = (void *)f.map;
	h->nframes = lps_le64(NF * 2);
	LPS_CHECK_EQ(agent_run(at), HOSTD_EXIT_BAD_TABLE);
	fixture_fini(&f);
}

/* --loop takes fractions; --count bounds it; every pass reports. */
static void test_subsecond_loop(void)
{
	struct fixture f;
	char tbl[32], gpa[32], line[1024];
	const char *args[] = { "--table", tbl, "--ram-gpa", gpa, "--loop",
			       "0.01", "--count", "3", "--json", "--quiet",
			       NULL, NULL };
	unsigned int lines = 0;
	pid_t pid;
	int out;

	fixture_init(&f, LPS_NR_USAGE);
	table_arg(tbl, 0);
	gpa_arg(gpa);
	args[10] = f.path;
	pid = agent_start(&out, args);
	while (read_line(out, line, sizeof(line)))
		lines += strstr(line, "\"table_found\":true") != NULL;
	close(out);
	LPS_CHECK_EQ(agent_wait(pid), HOSTD_EXIT_OK);
	LPS_CHECK_EQ(lines, 3);
	fixture_fini(&f);
}

/*
 * A guest that keeps forging old-epoch claims (a process with a page of
 * the table mapped could) must not hold a pass: recovery travels one
 * sweep at most, and a stop request ends the pass.  The forger runs from
 * a timer signal inside the agent's own thread, so it strikes mid-pass
 * however busy the machine's cores are.
 */
struct forger {
	struct fixture *f;
	volatile int run;
	unsigned long forged;
};

static uint32_t *volatile forge_words;
static volatile sig_atomic_t forge_ticks;

static void forge_tick(int sig)
{
	uint32_t claimed = LPS_SHMEM_W_CLAIM | LPS_VOLATILE |
			   (0x7fu << LPS_SHMEM_W_EPOCH_SHIFT);
	uint32_t *w = forge_words;
	unsigned int i;

	(void)sig;
	if (!w)
		return;
	for (i = 2; i < NF; i++)
		__atomic_store_n(&w[i], lps_le32(claimed), __ATOMIC_RELEASE);
	forge_ticks++;
}

static void test_bounded_recovery_and_stop(void)
{
	struct itimerval every = { { 0, 200 }, { 0, 200 } }, off;
	struct fixture f;
	struct hostd_ram r;
	struct hostd d;
	struct hostd_stats st;
	struct sigaction sa;
	unsigned int pass, during = 0;
	volatile sig_atomic_t stop = 0;

	fixture_init(&f, LPS_STABLE);
	LPS_CHECK_EQ(hostd_ram_open(&r, f.path), 0);
	LPS_CHECK_EQ(attach_at(&d, &r, GPA(0)), 0);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = forge_tick;
	sa.sa_flags = SA_RESTART;
	LPS_CHECK_EQ(sigaction(SIGALRM, &sa, NULL), 0);
	forge_words = f.g.words;
	forge_ticks = 0;
	LPS_CHECK_EQ(setitimer(ITIMER_REAL, &every, NULL), 0);
	/* Until a few passes were forged into (a busy machine may take a
	 * while to deliver the first ticks). */
	for (pass = 0; during < 3 && pass < 10000000; pass++) {
		sig_atomic_t t0 = forge_ticks;

		memset(&st, 0, sizeof(st));
		LPS_CHECK_EQ(hostd_reclaim(&d, LPS_RECLAIM_ALL, -1, &st), 0);
		LPS_CHECK(st.recovered <= NF);
		during += forge_ticks != t0;
	}
	memset(&off, 0, sizeof(off));
	setitimer(ITIMER_REAL, &off, NULL);
	forge_words = NULL;
	signal(SIGALRM, SIG_DFL);
	printf("forged claims: %d ticks, %u of %u passes forged into\n",
	       (int)forge_ticks, during, pass);
	LPS_CHECK(during >= 3);

	/* Asked to stop: nothing is claimed any more. */
	fixture_publish(&f, 0, 1, LPS_VOLATILE);
	LPS_CHECK_EQ(attach_at(&d, &r, GPA(0)), 0);
	stop = 1;
	d.stop = &stop;
	memset(&st, 0, sizeof(st));
	LPS_CHECK_EQ(hostd_reclaim(&d, LPS_RECLAIM_ALL, -1, &st), 0);
	LPS_CHECK(st.stopped);
	LPS_CHECK_EQ(st.claims, 0);
	LPS_CHECK_EQ(changed_frames(&f), 0);
	hostd_ram_close(&r);
	fixture_fini(&f);
}

/*
 * The racing cursor bait: the guest takes back every frame the host just
 * dropped and marks it volatile again, right behind the cursor.  The pass
 * is still one sweep: no frame is dropped twice in it.
 */
static void *bait(void *arg)
{
	struct forger *fg = arg;
	struct fixture *f = fg->f;
	unsigned int i;

	while (fg->run) {
		for (i = 2; i < NF; i++) {
			uint32_t w = lps_le32(__atomic_load_n(&f->g.words[i],
							      __ATOMIC_ACQUIRE));

			if (lps_shmem_w_content(w) != LPS_ZERO ||
			    (w & LPS_SHMEM_W_CLAIM))
				continue;
			if (lps_shmem_guest_make_stable(&f->g, i, 1) < 0 ||
			    lps_shmem_guest_apply(&f->g, &f->g.words[i],
						  LPS_VOLATILE) < 0)
				continue;
			__atomic_add_fetch(&fg->forged, 1, __ATOMIC_RELAXED);
		}
	}
	return NULL;
}

static void test_cursor_bait(void)
{
	struct fixture f;
	struct hostd_ram r;
	struct hostd d;
	struct hostd_stats st;
	struct forger fg;
	pthread_t t;
	unsigned int i, pass, droppable = 0;

	fixture_init(&f, LPS_STABLE);
	/* Every other frame volatile: one claim per frame, many cursor
	 * stops, so the guest can get behind the cursor. */
	for (i = 2; i < NF; i += 2, droppable++)
		LPS_CHECK(lps_shmem_guest_apply(&f.g, &f.g.words[i],
						LPS_VOLATILE) >= 0);
	LPS_CHECK_EQ(hostd_ram_open(&r, f.path), 0);
	LPS_CHECK_EQ(attach_at(&d, &r, GPA(0)), 0);
	fg.f = &f;
	fg.run = 1;
	fg.forged = 0;
	LPS_CHECK_EQ(pthread_create(&t, NULL, bait, &fg), 0);
	/* Until the guest has really raced the cursor a while. */
	for (pass = 0; pass < 50 || (pass < 5000000 &&
	     __atomic_load_n(&fg.forged, __ATOMIC_RELAXED) < 2000); pass++) {
		memset(&st, 0, sizeof(st));
		LPS_CHECK_EQ(hostd_reclaim(&d, LPS_RECLAIM_ALL, -1, &st), 0);
		LPS_CHECK(st.swept <= NF);
		LPS_CHECK(st.dropped_volatile <= droppable);
	}
	fg.run = 0;
	pthread_join(t, NULL);
	printf("cursor bait: %lu frames re-marked behind the cursor\n",
	       fg.forged);
	LPS_CHECK(fg.forged > 0);
	hostd_ram_close(&r);
	fixture_fini(&f);
}

/*
 * A filesystem that refuses punching (a write-sealed memfd: fallocate
 * says EPERM).  The pass gives up after a few refusals instead of
 * claiming and aborting every frame, and every frame stays intact.
 */
static void test_failing_punches(void)
{
	struct fixture f;
	struct hostd_ram r;
	struct hostd d;
	struct hostd_stats st;
	char path[64];
	unsigned int i;
	int fd;

	memset(&f, 0, sizeof(f));
	fd = memfd_create("lps-ram", MFD_ALLOW_SEALING);
	LPS_CHECK(fd >= 0);
	LPS_CHECK_EQ(ftruncate(fd, (off_t)NF * PG), 0);
	f.fd = fd;
	f.map = mmap(NULL, (size_t)NF * PG, PROT_READ | PROT_WRITE,
		     MAP_SHARED, fd, 0);
	LPS_CHECK(f.map != MAP_FAILED);
	fixture_publish(&f, 0, 1, LPS_STABLE);
	/* Every other frame droppable: one claim, one punch per frame. */
	for (i = 2; i < NF; i += 2) {
		LPS_CHECK(lps_shmem_guest_apply(&f.g, &f.g.words[i],
						LPS_VOLATILE) >= 0);
		f.usage[i] = LPS_VOLATILE;
	}
	snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	LPS_CHECK_EQ(hostd_ram_open(&r, path), 0);
	LPS_CHECK_EQ(fcntl(fd, F_ADD_SEALS, F_SEAL_FUTURE_WRITE), 0);
	LPS_CHECK_EQ(attach_at(&d, &r, GPA(0)), 0);
	memset(&st, 0, sizeof(st));
	LPS_CHECK_EQ(hostd_reclaim(&d, LPS_RECLAIM_ALL, -1, &st), 0);
	LPS_CHECK(st.punch_errors > 0);
	LPS_CHECK(st.punch_errors <= 8);
	LPS_CHECK(st.stopped);
	LPS_CHECK_EQ(st.dropped_volatile, 0);
	LPS_CHECK_EQ(claimed_words(&f), 0);
	LPS_CHECK_EQ(changed_frames(&f), 0);
	hostd_ram_close(&r);
	munmap(f.map, (size_t)NF * PG);
	close(fd);
}

/*
 * The file grows before the agent attaches (QEMU resized it, or a wrong
 * file): the scan must stay inside the mapping.  It shrinks under a
 * running agent: no SIGBUS, the agent re-checks the size each pass.
 */
static void test_file_grows_and_shrinks(void)
{
	struct fixture f;
	struct hostd_ram r, small;
	struct hostd d;
	struct hostd_stats st;
	char gpa[32], line[1024];
	void *guard;
	const char *loop[] = { "--scan", "--ram-gpa", gpa, "--loop", "0.001",
			       "--json", "--quiet", NULL, NULL };
	unsigned char page[PG];
	unsigned int i;
	pid_t pid;
	int out, status;

	fixture_init(&f, LPS_NR_USAGE);
	LPS_CHECK_EQ(hostd_ram_open(&r, f.path), 0);
	/* Grow, with data right up to the old end and past it. */
	memset(page, 0xa5, sizeof(page));
	for (i = 0; i < 8; i++)
		LPS_CHECK_EQ(pwrite(f.fd, page, PG, (off_t)(NF + i) * PG),
			     (ssize_t)PG);
	/* The old size mapped with a guard page after it: a scan that
	 * followed the file past the mapping would fault there. */
	guard = mmap(NULL, (size_t)(NF + 1) * PG, PROT_NONE,
		     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	LPS_CHECK(guard != MAP_FAILED);
	small.fd = f.fd;
	small.len = (size_t)NF * PG;
	small.map = mmap(guard, small.len, PROT_READ | PROT_WRITE,
			 MAP_SHARED | MAP_FIXED, f.fd, 0);
	LPS_CHECK(small.map == guard);
	LPS_CHECK_EQ(attach_scan(&d, &small, RAM_GPA), 0);
	munmap(guard, (size_t)(NF + 1) * PG);
	LPS_CHECK_EQ(attach_scan(&d, &r, RAM_GPA), 0);
	LPS_CHECK_EQ(hostd_settle(&d), 0);
	LPS_CHECK_EQ(r.len, (size_t)(NF + 8) * PG);
	LPS_CHECK_EQ(d.attaches, 2);
	memset(&st, 0, sizeof(st));
	LPS_CHECK_EQ(hostd_reclaim(&d, LPS_RECLAIM_ALL, -1, &st), 0);
	for (i = 2; i < NF; i++)
		check_frame(&f, &r, i, f.usage[i] == LPS_UNUSED ||
			    f.usage[i] == LPS_VOLATILE);
	hostd_ram_close(&r);

	/* Shrink under a looping agent, to half, then to one page. */
	fixture_publish(&f, 0, 1, LPS_NR_USAGE);
	gpa_arg(gpa);
	loop[7] = f.path;
	pid = agent_start(&out, loop);
	LPS_CHECK(read_line(out, line, sizeof(line)) > 0);
	LPS_CHECK_EQ(ftruncate(f.fd, (off_t)NF / 2 * PG), 0);
	/*
	 * Lines of passes from before the truncation may still sit in the
	 * pipe (a loaded machine lets the 1 ms loop run ahead of us): read
	 * on until a pass has seen the smaller file.
	 */
	for (i = 0; i < 100000; i++)
		if (!read_line(out, line, sizeof(line)) ||
		    strstr(line, "\"table_found\":false"))
			break;
	LPS_CHECK(strstr(line, "\"table_found\":false") != NULL);
	LPS_CHECK_EQ(ftruncate(f.fd, PG), 0);
	for (i = 0; i < 5; i++)
		LPS_CHECK(read_line(out, line, sizeof(line)) > 0);
	LPS_CHECK_EQ(kill(pid, SIGTERM), 0);
	while (read_line(out, line, sizeof(line)))
		;
	close(out);
	status = agent_wait(pid);
	/* The table now describes frames outside the file: refused. */
	LPS_CHECK(status == HOSTD_EXIT_BAD_TABLE ||
		  status == HOSTD_EXIT_SHRUNK);
	munmap(f.map, (size_t)NF * PG);
	close(f.fd);
	unlink(f.path);
}

/*
 * The fault-injection agent punches frames and tells the guest they are
 * intact: the guest's checks must catch it, while the real agent gives
 * discards and no checksum error on the same guest.
 */
static void test_fault_injection_is_caught(void)
{
	struct fixture f;
	char tbl[32], gpa[32];
	const char *good[] = { "--table", tbl, "--ram-gpa", gpa, "--quiet",
			       NULL, NULL };
	const char *lose[] = { "--table", tbl, "--ram-gpa", gpa, "--quiet",
			       "--inject-lost-drops", NULL, NULL };
	unsigned int discards, errors;

	table_arg(tbl, 0);
	gpa_arg(gpa);
	fixture_init(&f, LPS_NR_USAGE);
	good[5] = f.path;
	LPS_CHECK_EQ(agent_run(good), HOSTD_EXIT_OK);
	errors = guest_verify(&f, &discards);
	printf("real agent: %u discards, %u checksum errors\n", discards,
	       errors);
	LPS_CHECK(discards > 0);
	LPS_CHECK_EQ(errors, 0);
	fixture_fini(&f);

	fixture_init(&f, LPS_NR_USAGE);
	lose[6] = f.path;
	LPS_CHECK_EQ(agent_run(lose), HOSTD_EXIT_OK);
	errors = guest_verify(&f, &discards);
	printf("lossy agent: %u discards, %u checksum errors\n", discards,
	       errors);
	LPS_CHECK_EQ(discards, 0);
	LPS_CHECK_EQ(errors, f.n_volatile);
	LPS_CHECK(errors > 0);
	fixture_fini(&f);
}

/*
 * --log-drops names every punched frame once, and only those: the frames
 * whose bytes changed are exactly the frames the lines cover.  The lossy
 * agent's lines say the guest was not told.
 */
static unsigned int drop_log_check(struct fixture *f, const char *log,
				   bool want_not_told)
{
	unsigned long long pfn, count;
	unsigned int i, covered = 0, lines = 0;
	static unsigned char seen[NF];
	char line[160];
	FILE *in = fopen(log, "r");

	LPS_CHECK(in != NULL);
	if (!in)
		return 0;
	memset(seen, 0, sizeof(seen));
	while (fgets(line, sizeof(line), in)) {
		const char *p = strstr(line, " pfn ");

		lines++;
		LPS_CHECK(p && sscanf(p, " pfn %llu count %llu", &pfn,
				      &count) == 2);
		LPS_CHECK_EQ(strstr(line, "NOT-TOLD") != NULL, want_not_told);
		LPS_CHECK(count > 0 && pfn + count <= NF);
		for (i = 0; p && i < count && pfn + i < NF; i++) {
			LPS_CHECK_EQ(seen[pfn + i], 0);
			seen[pfn + i] = 1;
			covered++;
		}
	}
	fclose(in);
	for (i = 0; i < NF; i++)
		if (i != f->hdr_frame && i != f->tbl_frame)
			LPS_CHECK_EQ(seen[i],
				     frame_sum(f->map + (size_t)i * PG) !=
				     f->sum[i]);
	printf("drop log: %u lines, %u frames\n", lines, covered);
	return covered;
}

static void test_drop_log(void)
{
	struct fixture f;
	char tbl[32], gpa[32], log[64];
	const char *args[] = { "--table", tbl, "--ram-gpa", gpa, "--quiet",
			       "--log-drops", log, NULL, NULL, NULL };
	int fd;

	table_arg(tbl, 0);
	gpa_arg(gpa);
	fd = make_file(log, 0);
	LPS_CHECK(fd >= 0);
	close(fd);

	fixture_init(&f, LPS_NR_USAGE);
	args[7] = f.path;
	LPS_CHECK_EQ(agent_run(args), HOSTD_EXIT_OK);
	LPS_CHECK_EQ(drop_log_check(&f, log, false),
		     f.n_unused + f.n_volatile);
	fixture_fini(&f);

	LPS_CHECK_EQ(truncate(log, 0), 0);
	fixture_init(&f, LPS_NR_USAGE);
	args[7] = "--inject-lost-drops";
	args[8] = f.path;
	LPS_CHECK_EQ(agent_run(args), HOSTD_EXIT_OK);
	LPS_CHECK(drop_log_check(&f, log, true) > 0);
	fixture_fini(&f);
	unlink(log);

	/* A log that cannot be opened is bad usage, before any pass. */
	fixture_init(&f, LPS_NR_USAGE);
	args[6] = "/nonexistent-dir/drops.log";
	args[7] = f.path;
	args[8] = NULL;
	LPS_CHECK_EQ(agent_run(args), HOSTD_EXIT_USAGE);
	LPS_CHECK_EQ(changed_frames(&f), 0);
	fixture_fini(&f);
}

int main(void)
{
	lps_test_seed(0x6c696665ull);
	signal(SIGPIPE, SIG_IGN);
	test_one_agent_per_file();
	test_reboot_in_place();
	test_reboot_moved();
	test_planted_table();
	test_exit_codes();
	test_subsecond_loop();
	test_bounded_recovery_and_stop();
	test_cursor_bait();
	test_failing_punches();
	test_file_grows_and_shrinks();
	test_fault_injection_is_caught();
	test_drop_log();
	return lps_test_done();
}
