/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * kt_guest.h - what the pieces of the in-guest /init share: the workload
 * state that must survive the host's reclaim, and the console protocol.
 */
#ifndef KT_GUEST_H
#define KT_GUEST_H

#include <stddef.h>	/* size_t */
#include <stdint.h>	/* uint64_t */
#include <stdio.h>	/* FILE */

#define KT_MNT		"/mnt"
#define KT_DBG_DIR	"/sys/kernel/debug/pagestates"

/* Console lines the host script waits for; see scripts/lps-kernel-test. */
#define KT_MARK_REQUEST	"LPS-RECLAIM-REQUEST"
#define KT_MARK_RESULT	"LPS-RESULT"
#define KT_MARK_BENCH	"LPS-BENCH"
#define KT_MARK_ERROR	"LPS-ERROR"
#define KT_MARK_POINTS	"LPS-POINTS"
#define KT_MARK_LIVE	"LPS-LIVE-START"
#define KT_MARK_BLOCKS	"LPS-BLOCKS"
#define KT_MARK_CPU	"LPS-CPU"

struct kt_buf {
	const char *name;
	unsigned char *p;
	size_t len;
	uint64_t seed;
};

struct kt_work {
	struct kt_buf anon;	/* plain anonymous memory kept */
	struct kt_buf swap;	/* anonymous, pushed to swap and back */
	struct kt_buf swap_out;	/* anonymous, left in swap over the reclaim */
	struct kt_buf locked;	/* mlocked */
	struct kt_buf rw;	/* MAP_SHARED writable view of rw.bin */
	int rw_fd;
	long swapped_kib;	/* swap in use after the pageout */
	long long file_discards;	/* discards found re-reading files */
	unsigned long files_checked;
	unsigned long checksum_errors;
	unsigned long errors;	/* setup steps that failed */
};

/* kt_work.c */
/* One MANIFEST line: a data file, its size and the FNV of its bytes. */
struct kt_manifest_entry {
	char name[256];
	unsigned long long size;
	uint64_t want;
};

/* The MANIFEST opened for kt_manifest_next(), or NULL (counted in @w). */
FILE *kt_manifest_open(struct kt_work *w);
/* The next entry into @e: 1, or 0 at the end. */
int kt_manifest_next(FILE *m, struct kt_manifest_entry *e);
int kt_files_check(struct kt_work *w);
int kt_work_setup(struct kt_work *w);
void kt_work_verify(struct kt_work *w);
/* The anonymous, mlocked and mapped buffers only (no files). */
void kt_bufs_verify(struct kt_work *w);
long kt_meminfo_kib(const char *key);

/* kt_counters.c: prints "name":value,... of the glue's debugfs counters. */
void kt_counters_print(void);
/* One line of the glue's debugfs "counters" file; -1 when absent. */
long long kt_counter(const char *name);
/* One "name value" line of the glue's debugfs file @file; -1 if absent. */
long long kt_debugfs_value(const char *file, const char *name);

/* kt_bench.c: @self is this program's path, for the exec workload. */
void kt_bench(int repeats, const char *self);

/* kt_debug.c: lpsmode=debug's additions before and after the reclaim. */
void kt_debug_setup(struct kt_work *w);
void kt_debug_compact(struct kt_work *w);
void kt_debug_verify(struct kt_work *w);

/*
 * kt_mapped.c: files mapped read-only that go volatile while mapped, read
 * again through the mappings after the reclaim (hosts with discard faults).
 */
void kt_mapped_setup(struct kt_work *w);
void kt_mapped_verify(struct kt_work *w);

/* kt_points.c: drives every transition point, prints LPS-POINTS. */
void kt_points(void);

/* kt_return.c: lpsmode=return, most of RAM freed, then the request. */
void kt_return(void);

/* kt_init.c: the console handshake; kt_wait_for_host() is 0 on "go". */
void kt_flush_hints(void);
int kt_wait_for_host(void);

/* kt_live.c: lpsmode=live, the workload the live leg reclaims under. */
void kt_live(void);

/* kt_compare.c: the workload of ./lps compare (scripts/lps-compare). */
void kt_compare(void);

/* kt_blocks.c: the 2 MiB workload, prints LPS-BLOCKS. */
void kt_blocks(void);

/* kt_cpu.c: a file the host drops, then CPU 1 offline and idle. */
void kt_cpu_setup(void);
void kt_cpu(void);

void kt_err(const char *what, const char *detail);

#endif /* KT_GUEST_H */
