/* SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause */
/*
 * qemu_glue_vm.h - the machine lps-qemu.c runs in under test: a flat view
 * of guest physical memory the test lays out (x86 pc with RAM above
 * 4 GiB, arm64 virt), RAMBlocks over real anonymous memory so mincore()
 * and MADV_DONTNEED behave as in QEMU, and the machine-init-done
 * notifier, fired by the test.  lps-qemu.c keeps one VM per process, so
 * the test runs each machine in a child of its own.
 */
#ifndef QEMU_GLUE_VM_H
#define QEMU_GLUE_VM_H

#include "qemu/osdep.h"
#include "qemu/rcu.h"
#include "exec/cpu-common.h"
#include "exec/memory.h"
#include "hw/boards.h"

/* A RAMBlock: host memory, and what the glue asked to discard in it. */
struct RAMBlock {
	const char *name;
	uint8_t *host;
	size_t size;
	unsigned int fail_discards;	/* fail the next this many */
	unsigned long discards;
	uint64_t discarded_bytes;
};

/* One range of the flat view: [start, start + len) is @mr from @offset. */
struct qv_range {
	hwaddr start, len;
	MemoryRegion *mr;
	hwaddr offset;
};

#include "qemu/timer.h"

#define QV_MAX_RANGES	16
#define QV_MAX_BLOCKS	4

struct qv_vm {
	MachineState ms;
	struct qv_range map[QV_MAX_RANGES];
	unsigned int nmap;
	RAMBlock *blocks[QV_MAX_BLOCKS];
	unsigned int nblocks;
	Notifier *machine_init_done;	/* what lps-qemu.c registered */
	unsigned long rcu_violations;	/* memory API outside RCU */
	unsigned long flatview_walks;
	int64_t virtual_ms;		/* QEMU_CLOCK_VIRTUAL */
	QEMUTimer *timers[4];
	unsigned int ntimers;
	unsigned long timer_fires;
	struct {			/* one-shot bottom halves queued */
		void (*cb)(void *opaque);
		void *opaque;
	} bhs[4];
	unsigned int nbhs;
	unsigned long bh_runs;
	unsigned long vcpu_pauses;	/* pause_all_vcpus() calls */
	unsigned long vcpu_resumes;
};

extern struct qv_vm qv;

/* A RAMBlock of @size bytes of fresh anonymous memory (reads as zero). */
RAMBlock *qv_block(const char *name, size_t size);

/* Map [@start, @start + @len) of guest physical memory to @mr at @offset. */
void qv_map(hwaddr start, hwaddr len, MemoryRegion *mr, hwaddr offset);

/*
 * Let @ms of virtual time pass, firing each timer whose time comes, at
 * that time, as often as it is re-armed within the span, and running the
 * bottom halves each one scheduled right after it.
 */
void qv_advance(int64_t ms);

/* Bytes of [@p, @p + @len) resident in host memory (mincore). */
uint64_t qv_resident(void *p, size_t len);

#endif
