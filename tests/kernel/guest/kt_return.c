// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * kt_return.c - lpsmode=return: how fast the host gets back RAM the guest
 * gave up.  A child fills most of the guest's free memory with checksummed
 * data and exits, so the buddy allocator gets it back as large blocks and
 * the glue hints them unused; the guest also keeps checksummed memory of
 * its own and reads its data files (page cache the glue may offer as
 * volatile), then asks the host to reclaim.  scripts/lps-kernel-return
 * times the RAM file's shrinking; afterwards every kept byte and file is
 * checked here, so a host that dropped too much shows up as an error.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "kt_guest.h"
#include "kt_pattern.h"

#define KT_KEEP_SIZE	(64ul << 20)
#define KT_SEED_KEEP	0x6b6565702d72616dull
#define KT_SEED_CHILD	0x6368696c642d7261ull
/*
 * What the child leaves free: enough that it neither pushes the kept
 * memory to swap nor wakes the OOM killer, small against 1 GiB.
 */
#define KT_SLACK_KIB	(48l << 10)

/*
 * In a child: fill @len bytes with the child's stream and check them, so
 * the frames held data that was really there; then exit, freeing them.
 * Exit 0 when intact, 1 when a word differed, 2 when mmap failed.
 */
static void child_fill(size_t len)
{
	unsigned char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		_exit(2);
	kt_fill(p, len, KT_SEED_CHILD, 0);
	_exit(kt_check(p, len, KT_SEED_CHILD, 0) ? 1 : 0);
}

/* Run child_fill() over @len bytes and reap it; 0 when it exited 0. */
static int fill_and_free(size_t len)
{
	char msg[64];
	int status;
	pid_t pid = fork();

	if (pid < 0) {
		kt_err("fork", strerror(errno));
		return -1;
	}
	if (!pid)
		child_fill(len);
	if (waitpid(pid, &status, 0) != pid) {
		kt_err("waitpid", strerror(errno));
		return -1;
	}
	if (WIFEXITED(status) && !WEXITSTATUS(status))
		return 0;
	snprintf(msg, sizeof(msg), "child %s %d",
		 WIFEXITED(status) ? "exited" : "killed by signal",
		 WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
	kt_err("fill", msg);
	return -1;
}

/* After the reclaim: every data file, then every kept byte. */
static void verify(struct kt_work *w, const unsigned char *keep)
{
	long long before = kt_counter("discards_found");
	char msg[64];
	size_t bad;

	/* Only file pages are touched first: those discards are page cache. */
	kt_files_check(w);
	if (before >= 0)
		w->file_discards = kt_counter("discards_found") - before;
	if (!keep)
		return;
	bad = kt_check(keep, KT_KEEP_SIZE, KT_SEED_KEEP, 0);
	if (bad) {
		snprintf(msg, sizeof(msg), "%zu bad words", bad);
		kt_err("keep", msg);
		w->checksum_errors++;
	}
}

void kt_return(void)
{
	struct kt_work w;
	unsigned char *keep;
	long free_kib, child_kib, after_kib;
	int acked;

	memset(&w, 0, sizeof(w));
	keep = mmap(NULL, KT_KEEP_SIZE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (keep == MAP_FAILED) {
		kt_err("keep", strerror(errno));
		keep = NULL;
		w.errors++;
	} else {
		kt_fill(keep, KT_KEEP_SIZE, KT_SEED_KEEP, 0);
	}
	free_kib = kt_meminfo_kib("MemFree");
	child_kib = free_kib - KT_SLACK_KIB;
	if (child_kib <= 0 || fill_and_free((size_t)child_kib << 10)) {
		kt_err("fill", "no memory to fill, or the child failed");
		w.errors++;
		child_kib = 0;
	}
	/*
	 * Page cache read after the child, so nothing pushes it out.  A file
	 * wrong before the host did anything is a setup error.
	 */
	if (kt_files_check(&w) || w.checksum_errors)
		w.errors++;
	w.files_checked = 0;
	w.checksum_errors = 0;
	sync();
	kt_flush_hints();
	after_kib = kt_meminfo_kib("MemFree");
	printf("LPS-RETURN-FREED {\"memfree_before_kib\":%ld,"
	       "\"child_kib\":%ld,\"memfree_after_kib\":%ld,\"setup_errors\":%lu,"
	       "\"counters\":{", free_kib, child_kib, after_kib, w.errors);
	kt_counters_print();
	printf("}}\n");
	printf(KT_MARK_REQUEST "\n");
	acked = !kt_wait_for_host();

	verify(&w, keep);
	printf(KT_MARK_RESULT " {\"files_checked\":%lu,\"checksum_errors\":%lu,"
	       "\"setup_errors\":%lu,\"reclaim_acked\":%s,\"files_kib\":%lu,"
	       "\"kept_kib\":%lu,\"child_kib\":%ld,\"file_discards\":%lld,"
	       "\"counters\":{", w.files_checked, w.checksum_errors, w.errors,
	       acked ? "true" : "false",
	       (unsigned long)KT_NFILES * (KT_FILE_SIZE >> 10),
	       KT_KEEP_SIZE >> 10, child_kib, w.file_discards);
	kt_counters_print();
	printf("}}\n");
}
