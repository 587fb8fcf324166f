// SPDX-License-Identifier: GPL-2.0-only OR BSD-2-Clause
/*
 * qemu_glue_vm.c - the QEMU side of lps-qemu.c under test: the memory
 * API over the flat view the test lays out, RAMBlocks over real anonymous
 * memory, the machine, its init-done notifier and QAPI's Error.
 */
#include "qemu/osdep.h"
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include "exec/address-spaces.h"
#include "qapi/error.h"
#include "qemu/main-loop.h"
#include "sysemu/cpus.h"
#include "qemu_glue_vm.h"

struct qv_vm qv;
unsigned int lps_stub_rcu_depth;
AddressSpace address_space_memory = { "memory" };
static FlatView *const qv_flatview = (FlatView *)&qv;

/* QEMU's io_mem_unassigned: what translate returns where nothing is. */
static MemoryRegion qv_unassigned = { "unassigned", false, false, false, 0,
				      UINT64_MAX, NULL, NULL };

static void qv_need_rcu(void)
{
	if (!lps_stub_rcu_depth)
		qv.rcu_violations++;
}

RAMBlock *qv_block(const char *name, size_t size)
{
	RAMBlock *rb = calloc(1, sizeof(*rb));

	rb->name = name;
	rb->size = size;
	rb->host = mmap(NULL, size, PROT_READ | PROT_WRITE,
			MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (rb->host == MAP_FAILED) {
		perror("mmap");
		exit(2);
	}
	qv.blocks[qv.nblocks++] = rb;
	return rb;
}

void qv_map(hwaddr start, hwaddr len, MemoryRegion *mr, hwaddr offset)
{
	qv.map[qv.nmap++] = (struct qv_range){ start, len, mr, offset };
}

uint64_t qv_resident(void *p, size_t len)
{
	size_t ps = qemu_real_host_page_size(), n = DIV_ROUND_UP(len, ps), i;
	unsigned char *vec = malloc(n);
	uint64_t bytes = 0;

	if (mincore(p, n * ps, vec))
		abort();
	for (i = 0; i < n; i++)
		bytes += (vec[i] & 1) ? ps : 0;
	free(vec);
	return bytes;
}

MemoryRegion *address_space_translate(AddressSpace *as, hwaddr addr,
				      hwaddr *xlat, hwaddr *len, bool is_write,
				      MemTxAttrs attrs)
{
	unsigned int i;

	(void)as;
	(void)is_write;
	(void)attrs;
	qv_need_rcu();
	for (i = 0; i < qv.nmap; i++) {
		const struct qv_range *r = &qv.map[i];

		if (addr - r->start < r->len) {
			*xlat = r->offset + (addr - r->start);
			*len = MIN(*len, r->len - (addr - r->start));
			return r->mr;
		}
	}
	*xlat = addr;
	return &qv_unassigned;
}

FlatView *address_space_to_flatview(AddressSpace *as)
{
	(void)as;
	qv_need_rcu();
	return qv_flatview;
}

void flatview_for_each_range(FlatView *fv, flatview_cb cb, void *opaque)
{
	unsigned int i;

	qv_need_rcu();
	qv.flatview_walks += fv == qv_flatview;
	for (i = 0; i < qv.nmap; i++) {
		const struct qv_range *r = &qv.map[i];

		if (cb(r->start, r->len, r->mr, r->offset, opaque))
			break;
	}
}

bool memory_region_is_ram_device(MemoryRegion *mr)
{
	return mr->ram_device;
}

void *memory_region_get_ram_ptr(MemoryRegion *mr)
{
	qv_need_rcu();
	return mr->host;
}

void memory_region_set_dirty(MemoryRegion *mr, hwaddr addr, hwaddr size)
{
	(void)mr;
	(void)addr;
	(void)size;
}

RAMBlock *qemu_ram_block_from_host(void *ptr, bool round_offset,
				   ram_addr_t *offset)
{
	unsigned int i;

	(void)round_offset;
	for (i = 0; i < qv.nblocks; i++) {
		RAMBlock *rb = qv.blocks[i];

		if ((uint8_t *)ptr >= rb->host &&
		    (uint8_t *)ptr < rb->host + rb->size) {
			*offset = (uint8_t *)ptr - rb->host;
			return rb;
		}
	}
	return NULL;
}

/* As QEMU's for anonymous private RAM: page-aligned, inside the block. */
int ram_block_discard_range(RAMBlock *rb, uint64_t start, size_t length)
{
	size_t ps = qemu_real_host_page_size();

	if (start % ps || length % ps || start > rb->size ||
	    length > rb->size - start)
		return -1;
	if (rb->fail_discards) {
		rb->fail_discards--;
		return -1;
	}
	if (madvise(rb->host + start, length, MADV_DONTNEED))
		return -1;
	rb->discards++;
	rb->discarded_bytes += length;
	return 0;
}

QEMUTimer *timer_new_ms(QEMUClockType type, QEMUTimerCB *cb, void *opaque)
{
	QEMUTimer *t = calloc(1, sizeof(*t));

	*t = (QEMUTimer){ type, cb, opaque, -1 };
	qv.timers[qv.ntimers++] = t;
	return t;
}

void timer_mod(QEMUTimer *ts, int64_t expire_time)
{
	ts->expire_ms = expire_time;
}

void timer_del(QEMUTimer *ts)
{
	ts->expire_ms = -1;
}

int64_t qemu_clock_get_ms(QEMUClockType type)
{
	return type == QEMU_CLOCK_VIRTUAL ? qv.virtual_ms : 0;
}

AioContext *qemu_get_aio_context(void)
{
	return NULL;
}

void aio_bh_schedule_oneshot(AioContext *ctx, QEMUBHFunc *cb, void *opaque)
{
	(void)ctx;	/* the main loop's, the only one here */
	if (qv.nbhs >= sizeof(qv.bhs) / sizeof(qv.bhs[0])) {
		fprintf(stderr, "qemu_glue_vm: too many bottom halves\n");
		abort();
	}
	qv.bhs[qv.nbhs].cb = cb;
	qv.bhs[qv.nbhs].opaque = opaque;
	qv.nbhs++;
}

/* The main loop's turn after the timers: every bottom half queued. */
static void qv_run_bhs(void)
{
	while (qv.nbhs) {
		qv.nbhs--;
		qv.bh_runs++;
		qv.bhs[qv.nbhs].cb(qv.bhs[qv.nbhs].opaque);
	}
}

void pause_all_vcpus(void)
{
	qv.vcpu_pauses++;
}

void resume_all_vcpus(void)
{
	qv.vcpu_resumes++;
}

void qv_advance(int64_t ms)
{
	int64_t end = qv.virtual_ms + ms;
	QEMUTimer *next;
	unsigned int i;

	for (;;) {
		next = NULL;
		for (i = 0; i < qv.ntimers; i++) {
			QEMUTimer *t = qv.timers[i];

			if (t->type == QEMU_CLOCK_VIRTUAL && t->expire_ms >= 0 &&
			    t->expire_ms <= end &&
			    (!next || t->expire_ms < next->expire_ms))
				next = t;
		}
		if (!next)
			break;
		qv.virtual_ms = MAX(qv.virtual_ms, next->expire_ms);
		next->expire_ms = -1;
		qv.timer_fires++;
		next->cb(next->opaque);
		qv_run_bhs();
	}
	qv.virtual_ms = end;
}

Object *qdev_get_machine(void)
{
	return (Object *)&qv.ms;
}

void qemu_add_machine_init_done_notifier(Notifier *notify)
{
	qv.machine_init_done = notify;
}

void error_setg(Error **errp, const char *fmt, ...)
{
	va_list ap;

	if (!errp)
		return;
	*errp = calloc(1, sizeof(**errp));
	va_start(ap, fmt);
	vsnprintf((*errp)->msg, sizeof((*errp)->msg), fmt, ap);
	va_end(ap);
}

void error_free(Error *err)
{
	free(err);
}
