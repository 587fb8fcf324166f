// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * kt_init.c - /init of the kernel test's initramfs, a static C program so
 * the same source runs on every arch without a foreign busybox.  It mounts
 * what the checks need, runs the workload, asks the host on the console to
 * reclaim, waits for its answer, checks everything again and prints one
 * LPS-RESULT JSON line; then it reboots, which ends QEMU (-no-reboot).
 * The kernel command line picks the mode: lpsmode=test (default),
 * lpsmode=debug (test plus kt_debug.c's steps), lpsmode=bench,
 * lpsmode=return (kt_return.c), lpsmode=live (kt_live.c) or
 * lpsmode=compare (kt_compare.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/swap.h>
#include <unistd.h>

#include "kt_guest.h"
#include "kt_pattern.h"

#define KT_ACK_TIMEOUT_MS	(180 * 1000)

static void must_mount(const char *src, const char *dst, const char *type)
{
	mkdir(dst, 0755);
	if (mount(src, dst, type, 0, NULL) && errno != EBUSY)
		kt_err(dst, strerror(errno));
}

/*
 * The data disk is the ext2 one and the swap disk the other: virtio-ccw
 * probes its devices in no fixed order, so vda is not always the first
 * -device on the QEMU command line.
 */
static void mount_disks(void)
{
	static const char *const disk[2] = { "/dev/vda", "/dev/vdb" };
	int i;

	mkdir(KT_MNT, 0755);
	for (i = 0; i < 2; i++)
		if (!mount(disk[i], KT_MNT, "ext2", 0, NULL))
			break;
	if (i == 2) {
		kt_err(KT_MNT, "no ext2 data disk on vda or vdb");
		return;
	}
	if (swapon(disk[!i], 0))
		kt_err("swapon", strerror(errno));
}

/* Wait for the host's "go" line; 0 when it came, -1 on timeout. */
int kt_wait_for_host(void)
{
	struct pollfd pfd = { .fd = 0, .events = POLLIN };
	char line[64];
	ssize_t n;

	for (;;) {
		if (poll(&pfd, 1, KT_ACK_TIMEOUT_MS) != 1)
			return -1;
		n = read(0, line, sizeof(line) - 1);
		if (n <= 0)
			return -1;
		line[n] = '\0';
		if (strstr(line, "go"))
			return 0;
	}
}

/* Hand every CPU's pending hints to the host before it looks. */
void kt_flush_hints(void)
{
	int fd = open(KT_DBG_DIR "/flush", O_WRONLY);

	if (fd < 0)
		return;
	if (write(fd, "1\n", 2) != 2)
		kt_err("flush", strerror(errno));
	close(fd);
}

static int run_test(int debug)
{
	struct kt_work w;
	long cached_kib, swapcached_kib, mem_free_kib;
	int acked;

	kt_work_setup(&w);
	kt_mapped_setup(&w);
	if (debug)
		kt_debug_setup(&w);
	kt_cpu_setup();
	sync();
	kt_flush_hints();
	cached_kib = kt_meminfo_kib("Cached");
	swapcached_kib = kt_meminfo_kib("SwapCached");
	mem_free_kib = kt_meminfo_kib("MemFree");
	printf("LPS-COUNTERS-BEFORE {");
	kt_counters_print();
	printf("}\n");
	printf(KT_MARK_REQUEST "\n");
	acked = !kt_wait_for_host();
	if (debug)
		kt_debug_compact(&w);
	kt_mapped_verify(&w);
	kt_work_verify(&w);
	if (debug)
		kt_debug_verify(&w);
	printf(KT_MARK_RESULT " {\"files_checked\":%lu,\"checksum_errors\":%lu,"
	       "\"setup_errors\":%lu,\"reclaim_acked\":%s,"
	       "\"files_kib\":%lu,\"cached_kib\":%ld,\"swapcached_kib\":%ld,"
	       "\"memfree_kib\":%ld,\"swapped_kib\":%ld,\"file_discards\":%lld,"
	       "\"counters\":{", w.files_checked, w.checksum_errors, w.errors,
	       acked ? "true" : "false",
	       (unsigned long)KT_NFILES * (KT_FILE_SIZE >> 10), cached_kib,
	       swapcached_kib, mem_free_kib, w.swapped_kib, w.file_discards);
	kt_counters_print();
	printf("}}\n");
	kt_cpu();
	kt_points();
	kt_blocks();
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode = getenv("lpsmode");

	/* The bench's exec workload runs this binary from the data disk. */
	if (argc > 1 && !strcmp(argv[1], "--exit"))
		return 0;

	setvbuf(stdout, NULL, _IOLBF, 0);
	must_mount("proc", "/proc", "proc");
	must_mount("sysfs", "/sys", "sysfs");
	must_mount("devtmpfs", "/dev", "devtmpfs");
	must_mount("debugfs", "/sys/kernel/debug", "debugfs");
	mount_disks();

	if (mode && !strcmp(mode, "bench"))
		kt_bench(5, argv[0]);
	else if (mode && !strcmp(mode, "return"))
		kt_return();
	else if (mode && !strcmp(mode, "live"))
		kt_live();
	else if (mode && !strcmp(mode, "compare"))
		kt_compare();
	else
		run_test(mode && !strcmp(mode, "debug"));

	sync();
	printf("LPS-DONE\n");
	reboot(RB_AUTOBOOT);
	return 0;
}
